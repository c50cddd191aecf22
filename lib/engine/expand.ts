/**
 * Many pattern rules describe a finite set of phrases ("我们?(?:实在)?(?:不能|无法)"). Those are
 * expanded here into literals, so they join the single Aho–Corasick pass and no regex runs for
 * them at all; lint() then replays the regex's leftmost-first, non-overlapping scan over the
 * hits, so results are the same. Anything not plainly finite (*, +, ., classes like \s, anchors, flags) is left to
 * re2js: expansion returns null, never a guess.
 */

export interface Expansion {
  text: string;
  /** Rank among the pattern's alternatives: a regex prefers the lowest at a given start. */
  priority: number;
  /** Offsets of the (?P<span>…) group within text, if the pattern has one. */
  span?: [number, number];
  /** Offsets of capture groups 1…n within text (null when the group did not take part). */
  groups: ([number, number] | null)[];
  /** The pattern has a span group that this alternative leaves out or empty: the regex matches
   * here (and so consumes the text) but reports nothing. */
  silent?: boolean;
  /** The pattern begins / ends with \b: checked on the text at match time (RE2's ASCII rule). */
  edgeStart?: boolean;
  edgeEnd?: boolean;
}

type Node =
  | { kind: 'lit'; text: string }
  | { kind: 'cat'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'opt'; item: Node }
  | { kind: 'group'; item: Node; index?: number; isSpan: boolean };

class GiveUp extends Error {}

const META = new Set(['\\', '(', ')', '|', '?', '*', '+', '.', '[', ']', '{', '}', '^', '$']);

function parse(p: string): { node: Node; groups: number; edgeStart: boolean; edgeEnd: boolean; hasSpan: boolean } {
  let i = 0;
  let groups = 0;
  let hasSpan = false;
  // A leading/trailing \b becomes a check on the text around each hit (lint.ts replayScan).
  const edgeStart = p.startsWith('\\b');
  if (edgeStart) p = p.slice(2);
  const edgeEnd = p.endsWith('\\b') && !p.endsWith('\\\\b');
  if (edgeEnd) p = p.slice(0, -2);
  // Astral characters are two UTF-16 units: a quantifier would apply to half of one.
  if (/[\ud800-\udfff]/.test(p)) throw new GiveUp();
  const alt = (): Node => {
    const options = [cat()];
    while (p[i] === '|') {
      i++;
      options.push(cat());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  };
  const cat = (): Node => {
    const items: Node[] = [];
    while (i < p.length && p[i] !== '|' && p[i] !== ')') {
      let atom = primary();
      if (p[i] === '?') {
        i++;
        if (p[i] === '?') throw new GiveUp(); // lazy: leftmost-first subtleties
        atom = { kind: 'opt', item: atom };
      } else if (p[i] === '*' || p[i] === '+' || p[i] === '{') throw new GiveUp();
      items.push(atom);
    }
    return { kind: 'cat', items };
  };
  const primary = (): Node => {
    const c = p[i]!;
    if (c === '(') {
      i++;
      let index: number | undefined;
      let isSpan = false;
      if (p.startsWith('?:', i)) i += 2;
      else if (p.startsWith('?P<', i) || p.startsWith('?<', i)) {
        const close = p.indexOf('>', i);
        const name = p.slice(p.indexOf('<', i) + 1, close);
        i = close + 1;
        index = ++groups;
        isSpan = name === 'span';
        hasSpan ||= isSpan;
      } else if (p[i] === '?') throw new GiveUp(); // flags
      else index = ++groups;
      const item = alt();
      if (p[i] !== ')') throw new GiveUp();
      i++;
      return { kind: 'group', item, index, isSpan };
    }
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined || /[A-Za-z0-9]/.test(n)) throw new GiveUp(); // \b \s \d \p… inside
      i += 2;
      return { kind: 'lit', text: n };
    }
    if (META.has(c)) throw new GiveUp();
    i++;
    return { kind: 'lit', text: c };
  };
  const node = alt();
  if (i !== p.length) throw new GiveUp();
  return { node, groups, edgeStart, edgeEnd, hasSpan };
}

