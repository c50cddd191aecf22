/**
 * rules/pack.schema.json is generated from the zod schema (lib/packs/schema.ts).
 *   tsx scripts/gen-schema.ts          write it
 *   tsx scripts/gen-schema.ts --check  exit 1 if the checked-in file is stale (run by the tests)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packJsonSchema } from '../lib/packs/json-schema';

const target = fileURLToPath(new URL('../rules/pack.schema.json', import.meta.url));
const text = JSON.stringify(packJsonSchema(), null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('rules/pack.schema.json is out of date: run `npm run schema`');
    process.exit(1);
  }
  console.log('rules/pack.schema.json is current');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
