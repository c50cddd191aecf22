/** Visible part of an element: its box clipped by every scrolling ancestor (across shadow roots and the viewport). */
export function visibleRectOf(el: Element, inner = false): DOMRect {
  const win = el.ownerDocument.defaultView!;
  const r = el.getBoundingClientRect();
  let left = r.left;
  let top = r.top;
  let right = r.right;
  let bottom = r.bottom;
  if (inner) {
    const h = el as HTMLElement;
    left = r.left + h.clientLeft;
    top = r.top + h.clientTop;
    right = left + h.clientWidth;
    bottom = top + h.clientHeight;
  }
  let p: Element | null = parentAcrossShadow(el);
  while (p && p !== el.ownerDocument.documentElement && p !== el.ownerDocument.body) {
    const cs = win.getComputedStyle(p);
    if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
      const pr = p.getBoundingClientRect();
      const pl = pr.left + (p as HTMLElement).clientLeft;
      const pt = pr.top + (p as HTMLElement).clientTop;
      left = Math.max(left, pl);
      top = Math.max(top, pt);
      right = Math.min(right, pl + (p as HTMLElement).clientWidth);
      bottom = Math.min(bottom, pt + (p as HTMLElement).clientHeight);
    }
    if (cs.position === 'fixed') break;
    p = parentAcrossShadow(p);
  }
  left = Math.max(left, 0);
  top = Math.max(top, 0);
  right = Math.min(right, win.innerWidth);
  bottom = Math.min(bottom, win.innerHeight);
  return new DOMRect(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
}

export function parentAcrossShadow(n: Node): Element | null {
  if (n.parentElement) return n.parentElement;
  const root = n.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Every scrollable ancestor (for scroll listeners), including shadow hosts' ancestors. */
export function scrollParents(el: Element): Element[] {
  const out: Element[] = [];
  const win = el.ownerDocument.defaultView!;
  for (let p = parentAcrossShadow(el); p; p = parentAcrossShadow(p)) {
    const cs = win.getComputedStyle(p);
    if (/(auto|scroll|overlay|hidden)/.test(cs.overflowX + cs.overflowY)) out.push(p);
  }
  return out;
}
