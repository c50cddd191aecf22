/** Context conditions (data, never code) compiled once per rule and checked per candidate match. */
import { foldCase, isWordChar } from './normalize';
import { mayMatch, prefilterOf, type Prefilter } from './prefilter';
import { compilePattern, type Re2 } from './regex';
import type { Context } from './types';

export interface CompiledContext {
  before?: string[];
  after?: string[];
  clauseBefore?: PhraseSet;
  clauseAfter?: PhraseSet;
  sentence?: PhraseSet;
  sentenceBefore?: PhraseSet;
  sentenceAfter?: PhraseSet;
  previousSentence?: PhraseSet;
  beforePattern?: Gated;
  afterPattern?: Gated;
  sentenceBeforePattern?: Gated;
  sentenceAfterPattern?: Gated;
}

const fold = (list?: string[]) => (list && list.length ? list.map(foldCase) : undefined);

/**
 * A list of phrases looked for anywhere in a window. Short lists are searched phrase by phrase;
 * long ones (an "apology or thanks" list runs to 50) are indexed by their first two characters,
 * so a window is read once instead of once per phrase.
 */
export interface PhraseSet {
  phrases: string[];
  /** One-character phrases. */
  single?: Set<number>;
  /** Longer phrases by (first char << 16 | second char). */
  byPair?: Map<number, string[]>;
}

const INDEX_FROM = 6;

function phraseSet(list?: string[]): PhraseSet | undefined {
  const phrases = fold(list);
  if (!phrases) return undefined;
  if (phrases.length < INDEX_FROM) return { phrases };
  const single = new Set<number>();
  const byPair = new Map<number, string[]>();
  for (const p of phrases) {
    if (p.length === 1) single.add(p.charCodeAt(0));
    else {
      const key = p.charCodeAt(0) * 0x10000 + p.charCodeAt(1);
      const bucket = byPair.get(key);
      if (bucket) bucket.push(p);
      else byPair.set(key, [p]);
    }
  }
  return { phrases, single, byPair };
}
/**
 * "(?:X.*)$" over a clause is "X occurs in it" (clauses hold no newline), which re2js answers far
 * faster without the trailing .* and $; authors write it that way often.
 */
const ending = (p?: string) => {
  if (!p) return undefined;
  const stem = /(?<!\\)\.\*$/.test(p) && !hasTopLevelBar(p) ? p.slice(0, -2) : undefined;
  return gated(stem !== undefined && stem.length ? stem : `(?:${p})$`);
};

/**
 * A context pattern with its prefilter: most windows lack the literals the pattern needs
 * ("if", "unless" …), and indexOf says so far faster than re2js.
 */
export interface Gated {
  re: Re2;
  pf: Prefilter | null;
}

const gated = (source: string): Gated => ({ re: compilePattern(source), pf: prefilterOf(source) });

function holds(g: Gated, text: string): boolean {
  return (!g.pf || mayMatch(g.pf, text)) && g.re.test(text);
}
function hasTopLevelBar(p: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}
const starting = (p?: string) => (p ? gated(`^(?:${p})`) : undefined);

