/** Offset ↔ DOM mapping of lib/editors/text-map.ts, on hand-made segment tables (no DOM needed). */
import { describe, expect, test } from 'vitest';
import { mergeLineRects, positionAt, rectsFor, segmentAt, type Segment, type TextMap } from '@/lib/editors/text-map';

// Node has no DOMRect: a minimal one (mergeLineRects builds merged boxes with `new DOMRect`).
class Rect {
  constructor(public x = 0, public y = 0, public width = 0, public height = 0) {}
  get left() { return this.x; }
  get top() { return this.y; }
  get right() { return this.x + this.width; }
  get bottom() { return this.y + this.height; }
}
(globalThis as { DOMRect?: unknown }).DOMRect ??= Rect;

const node = (data: string) => ({ data, nodeType: 3 }) as unknown as Text;

/** "ab" + filler + "cd" in one node, "\n", then "ef" in a second node: text "abcd\nef". */
function sample(): { map: TextMap; n1: Text; n2: Text } {
  const n1 = node('ab\u200bcd');
  const n2 = node('ef');
  const segments: Segment[] = [
    { node: n1, nodeStart: 0, textStart: 0, length: 2 },
    { node: n1, nodeStart: 3, textStart: 2, length: 2 },
    { node: n2, nodeStart: 0, textStart: 5, length: 2 },
  ];
  return { map: { text: 'abcd\nef', segments, root: {} as Element }, n1, n2 };
}

describe('text map', () => {
  test('segmentAt: last segment starting at or before an offset', () => {
    const { map } = sample();
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((o) => segmentAt(map, o))).toEqual([0, 0, 1, 1, 1, 2, 2, 2]);
  });

  test('positionAt skips fillers and picks the run by affinity at boundaries', () => {
    const { map, n1, n2 } = sample();
    expect(positionAt(map, 1)).toEqual({ node: n1, offset: 1 });
    // Offset 2 is the end of run 1 and the start of run 2 (after the filler).
    expect(positionAt(map, 2, 1)).toEqual({ node: n1, offset: 3 });
    expect(positionAt(map, 2, -1)).toEqual({ node: n1, offset: 2 });
    expect(positionAt(map, 3)).toEqual({ node: n1, offset: 4 });
    // Offset 4 ends "cd"; 5 is after the line break, the start of "ef".
    expect(positionAt(map, 4, -1)).toEqual({ node: n1, offset: 5 });
    expect(positionAt(map, 5, 1)).toEqual({ node: n2, offset: 0 });
    expect(positionAt(map, 7, -1)).toEqual({ node: n2, offset: 2 });
    // Past the end clamps to the last run's end.
    expect(positionAt(map, 99)).toEqual({ node: n2, offset: 2 });
    expect(positionAt({ text: '', segments: [], root: {} as Element }, 0)).toBeNull();
  });

  test('every text offset maps into its node, and back (round trip over the whole text)', () => {
    const { map } = sample();
    for (let o = 0; o <= map.text.length; o++) {
      if (map.text[o - 1] === '\n') continue; // the line break itself has no DOM position
      const p = positionAt(map, o, 1)!;
      const seg = map.segments.find((s) => s.node === p.node && p.offset >= s.nodeStart && p.offset <= s.nodeStart + s.length)!;
      expect(seg.textStart + p.offset - seg.nodeStart).toBe(o);
    }
  });

  test('rectsFor measures exactly the parts of each run inside the span', () => {
    const { map, n1, n2 } = sample();
    const ranges: [string, number, number][] = [];
    const doc = {
      createRange() {
        const r = { s: null as Text | null, so: 0, eo: 0 };
        return {
          setStart: (n: Text, o: number) => ((r.s = n), (r.so = o)),
          setEnd: (_n: Text, o: number) => (r.eo = o),
          getClientRects: () => {
            ranges.push([r.s!.data, r.so, r.eo]);
            const line = r.s === n2 ? 1 : 0;
            return [new DOMRect(r.so * 10, line * 20, (r.eo - r.so) * 10, 18)];
          },
        };
      },
    };
    (map as { root: unknown }).root = { ownerDocument: doc };
    // "bcd\ne": from the middle of run 1 to the first character of "ef".
    const rects = rectsFor(map, 1, 6);
    expect(ranges).toEqual([
      [n1.data, 1, 2],
      [n1.data, 3, 5],
      [n2.data, 0, 1],
    ]);
    // Run 1's two parts (b | cd, the filler between) are not adjacent boxes here: three rects,
    // two lines. Adjacent boxes on one line are merged (next test).
    expect(rects.map((r) => [r.left, r.top, r.width])).toEqual([
      [10, 0, 10],
      [30, 0, 20],
      [0, 20, 10],
    ]);
  });

  test('mergeLineRects joins touching boxes on one line only', () => {
    const m = mergeLineRects([new DOMRect(0, 0, 10, 18), new DOMRect(10, 0, 15, 18), new DOMRect(40, 0, 5, 18), new DOMRect(0, 20, 10, 18)]);
    expect(m.map((r) => [r.left, r.top, r.width, r.height])).toEqual([
      [0, 0, 25, 18],
      [40, 0, 5, 18],
      [0, 20, 10, 18],
    ]);
  });
});
