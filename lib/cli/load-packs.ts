/** The packs a CLI run uses: the built-in ones plus every --pack file, all-or-nothing. */
import { readFileSync } from 'node:fs';
import type { Pack } from '../engine/types';
import { parsePackText } from '../packs/validate';
import { formatProblem } from '../packs/path';
import { loadBuiltinPacks } from '../shared/builtin-node';

export class UsageError extends Error {}

export function loadPacks(extra: readonly string[]): Pack[] {
  const packs = [...loadBuiltinPacks()];
  for (const file of extra) {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read pack ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const r = parsePackText(source);
    if (!r.ok) throw new UsageError(`invalid pack ${file}:\n${r.problems.map((p) => '  ' + formatProblem(p, file)).join('\n')}`);
    packs.push(r.pack);
  }
  return packs;
}
