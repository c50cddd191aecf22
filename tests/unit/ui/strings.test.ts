/** The card's own strings (lib/ui/strings.ts): both languages have the same keys and shapes. */
import { describe, expect, test } from 'vitest';
import { CATEGORIES } from '@/lib/engine/types';
import { CATEGORY_LABEL, strings } from '@/lib/ui/strings';

describe('card strings', () => {
  const zh = strings('zh') as unknown as Record<string, unknown>;
  const en = strings('en') as unknown as Record<string, unknown>;
  test('zh and en have exactly the same keys, each of the same kind', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en)) expect(`${k}: ${typeof zh[k]}`).toBe(`${k}: ${typeof en[k]}`);
  });
  test('no empty string; templates take the same arguments and use them', () => {
    for (const [lang, t] of [['zh', zh], ['en', en]] as const) {
      for (const [k, v] of Object.entries(t)) {
        if (typeof v === 'string') expect(v.trim(), `${lang}.${k}`).not.toBe('');
        else {
          const f = v as (...a: unknown[]) => string;
          expect(f.length, `${lang}.${k} arity`).toBe((en[k] as (...a: unknown[]) => string).length);
          const out = f(...Array.from({ length: f.length }, (_, i) => (i === 0 && f.length === 1 ? 'X词' : i + 7)));
          expect(typeof out).toBe('string');
          expect(out).toMatch(f.length === 1 ? /X词/ : /7.*8/);
        }
      }
    }
  });
  test('an unknown language falls back to English', () => {
    expect(strings('fr' as never)).toBe(strings('en'));
  });
  test('every category has a label in both languages', () => {
    expect(Object.keys(CATEGORY_LABEL).sort()).toEqual([...CATEGORIES].sort());
    for (const c of CATEGORIES) {
      expect(CATEGORY_LABEL[c].zh.trim()).not.toBe('');
      expect(CATEGORY_LABEL[c].en.trim()).not.toBe('');
    }
  });
});
