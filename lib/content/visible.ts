/**
 * Which findings to draw: only those whose boxes intersect the editor's visible area. Pure (the
 * geometry comes in through `rectsOf`), so it is unit-tested without a browser.
 *
 * Long replies have hundreds of findings, and measuring each one (Range.getClientRects) is what
 * made drawing slow. Findings are in text order, and in normal text flow a later offset is never on
 * an earlier line, so a binary search over the findings finds the first one reaching the visible
 * area, and a forward scan stops at the first one starting below it: O(log n + visible) measures.
 * Short replies (≤ EXACT_BELOW findings) are measured one by one, with no ordering assumption.
 */

export interface RectLike {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

export interface Box {
  /** Index of the finding. */
  index: number;
  /** One line box of the finding (client coordinates). */
  rect: RectLike;
  /** The part of `rect` inside the visible area (hover/click hit-testing), or null. */
  visible: RectLike | null;
}

export const EXACT_BELOW = 24;
/** Upper bound on drawn boxes (a screenful of findings is far fewer). */
export const MAX_BOXES = 400;
/** Rects this close to the visible area still count (underlines hang just below the line box). */
const MARGIN = 4;

export function intersectRects(a: RectLike, b: RectLike): RectLike | null {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const right = Math.min(a.right, b.right);
  const bottom = Math.min(a.bottom, b.bottom);
  return right > left && bottom > top ? { left, top, right, bottom, width: right - left, height: bottom - top } : null;
}

export function findVisible<F>(findings: readonly F[], rectsOf: (f: F) => RectLike[], area: RectLike): Box[] {
  const out: Box[] = [];
  const n = findings.length;
  if (!n || area.width <= 0 || area.height <= 0) return out;
  const top = area.top - MARGIN;
  const bottom = area.bottom + MARGIN;
  const cache = new Map<number, RectLike[]>();
  const rects = (i: number) => {
    let r = cache.get(i);
    if (!r) cache.set(i, (r = rectsOf(findings[i]!)));
    return r;
  };
  const ordered = n > EXACT_BELOW;
  let first = 0;
  if (ordered) {
    // First finding whose last line box ends at or below the top of the visible area.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = rects(mid);
      const last = r[r.length - 1];
      if (!last || last.bottom < top) lo = mid + 1;
      else hi = mid;
    }
    first = lo;
  }
  for (let i = first; i < n && out.length < MAX_BOXES; i++) {
    const rs = rects(i);
    if (ordered && rs.length && rs[0]!.top > bottom) break;
    for (const r of rs) {
      if (r.bottom < top || r.top > bottom) continue;
      out.push({ index: i, rect: r, visible: intersectRects(r, area) });
    }
  }
  return out;
}

/** What a drawn target shows: an element whose key did not change is left untouched. */
export function targetKey(cls: string, f: { category: string; ruleId: string; severity: string }, b: Box, area: RectLike): string {
  const r = b.rect;
  return `${cls}|${f.category}|${f.ruleId}|${f.severity}|${b.index}|${r.left - area.left},${r.top - area.top},${r.width},${r.height}`;
}
