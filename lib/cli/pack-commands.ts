/** `reply-coach pack validate|test FILE...` */
import { readFileSync } from 'node:fs';
import { parsePackText } from '../packs/validate';
import { formatProblem } from '../packs/path';

type Print = (s: string) => void;

function read(file: string, err: Print): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    err(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return undefined;
  }
}

/** Structure only: schema, regexes (RE2), ids, limits. Exit 1 on any problem. */
export function packValidate(files: string[], out: Print, err: Print): number {
  let bad = 0;
  for (const file of files) {
    const src = read(file, err);
    if (src === undefined) return 2;
    const r = parsePackText(src, { examples: false });
    if (r.ok) out(`${file}: valid pack "${r.pack.id}" ${r.pack.version}: ${r.pack.rules.length} rules, ${r.pack.phrases?.length ?? 0} phrases`);
    else {
      bad++;
      for (const p of r.problems) err(formatProblem(p, file));
      err(`${file}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`);
    }
  }
  return bad ? 1 : 0;
}

/** Validate, then run every rule's own flag/pass examples. Exit 1 on any failure. */
export function packTest(files: string[], out: Print, err: Print): number {
  let bad = 0;
  for (const file of files) {
    const src = read(file, err);
    if (src === undefined) return 2;
    const structural = parsePackText(src, { examples: false });
    if (!structural.ok) {
      bad++;
      for (const p of structural.problems) err(formatProblem(p, file));
      continue;
    }
    const examples = structural.pack.rules.reduce((n, r) => n + (r.examples?.flag?.length ?? 0) + (r.examples?.pass?.length ?? 0), 0);
    const r = parsePackText(src);
    const failed = r.ok ? 0 : r.problems.length;
    if (!r.ok) {
      bad++;
      for (const p of r.problems) err(formatProblem(p, file));
    }
    out(`${file}: ${structural.pack.rules.length} rules, ${examples} examples: ${examples - failed} passed, ${failed} failed`);
  }
  return bad ? 1 : 0;
}
