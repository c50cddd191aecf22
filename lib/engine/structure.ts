/**
 * The shape of a reply: sentences and clauses (context conditions and pattern scope), the
 * language of each sentence, and the spans that are not the agent's own words (quotations,
 * quoted e-mail history, signatures), which are not coached. Built in one cheap pass over the
 * text; the costlier parts (languages, quotations) only when a candidate finding needs them.
 */
import { isHan } from './normalize';
import type { RuleLang } from './types';

export interface Span {
  start: number;
  end: number;
}

const SENTENCE = 1;
const CLAUSE = 2;
const BOUNDARY = new Uint8Array(0x10000);
for (const ch of '。!?;\n…！？；') BOUNDARY[ch.charCodeAt(0)] = SENTENCE;
for (const ch of ',、:，：()（）—') BOUNDARY[ch.charCodeAt(0)] = CLAUSE;
const DOT = 46;

const QUOTE_PAIRS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '"': '"', '《': '》', '‘': '’' };
const QUOTE_OPENERS = /[“「『"《‘]/g;
// Lines that start quoted history: everything from them to the end is someone else's words.
const HISTORY_START =
  /^[ \t]*(?:(?:在|于).{0,120}写道[ \t]*[:：]|On .{0,200}wrote:|-{2,}[ \t]*(?:Original Message|原始邮件|Forwarded message|转发的邮件)[ \t]*-{2,}|-- ?)[ \t]*$/im;
const QUOTED_LINE = /^[ \t]*[>＞].*$/gm;
const LETTER = /[A-Za-z]/;

export class Structure {
  /** Offsets just past each sentence end / clause end, ascending. */
  private readonly sentenceEnds: number[] = [];
  private readonly clauseEnds: number[] = [];
  /** Language of each sentence (one more than sentenceEnds: the text after the last end). */
  private readonly langs: RuleLang[] = [];
  private skippedSpans: Span[] | undefined;

  constructor(
    readonly text: string,
    private readonly includeQuoted: boolean,
  ) {
    const n = text.length;
    // Languages are counted in the same pass: a Han character carries about as much as a
    // short English word.
    let han = 0;
    let latin = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      let kind = BOUNDARY[c]!;
      if (c >= 0x3400) {
        if (isHan(c)) han++;
      } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) latin++;
      // An English full stop ends a sentence before a space, a Han character or the end (not 1.5).
      else if (c === DOT) {
        const nx = text.charCodeAt(i + 1);
        if (i + 1 >= n || nx === 32 || nx === 10 || nx === 9 || isHan(nx)) kind = SENTENCE;
      }
      if (kind) {
        this.clauseEnds.push(i + 1);
        if (kind === SENTENCE) {
          this.sentenceEnds.push(i + 1);
          this.langs.push(han > 0 && han * 3 >= latin ? 'zh' : latin > 0 ? 'en' : 'zh');
          han = latin = 0;
        }
      }
    }
    this.langs.push(han > 0 && han * 3 >= latin ? 'zh' : latin > 0 ? 'en' : 'zh');
  }

  sentenceAt(offset: number): Span {
    return spanAt(this.sentenceEnds, offset, this.text.length);
  }

  // Bounds as plain numbers: these run per literal hit and per candidate, so no span objects.
  sentenceStartAt(offset: number): number {
    return startAt(this.sentenceEnds, offset);
  }

  sentenceEndAt(offset: number): number {
    return endAt(this.sentenceEnds, offset, this.text.length);
  }

  clauseStartAt(offset: number): number {
    return startAt(this.clauseEnds, offset);
  }

  clauseEndAt(offset: number): number {
    return endAt(this.clauseEnds, offset, this.text.length);
  }

  /**
   * Start of the sentence before `sentence`, skipping "sentences" that hold only terminators or
   * whitespace (the gap between 。 and a newline, or in ！！).
   */
  previousSentenceStart(sentence: Span): number {
    let start = sentence.start;
    while (start > 0) {
      const prev = this.sentenceAt(start - 1);
      start = prev.start;
      if (/[^\s。!?;…！？；.]/.test(this.text.slice(prev.start, prev.end))) return prev.start;
    }
    return start;
  }

  /** Language of the sentence containing offset. */
  langAt(offset: number): RuleLang {
    return this.langs[firstEndAfter(this.sentenceEnds, offset)]!;
  }

  isSkipped(start: number, end: number): boolean {
    const spans = (this.skippedSpans ??= this.includeQuoted ? [] : quotedSpans(this.text));
    for (const s of spans) if (s.start < end && s.end > start) return true;
    return false;
  }
}

