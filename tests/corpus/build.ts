/**
 * Builds tests/corpus/*.jsonl from the annotated sources in tests/corpus/src/*.txt.
 * Usage: npx tsx tests/corpus/build.ts
 *
 * Source format: entries start with a header line "##" (optionally "## noia"); the text runs to
 * the next header. Labels are inline: [[CAT:span]] = expect, {{CAT:span}} = either (may nest:
 * [[CM:{{IA:你}}得]]). For zh (unless "## noia") every 你 outside quotes/quoted history is
 * auto-labelled informal-address ("你好" as one span when it is a greeting); a 你 inside another
 * expect span goes to `either`, as in sample.jsonl. Occurrence is computed, and written when the
 * span occurs more than once in the text.
 *
 * Ported from the former src/build.py; the output is byte-identical to it (JSON written like
 * Python's json.dumps(ensure_ascii=False): ", " and ": " separators, non-ASCII kept as-is).
 * `buildCorpus()` is pure (reads src/, writes nothing) so tests can compare it with the
 * checked-in files; running this file writes them and prints a summary.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CATS = {
  R: 'refusal', C: 'contrast', BS: 'blame-shifting', BC: 'blaming-customer',
  A: 'absolute', NK: 'not-knowing', D: 'dismissive', CF: 'confrontational',
  CM: 'commanding', H: 'hedging', IA: 'informal-address',
} as const;
export type Category = (typeof CATS)[keyof typeof CATS];

export const HERE = dirname(fileURLToPath(import.meta.url));
export const SRC_DIR = join(HERE, 'src');
export const OUT_DIR = HERE;

export interface Label { category: Category; span: string; occurrence?: number }
export interface CorpusRecord { id: string; lang: string; text: string; expect: Label[]; either?: Label[] }
export interface BuiltFile { stem: string; name: string; records: CorpusRecord[]; content: string }

type Kind = 'expect' | 'either';
type RawLabel = [kind: Kind, category: Category, start: number, end: number];

// Python's str whitespace (str.isspace / re `\s` / str.split() / str.lstrip()); JS `\s` differs
// slightly (it lacks \x1c-\x1f and \x85, and has \ufeff).
const WS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const pySplit = (s: string) => s.split(new RegExp(`[${WS}]+`)).filter((x) => x !== '');
const pyLstrip = (s: string) => s.replace(new RegExp(`^[${WS}]+`), '');
const cpSlice = (s: string, n: number) => Array.from(s).slice(0, n).join('');

/** Strips the markers; returns the plain text and the label ranges (UTF-16 offsets). */
export function parse(marked: string): [string, RawLabel[]] {
  let out = '';
  const stack: [Kind, Category, number, string][] = [];
  const labels: RawLabel[] = [];
  let i = 0;
  while (i < marked.length) {
    const two = marked.slice(i, i + 2);
    if (two === '[[' || two === '{{') {
      const m = /^(?:\[\[|\{\{)([A-Z]+):/.exec(marked.slice(i));
      if (!m) throw new Error('bad marker at ' + cpSlice(marked.slice(i), 20));
      const code = m[1]!;
      if (!Object.hasOwn(CATS, code)) throw new Error(`unknown category code ${code}`);
      stack.push([two === '[[' ? 'expect' : 'either', CATS[code as keyof typeof CATS], out.length, two]);
      i += m[0].length;
      continue;
    }
    if (two === ']]' || two === '}}') {
      const top = stack.pop();
      if (!top) throw new Error('pop from empty list');
      const [kind, cat, start, opener] = top;
      if (!((opener === '[[' && two === ']]') || (opener === '{{' && two === '}}'))) throw new Error('mismatched marker');
      labels.push([kind, cat, start, out.length]);
      i += 2;
      continue;
    }
    out += marked[i];
    i += 1;
  }
  if (stack.length) throw new Error('unclosed marker');
  return [out, labels];
}

/** Offsets inside “…”/「…」 quotes, '>' lines, and after a quoted-history header. */
export function notCoached(text: string): Set<number> {
  const skip = new Set<number>();
  for (const [a, b] of [['“', '”'], ['「', '」'], ['"', '"']] as const) {
    for (const m of text.matchAll(new RegExp(`${a}[\\s\\S]*?${b}`, 'g'))) {
      for (let k = m.index; k < m.index + m[0].length; k++) skip.add(k);
    }
  }
  // `u` so that .{0,120} counts code points, as Python does; [^\n] = Python's `.` without DOTALL.
  const zhHeader = new RegExp(`^[${WS}]*(在|于)[^\\n]{0,120}写道[${WS}]*[:：][${WS}]*$`, 'u');
  const enHeader = new RegExp(`^[${WS}]*On [^\\n]*wrote:[${WS}]*$`, 'u');
  let pos = 0;
  let history = false;
  for (const line of text.split('\n')) {
    if (zhHeader.test(line) || enHeader.test(line)) history = true;
    if (history || pyLstrip(line).startsWith('>')) {
      for (let k = pos; k < pos + line.length; k++) skip.add(k);
    }
    pos += line.length + 1;
  }
  return skip;
}

/** 1-based occurrence of `span` at `start`, counting overlapping matches (like labelSpan). */
export function occurrence(text: string, span: string, start: number): number {
  // Python counts positions in code points; only the empty span (a position per character) can tell.
  if (span === '') return Array.from(text.slice(0, start)).length + 1;
  let n = 0;
  let at = -1;
  for (;;) {
    at = text.indexOf(span, at + 1);
    if (at < 0 || at > start) break;
    n += 1;
  }
  return n;
}

/** Python's str.count: non-overlapping matches. */
function count(text: string, span: string): number {
  if (span === '') return Array.from(text).length + 1;
  let n = 0;
  for (let at = text.indexOf(span); at >= 0; at = text.indexOf(span, at + span.length)) n++;
  return n;
}

/** The records for one source file (`raw` = its text). */
export function buildRecords(lang: string, industry: string, raw: string): CorpusRecord[] {
  const recs: CorpusRecord[] = [];
  // Python: re.split(r'^##(.*)$', raw, flags=re.M) — `^`/`$` only at \n, `.` = anything but \n.
  const chunks = raw.split(/(?:^|(?<=\n))##([^\n]*)(?=\n|$)/);
  for (let k = 1; k < chunks.length; k += 2) {
    const flags = pySplit(chunks[k]!);
    const [text, labels] = parse(chunks[k + 1]!.replace(/^\n+|\n+$/g, ''));
    if (lang === 'zh' && !flags.includes('noia')) {
      const skip = notCoached(text);
      const expectRanges = labels.filter((l) => l[0] === 'expect').map((l) => [l[2], l[3]] as const);
      for (const m of text.matchAll(/你/g)) {
        const s = m.index;
        if (skip.has(s) || (s > 0 && text.slice(s - 1, s + 1) === '迷你')) continue;
        if (labels.some((l) => l[2] === s && l[1] === 'informal-address')) continue;
        const covered = expectRanges.some(([a, b]) => a <= s && s < b);
        const greet = text.slice(s, s + 2) === '你好' && (s + 2 === text.length || ',，!！ \n。~～'.includes(text[s + 2]!));
        const e = greet && !covered ? s + 2 : s + 1;
        labels.push([covered ? 'either' : 'expect', 'informal-address', s, e]);
      }
    }
    const rec: CorpusRecord = { id: `c-${lang}-${industry}-${String(recs.length + 1).padStart(3, '0')}`, lang, text, expect: [] };
    const either: Label[] = [];
    const sorted = [...labels].sort((x, y) => x[2] - y[2] || x[3] - y[3]); // stable, like sorted()
    for (const [kind, category, s, e] of sorted) {
      const span = text.slice(s, e);
      const lab: Label = { category, span };
      if (count(text, span) > 1 || occurrence(text, span, s) > 1) lab.occurrence = occurrence(text, span, s);
      (kind === 'expect' ? rec.expect : either).push(lab);
    }
    if (either.length) rec.either = either;
    if (lang === 'en' && rec.expect.some((l) => l.category === 'informal-address')) {
      throw new Error(rec.id + ': informal-address in en');
    }
    recs.push(rec);
  }
  return recs;
}

/** JSON like Python's json.dumps(value, ensure_ascii=False): ", " / ": " separators, key order kept. */
export function pyJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(pyJson).join(', ') + ']';
  if (value !== null && typeof value === 'object') {
    return '{' + Object.entries(value).map(([k, v]) => JSON.stringify(k) + ': ' + pyJson(v)).join(', ') + '}';
  }
  return JSON.stringify(value);
}

/** Python's Path.read_text('utf8'): strict UTF-8, universal newlines. */
export function readSource(file: string): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file)).replace(/\r\n?/g, '\n');
}

const byCodePoint = (a: string, b: string) => {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

/** Source files in build order (sorted, like sorted(HERE.glob('*.txt'))). */
export function sourceFiles(srcDir = SRC_DIR): string[] {
  return readdirSync(srcDir).filter((f) => f.endsWith('.txt')).sort(byCodePoint);
}

/** Builds one source file: its records and the exact .jsonl content. */
export function buildFile(srcName: string, srcDir = SRC_DIR): BuiltFile {
  const stem = srcName.slice(0, -'.txt'.length);
  const dash = stem.indexOf('-');
  if (dash < 0) throw new Error(`source name must be <lang>-<industry>.txt: ${srcName}`);
  const lang = stem.slice(0, dash);
  const industry = stem.slice(dash + 1);
  const records = buildRecords(lang, industry, readSource(join(srcDir, srcName)));
  return { stem, name: `${lang}-${industry}.jsonl`, records, content: records.map((r) => pyJson(r) + '\n').join('') };
}

/** Pure: every output file (name → content) built from srcDir, in build order. Writes nothing. */
export function buildCorpus(srcDir = SRC_DIR): BuiltFile[] {
  const ids = new Set<string>();
  return sourceFiles(srcDir).map((f) => {
    const built = buildFile(f, srcDir);
    for (const r of built.records) {
      if (ids.has(r.id)) throw new Error(`duplicate id ${r.id}`);
      ids.add(r.id);
    }
    return built;
  });
}

/** Python's f'{x:.0f}' (round half to even on the exact double). */
const fmt0 = (x: number) => {
  const f = Math.floor(x);
  const d = x - f;
  return String(d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f);
};

export function summary(built: BuiltFile[]): string {
  const lines: string[] = [];
  for (const lang of ['zh', 'en']) {
    const files = built.filter((b) => b.stem.startsWith(lang + '-'));
    const all = files.flatMap((b) => b.records);
    const clean = all.filter((r) => !r.expect.length).length;
    const cats = new Map<string, number>();
    for (const r of all) for (const l of r.expect) cats.set(l.category, (cats.get(l.category) ?? 0) + 1);
    const labels = [...cats.values()].reduce((a, b) => a + b, 0);
    lines.push(`${lang}: ${all.length} replies, clean ${clean} (${fmt0((100 * clean) / Math.max(1, all.length))}%), labels ${labels}`);
    for (const b of files) lines.push(`   ${b.stem}: ${b.records.length} (clean ${b.records.filter((r) => !r.expect.length).length})`);
    for (const c of Object.values(CATS)) lines.push(`   ${c}: ${cats.get(c) ?? 0}`);
  }
  return lines.join('\n');
}

function main() {
  // Written file by file as it goes, like build.py did.
  const built: BuiltFile[] = [];
  const ids = new Set<string>();
  for (const f of sourceFiles()) {
    const b = buildFile(f);
    for (const r of b.records) {
      if (ids.has(r.id)) throw new Error(`duplicate id ${r.id}`);
      ids.add(r.id);
    }
    writeFileSync(join(OUT_DIR, b.name), b.content, 'utf8');
    built.push(b);
  }
  console.log(summary(built));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
