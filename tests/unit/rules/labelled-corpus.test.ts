/**
 * Accuracy of the built-in packs on labelled replies, printed per category.
 * - Training data (the rules were tuned on it): tests/corpus/*.jsonl (14 industries), the rule
 *   authors' dev sets tests/corpus/dev/, and ../shared/eval/sample.jsonl. Must meet the product
 *   targets: precision ≥ 0.95, recall ≥ 0.90, < 3% of clean replies flagged.
 * - tests/corpus/holdout2/: written by someone who never saw the rules, never tuned for recall.
 *   It measures generalization (recall blind; its false positives were reviewed once, only ever
 *   narrowing rules). The targets are NOT met there yet (see the engine issue's note);
 *   until they are, this test guards against regression below the figures last measured.
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

// Last measured on holdout2 (npx tsx scripts/evaluate.ts -q tests/corpus/holdout2/*.jsonl).
const HOLDOUT2_MEASURED = { precision: 0.946, recall: 0.635, cleanFlagged: 0 };

describe('labelled replies: independent holdout (generalization)', () => {
  it('tests/corpus/holdout2: no regression below the last measured figures (targets not yet met there)', () => {
    const s = measure('independent holdout (tests/corpus/holdout2)', jsonl(`${root}tests/corpus/holdout2`));
    const p = precision(s.total);
    const r = recall(s.total);
    const c = s.cleanWithFinding / s.cleanReplies;
    console.log(`  gap to target: precision ${(p - TARGET.precision).toFixed(3)}, recall ${(r - TARGET.recall).toFixed(3)}`);
    expect(p).toBeGreaterThanOrEqual(HOLDOUT2_MEASURED.precision - 0.005);
    expect(r).toBeGreaterThanOrEqual(HOLDOUT2_MEASURED.recall - 0.005);
    expect(c).toBeLessThanOrEqual(Math.max(HOLDOUT2_MEASURED.cleanFlagged, TARGET.cleanFlagged - 0.001));
  });
});
