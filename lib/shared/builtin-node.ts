/** Node-side loading of the built-in packs from rules/ (CLI, tests, benchmarks). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePackText } from '../packs/validate';
import { formatProblem } from '../packs/path';
import type { Pack } from '../engine/types';

export const BUILTIN_PACK_FILES = ['zh-CN/phrases.yaml', 'zh-CN/core.yaml', 'en/phrases.yaml', 'en/core.yaml'];

export function rulesPath(file: string): string {
  return fileURLToPath(new URL(`../../rules/${file}`, import.meta.url));
}

let cached: Pack[] | undefined;
export function loadBuiltinPacks(): Pack[] {
  if (cached) return cached;
  cached = BUILTIN_PACK_FILES.map((file) => {
    const r = parsePackText(readFileSync(rulesPath(file), 'utf8'), { examples: false });
    if (!r.ok) throw new Error(`built-in pack rules/${file} is invalid:\n${r.problems.map((p) => formatProblem(p, file)).join('\n')}`);
    return r.pack;
  });
  return cached;
}
