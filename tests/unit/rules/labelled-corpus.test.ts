/**
 * Accuracy of the built-in packs on labelled replies: ../shared/eval/sample.jsonl, our held-out
 * corpus (tests/corpus/*.jsonl, written apart from the rules) and the rule authors' dev sets
 * (tests/corpus/dev/). Prints precision/recall per category; asserts the product targets.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../lib/engine';
import { formatScore, precision, recall, score, type LabelledReply } from '../../../lib/eval/score';
import { loadBuiltinPacks } from '../../../lib/shared/builtin-node';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string): LabelledReply[] =>
  readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledReply);
const jsonl = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => `${dir}/${f}`) : []);

const sets: Record<string, string[]> = {
  'held-out corpus (tests/corpus)': jsonl(`${root}tests/corpus`),
  'rule authors\u2019 dev sets (tests/corpus/dev)': jsonl(`${root}tests/corpus/dev`),
  'shared sample (../shared/eval/sample.jsonl)': [`${root}../shared/eval/sample.jsonl`],
};

describe('labelled replies', () => {
  const packs = loadBuiltinPacks();
  for (const [name, files] of Object.entries(sets)) {
    it(`${name}: precision ≥ 0.95, recall ≥ 0.90, < 3% of clean replies flagged`, () => {
      expect(files.length, `no labelled files for ${name}`).toBeGreaterThan(0);
      for (const f of files) expect(existsSync(f), f).toBe(true);
      const replies = files.flatMap(read);
      const s = score(replies.map((reply) => ({ reply, findings: lint(reply.text, packs, { lang: reply.lang ?? 'auto' }) })));
      console.log(`\n${name}: ${replies.length} replies\n${formatScore(s)}`);
      expect(precision(s.total)).toBeGreaterThanOrEqual(0.95);
      expect(recall(s.total)).toBeGreaterThanOrEqual(0.9);
      expect(s.cleanWithFinding / s.cleanReplies).toBeLessThan(0.03);
    });
  }
});
