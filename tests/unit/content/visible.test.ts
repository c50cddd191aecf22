/** Drawing only what is visible (lib/content/visible.ts): correct boxes, few measurements. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EXACT_BELOW, findVisible, targetKey, type RectLike } from '@/lib/content/visible';

const rect = (left: number, top: number, width: number, height: number): RectLike => ({ left, top, width, height, right: left + width, bottom: top + height });

/** A laid-out reply: finding i sits on line floor(i / perLine), lines 30 px apart, boxes 18 px high. */
function layout(n: number, perLine = 2) {
  const findings = Array.from({ length: n }, (_, i) => ({ i, line: Math.floor(i / perLine), col: i % perLine }));
  let measured = 0;
  const rectsOf = (f: (typeof findings)[number]) => {
    measured++;
    return [rect(10 + f.col * 100, f.line * 30, 40, 18)];
  };
  return { findings, rectsOf, measured: () => measured };
}

describe('findVisible', () => {
  test('only the findings in the visible area, with their visible part', () => {
    const { findings, rectsOf } = layout(10);
    const area = rect(0, 65, 500, 40); // part of line 2 (60–78), line 3 (90–108)
    const boxes = findVisible(findings, rectsOf, area);
    expect(boxes.map((b) => b.index)).toEqual([4, 5, 6, 7]);
    expect(boxes[0]!.rect).toEqual(rect(10, 60, 40, 18));
    expect(boxes[0]!.visible).toEqual(rect(10, 65, 40, 13));
  });

  test('a long reply (300 findings) is measured O(log n + visible), not once per finding', () => {
    const { findings, rectsOf, measured } = layout(300);
    const area = rect(0, 1500, 500, 140); // lines 50–54
    const boxes = findVisible(findings, rectsOf, area);
    expect(boxes.map((b) => b.index)).toEqual(Array.from({ length: 10 }, (_, k) => 100 + k));
    expect(measured()).toBeLessThan(30);
  });

  test('same result as measuring everything (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: -100, max: 2500 }), fc.integer({ min: 1, max: 600 }), (n, top, h) => {
        const { findings, rectsOf } = layout(n, 3);
        const area = rect(0, top, 500, h);
        const got = findVisible(findings, rectsOf, area).map((b) => b.index);
        // Reference: measure every finding; a box within 4 px of the area counts.
        const all = findings.filter((f) => {
          const r = rectsOf(f)[0]!;
          return !(r.bottom < top - 4 || r.top > top + h + 4);
        }).map((f) => f.i);
        expect(got).toEqual(all);
      }),
    );
  });

  test('short replies are measured exactly, in any order (no ordering assumption)', () => {
    const findings = [0, 1, 2, 3];
    const tops = [300, 10, 200, 20]; // e.g. a table or floats
    const boxes = findVisible(findings, (i) => [rect(0, tops[i]!, 10, 10)], rect(0, 0, 100, 50));
    expect(findings.length).toBeLessThanOrEqual(EXACT_BELOW);
    expect(boxes.map((b) => b.index)).toEqual([1, 3]);
  });

  test('multi-line findings and findings that are not rendered', () => {
    const rs: RectLike[][] = [[], [rect(300, 0, 80, 18), rect(0, 20, 60, 18)], []];
    const boxes = findVisible([0, 1, 2], (i) => rs[i]!, rect(0, 15, 500, 30));
    expect(boxes.map((b) => [b.index, b.rect.top])).toEqual([
      [1, 0],
      [1, 20],
    ]);
    expect(findVisible([0], () => [rect(0, 0, 5, 5)], rect(0, 0, 0, 0))).toEqual([]);
  });

  test('targetKey changes with geometry, class and finding, relative to the visible area', () => {
    const f = { category: 'refusal', ruleId: 'r', severity: 'error' };
    const b = { index: 0, rect: rect(10, 10, 5, 5), visible: null };
    const k = targetKey('rc-target', f, b, rect(0, 0, 100, 100));
    expect(targetKey('rc-target', f, { ...b, rect: rect(20, 20, 5, 5) }, rect(10, 10, 100, 100))).toBe(k);
    expect(targetKey('rc-target active', f, b, rect(0, 0, 100, 100))).not.toBe(k);
    expect(targetKey('rc-target', { ...f, ruleId: 's' }, b, rect(0, 0, 100, 100))).not.toBe(k);
    expect(targetKey('rc-target', f, { ...b, rect: rect(10, 11, 5, 5) }, rect(0, 0, 100, 100))).not.toBe(k);
  });
});
