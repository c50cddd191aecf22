/** Usage: tsx scripts/evaluate.ts FILE.jsonl [...]  — precision/recall of the built-in packs, and each miss. */
import { readFileSync } from 'node:fs';
import { lint } from '../lib/engine';
import { formatScore, score, type LabelledReply } from '../lib/eval/score';
import { loadBuiltinPacks } from '../lib/shared/builtin-node';

const files = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const quiet = process.argv.includes('-q');
const packs = loadBuiltinPacks();
const replies: LabelledReply[] = files.flatMap((f) =>
  readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledReply),
);
const s = score(replies.map((reply) => ({ reply, findings: lint(reply.text, packs, { lang: reply.lang ?? 'auto' }) })));
if (!quiet) {
  for (const c of s.cases) {
    const r = replies.find((x) => x.id === c.id)!;
    console.log(`${c.id}: ${r.text.replace(/\n/g, '⏎')}`);
    for (const m of c.missed) console.log(`   MISSED ${m.category} "${m.span}"`);
    for (const f of c.falsePositives) console.log(`   FALSE+ ${f.category} "${f.text}" (${f.ruleId})`);
  }
}
console.log(formatScore(s));
