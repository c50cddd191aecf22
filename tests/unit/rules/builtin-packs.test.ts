/**
 * Every example of every built-in rule, one test per rule, plus the promises the built-in packs
 * make: all categories covered, each zh rule citing its seed, phrases that exist.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Pack } from '../../../lib/engine';
import { checkRuleExamples } from '../../../lib/packs/examples';
import { formatProblem } from '../../../lib/packs/path';
import { parsePackText } from '../../../lib/packs/validate';
import { BUILTIN_PACK_FILES, rulesPath } from '../../../lib/shared/builtin-node';

const packs: [string, Pack][] = BUILTIN_PACK_FILES.map((file) => {
  const r = parsePackText(readFileSync(rulesPath(file), 'utf8'), { examples: false });
  if (!r.ok) throw new Error(`rules/${file}:\n${r.problems.map((p) => formatProblem(p, file)).join('\n')}`);
  return [file, r.pack];
});
const allPhrases = new Set(packs.flatMap(([, p]) => (p.phrases ?? []).map((x) => x.id)));

for (const [file, pack] of packs) {
  describe(`rules/${file}`, () => {
    it('is a valid pack with the expected id and a semver version', () => {
      expect(pack.id).toMatch(/^(zh-CN|en)\.(core|phrases)$/);
      expect(pack.version).toMatch(/^\d+\.\d+\.\d+/);
    });
    for (const [i, rule] of pack.rules.entries()) {
      it(`${rule.id}: its flag/pass examples hold`, () => {
        const problems = checkRuleExamples(rule, `rules[${i}]`, pack);
        expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([]);
        expect(rule.examples?.flag?.length ?? 0).toBeGreaterThanOrEqual(2);
        expect(rule.examples?.pass?.length ?? 0).toBeGreaterThanOrEqual(2);
      });
    }
    if (pack.rules.length) {
      it('every rule offers known recommended phrases and, for literal/pattern fixes, at least one suggestion or phrase', () => {
        for (const rule of pack.rules) {
          for (const id of rule.phrases ?? []) expect(allPhrases.has(id), `${rule.id} → phrase ${id}`).toBe(true);
          expect((rule.suggestions?.length ?? 0) + (rule.phrases?.length ?? 0), rule.id).toBeGreaterThan(0);
        }
      });
    }
  });
}

describe('built-in pack coverage', () => {
  const core = (id: string) => packs.find(([, p]) => p.id === id)![1];
  it('zh-CN core covers all eleven categories and every rule cites its seed document', () => {
    const zh = core('zh-CN.core');
    expect(new Set(zh.rules.map((r) => r.category))).toEqual(new Set(CATEGORIES));
    for (const r of zh.rules) expect(r.source ?? '', r.id).toMatch(/\b00[0-4]\b/);
  });
  it('en core covers every category but informal-address (English has no 你/您)', () => {
    const en = core('en.core');
    expect(new Set(en.rules.map((r) => r.category))).toEqual(new Set(CATEGORIES.filter((c) => c !== 'informal-address')));
  });
  it('the phrase libraries cover every reply step in both languages', () => {
    for (const id of ['zh-CN.phrases', 'en.phrases']) {
      const steps = new Set(core(id).phrases!.flatMap((p) => p.steps ?? []));
      expect([...steps].sort(), id).toEqual(['apology', 'closing', 'empathy', 'greeting', 'solution', 'waiting']);
    }
  });
});
