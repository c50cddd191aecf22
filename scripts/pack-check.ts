/** Usage: tsx scripts/pack-check.ts FILE — validate a pack and run its examples (interim; the CLI's `pack test` supersedes it). */
import { readFileSync } from 'node:fs';
import { formatProblem, parsePackText } from '../lib/packs';

let failed = 0;
for (const file of process.argv.slice(2)) {
  const r = parsePackText(readFileSync(file, 'utf8'));
  if (r.ok) console.log(`${file}: ok, ${r.pack.rules.length} rules, ${r.pack.phrases?.length ?? 0} phrases`);
  else {
    failed++;
    for (const p of r.problems) console.log(formatProblem(p, file));
  }
}
process.exit(failed ? 1 : 0);
