import { describe, expect, it } from 'vitest';
import { formatProblem, parsePackText } from '../../../lib/packs';

const head = 'id: team.pack\nname: Team\nversion: 1.0.0\nlocale: zh-CN\n';
const good = `${head}rules:
  - id: team.refusal
    category: refusal
    match: [办不了]
    message: 避免说办不了
    why: 告诉客户你能做什么
    examples:
      flag: ["这个[[办不了]]"]
      pass: ["可以办理"]
`;

const problems = (src: string) => {
  const r = parsePackText(src);
  return r.ok ? [] : r.problems.map((p) => formatProblem(p));
};

describe('parsePackText', () => {
  it('accepts a valid pack and fills defaults (severity, lang, localized texts)', () => {
    const r = parsePackText(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.pack.rules[0]).toMatchObject({ severity: 'warning', lang: 'zh', message: { zh: '避免说办不了', en: '避免说办不了' } });
  });

  it('accepts the same pack as JSON', () => {
    const r = parsePackText(JSON.stringify({ id: 'j', name: 'J', version: '0.1.0', locale: 'en', rules: [{ id: 'a', category: 'hedging', match: ['maybe'], message: { en: 'm' }, why: 'w' }] }));
    expect(r.ok && r.pack.rules[0]!.lang).toBe('en');
  });

  it('lists every problem with its path and YAML line, rejecting the whole pack', () => {
    const src = `id: x
name: y
version: "1.0"
locale: zh-CN
rules:
  - id: a
    category: nope
    pattern: "(?=x)a"
    message: m
    why: w
  - id: a
    category: refusal
    pattern: 'a\\1'
    message: m
    why: w
  - id: b
    category: refusal
    message: m
    why: w
`;
    expect(problems(src)).toEqual([
      '3:10: version: must be a semver version like "1.2.0"',
      '7:15: rules[0].category: Invalid option: expected one of "refusal"|"contrast"|"blame-shifting"|"blaming-customer"|"absolute"|"not-knowing"|"dismissive"|"confrontational"|"commanding"|"hedging"|"informal-address"',
      '8:14: rules[0].pattern: unsupported regex feature: lookahead/lookbehind "(?=…)" / "(?<=…)" (patterns run in linear time with RE2 syntax)',
      '11:9: rules[1].id: duplicate rule id "a" (first used by rules[0])',
      '13:14: rules[1].pattern: unsupported regex feature: backreference "\\1" (patterns run in linear time with RE2 syntax)',
      '16:5: rules[2]: give exactly one of "match" (phrases) or "pattern" (regex)',
    ]);
  });

  it('names unsupported regex features in context patterns too', () => {
    const src = good.replace('    message: 避免说办不了', "    unless: { beforePattern: '(?<!如果)' }\n    message: 避免说办不了");
    expect(problems(src)).toEqual([expect.stringContaining('rules[0].unless.beforePattern: unsupported regex feature: negative lookahead/lookbehind')]);
  });

  it('reports invalid regex syntax', () => {
    expect(problems(good.replace('match: [办不了]', "pattern: '办(不了'"))).toEqual([expect.stringContaining('rules[0].pattern: invalid regex')]);
  });

  it('rejects examples that contradict their rule, with the example path', () => {
    const src = good.replace('flag: ["这个[[办不了]]"]', 'flag: ["可以[[办理]]", "[[这个]]办不了"]').replace('pass: ["可以办理"]', 'pass: ["这事办不了"]');
    expect(problems(src)).toEqual([
      '12:14: rules[0].examples.flag[0]: rule does not flag "可以办理"',
      '12:26: rules[0].examples.flag[1]: expected "这个" flagged, got "办不了"',
      '13:14: rules[0].examples.pass[0]: rule flags "办不了" in a pass example: "这事办不了"',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems(`${head}rules: [\n  - id: a\n`)[0]).toMatch(/^\d+:\d+: \(syntax\): /);
  });

  it('rejects duplicate YAML keys, unknown fields and oversized packs', () => {
    expect(problems(`${head}name: again\nrules: []\n`)[0]).toMatch(/^5:1: \(syntax\): Map keys must be unique/);
    expect(problems(`${head}rules: []\ncolour: red\n`)).toEqual([expect.stringContaining('Unrecognized key: "colour"')]);
    expect(problems(`${head}description: "${'x'.repeat(2 * 1024 * 1024)}"\nrules: []\n`)).toEqual([expect.stringMatching(/limit is 2 MB/)]);
  });

  it('rejects duplicate phrase ids and unknown phrase categories', () => {
    const src = `${head}rules: []\nphrases:\n  - { id: p, text: 您好 }\n  - { id: p, text: 您好, categories: [nope] }\n`;
    const ps = problems(src);
    expect(ps.some((p) => p.includes('phrases[1].id: duplicate phrase id "p"'))).toBe(true);
    expect(ps.some((p) => p.includes('phrases[1].categories[0]'))).toBe(true);
  });
});

describe('regexes are validated exactly as the engine compiles them', () => {
  it('keeps a pattern as written (a trailing "\\ " is an escaped space, not trimmed into an error)', () => {
    const r = parsePackText(good.replace('match: [办不了]', "pattern: '办不了\\ '"), { examples: false });
    expect(r.ok && r.pack.rules[0]!.pattern).toBe('办不了\\ ');
  });
  it('rejects a context pattern that only breaks once anchored at the match', () => {
    const src = good.replace('    message: 避免说办不了', "    unless: { afterPattern: '\\Q(ok)' }\n    message: 避免说办不了");
    expect(problems(src)).toEqual([expect.stringContaining('rules[0].unless.afterPattern: invalid regex')]);
  });
  it('does not mistake [?+] or an escaped backslash for unsupported features', () => {
    expect(problems(good.replace('match: [办不了]', "pattern: '办不了[?+]|C\\\\\\\\1'"))).not.toEqual(expect.arrayContaining([expect.stringContaining('unsupported')]));
  });
});
