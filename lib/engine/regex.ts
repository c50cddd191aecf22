/**
 * Patterns run with re2js (RE2 semantics: linear time in the text, whatever the pattern), so a
 * pack can never freeze a tab. RE2 refuses backtracking-only features; we name them plainly.
 */
import { RE2JS } from 're2js';
import { foldWidth } from './normalize';

const UNSUPPORTED: [RegExp, string][] = [
  [/\(\?<?=/, 'lookahead/lookbehind "(?=…)" / "(?<=…)"'],
  [/\(\?<?!/, 'negative lookahead/lookbehind "(?!…)" / "(?<!…)"'],
  [/\\[1-9]/, 'backreference "\\1"'],
  [/\\k</, 'named backreference "\\k<name>"'],
  [/[*+?}]\+/, 'possessive quantifier "*+"'],
  [/\(\?>/, 'atomic group "(?>…)"'],
];

export class PatternError extends Error {}

/** The pattern with escaped characters and character classes blanked out: what is left is syntax. */
function syntaxOnly(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      // Keep escapes that are syntax (\1, \k<…>), blank escaped literals (\\, \(, \[).
      const n = pattern[i + 1] ?? '';
      out += !inClass && /[1-9k]/.test(n) ? c + n : '__';
      i++;
    } else if (inClass) {
      out += '_';
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      out += '_';
      if (pattern[i + 1] === ']') out += '_', i++; // "[]…]": a leading ] is a literal
    } else out += c;
  }
  return out;
}

const WIDTH_META = /[\uff01-\uff5e\u3000\u2018\u2019]/g;

/**
 * Patterns run on width-folded text (，→, ’→' ｂ→b), so their literal characters are folded the
 * same way; a character that folds into regex syntax (（ → \() is escaped.
 */
export function foldPattern(pattern: string): string {
  return pattern.replace(WIDTH_META, (ch, at: number) => {
    const f = foldWidth(ch);
    // Already escaped (\（): the backslash before it escapes the folded character too.
    let slashes = 0;
    for (let i = at - 1; i >= 0 && pattern[i] === '\\'; i--) slashes++;
    return slashes % 2 === 0 && /[\\^$.|?*+()[\]{}]/.test(f) ? `\\${f}` : f;
  });
}

/** Compile or throw a PatternError that names the problem. */
export function compilePattern(pattern: string, caseSensitive = false): RE2JS {
  const syntax = syntaxOnly(pattern);
  for (const [re, name] of UNSUPPORTED) {
    if (re.test(syntax)) throw new PatternError(`unsupported regex feature: ${name} (patterns run in linear time with RE2 syntax)`);
  }
  try {
    return RE2JS.compile(foldPattern(pattern), caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    throw new PatternError(`invalid regex: ${(e as Error).message}`);
  }
}

export type Re2 = RE2JS;
