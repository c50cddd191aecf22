/**
 * lint(text, packs) → Finding[]: pure and synchronous, the same in the browser, Node and tests.
 * Findings are sorted by start and never overlap (more severe wins, then longer).
 */
import { compile, type CompiledRule, type Entry, type Matcher } from './compile';
import type { Expansion } from './expand';
import { contextHolds, type Window } from './context';
import { foldCase, foldWidth, isWordChar } from './normalize';
import { mayMatch } from './prefilter';
import { Structure } from './structure';
import type { Finding, LintOptions, Pack, RuleLang } from './types';

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  groups?: (string | null)[];
}

const cache = new WeakMap<readonly Pack[], Matcher>();

/** Compile once per packs array (by identity); pass a Matcher directly to skip even that lookup. */
export function matcherFor(packs: readonly Pack[] | Matcher): Matcher {
  if (!Array.isArray(packs)) return packs as Matcher;
  let m = cache.get(packs);
  if (!m) cache.set(packs, (m = compile(packs)));
  return m;
}

export function lint(text: string, packs: readonly Pack[] | Matcher, options: LintOptions = {}): Finding[] {
  if (!text) return [];
  const matcher = matcherFor(packs);
  const folded = foldCase(text);
  let widthFolded: string | undefined;
  const structure = new Structure(text, options.includeQuoted ?? false);
  const candidates: Candidate[] = [];
  // Pattern rules to run, per sentence: rule index → sentence start → sentence end.
  const toRun = new Map<number, Map<number, number>>();

  const collect = (entries: Entry[]) => (p: number, start: number, end: number) => {
    const e = entries[p]!;
    if (e.kind === 'phrase') candidates.push({ rule: matcher.rules[e.rule]!, start, end });
    else if (e.kind === 'expansion') {
      let list = expanded.get(e.rule);
      if (!list) expanded.set(e.rule, (list = []));
      list.push({ x: e.expansion!, start, end });
    } else if (e.kind === 'gate') {
      let set = gates.get(e.rule);
      if (!set) gates.set(e.rule, (set = new Set()));
      set.add(structure.sentenceStartAt(start));
    } else {
      let set = toRun.get(e.rule);
      if (!set) toRun.set(e.rule, (set = new Map()));
      set.set(structure.sentenceStartAt(start), Math.max(structure.sentenceEndAt(start), end));
    }
  };
  // Hits of expanded finite patterns, and the sentences holding an anchor of such a rule.
  const expanded = new Map<number, { x: Expansion; start: number; end: number }[]>();
  const gates = new Map<number, Set<number>>();
  if (matcher.insensitive) matcher.insensitive.ac.search(folded, collect(matcher.insensitive.entries));
  if (matcher.sensitive) matcher.sensitive.ac.search((widthFolded ??= foldWidth(text)), collect(matcher.sensitive.entries));

  const runPattern = (rule: CompiledRule, from: number, to: number) => {
    // Case-insensitive patterns run on the folded text already at hand; only case-sensitive
    // ones need the width-folded original.
    const src = rule.rule.caseSensitive ? (widthFolded ??= foldWidth(text)) : folded;
    const input = src.slice(from, to);
    // Most anchor hits are not matches: the pattern's required literals rule out most of them
    // for the price of a few indexOf calls.
    const pf = rule.prefilter;
    if (pf && !mayMatch(pf, input)) return;
    // re2js answers "is there a match" with its DFA, far faster than locating submatches;
    // most anchor hits are not matches, so ask that first.
    if (!rule.pattern.test(input)) return;
    const m = rule.pattern.matcher(input);
    while (m.find()) {
      // A (?P<span>…) group narrows the finding; the rest of the match is context.
      const start = rule.spanGroup ? m.start('span') : m.start();
      const end = rule.spanGroup ? m.end('span') : m.end();
      if (start < 0 || end <= start) continue;
      // Group texts from the original (the pattern ran on folded text of the same length).
      const groups: (string | null)[] = [];
      for (let g = 0; g <= Math.min(m.groupCount(), 9); g++) {
        const gs = m.start(g);
        groups.push(gs >= 0 ? text.slice(from + gs, from + m.end(g)) : null);
      }
      candidates.push({ rule, start: from + start, end: from + end, groups });
    }
  };
  for (const [ruleIndex, hits] of expanded) replayScan(matcher.rules[ruleIndex]!, hits, gates.get(ruleIndex), structure, text, folded, candidates);
  for (const [ruleIndex, sentences] of toRun) {
    for (const [start, end] of sentences) runPattern(matcher.rules[ruleIndex]!, start, end);
  }
  for (const ruleIndex of matcher.unanchored) runPattern(matcher.rules[ruleIndex]!, 0, text.length);

  const disabled = options.disabledRules ? new Set(options.disabledRules) : undefined;
  const only = options.only ? new Set(options.only) : undefined;
  const kept = candidates.filter(
    (c) =>
      !(disabled?.has(c.rule.rule.id)) &&
      !(only && !only.has(c.rule.rule.category)) &&
      accepts(c, text, folded, structure, options.lang ?? 'auto'),
  );
  return resolveOverlaps(kept, text.length).map((c) => toFinding(c, text, matcher));
}

/**
 * What the regex would have reported, from the hits of its expanded strings: only in sentences
 * holding an anchor (when the rule names anchors), leftmost first, the highest-priority
 * alternative at each start, non-overlapping.
 */
