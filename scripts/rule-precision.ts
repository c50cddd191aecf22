/**
 * Usage: tsx scripts/rule-precision.ts FILE.jsonl [...]
 * Per rule: how many of its findings match an `expect` label (tp), fall on an `either` label, or are
 * false positives; rules sorted by false positives. Finds the rules that cost precision.
 */
import { readFileSync } from 'node:fs';
import { lint } from '../lib/engine';
import { labelSpan, type Label, type LabelledReply } from '../lib/eval/score';
import { loadBuiltinPacks } from '../lib/shared/builtin-node';

const files = process.argv.slice(2);
const packs = loadBuiltinPacks();
const stats = new Map<string, { tp: number; either: number; fp: number; examples: string[] }>();
for (const file of files) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const reply = JSON.parse(line) as LabelledReply;
    const overlaps = (labels: Label[] | undefined, f: { category: string; start: number; end: number }) =>
      (labels ?? []).some((l) => {
        const s = labelSpan(reply.text, l);
        return l.category === f.category && s !== undefined && s.start < f.end && s.end > f.start;
      });
    for (const f of lint(reply.text, packs, { lang: reply.lang ?? 'auto' })) {
      const st = stats.get(f.ruleId) ?? { tp: 0, either: 0, fp: 0, examples: [] };
      stats.set(f.ruleId, st);
      if (overlaps(reply.expect, f)) st.tp++;
      else if (overlaps(reply.either, f)) st.either++;
      else {
        st.fp++;
        if (st.examples.length < 3) st.examples.push(`${reply.id} "${f.text}"`);
      }
    }
  }
}
const rows = [...stats].filter(([, s]) => s.fp > 0).sort((a, b) => b[1].fp - a[1].fp || a[1].tp - b[1].tp);
for (const [id, s] of rows) console.log(`${String(s.fp).padStart(3)} fp ${String(s.tp).padStart(3)} tp ${String(s.either).padStart(2)} either  ${id}  ${s.examples.join('; ')}`);