export function compileContext(ctx: Context | undefined): CompiledContext | undefined {
  if (!ctx) return undefined;
  return {
    before: fold(ctx.before),
    after: fold(ctx.after),
    clauseBefore: phraseSet(ctx.clauseBefore),
    clauseAfter: phraseSet(ctx.clauseAfter),
    sentence: phraseSet(ctx.sentence),
    sentenceBefore: phraseSet(ctx.sentenceBefore),
    sentenceAfter: phraseSet(ctx.sentenceAfter),
    previousSentence: phraseSet(ctx.previousSentence),
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
  /** Start of the previous sentence (equals sentenceStart when there is none or no rule asks). */
  previousStart: number;
  english: boolean;
}

function endsWithWord(text: string, end: number, word: string, english: boolean): boolean {
  const start = end - word.length;
  if (start < 0 || !text.startsWith(word, start)) return false;
  return !english || start === 0 || !isWordChar(text.charCodeAt(start - 1)) || !isWordChar(word.charCodeAt(0));
}

function startsWithWord(text: string, start: number, word: string, english: boolean): boolean {
  const end = start + word.length;
  if (!text.startsWith(word, start)) return false;
  return !english || end >= text.length || !isWordChar(text.charCodeAt(end)) || !isWordChar(word.charCodeAt(word.length - 1));
}

/**
 * Does `word` occur in text[from, to)? For English it must start at a word start ("if" is not in
 * "gift"), but may be a stem ("apolog" finds "apologise").
 */
/** `word` in hay (= text.slice(from, …)); for English it must start at a word start. */
function hayHas(hay: string, from: number, text: string, word: string, english: boolean): boolean {
  for (let at = hay.indexOf(word); at >= 0; at = hay.indexOf(word, at + 1)) {
    const abs = from + at;
    if (!english || abs === 0 || !isWordChar(text.charCodeAt(abs - 1)) || !isWordChar(word.charCodeAt(0))) return true;
  }
  return false;
}

function anyWithin(t: string, set: PhraseSet, from: number, to: number, en: boolean): boolean {
  if (to <= from) return false;
  const { byPair, single } = set;
  if (!byPair) {
    // Slice the window once for the whole list: indexOf on the whole text would scan to its end.
    const hay = t.slice(from, to);
    for (let k = 0; k < set.phrases.length; k++) if (hayHas(hay, from, t, set.phrases[k]!, en)) return true;
    return false;
  }
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    // English phrases start at a word start ("if" is not in "gift").
    if (en && i > 0 && isWordChar(c) && isWordChar(t.charCodeAt(i - 1))) continue;
    if (single!.size && single!.has(c)) return true;
    if (i + 1 >= to) break;
    const bucket = byPair.get(c * 0x10000 + t.charCodeAt(i + 1));
    if (!bucket) continue;
    for (let k = 0; k < bucket.length; k++) {
      const w = bucket[k]!;
      if (i + w.length <= to && t.startsWith(w, i)) return true;
    }
  }
  return false;
}

function skipSpacesBack(t: string, at: number, floor: number): number {
  while (at > floor && (t[at - 1] === ' ' || t[at - 1] === '\t')) at--;
  return at;
}

function skipSpacesForward(t: string, at: number, ceiling: number): number {
  while (at < ceiling && (t[at] === ' ' || t[at] === '\t')) at++;
  return at;
}

/**
 * Whether the context holds: `any` listed condition (for `unless`) or `all` of them (for `when`).
 * Conditions are tried cheapest first and the answer returned as soon as it is known.
 */
export function contextHolds(ctx: CompiledContext, w: Window, mode: 'any' | 'all'): boolean {
  const want = mode === 'any';
  const t = w.folded;
  const en = w.english;
  if (ctx.before) {
    const b = skipSpacesBack(t, w.start, w.sentenceStart);
    let hit = false;
    for (const p of ctx.before) if (endsWithWord(t, b, p, en)) { hit = true; break; }
    if (hit === want) return want;
  }
  if (ctx.after) {
    const a = skipSpacesForward(t, w.end, w.sentenceEnd);
    let hit = false;
    for (const p of ctx.after) if (startsWithWord(t, a, p, en)) { hit = true; break; }
    if (hit === want) return want;
  }
  if (ctx.clauseBefore && anyWithin(t, ctx.clauseBefore, w.clauseStart, w.start, en) === want) return want;
  if (ctx.clauseAfter && anyWithin(t, ctx.clauseAfter, w.end, w.clauseEnd, en) === want) return want;
  if (ctx.sentence) {
    const hit = anyWithin(t, ctx.sentence, w.sentenceStart, w.start, en) || anyWithin(t, ctx.sentence, w.end, w.sentenceEnd, en);
    if (hit === want) return want;
  }
  if (ctx.sentenceBefore && anyWithin(t, ctx.sentenceBefore, w.sentenceStart, w.start, en) === want) return want;
  if (ctx.sentenceAfter && anyWithin(t, ctx.sentenceAfter, w.end, w.sentenceEnd, en) === want) return want;
  if (ctx.previousSentence && anyWithin(t, ctx.previousSentence, w.previousStart, w.sentenceStart, en) === want) return want;
  if (ctx.beforePattern && holds(ctx.beforePattern, t.slice(w.clauseStart, w.start)) === want) return want;
  if (ctx.afterPattern && holds(ctx.afterPattern, t.slice(w.end, w.clauseEnd)) === want) return want;
  if (ctx.sentenceBeforePattern && holds(ctx.sentenceBeforePattern, t.slice(w.sentenceStart, w.start)) === want) return want;
  if (ctx.sentenceAfterPattern && holds(ctx.sentenceAfterPattern, t.slice(w.end, w.sentenceEnd)) === want) return want;
  return !want;
}
