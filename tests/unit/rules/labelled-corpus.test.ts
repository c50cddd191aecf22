/**
 * Accuracy of the built-in packs on labelled replies, printed per category.
 * - Training data (the rules were tuned on it): tests/corpus/*.jsonl (14 industries), the rule
 *   authors' dev sets tests/corpus/dev/, holdout2, train3, train4 (writers who never saw the rules,
 *   tuned on afterwards) and ../shared/eval/sample.jsonl. Must meet the product targets:
 *   precision ≥ 0.95, recall ≥ 0.90, < 3% of clean replies flagged.
 * - tests/corpus/holdout3: blind (never read for tuning), the honest estimate for unseen replies.
 *   The targets are NOT met there yet (see the engine issue's note); until they are, it is guarded
 *   against regression below the figures last measured.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../lib/engine';
import { formatScore, precision, recall, score, type LabelledReply, type Score } from '../../../lib/eval/score';
import { loadBuiltinPacks } from '../../../lib/shared/builtin-node';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string): LabelledReply[] =>
  readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledReply);
const jsonl = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => `${dir}/${f}`) : []);

const packs = loadBuiltinPacks();
function measure(name: string, files: string[]): Score {
  expect(files.length, `no labelled files for ${name}`).toBeGreaterThan(0);
  for (const f of files) expect(existsSync(f), f).toBe(true);
  const replies = files.flatMap(read);
  const s = score(replies.map((reply) => ({ reply, findings: lint(reply.text, packs, { lang: reply.lang ?? 'auto' }) })));
  console.log(`\n${name}: ${replies.length} replies\n${formatScore(s)}`);
  return s;
}

const TARGET = { precision: 0.95, recall: 0.9, cleanFlagged: 0.03 };

describe('labelled replies: training data meets the targets', () => {
  const sets: Record<string, string[]> = {
    'labelled corpus (tests/corpus)': jsonl(`${root}tests/corpus`),
    'rule authors\u2019 dev sets (tests/corpus/dev)': jsonl(`${root}tests/corpus/dev`),
    'new writers, tuned on (tests/corpus/holdout2, train3, train4)': ['holdout2', 'train3', 'train4'].flatMap((d) => jsonl(`${root}tests/corpus/${d}`)),
    'shared sample (../shared/eval/sample.jsonl)': [`${root}../shared/eval/sample.jsonl`],
  };
  for (const [name, files] of Object.entries(sets)) {
    it(`${name}: precision ≥ 0.95, recall ≥ 0.90, < 3% of clean replies flagged`, () => {
      const s = measure(name, files);
      expect(precision(s.total)).toBeGreaterThanOrEqual(TARGET.precision);
      expect(recall(s.total)).toBeGreaterThanOrEqual(TARGET.recall);
      expect(s.cleanWithFinding / s.cleanReplies).toBeLessThan(TARGET.cleanFlagged);
    });
  }
});

/**
 * Where the targets are not met yet: guarded against regression below the figures last measured
 * (npx tsx scripts/evaluate.ts -q DIR/*.jsonl). holdout3 is blind: nobody reads its misses.
 */
const GUARDED: { dir: string; what: string; measured: { precision: number; recall: number; cleanFlagged: number } }[] = [
  { dir: 'tests/corpus/holdout3', what: 'blind', measured: { precision: 0.92, recall: 0.672, cleanFlagged: 0.034 } },
];

describe('labelled replies: blind holdout (generalization)', () => {
  for (const g of GUARDED) {
    it(`${g.dir} (${g.what}): no regression below the last measured figures (targets not yet met there)`, () => {
      const s = measure(`${g.dir} (${g.what})`, jsonl(`${root}${g.dir}`));
      const p = precision(s.total);
      const r = recall(s.total);
      const c = s.cleanWithFinding / s.cleanReplies;
      console.log(`  gap to target: precision ${(p - TARGET.precision).toFixed(3)}, recall ${(r - TARGET.recall).toFixed(3)}`);
      expect(p).toBeGreaterThanOrEqual(g.measured.precision - 0.005);
      expect(r).toBeGreaterThanOrEqual(g.measured.recall - 0.005);
      expect(c).toBeLessThanOrEqual(Math.max(g.measured.cleanFlagged, TARGET.cleanFlagged - 0.001) + 0.001);
    });
  }
});
