import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mayMatch, prefilterOf, type Prefilter } from '../../../lib/engine/prefilter';
import { foldCase, foldWidth } from '../../../lib/engine/normalize';
import { compilePattern } from '../../../lib/engine/regex';
import { loadBuiltinPacks } from '../../../lib/shared/builtin-node';

/** A prefilter as plain data, order-free (literal sets and AND/OR items sorted). */
const lits = (pf: Prefilter | null): unknown =>
  pf === null ? null : pf.kind === 'any' ? [...pf.lits].sort() : { [pf.kind]: pf.items.map(lits).sort(byJson) };
const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
/** The same normal form for a hand-written expectation. */
const norm = (x: unknown): unknown =>
  Array.isArray(x) ? [...x].sort() : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, (v as unknown[]).map(norm).sort(byJson)])) : x;

describe('prefilter: the literals every match must contain', () => {
  it('keeps the required literals of a concatenation and drops what may be absent', () => {
    expect(lits(prefilterOf('是.{0,6}的(?:问题|责任)'))).toEqual(norm({ and: [['是'], ['的问题', '的责任']] }));
    expect(lits(prefilterOf('(?:您|你)(?:们)?[^，]{1,6}?(?:摔|碰)坏'))).toEqual(norm({ and: [['你', '您'], ['摔坏', '碰坏']] }));
    expect(lits(prefilterOf('a*b'))).toEqual(norm(['b']));
    expect(lits(prefilterOf('x?y+z'))).toEqual(norm({ and: [['y'], ['z']] }));
    expect(lits(prefilterOf('(?:ab)+c'))).toEqual(norm({ and: [['ab'], ['c']] }));
  });

  it('a literal implied by a shorter one in the same set is dropped ("您自己" needs "您")', () => {
    expect(lits(prefilterOf('(?:您自己|您|你).*没'))).toEqual(norm({ and: [['你', '您'], ['没']] }));
  });

  it('alternatives that each require something become an OR; one free alternative makes it null', () => {
    expect(lits(prefilterOf('foo.*bar|baz.*qux'))).toEqual(norm({ or: [{ and: [['bar'], ['foo']] }, { and: [['baz'], ['qux']] }] }));
    expect(prefilterOf('foo.*bar|.*')).toBeNull();
    expect(prefilterOf('(?:foo)?')).toBeNull();
  });

  it('folds literals as the text is folded (case, width) and treats plain classes as small sets', () => {
    expect(lits(prefilterOf('Ｆｏｏ[的得]'))).toEqual(norm(['foo的', 'foo得']));
    expect(lits(prefilterOf('Foo', true))).toEqual(norm(['Foo']));
    expect(lits(prefilterOf('[a-z]x'))).toEqual(norm(['x']));
    expect(lits(prefilterOf('[^x]y'))).toEqual(norm(['y']));
    expect(lits(prefilterOf('\\bcan\\b'))).toEqual(norm(['can']));
  });

  it('gives up (null, no filtering) on what it does not understand: inline flags, \\x, \\Q', () => {
    expect(prefilterOf('(?i)abc')).toBeNull();
    expect(prefilterOf('\\x{41}bc')).toBeNull();
    expect(prefilterOf('\\Qa.b\\E')).toBeNull();
  });

  it('reads the pattern as re2js compiles it: width-folded (review finds: ｛２，３｝, ＼ｂ, [a－z], octal)', () => {
    const cases: [string, string][] = [
      ['是您.{0，6}的问题', '这是您自己操作的问题。'],
      ['ab{2，3}c', 'abbc'],
      ['ab{２}c', 'abbc'],
      ['[a－z]x', 'bx'],
      ['\\ｂcan', 'can'],
      ["can't\\040.*help", "sorry, i can't help."],
      ['\\012ab', '\nab'],
    ];
    for (const [pattern, text] of cases) {
      expect(compilePattern(pattern).test(text), pattern).toBe(true);
      const pf = prefilterOf(pattern);
      expect(pf === null || mayMatch(pf, text), pattern).toBe(true);
    }
  });

  it('gives up on malformed input instead of hanging (patterns are validated first, but still)', () => {
    expect(prefilterOf('\\p{L')).toBeNull();
    expect(prefilterOf('(?P<x')).toBeNull();
  });

  it('cased letters outside ASCII are not required (RE2 case folding reaches further than toLowerCase)', () => {
    expect(lits(prefilterOf('Σx'))).toEqual(norm(['x']));
    // ſ is s to RE2; the folded text agrees, so "s" may be required.
    const pf = prefilterOf('sorry')!;
    expect(compilePattern('sorry').test(foldCase('ſorry'))).toBe(true);
    expect(mayMatch(pf, foldCase('ſorry'))).toBe(true);
  });

  // Soundness: wherever the regex matches, the prefilter lets the text through.
  const rules = loadBuiltinPacks().flatMap((p) => p.rules.filter((r) => r.pattern));
  const corpusTexts = (() => {
    const out: string[] = [];
    const dirs = ['tests/corpus', 'tests/corpus/dev', 'tests/corpus/train3', 'tests/corpus/train4', 'tests/corpus/holdout2'];
    for (const d of dirs) {
      for (const f of readdirSync(d).filter((x) => x.endsWith('.jsonl'))) {
        for (const line of readFileSync(`${d}/${f}`, 'utf8').split('\n')) if (line.trim()) out.push(JSON.parse(line).text);
      }
    }
    return out;
  })();

  it('is sound on every pattern rule of the built-in packs, over their examples and the corpora', () => {
    let matched = 0;
    for (const rule of rules) {
      const re = compilePattern(rule.pattern!, rule.caseSensitive);
      const pf = prefilterOf(rule.pattern!, rule.caseSensitive);
      const fold = rule.caseSensitive ? foldWidth : foldCase;
      const texts = [...(rule.examples?.flag ?? []), ...(rule.examples?.pass ?? []), ...corpusTexts].map((t) =>
        fold(t.replace(/\[\[|\]\]/g, '')),
      );
      for (const t of texts) {
        if (!re.test(t)) continue;
        matched++;
        if (pf && !mayMatch(pf, t)) throw new Error(`${rule.id}: prefilter rejects a text the pattern matches: ${t}`);
      }
    }
    expect(matched).toBeGreaterThan(500);
  });

  it('is sound on every context pattern of the built-in packs (beforePattern, afterPattern, …), over the corpora', () => {
    const keys = ['beforePattern', 'afterPattern', 'sentenceBeforePattern', 'sentenceAfterPattern'] as const;
    const sources = new Set<string>();
    for (const rule of loadBuiltinPacks().flatMap((p) => p.rules)) {
      for (const ctx of [rule.unless, rule.when]) for (const k of keys) if (ctx?.[k]) sources.add(ctx[k]!);
    }
    expect(sources.size).toBeGreaterThan(20);
    // Windows of every size: each text and each of its sentences and clauses.
    const windows = corpusTexts.flatMap((t) => [t, ...t.split(/[。！？!?;；\n]/), ...t.split(/[，,、]/)]).map(foldCase);
    let matched = 0;
    for (const source of sources) {
      const re = compilePattern(source);
      const pf = prefilterOf(source);
      for (const w of windows) {
        if (!re.test(w)) continue;
        matched++;
        if (pf && !mayMatch(pf, w)) throw new Error(`context pattern ${source}: prefilter rejects a window it matches: ${w}`);
      }
    }
    expect(matched).toBeGreaterThan(500);
  });

  it('is sound on generated patterns and texts (fast-check)', () => {
    const atom = fc.oneof(
      fc.constantFrom('a', 'b', '您', '的', '.', '\\s', '[ab]', '[^a]', '\\b', '(?:a|bb)', '(?:您|你们)', '(?:x|)', '１', 'ｂ', '\\ｄ', '\\040', '[a－c]', '\\（'),
    );
    const quant = fc.constantFrom('', '', '?', '*', '+', '{0,2}', '{1,3}', '??', '+?', '{1，2}', '｛2｝');
    const piece = fc.tuple(atom, quant).map(([a, q]) => (a === '\\b' ? a : a + q));
    const pattern = fc.array(fc.array(piece, { minLength: 1, maxLength: 5 }).map((ps) => ps.join('')), { minLength: 1, maxLength: 3 }).map((alts) => alts.join('|'));
    const text = fc.array(fc.constantFrom('a', 'b', 'x', ' ', '您', '你', '们', '的', 'A', '1', '(', '-'), { maxLength: 12 }).map((cs) => cs.join(''));
    let filtered = 0;
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        const pf = prefilterOf(p);
        const folded = foldCase(t);
        if (compilePattern(p).test(folded) && pf) {
          filtered++;
          expect(mayMatch(pf, folded)).toBe(true);
        }
      }),
      { numRuns: 6000 },
    );
    expect(filtered).toBeGreaterThan(300); // the property met many matching texts with a prefilter
  });
});
