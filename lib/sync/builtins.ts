/** The built-in packs, validated once per context (background, options page). */
import type { Pack } from '../engine/types';
import { validatePack } from '../packs/validate';
import { BUILTIN_PACK_DATA } from '../shared/builtin-packs';

let builtins: Pack[] | undefined;
export function builtinPacks(): Pack[] {
  if (!builtins) {
    builtins = [];
    for (const raw of BUILTIN_PACK_DATA) {
      const r = validatePack(raw, { examples: false });
      if (r.ok) builtins.push(r.pack);
      else console.error('[ReplyCoach] built-in pack invalid', r.problems);
    }
  }
  return builtins;
}
