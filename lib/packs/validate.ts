/**
 * Raw pack text (YAML or JSON) → a validated Pack, or every problem with its path and line.
 * A pack is accepted whole or not at all.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { PatternError, compilePattern } from '../engine/regex';
import type { Pack, Rule } from '../engine/types';
import { checkPackExamples } from './examples';
import { formatPath, type Problem } from './path';
import { LIMITS, packSchema } from './schema';

export type PackResult = { ok: true; pack: Pack; problems: [] } | { ok: false; problems: Problem[] };

export interface ValidateOptions {
  /** Run each rule's examples (default true): an example that contradicts its rule is an error. */
  examples?: boolean;
}

export function parsePackText(source: string, options: ValidateOptions = {}): PackResult {
  const bytes = new TextEncoder().encode(source).length;
  if (bytes > LIMITS.bytes) {
    return fail([{ path: '(root)', message: `pack is ${(bytes / 1048576).toFixed(1)} MB; the limit is ${LIMITS.bytes / 1048576} MB` }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return fail(
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return { path: '(syntax)', message: e.message.split('\n')[0]!, line: pos.line, column: pos.col };
      }),
    );
  }
  const locate = (path: readonly (string | number)[]): Pick<Problem, 'line' | 'column'> => {
    // Walk down as far as the path exists, so a missing key points at its parent.
    let node: unknown = doc.contents;
    let best: Node | undefined = doc.contents ?? undefined;
    for (const key of path) {
      if (isMap(node) || isSeq(node)) {
        const child = node.get(key as never, true) as Node | undefined;
        if (!child) {
          if (isMap(node)) {
            const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
            if (pair?.key) best = pair.key as Node;
          }
          break;
        }
        node = child;
        best = child;
      } else break;
    }
    if (!best?.range) return {};
    const pos = lines.linePos(best.range[0]);
    return { line: pos.line, column: pos.col };
  };
  return validatePack(doc.toJS(), options, locate);
}

export function validatePack(
  raw: unknown,
  options: ValidateOptions = {},
  locate: (path: readonly (string | number)[]) => Pick<Problem, 'line' | 'column'> = () => ({}),
): PackResult {
  const problems: Problem[] = [];
  const at = (path: (string | number)[], message: string) => problems.push({ path: formatPath(path), message, ...locate(path) });
  const parsed = packSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      at(issue.path.filter((k): k is string | number => typeof k !== 'symbol'), issue.message);
    }
  }
  // Checks zod cannot express, run on the raw data too so one pass lists every problem.
  const rawRules = rawArray(raw, 'rules');
  const ruleIds = new Map<string, number>();
  rawRules.forEach((r, i) => {
    const id = typeof r.id === 'string' ? r.id : undefined;
    if (id !== undefined) {
      const first = ruleIds.get(id);
      if (first !== undefined) at(['rules', i, 'id'], `duplicate rule id "${id}" (first used by rules[${first}])`);
      else ruleIds.set(id, i);
    }
    if ((r.match === undefined) === (r.pattern === undefined)) at(['rules', i], 'give exactly one of "match" (phrases) or "pattern" (regex)');
    if (r.anchors !== undefined && r.pattern === undefined) at(['rules', i, 'anchors'], '"anchors" only apply to "pattern" rules');
    if (Array.isArray(r.match) && r.match.length > LIMITS.phrasesPerRule) at(['rules', i, 'match'], `at most ${LIMITS.phrasesPerRule} phrases per rule`);
    const ctx = (k: string) => (r[k] && typeof r[k] === 'object' ? (r[k] as Record<string, unknown>) : {});
    const regexes: [string[], unknown][] = [
      [['pattern'], r.pattern],
      [['unless', 'beforePattern'], ctx('unless').beforePattern],
      [['unless', 'afterPattern'], ctx('unless').afterPattern],
      [['when', 'beforePattern'], ctx('when').beforePattern],
      [['when', 'afterPattern'], ctx('when').afterPattern],
      [['unless', 'sentenceBeforePattern'], ctx('unless').sentenceBeforePattern],
      [['unless', 'sentenceAfterPattern'], ctx('unless').sentenceAfterPattern],
      [['when', 'sentenceBeforePattern'], ctx('when').sentenceBeforePattern],
      [['when', 'sentenceAfterPattern'], ctx('when').sentenceAfterPattern],
    ];
    for (const [sub, pattern] of regexes) {
      if (typeof pattern !== 'string') continue;
      if (pattern.length > LIMITS.patternLength) at(['rules', i, ...sub], `regex is longer than ${LIMITS.patternLength} characters`);
      else {
        try {
          // Compile exactly what the engine will: context patterns are anchored at the match.
          const field = sub[sub.length - 1]!;
          compilePattern(/^(?:before|sentenceBefore)Pattern$/.test(field) ? `(?:${pattern})$` : /^(?:after|sentenceAfter)Pattern$/.test(field) ? `^(?:${pattern})` : pattern);
        } catch (e) {
          if (e instanceof PatternError) at(['rules', i, ...sub], e.message);
          else throw e;
        }
      }
    }
  });
  const phraseIds = new Map<string, number>();
  rawArray(raw, 'phrases').forEach((p, i) => {
    if (typeof p.id !== 'string') return;
    const first = phraseIds.get(p.id);
    if (first !== undefined) at(['phrases', i, 'id'], `duplicate phrase id "${p.id}" (first used by phrases[${first}])`);
    else phraseIds.set(p.id, i);
  });
  if (problems.length || !parsed.success) return fail(sortProblems(problems));

  const data = parsed.data;
  const lang = data.locale.startsWith('zh') ? 'zh' : 'en';
  const rules: Rule[] = data.rules.map((r) => ({ ...r, lang: r.lang ?? lang }) as Rule);
  const { $schema: _schema, ...packData } = data;
  const pack: Pack = { ...packData, rules };
  if (options.examples !== false) {
    const exampleProblems = checkPackExamples(pack).map((p) => ({ ...p, ...locate(pathKeys(p.path)) }));
    if (exampleProblems.length) return fail(exampleProblems);
  }
  return { ok: true, pack, problems: [] };
}

/** "rules[3].examples.flag[0]" → ['rules', 3, 'examples', 'flag', 0] */
function pathKeys(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

function rawArray(raw: unknown, key: string): Record<string, unknown>[] {
  const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {})) : [];
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function fail(problems: Problem[]): PackResult {
  return { ok: false, problems };
}
