/**
 * Patterns run with re2js (RE2 semantics: linear time in the text, whatever the pattern), so a
 * pack can never freeze a tab. RE2 refuses backtracking-only features; we name them plainly.
 */
import { RE2JS } from 're2js';

const UNSUPPORTED: [RegExp, string][] = [
  [/\(\?<?=/, 'lookahead/lookbehind "(?=…)" / "(?<=…)"'],
  [/\(\?<?!/, 'negative lookahead/lookbehind "(?!…)" / "(?<!…)"'],
  [/\\[1-9]/, 'backreference "\\1"'],
  [/\\k</, 'named backreference "\\k<name>"'],
  [/[*+?}]\+/, 'possessive quantifier "*+"'],
  [/\(\?>/, 'atomic group "(?>…)"'],
];

export class PatternError extends Error {}

/** Compile or throw a PatternError that names the problem. */
export function compilePattern(pattern: string, caseSensitive = false): RE2JS {
  for (const [re, name] of UNSUPPORTED) {
    // Skip escaped brackets: "\(?=" is a literal, not a lookahead.
    const m = re.exec(pattern);
    if (m && !(m.index > 0 && pattern[m.index - 1] === '\\' && !m[0].startsWith('\\'))) {
      throw new PatternError(`unsupported regex feature: ${name} (patterns run in linear time with RE2 syntax)`);
    }
  }
  try {
    return RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    throw new PatternError(`invalid regex: ${(e as Error).message}`);
  }
}

export type Re2 = RE2JS;