function replayScan(
  rule: CompiledRule,
  hits: { x: Expansion; start: number; end: number }[],
  gate: Set<number> | undefined,
  structure: Structure,
  text: string,
  folded: string,
  out: Candidate[],
): void {
  const gated = (rule.rule.anchors?.length ?? 0) > 0;
  hits.sort((a, b) => a.start - b.start || a.x.priority - b.x.priority);
  let scanFrom = 0;
  for (const h of hits) {
    if (h.start < scanFrom) continue;
    // A hit the regex could not have made (its \b fails here) must not claim the place: the
    // regex would have tried its next alternative at this start.
    if (h.x.edgeStart && !re2Boundary(folded, h.start)) continue;
    if (h.x.edgeEnd && !re2Boundary(folded, h.end)) continue;
    if (gated && !gate?.has(structure.sentenceStartAt(h.start))) continue;
    scanFrom = h.end;
    if (h.x.silent) continue;
    const groups: string[] = [text.slice(h.start, h.end)];
    for (const g of h.x.groups) groups.push(g ? text.slice(h.start + g[0], h.start + g[1]) : '');
    const span = h.x.span;
    out.push({ rule, start: span ? h.start + span[0] : h.start, end: span ? h.start + span[1] : h.end, groups });
  }
}

const isAsciiWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** RE2's \b: an ASCII word character on exactly one side. */
function re2Boundary(text: string, at: number): boolean {
  const before = at > 0 && isAsciiWord(text.charCodeAt(at - 1));
  const after = at < text.length && isAsciiWord(text.charCodeAt(at));
  return before !== after;
}

function accepts(c: Candidate, text: string, folded: string, s: Structure, lang: RuleLang | 'auto'): boolean {
  const rule = c.rule.rule;
  if (lang !== 'auto' && rule.lang !== lang) return false;
  if (lang === 'auto' && s.langAt(c.start) !== rule.lang) return false;
  if (s.isSkipped(c.start, c.end)) return false;
  const english = rule.lang === 'en';
  // English words have edges: "can't" must not match inside "scan'tly", "but" not in "button".
  // Checked on the folded text (ｂｕｔｔｏｎ is a word too); a match that begins or ends with an
  // apostrophe ("'ll never") joins the word before or after it by design.
  if (english) {
    const first = folded.charCodeAt(c.start);
    const last = folded.charCodeAt(c.end - 1);
    if (first !== 39 && isWordChar(first) && c.start > 0 && isWordChar(folded.charCodeAt(c.start - 1))) return false;
    if (last !== 39 && isWordChar(last) && c.end < folded.length && isWordChar(folded.charCodeAt(c.end))) return false;
  }
  if (!c.rule.hasContext) return true;
  // What follows the match is read from where the match ends (it may cross a comma).
  const sentenceStart = s.sentenceStartAt(c.start);
  const w: Window = {
    folded,
    start: c.start,
    end: c.end,
    clauseStart: s.clauseStartAt(c.start),
    clauseEnd: Math.max(s.clauseEndAt(c.end - 1), c.end),
    sentenceStart,
    sentenceEnd: Math.max(s.sentenceEndAt(c.end - 1), c.end),
    previousStart: c.rule.needsPreviousSentence ? s.previousSentenceStart(s.sentenceAt(c.start)) : sentenceStart,
    english,
  };
  if (c.rule.unless && contextHolds(c.rule.unless, w, 'any')) return false;
  if (c.rule.when && !contextHolds(c.rule.when, w, 'all')) return false;
  return true;
}

function resolveOverlaps(cands: Candidate[], length: number): Candidate[] {
  if (cands.length <= 1) return cands;
  cands.sort(
    (a, b) =>
      SEVERITY_RANK[a.rule.severity] - SEVERITY_RANK[b.rule.severity] ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      a.rule.order - b.rule.order,
  );
  const taken = new Uint8Array(length);
  const out: Candidate[] = [];
  outer: for (const c of cands) {
    for (let i = c.start; i < c.end; i++) if (taken[i]) continue outer;
    taken.fill(1, c.start, c.end);
    out.push(c);
  }
  return out.sort((a, b) => a.start - b.start);
}

function expand(template: string, c: Candidate, matched: string): string {
  const out = template.includes('$')
    ? template.replace(/\$(\d|&)/g, (_, g: string) => (g === '&' ? matched : (c.groups?.[Number(g)] ?? '')))
    : template;
  // Keep sentence case in English: "But" → "And", not "and".
  if (c.rule.rule.lang === 'en') {
    const m = matched.charCodeAt(0);
    const o = out.charCodeAt(0);
    if (m >= 65 && m <= 90 && o >= 97 && o <= 122) return out[0]!.toUpperCase() + out.slice(1);
  }
  return out;
}

function toFinding(c: Candidate, text: string, matcher: Matcher): Finding {
  const rule = c.rule.rule;
  const matched = text.slice(c.start, c.end);
  return {
    ruleId: rule.id,
    packId: c.rule.packId,
    category: rule.category,
    severity: c.rule.severity,
    start: c.start,
    end: c.end,
    text: matched,
    message: rule.message,
    why: rule.why,
    suggestions: (rule.suggestions ?? []).map((s) => expand(s, c, matched)),
    phrases: (rule.phrases ?? []).filter((id) => matcher.phrases.has(id)),
  };
}
