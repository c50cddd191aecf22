/** Adapter for every contenteditable family (plain, CKEditor 5, ProseMirror/TipTap, Lexical, Quill, Draft.js). */
import { visibleRectOf } from './geometry';
import { buildTextMap, offsetOf, positionAt, rangeFor, rectsFor, type TextMap } from './text-map';
import type { EditorAdapter, EditorKind } from './types';

export function richAdapter(el: HTMLElement, kind: EditorKind): EditorAdapter {
  let map: TextMap = buildTextMap(el);
  const selectionOf = (): Selection | null => {
    const root = el.getRootNode() as Document | ShadowRoot;
    // Chrome exposes the selection inside an open shadow root through ShadowRoot.getSelection.
    const sr = root as ShadowRoot & { getSelection?: () => Selection | null };
    if (root instanceof ShadowRoot && typeof sr.getSelection === 'function') return sr.getSelection();
    return el.ownerDocument.getSelection();
  };
  return {
    el,
    kind,
    read() {
      map = buildTextMap(el);
      return map.text;
    },
    rects: (start, end) => rectsFor(map, start, end),
    range: (start, end) => rangeFor(map, start, end),
    caret() {
      const sel = selectionOf();
      if (!sel || !sel.focusNode || !el.contains(sel.focusNode)) return -1;
      return offsetOf(map, sel.focusNode, sel.focusOffset);
    },
    select(start, end) {
      if (el.ownerDocument.activeElement !== el && !el.contains(deepActive(el.ownerDocument))) el.focus({ preventScroll: true });
      const a = positionAt(map, start, 1);
      const b = positionAt(map, end, -1);
      if (!a || !b) return;
      const sel = el.ownerDocument.getSelection();
      sel?.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
    },
    visibleRect: () => visibleRectOf(el),
    destroy() {},
  };
}

function deepActive(doc: Document): Element | null {
  let a: Element | null = doc.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