interface Partial {
  text: string;
  span?: [number, number];
  groups: ([number, number] | undefined)[];
}

function expandNode(node: Node, limit: number): Partial[] {
  switch (node.kind) {
    case 'lit':
      return [{ text: node.text, groups: [] }];
    case 'alt':
      return cap(node.options.flatMap((o) => expandNode(o, limit)), limit);
    case 'opt':
      // Greedy: taking the optional part has priority, as in the regex.
      return cap([...expandNode(node.item, limit), { text: '', groups: [] }], limit);
    case 'group':
      return expandNode(node.item, limit).map((x) => {
        const groups = [...x.groups];
        if (node.index !== undefined) groups[node.index] = [0, x.text.length];
        return { text: x.text, groups, span: node.isSpan ? [0, x.text.length] : x.span };
      });
    case 'cat': {
      let acc: Partial[] = [{ text: '', groups: [] }];
      for (const item of node.items) {
        const next = expandNode(item, limit);
        const out: Partial[] = [];
        for (const a of acc) {
          for (const b of next) {
            const groups = [...a.groups];
            const shift = a.text.length;
            b.groups.forEach((g, k) => g !== undefined && (groups[k] = [g[0] + shift, g[1] + shift]));
            const span = b.span ? ([a.text.length + b.span[0], a.text.length + b.span[1]] as [number, number]) : a.span;
            out.push({ text: a.text + b.text, groups, span });
          }
        }
        acc = cap(out, limit);
      }
      return acc;
    }
  }
}

function expandStrings(node: Node, limit: number): string[] {
  switch (node.kind) {
    case 'lit':
      return [node.text];
    case 'alt':
      return cap(node.options.flatMap((o) => expandStrings(o, limit)), limit);
    case 'opt':
      return cap([...expandStrings(node.item, limit), ''], limit);
    case 'group':
      return expandStrings(node.item, limit);
    case 'cat': {
      let acc = [''];
      for (const item of node.items) {
        const next = expandStrings(item, limit);
        if (next.length === 1) {
          const only = next[0]!;
          acc = acc.map((a) => a + only);
          continue;
        }
        const out: string[] = [];
        for (const a of acc) for (const b of next) out.push(a + b);
        acc = cap(out, limit);
      }
      return acc;
    }
  }
}

function cap<T>(list: T[], limit: number): T[] {
  if (list.length > limit) throw new GiveUp();
  return list;
}

/** The finite set of strings a pattern matches, or null if it is not plainly finite and small. */
export function expandPattern(pattern: string, english: boolean, limit = 2000): Expansion[] | null {
  try {
    const { node, groups, edgeStart, edgeEnd, hasSpan } = parse(pattern);
    if ((edgeStart || edgeEnd) && !english) return null;
    const seen = new Set<string>();
    const out: Expansion[] = [];
    const add = (text: string, span: [number, number] | undefined, g: ([number, number] | null)[]) => {
      const key = `${text}\u0000${span?.join(',') ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      const silent = hasSpan && (!span || span[0] === span[1]);
      out.push({ text, priority: out.length, span, groups: g, ...(silent && { silent }), ...(edgeStart && { edgeStart }), ...(edgeEnd && { edgeEnd }) });
    };
    if (groups === 0) {
      // No groups to track (the common case): expand plain strings, much cheaper.
      for (const text of expandStrings(node, limit)) {
        if (!text) return null; // matches the empty string: leave to re2js
        add(text, undefined, []);
      }
      return out;
    }
    for (const x of expandNode(node, limit)) {
      if (!x.text) return null;
      const g: ([number, number] | null)[] = [];
      for (let k = 1; k <= groups; k++) g.push(x.groups[k] ?? null);
      add(x.text, x.span, g);
    }
    return out;
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}
