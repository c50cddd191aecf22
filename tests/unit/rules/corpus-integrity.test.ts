/**
 * Integrity of the labelled corpora: tests/corpus/*.jsonl (held out, generated from
 * tests/corpus/src/ by tests/corpus/build.ts) and tests/corpus/dev/*.jsonl (hand-written).
 * Every line is a JSON object, ids are unique across all files, categories are known, lang is
 * zh|en, every span is found at its stated occurrence, and English has no informal-address.
 * The generated files must be exactly what build.ts produces from src/ (edit src/, then run
 * `npx tsx tests/corpus/build.ts`; never hand-edit the .jsonl).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCorpus, CATS } from '../../corpus/build';

const corpusDir = fileURLToPath(new URL('../../corpus/', import.meta.url));
const devDir = `${corpusDir}dev/`;
const jsonlIn = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];
const files = [...jsonlIn(corpusDir).map((f) => corpusDir + f), ...jsonlIn(devDir).map((f) => devDir + f)];
const categories = new Set<string>(Object.values(CATS));
const rel = (f: string) => f.slice(corpusDir.length - 'tests/corpus/'.length);

interface Label { category?: unknown; span?: unknown; occurrence?: unknown }

/** The problems in the given files, as "file:line: message" (empty = all good). */
function validate(paths: string[]): { errors: string[]; replies: number } {
  const ids = new Set<string>();
  const errors: string[] = [];
  let replies = 0;
  for (const f of paths) {
    readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      const err = (m: string) => errors.push(`${rel(f)}:${i + 1}: ${m}`);
      if (!line.trim()) return;
      let r: { id?: unknown; lang?: unknown; text?: unknown; expect?: unknown; either?: unknown };
      try {
        r = JSON.parse(line);
      } catch {
        return err('bad JSON');
      }
      replies++;
      if (typeof r !== 'object' || r === null) return err('not an object');
      const id = String(r.id);
      if (typeof r.id !== 'string' || !r.id) err('missing id');
      if (ids.has(id)) err(`duplicate id ${id}`);
      ids.add(id);
      if (r.lang !== 'zh' && r.lang !== 'en') err(`bad lang ${String(r.lang)}`);
      if (typeof r.text !== 'string' || !Array.isArray(r.expect)) return err('missing text/expect');
      if (r.either !== undefined && !Array.isArray(r.either)) return err(`${id}: either is not an array`);
      const text = r.text;
      for (const e of [...(r.expect as Label[]), ...((r.either as Label[] | undefined) ?? [])]) {
        if (!categories.has(e.category as string)) err(`${id}: unknown category ${String(e.category)}`);
        if (r.lang === 'en' && e.category === 'informal-address') err(`${id}: informal-address in en`);
        const occ = e.occurrence ?? 1;
        if (!Number.isInteger(occ) || (occ as number) < 1) err(`${id}: bad occurrence ${String(e.occurrence)}`);
        let at = -1;
        if (typeof e.span === 'string' && e.span) {
          for (let k = 0; k < (occ as number); k++) {
            at = text.indexOf(e.span, at + 1);
            if (at < 0) break;
          }
        }
        if (at < 0) err(`${id}: span not found "${String(e.span)}" occurrence ${String(occ)}`);
      }
    });
  }
  return { errors, replies };
}

describe('labelled corpus integrity', () => {
  it('has corpus and dev files', () => {
    expect(jsonlIn(corpusDir).length).toBeGreaterThan(0);
    expect(jsonlIn(devDir).length).toBeGreaterThan(0);
  });

  it('tests/corpus/*.jsonl and dev/*.jsonl: JSON per line, unique ids, known categories, lang zh|en, spans at their occurrence, no informal-address in en', () => {
    const { errors, replies } = validate(files);
    expect(replies).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('the checked-in tests/corpus/*.jsonl are exactly what build.ts makes from src/', () => {
    const built = buildCorpus();
    expect(jsonlIn(corpusDir)).toEqual(built.map((b) => b.name).sort());
    for (const b of built) {
      const onDisk = readFileSync(corpusDir + b.name, 'utf8');
      if (onDisk !== b.content) {
        const have = onDisk.split('\n');
        const want = b.content.split('\n');
        const line = want.findIndex((l, i) => l !== have[i]);
        expect.fail(
          `tests/corpus/${b.name} differs from what build.ts makes from src/ (first at line ${line + 1}); ` +
            `run \`npx tsx tests/corpus/build.ts\`\n  checked in: ${have[line]}\n  built:      ${want[line]}`,
        );
      }
    }
  });
});
