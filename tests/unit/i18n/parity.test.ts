import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { CATEGORIES } from '@/lib/engine/types';
import { pickPlural, substitute } from '@/lib/i18n';

const DIR = resolve(__dirname, '../../../locales');
const FILES = { en: join(DIR, 'en.yml'), zh: join(DIR, 'zh_CN.yml') };

async function load(file: string) {
  const msgs = await parseMessagesFile(file);
  return new Map(msgs.filter((m) => !m.key[0]!.startsWith('@@')).map((m) => [m.key.join('.'), m]));
}

describe('UI strings in both languages', () => {
  test('exactly the two shipped locales', () => {
    expect(readdirSync(DIR).sort()).toEqual(['en.yml', 'zh_CN.yml']);
  });

  test('every key exists in en and zh_CN, with the same substitutions and plural forms', async () => {
    const en = await load(FILES.en);
    const zh = await load(FILES.zh);
    const missingInZh = [...en.keys()].filter((k) => !zh.has(k));
    const missingInEn = [...zh.keys()].filter((k) => !en.has(k));
    expect({ missingInZh, missingInEn }).toEqual({ missingInZh: [], missingInEn: [] });
    for (const [k, m] of en) {
      const z = zh.get(k)!;
      expect(`${k}: ${z.type}/${z.substitutions}`).toBe(`${k}: ${m.type}/${m.substitutions}`);
      if (m.type === 'plural' && z.type === 'plural') expect(Object.keys(z.plurals).sort()).toEqual(Object.keys(m.plurals).sort());
      if (m.type === 'simple' && z.type === 'simple') expect(z.message.trim(), k).not.toBe('');
    }
  });

  test('keys are valid browser message names and every category has a label', async () => {
    const en = await load(FILES.en);
    for (const k of en.keys()) expect(k.replaceAll('.', '_')).toMatch(/^[A-Za-z0-9_]+$/);
    for (const c of CATEGORIES) {
      expect(en.has(`category.${c.replaceAll('-', '_')}`), c).toBe(true);
      expect(en.has(`said.${c.replaceAll('-', '_')}`), c).toBe(true);
    }
    expect((await load(FILES.zh)).get('meta.lang')).toMatchObject({ message: 'zh' });
  });

  test('substitution and plural helpers behave like browser.i18n / @wxt-dev/i18n', () => {
    expect(substitute('本周你少说了 $2 次$1。', ['“但是”', 12])).toBe('本周你少说了 12 次“但是”。');
    expect(substitute('$$$1', ['5'])).toBe('$5');
    const p = 'none | one | $1 many';
    expect(pickPlural(p, 0)).toBe('none');
    expect(pickPlural(p, 1)).toBe('one');
    expect(pickPlural(substitute(p, [7]), 7)).toBe('7 many');
  });
});
