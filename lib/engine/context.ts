/** Context conditions (data, never code) compiled once per rule and checked per candidate match. */
import { foldCase, isWordChar } from './normalize';
import { compilePattern, type Re2 } from './regex';
import type { Context } from './types';

export interface CompiledContext {
  before?: string[];
  after?: string[];
  clauseBefore?: string[];
  clauseAfter?: string[];
  sentence?: string[];
  beforePattern?: Re2;
  afterPattern?: Re2;
}

const fold = (list?: string[]) => (list && list.length ? list.map(foldCase) : undefined);

export function compileContext(ctx: Context | undefined): CompiledContext | undefined {
  if (!ctx) return undefined;
  return {
    before: fold(ctx.before),
    after: fold(ctx.after),
    clauseBefore: fold(ctx.clauseBefore),
    clauseAfter: fold(ctx.clauseAfter),
    sentence: fold(ctx.sentence),
    beforePattern: ctx.beforePattern ? compilePattern(`(?:${ctx.beforePattern})$`) : undefined,
    afterPattern: ctx.afterPattern ? compilePattern(`^(?:${ctx.afterPattern})`) : undefined,
  };
}

export interface Window {
  /** Case/width-folded text of the whole reply. */
  folded: string;
  start: number;
  end: number;
  clauseStart: number;
  clauseEnd: number;
  sentenceStart: number;
  sentenceEnd: number;
  english: boolean;
}

function endsWithWord(text: string, end: number, word: string, english: boolean): boolean {
  const start = end - word.length;
  if (start < 0 || text.slice(start, end) !== word) return false;
  return !english || start === 0 || !isWordChar(text.charCodeAt(start - 1)) || !isWordChar(word.charCodeAt(0));
}

function startsWithWord(text: string, start: number, word: string, english: boolean): boolean {
  const end = start + word.length;
  if (text.slice(start, end) !== word) return false;
  return !english || end >= text.length || !isWordChar(text.charCodeAt(end)) || !isWordChar(word.charCodeAt(word.length - 1));
}

/** Which of a context's conditions hold; `mode` 'any' for `unless`, 'all' for `when`. */
export function contextHolds(ctx: CompiledContext, w: Window, mode: 'any' | 'all'): boolean {
  const t = w.folded;
  const results: boolean[] = [];
  if (ctx.before) {
    let b = w.start;
    while (b > w.sentenceStart && (t[b - 1] === ' ' || t[b - 1] === '\t')) b--;
    results.push(ctx.before.some((p) => endsWithWord(t, b, p, w.english)));
  }
  if (ctx.after) {
    let a = w.end;
    while (a < w.sentenceEnd && (t[a] === ' ' || t[a] === '\t')) a++;
    results.push(ctx.after.some((p) => startsWithWord(t, a, p, w.english)));
  }
  if (ctx.clauseBefore) {
    const s = t.slice(w.clauseStart, w.start);
    results.push(ctx.clauseBefore.some((p) => s.includes(p)));
  }
  if (ctx.clauseAfter) {
    const s = t.slice(w.end, w.clauseEnd);
    results.push(ctx.clauseAfter.some((p) => s.includes(p)));
  }
  if (ctx.sentence) {
    const s1 = t.slice(w.sentenceStart, w.start);
    const s2 = t.slice(w.end, w.sentenceEnd);
    results.push(ctx.sentence.some((p) => s1.includes(p) || s2.includes(p)));
  }
  if (ctx.beforePattern) results.push(ctx.beforePattern.matcher(t.slice(w.clauseStart, w.start)).find());
  if (ctx.afterPattern) results.push(ctx.afterPattern.matcher(t.slice(w.end, w.clauseEnd)).find());
  return mode === 'any' ? results.some(Boolean) : results.every(Boolean);
}
