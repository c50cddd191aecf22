import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick } from '../../../lib/engine/aho-corasick';

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, i) => {
    if (!p) return;
    for (let s = text.indexOf(p); s >= 0; s = text.indexOf(p, s + 1)) out.push(`${i}@${s}`);
  });
  return out.sort();
}

describe('AhoCorasick', () => {
  it('finds overlapping and nested phrases', () => {
    const ac = new AhoCorasick(['但是', '不但是', '是', '你', '你得']);
    const hits: string[] = [];
    ac.search('不但是你得', (p, s, e) => hits.push(`${p}:${s}-${e}`));
    expect(hits.sort()).toEqual(['0:1-3', '1:0-3', '2:2-3', '3:3-4', '4:3-5'].sort());
  });

  it('agrees with a naive search on random input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4, unit: fc.constantFrom('a', 'b', '但', '是') }), { maxLength: 8 }), fc.string({ maxLength: 40, unit: fc.constantFrom('a', 'b', '但', '是', 'c') }), (patterns, text) => {
        const ac = new AhoCorasick(patterns);
        const hits: string[] = [];
        ac.search(text, (p, s, e) => {
          expect(e - s).toBe(patterns[p]!.length);
          hits.push(`${p}@${s}`);
        });
        expect(hits.sort()).toEqual(naive(patterns, text));
      }),
    );
  });
});
