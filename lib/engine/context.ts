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
  sentenceBefore?: string[];
  sentenceAfter?: string[];
  previousSentence?: string[];
  beforePattern?: Re2;
  afterPattern?: Re2;
  sentenceBeforePattern?: Re2;
  sentenceAfterPattern?: Re2;
}

const fold = (list?: string[]) => (list && list.length ? list.map(foldCase) : undefined);
const ending = (p?: string) => (p ? compilePattern(`(?:${p})$`) : undefined);
const starting = (p?: string) => (p ? compilePattern(`^(?:${p})`) : undefined);

export function compileContext(ctx: Context | undefined): CompiledContext | undefined {
  if (!ctx) return undefined;
  return {
    before: fold(ctx.before),
    after: fold(ctx.after),
    clauseBefore: fold(ctx.clauseBefore),
    clauseAfter: fold(ctx.clauseAfter),
    sentence: fold(ctx.sentence),
    sentenceBefore: fold(ctx.sentenceBefore),
    sentenceAfter: fold(ctx.sentenceAfter),
    previousSentence: fold(ctx.previousSentence),
    beforePattern: ending(ctx.beforePattern),
    afterPattern: starting(ctx.afterPattern),
    sentenceBeforePattern: ending(ctx.sentenceBeforePattern),
    sentenceAfterPattern: starting(ctx.sentenceAfterPattern),
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
  /** Start of the previous sentence (equals sentenceStart when there is none). */
  previousStart: number;
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

/**
 * Does `word` occur in text[from, to)? For English it must start at a word start ("if" is not in
 * "gift"), but may be a stem ("apolog" finds "apologise").
 */
function containsWord(text: string, from: number, to: number, word: string, english: boolean): boolean {
  for (let at = text.indexOf(word, from); at >= 0 && at + word.length <= to; at = text.indexOf(word, at + 1)) {
    if (!english || at === 0 || !isWordChar(text.charCodeAt(at - 1)) || !isWordChar(word.charCodeAt(0))) return true;
  }
  return false;
}

/** Whether the context holds: 'any' listed condition for `unless`, 'all' of them for `when`. */
export function contextHolds(ctx: CompiledContext, w: Window, mode: 'any' | 'all'): boolean {
  const t = w.folded;
  const en = w.english;
  const results: boolean[] = [];
  const within = (list: string[] | undefined, from: number, to: number) => {
    if (list) results.push(list.some((p) => containsWord(t, from, to, p, en)));
  };
  if (ctx.before) {
    let b = w.start;
    while (b > w.sentenceStart && (t[b - 1] === ' ' || t[b - 1] === '\t')) b--;
    results.push(ctx.before.some((p) => endsWithWord(t, b, p, en)));
  }
  if (ctx.after) {
    let a = w.end;
    while (a < w.sentenceEnd && (t[a] === ' ' || t[a] === '\t')) a++;
    results.push(ctx.after.some((p) => startsWithWord(t, a, p, en)));
  }
  within(ctx.clauseBefore, w.clauseStart, w.start);
  within(ctx.clauseAfter, w.end, w.clauseEnd);
  if (ctx.sentence) {
    results.push(ctx.sentence.some((p) => containsWord(t, w.sentenceStart, w.start, p, en) || containsWord(t, w.end, w.sentenceEnd, p, en)));
  }
  within(ctx.sentenceBefore, w.sentenceStart, w.start);
  within(ctx.sentenceAfter, w.end, w.sentenceEnd);
  within(ctx.previousSentence, w.previousStart, w.sentenceStart);
  const test = (re: Re2 | undefined, from: number, to: number) => {
    if (re) results.push(re.matcher(t.slice(from, to)).find());
  };
  test(ctx.beforePattern, w.clauseStart, w.start);
  test(ctx.afterPattern, w.end, w.clauseEnd);
  test(ctx.sentenceBeforePattern, w.sentenceStart, w.start);
  test(ctx.sentenceAfterPattern, w.end, w.sentenceEnd);
  return mode === 'any' ? results.some(Boolean) : results.every(Boolean);
}