/** Index of the first end > offset (ends.length when none). */
function firstEndAfter(ends: number[], offset: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function startAt(ends: number[], offset: number): number {
  const i = firstEndAfter(ends, offset);
  return i > 0 ? ends[i - 1]! : 0;
}

function endAt(ends: number[], offset: number, length: number): number {
  const i = firstEndAfter(ends, offset);
  return i < ends.length ? ends[i]! : length;
}

function spanAt(ends: number[], offset: number, length: number): Span {
  return { start: startAt(ends, offset), end: endAt(ends, offset, length) };
}

/**
 * Quoted e-mail history. After "X wrote:" / "X 写道：" come either `>` lines and then the agent's
 * own answer (bottom-posting: the history ends with the quoted lines), or unquoted old mail to the
 * end (top-posting). An "Original Message" divider or a "-- " signature runs to the end.
 */
function historySpans(text: string): Span[] {
  // Cheap pre-check: the history pattern is costly to run on every reply.
  if (!/写道|wrote:|-{2}/.test(text)) return [];
  const out: Span[] = [];
  const header = new RegExp(HISTORY_START.source, 'gim');
  let from = 0;
  while (from < text.length) {
    header.lastIndex = from;
    const m = header.exec(text);
    if (!m) break;
    let end = text.length;
    if (/写道|wrote:/i.test(m[0])) {
      let quotedEnd = -1;
      let at = m.index + m[0].length;
      while (at < text.length) {
        const next = text.indexOf('\n', at + 1);
        const lineEnd = next < 0 ? text.length : next;
        const line = text.slice(at, lineEnd).replace(/^\n/, '');
        if (/^[ \t]*[>＞]/.test(line)) quotedEnd = lineEnd;
        else if (line.trim()) {
          if (quotedEnd >= 0) end = quotedEnd;
          break;
        }
        at = lineEnd;
      }
    }
    out.push({ start: m.index, end });
    from = end;
  }
  return out;
}

function quotedSpans(text: string): Span[] {
  const history = historySpans(text);
  const spans: Span[] = [...history];
  const inHistory = (i: number) => history.some((h) => i >= h.start && i < h.end);
  for (const m of text.matchAll(QUOTED_LINE)) if (!inHistory(m.index)) spans.push({ start: m.index, end: m.index + m[0].length });
  // Quotation marks, closed within the same line.
  QUOTE_OPENERS.lastIndex = 0;
  for (let m = QUOTE_OPENERS.exec(text); m; m = QUOTE_OPENERS.exec(text)) {
    const i = m.index;
    if (inHistory(i)) continue;
    const open = m[0];
    // ‘ right after a letter is not an opening quote, nor " right after a digit (27" monitor).
    if (open === '‘' && i > 0 && LETTER.test(text[i - 1]!)) continue;
    if (open === '"' && i > 0 && /[0-9]/.test(text[i - 1]!)) continue;
    const close = QUOTE_PAIRS[open]!;
    for (let j = i + 1; j < text.length; j++) {
      const ch = text[j]!;
      if (ch === '\n') break;
      // ’ between letters is an apostrophe (can’t), not a closing quote.
      if (ch === close && !(close === '’' && LETTER.test(text[j + 1] ?? ''))) {
        spans.push({ start: i, end: j + 1 });
        QUOTE_OPENERS.lastIndex = j + 1;
        break;
      }
    }
  }
  return spans;
}
