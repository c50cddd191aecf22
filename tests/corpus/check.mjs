// Validates tests/corpus/*.jsonl: JSON per line, unique ids, known categories, lang, spans found at the stated occurrence.
// Usage: node tests/corpus/check.mjs [files...]   (defaults to tests/corpus/*.jsonl)
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const CATS = new Set(['refusal','contrast','blame-shifting','blaming-customer','absolute','not-knowing','dismissive','confrontational','commanding','hedging','informal-address']);
const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(here).filter((f) => f.endsWith('.jsonl')).map((f) => join(here, f));
const ids = new Set(); let errors = 0, n = 0;
const err = (f, i, m) => { errors++; console.log(`${f}:${i}: ${m}`); };
for (const f of files) {
  readFileSync(f, 'utf8').split('\n').forEach((l, i) => {
    if (!l.trim()) return;
    let r; try { r = JSON.parse(l); } catch (e) { return err(f, i + 1, 'bad JSON'); }
    n++;
    if (ids.has(r.id)) err(f, i + 1, `duplicate id ${r.id}`); ids.add(r.id);
    if (!['zh', 'en'].includes(r.lang)) err(f, i + 1, `bad lang ${r.lang}`);
    if (typeof r.text !== 'string' || !Array.isArray(r.expect)) err(f, i + 1, 'missing text/expect');
    for (const e of [...r.expect, ...(r.either || [])]) {
      if (!CATS.has(e.category)) err(f, i + 1, `${r.id}: unknown category ${e.category}`);
      if (r.lang === 'en' && e.category === 'informal-address') err(f, i + 1, `${r.id}: informal-address in en`);
      let at = -1;
      for (let k = 0; k < (e.occurrence || 1); k++) { at = r.text.indexOf(e.span, at + 1); if (at < 0) break; }
      if (!e.span || at < 0) err(f, i + 1, `${r.id}: span not found "${e.span}" occurrence ${e.occurrence || 1}`);
    }
  });
}
console.log(`${n} replies in ${files.length} files, ${errors} errors`);
process.exit(errors ? 1 : 0);
