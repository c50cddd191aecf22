/**
 * Textarea / text input adapter. Positions are measured with a mirror element that copies the
 * field's text metrics; the mirror lives in ReplyCoach's own shadow root, never in the page.
 */
import { visibleRectOf } from './geometry';
import { mergeLineRects } from './text-map';
import type { EditorAdapter } from './types';

const COPIED = [
  'direction', 'boxSizing', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'lineHeight', 'fontFamily',
  'fontFeatureSettings', 'fontKerning', 'textAlign', 'textTransform', 'textIndent', 'letterSpacing',
  'wordSpacing', 'tabSize', 'wordBreak', 'overflowWrap', 'textRendering',
] as const;

export function textareaAdapter(el: HTMLTextAreaElement | HTMLInputElement, mirrorHost: Element | ShadowRoot): EditorAdapter {
  const isInput = el.tagName === 'INPUT';
  const doc = mirrorHost.ownerDocument ?? (mirrorHost as ShadowRoot).host.ownerDocument;
  const mirror = doc.createElement('div');
  mirror.setAttribute('aria-hidden', 'true');
  const textNode = doc.createTextNode('');
  mirror.appendChild(textNode);
  mirrorHost.appendChild(mirror);
  let text = el.value;

  // One layout per task: a draw measures many spans in a row.
  let laidOut = false;
  const layout = () => {
    if (laidOut) return;
    laidOut = true;
    queueMicrotask(() => (laidOut = false));
    const cs = el.ownerDocument.defaultView!.getComputedStyle(el);
    const st = mirror.style;
    for (const k of COPIED) (st as unknown as Record<string, string>)[k] = cs[k];
    const r = el.getBoundingClientRect();
    st.position = 'fixed';
    st.visibility = 'hidden';
    st.pointerEvents = 'none';
    st.margin = '0';
    st.border = '0';
    st.boxSizing = 'border-box';
    st.left = `${r.left + el.clientLeft - el.scrollLeft}px`;
    st.top = `${r.top + el.clientTop - el.scrollTop}px`;
    st.width = isInput ? 'auto' : `${el.clientWidth}px`;
    st.whiteSpace = isInput ? 'pre' : 'pre-wrap';
    if (!isInput) st.overflowWrap = cs.overflowWrap === 'normal' && cs.wordWrap !== 'break-word' ? 'break-word' : cs.overflowWrap;
    if (isInput) {
      // Inputs centre their single line vertically.
      st.height = `${el.clientHeight}px`;
      st.lineHeight = `${el.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)}px`;
    } else st.height = 'auto';
    if (textNode.data !== text) textNode.data = text + (text.endsWith('\n') ? ' ' : '');
  };

  return {
    el,
    kind: isInput ? 'input' : 'textarea',
    read() {
      text = el.value;
      return text;
    },
    rects(start, end) {
      layout();
      const r = doc.createRange();
      const len = textNode.data.length;
      r.setStart(textNode, Math.min(start, len));
      r.setEnd(textNode, Math.min(end, len));
      return mergeLineRects(Array.from(r.getClientRects()).filter((x) => x.width > 0 || x.height > 0));
    },
    range: () => null,
    caret() {
      const root = el.getRootNode() as Document | ShadowRoot;
      if (root.activeElement !== el) return -1;
      return el.selectionEnd ?? -1;
    },
    select(start, end) {
      if ((el.getRootNode() as Document | ShadowRoot).activeElement !== el) el.focus({ preventScroll: true });
      el.setSelectionRange(start, end);
    },
    visibleRect: () => visibleRectOf(el, true),
    destroy() {
      mirror.remove();
    },
  };
}
