/** docs/rule-packs.md and docs/examples/ecommerce-team.yaml must not rot. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '@/lib/engine';
import { parsePackText } from '@/lib/packs';
import { loadBuiltinPacks } from '@/lib/shared/builtin-node';

const root = new URL('../../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');
const example = read('docs/examples/ecommerce-team.yaml');

describe('docs/examples/ecommerce-team.yaml', () => {
  it('validates and every rule passes its own examples', () => {
    const r = parsePackText(example);
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`).join('\n'));
    expect(r.pack.rules.length).toBeGreaterThanOrEqual(5);
    expect(r.pack.sites?.length).toBeGreaterThan(0);
    expect(r.pack.overrides?.some((o) => o.enabled === false)).toBe(true);
    expect(r.pack.overrides?.some((o) => o.severity)).toBe(true);
  });

  it('its overrides target real built-in rules, and they take effect together with the built-ins', () => {
    const r = parsePackText(example);
    if (!r.ok) throw new Error('invalid');
    const builtins = loadBuiltinPacks();
    const ids = new Set(builtins.flatMap((p) => p.rules.map((rule) => rule.id)));
    for (const o of r.pack.overrides ?? []) expect(ids, `override target ${o.rule}`).toContain(o.rule);
    const off = r.pack.overrides!.find((o) => o.enabled === false)!;
    const regraded = r.pack.overrides!.find((o) => o.severity)!;
    const rule = (id: string) => builtins.flatMap((p) => p.rules).find((x) => x.id === id)!;
    const firstFlag = (id: string) => (rule(id).examples?.flag?.[0] ?? '').replace(/\[\[|\]\]/g, '');
    const packs = [...builtins, r.pack];
    if (firstFlag(off.rule)) expect(lint(firstFlag(off.rule), packs).map((f) => f.ruleId)).not.toContain(off.rule);
    if (firstFlag(regraded.rule)) {
      const f = lint(firstFlag(regraded.rule), packs).find((x) => x.ruleId === regraded.rule);
      expect(f?.severity).toBe(regraded.severity);
    }
  });

  it('is quoted verbatim in docs/rule-packs.md', () => {
    const doc = read('docs/rule-packs.md');
    const m = doc.match(/<!-- example:ecommerce-team -->\s*```yaml\n([\s\S]*?)```/);
    expect(m, 'docs/rule-packs.md must contain the example block').toBeTruthy();
    expect(m![1]).toBe(example);
  });
});
