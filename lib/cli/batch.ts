/**
 * Batch linting for transcripts: JSON lines or CSV in, one {"id","findings"} JSON line out per
 * record, in order, streamed (100,000 replies never sit in memory together).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { matcherFor } from '../engine/lint';
import { lint } from '../engine/lint';
import type { Finding, LintOptions, Pack } from '../engine/types';

export interface BatchResult {
  records: number;
  errorFindings: number;
  badRecords: number;
}

type Write = (line: string) => Promise<void>;

/** A writer that respects back-pressure on stdout (or any stream). */
export function lineWriter(stream: NodeJS.WritableStream): Write {
  return (line) =>
    new Promise((resolve) => {
      if (stream.write(line + '\n')) resolve();
      else stream.once('drain', () => resolve());
    });
}

const LANGS = new Set(['zh', 'en', 'auto']);

function lintRecord(text: string, lang: unknown, packs: Pack[], options: LintOptions): Finding[] {
  return lint(text, matcherFor(packs), { ...options, lang: typeof lang === 'string' && LANGS.has(lang) ? (lang as 'zh') : options.lang });
}

export async function lintJsonl(
  file: string,
  packs: Pack[],
  options: LintOptions,
  write: Write,
  warn: (msg: string) => void,
): Promise<BatchResult> {
  const result: BatchResult = { records: 0, errorFindings: 0, badRecords: 0 };
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (!line) continue;
    result.records++;
    let rec: { id?: unknown; text?: unknown; lang?: unknown };
    try {
      rec = JSON.parse(line);
    } catch (e) {
      result.badRecords++;
      warn(`${file}:${lineNo}: invalid JSON: ${(e as Error).message}`);
      await write(JSON.stringify({ id: null, line: lineNo, error: 'invalid JSON' }));
      continue;
    }
    if (!rec || typeof rec !== 'object' || typeof rec.text !== 'string') {
      result.badRecords++;
      warn(`${file}:${lineNo}: expected an object with a string "text" field`);
      await write(JSON.stringify({ id: rec?.id ?? null, line: lineNo, error: 'missing "text"' }));
      continue;
    }
    if (rec.lang !== undefined && !LANGS.has(rec.lang as string)) warn(`${file}:${lineNo}: unknown lang ${JSON.stringify(rec.lang)}; using ${options.lang ?? 'auto'}`);
    const findings = lintRecord(rec.text, rec.lang, packs, options);
    result.errorFindings += findings.filter((f) => f.severity === 'error').length;
    await write(JSON.stringify({ id: rec.id ?? null, findings }));
  }
  return result;
}

export async function lintCsv(
  file: string,
  column: string,
  idColumn: string | undefined,
  packs: Pack[],
  options: LintOptions,
  write: Write,
): Promise<BatchResult> {
  const result: BatchResult = { records: 0, errorFindings: 0, badRecords: 0 };
  const input = file === '-' ? process.stdin : createReadStream(file);
  let header: string[] = [];
  // The header is checked as soon as it is read, even when no row follows.
  const checkHeader = (names: string[]) => {
    header = names;
    if (!names.includes(column)) throw new Error(`${file}: no column "${column}" (columns: ${names.join(', ')})`);
    if (idColumn && !names.includes(idColumn)) throw new Error(`${file}: no id column "${idColumn}" (columns: ${names.join(', ')})`);
    return names;
  };
  const parser = parseCsv({ columns: checkHeader, bom: true, relax_column_count: true, skip_empty_lines: true });
  // A read error (a directory, a vanished file) must reach the caller as an error, not crash.
  input.on('error', (e: Error) => parser.destroy(e));
  input.pipe(parser);
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    result.records++;
    const id = idColumn ? row[idColumn] : header.includes('id') ? row.id : result.records;
    const findings = lintRecord(row[column] ?? '', row.lang, packs, options);
    result.errorFindings += findings.filter((f) => f.severity === 'error').length;
    await write(JSON.stringify({ id, findings }));
  }
  return result;
}
