/**
 * The shape of a reply, found in one pass: sentences and clauses (for context conditions and
 * pattern scope), the language of each sentence, and the spans that are not the agent's own
 * words (quotations, quoted e-mail history, signatures), which are not coached.
 */
import { isHan } from './normalize';
import type { RuleLang } from './types';

export interface Span {
  start: number;
  end: number;
}

export interface Structure {
  /** Sorted sentence spans covering the text. */
  sentences: Span[];
  sentenceLang: RuleLang[];
  /** Sorted clause spans covering the text. */
  clauses: Span[];
  /** Sorted, non-overlapping spans that are not coached. */
  skipped: Span[];
}

const SENTENCE_END = new Set(['。', '!', '?', ';', '\n', '…', '！', '？', '；']);
const CLAUSE_END = new Set([',', '、', ':', '，', '：', '(', ')', '（', '）', '—']);

function isSentenceEnd(text: string, i: number): boolean {
  const ch = text[i]!;
  if (SENTENCE_END.has(ch)) return true;
  // An English full stop ends a sentence when followed by space or end (not 1.5 or v2.0.1).
  if (ch === '.') {
    const nx = text.charCodeAt(i + 1);
    return i + 1 >= text.length || nx === 32 || nx === 10 || nx === 9 || isHan(nx);
  }
  return false;
}

export function splitSpans(text: string, isEnd: (i: number) => boolean): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (isEnd(i)) {
      spans.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < text.length || spans.length === 0) spans.push({ start, end: text.length });
  return spans;
}

function sentenceLanguage(text: string, span: Span): RuleLang {
  let han = 0;
  let latin = 0;
  for (let i = span.start; i < span.end; i++) {
    const c = text.charCodeAt(i);
    if (isHan(c)) han++;
    else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) latin++;
  }
  // A Han character carries about as much as a short English word: "在APP里设置" is Chinese.
  return han * 3 >= latin && han > 0 ? 'zh' : latin > 0 ? 'en' : 'zh';
}

const QUOTE_PAIRS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '"': '"', '《': '》' };
// Lines that start quoted history: everything from them to the end is someone else's words.
const HISTORY_START = [
  /^\s*(?:在|于).{0,120}写道\s*[:：]\s*$/,
  /^\s*On .{0,200}wrote:\s*$/i,
  /^\s*-{2,}\s*(?:Original Message|原始邮件|Forwarded message|转发的邮件)\s*-{2,}\s*$/i,
  /^\s*-- ?$/, // signature separator
];

function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  // Line-based: "> " quoted lines and history blocks.
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (HISTORY_START.some((re) => re.test(line))) {
      spans.push({ start: lineStart, end: text.length });
      break;
    }
    if (/^\s*(?:>|＞)/.test(line)) spans.push({ start: lineStart, end: lineEnd });
    lineStart = lineEnd + 1;
  }
  // Quotation marks, closed within the same paragraph.
  for (let i = 0; i < text.length; i++) {
    const open = text[i]!;
    let close = QUOTE_PAIRS[open];
    if (open === '‘' && !(i > 0 && /[A-Za-z]/.test(text[i - 1]!))) close = '’';
    if (!close) continue;
    for (let j = i + 1; j < text.length; j++) {
      const ch = text[j]!;
      if (ch === '\n') break;
      // ’ between letters is an apostrophe (can’t), not a closing quote.
      if (ch === close && !(close === '’' && /[A-Za-z]/.test(text[j + 1] ?? ''))) {
        spans.push({ start: i, end: j + 1 });
        i = j;
        break;
      }
    }
  }
  return mergeSpans(spans);
}

function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export function analyze(text: string, includeQuoted: boolean): Structure {
  const sentences = splitSpans(text, (i) => isSentenceEnd(text, i));
  const clauses = splitSpans(text, (i) => isSentenceEnd(text, i) || CLAUSE_END.has(text[i]!));
  return {
    sentences,
    sentenceLang: sentences.map((s) => sentenceLanguage(text, s)),
    clauses,
    skipped: includeQuoted ? [] : quotedSpans(text),
  };
}

/** Index of the span containing offset (spans sorted and covering the text). */
export function spanIndexAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  if (!spans.length) return false;
  const i = spanIndexAt(spans, start);
  for (let k = Math.max(0, i - 1); k < spans.length && spans[k]!.start < end; k++) {
    if (spans[k]!.end > start && spans[k]!.start < end) return true;
  }
  return false;
}
