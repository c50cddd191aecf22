/**
 * Plain text of a contenteditable region with a map from UTF-16 offsets back to DOM positions.
 * Blocks are separated by "\n" (like Quill's getText and CKEditor's model), quoted history and
 * signatures are replaced by a single "\n" (never coached), and editor filler characters
 * (zero-width fillers, trailing <br>s) are skipped.
 * Shared by the isolated content script and the main-world bridge, so both agree on offsets.
 */

export interface Segment {
  node: Text;
  /** Offset inside node.data where this run starts. */
  nodeStart: number;
  /** Offset in the plain text where this run starts. */
  textStart: number;
  length: number;
}

export interface TextMap {
  text: string;
  segments: Segment[];
  root: Element;
}

/** Subtrees that are never coached: quoted history, signatures, non-editable widgets. */
export const SKIP_SELECTOR =
  'blockquote,.gmail_quote,.gmail_signature,[data-smartmail="gmail_signature"],.signature,[data-signature],.moz-signature,.moz-cite-prefix,.yahoo_quoted,#divRplyFwdMsg,[contenteditable="false"],script,style,template';

const BLOCK = new Set([
  'P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'TABLE', 'TR', 'TD', 'TH',
  'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'BLOCKQUOTE', 'FIGURE', 'FIGCAPTION', 'HR', 'DL', 'DT', 'DD',
]);
// CKEditor's inline filler (7 × U+2060), zero-width space and BOM fillers used by editors.
const FILLER = /[\u2060\u200b\ufeff]/;

export function buildTextMap(root: Element): TextMap {
  const segments: Segment[] = [];
  let text = '';
  let pendingBreak = false;
  const breakLine = () => {
    if (text.length > 0) pendingBreak = true;
  };
  const flush = () => {
    if (pendingBreak) {
      text += '\n';
      pendingBreak = false;
    }
  };
  const walk = (el: Element) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        const data = (n as Text).data;
        if (!data) continue;
        if (!FILLER.test(data)) {
          // Common case: no filler characters, the whole node is one run.
          flush();
          segments.push({ node: n as Text, nodeStart: 0, textStart: text.length, length: data.length });
          text += data;
          continue;
        }
        let i = 0;
        while (i < data.length) {
          if (FILLER.test(data[i]!)) {
            i++;
            continue;
          }
          let j = i;
          while (j < data.length && !FILLER.test(data[j]!)) j++;
          flush();
          const run = data.slice(i, j);
          segments.push({ node: n as Text, nodeStart: i, textStart: text.length, length: run.length });
          text += run;
          i = j;
        }
      } else if (n.nodeType === 1) {
        const e = n as Element;
        const tag = e.tagName;
        if (tag === 'BR') {
          // Placeholder breaks (editor fillers, the last child of a line) produce no text.
          if (e.hasAttribute('data-cke-filler') || e.classList.contains('ProseMirror-trailingBreak') || !e.nextSibling) continue;
          flush();
          text += '\n';
          continue;
        }
        if (e.matches(SKIP_SELECTOR)) {
          breakLine();
          continue;
        }
        const block = BLOCK.has(tag);
        if (block) breakLine();
        walk(e);
        if (block) breakLine();
      }
    }
  };
  walk(root);
  return { text, segments, root };
}

/** DOM position for a text offset. `affinity` picks the run ending at (-1) or starting at (+1) a boundary. */
export function positionAt(map: TextMap, offset: number, affinity: -1 | 1 = 1): { node: Text; offset: number } | null {
  const segs = map.segments;
  if (!segs.length) return null;
  const lo = segmentAt(map, offset);
  let s = segs[lo]!;
  if (affinity === -1 && offset === s.textStart && lo > 0) {
    const prev = segs[lo - 1]!;
    if (prev.textStart + prev.length === offset) s = prev;
  }
  if (affinity === 1 && offset === s.textStart + s.length && lo + 1 < segs.length && segs[lo + 1]!.textStart === offset) {
    s = segs[lo + 1]!;
  }
  const within = Math.max(0, Math.min(s.length, offset - s.textStart));
  return { node: s.node, offset: s.nodeStart + within };
}

export function rangeFor(map: TextMap, start: number, end: number): Range | null {
  const a = positionAt(map, start, 1);
  const b = positionAt(map, end, -1);
  if (!a || !b) return null;
  const r = map.root.ownerDocument.createRange();
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset);
  return r;
}

/** Index of the last segment starting at or before `offset` (0 when none does). */
export function segmentAt(map: TextMap, offset: number): number {
  const segs = map.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.textStart <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Text offset of a DOM position (e.g. the caret), or -1 when outside the mapped text. */
export function offsetOf(map: TextMap, node: Node, offset: number): number {
  if (node.nodeType === 3) {
    for (const s of map.segments) {
      if (s.node === node && offset >= s.nodeStart && offset <= s.nodeStart + s.length) return s.textStart + offset - s.nodeStart;
    }
  }
  // Element position: the text offset of the first segment at or after that point.
  const doc = map.root.ownerDocument;
  const probe = doc.createRange();
  try {
    probe.setStart(node, offset);
  } catch {
    return -1;
  }
  for (const s of map.segments) {
    const cmp = probe.comparePoint(s.node, s.nodeStart);
    if (cmp >= 0) return s.textStart;
  }
  return map.text.length;
}

/** Client rects of a text span, one per line box, deduplicated. */
export function rectsFor(map: TextMap, start: number, end: number): DOMRect[] {
  const out: DOMRect[] = [];
  const doc = map.root.ownerDocument;
  const segs = map.segments;
  for (let i = segs.length ? segmentAt(map, start) : 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.textStart >= end) break;
    const a = Math.max(start, s.textStart);
    const b = Math.min(end, s.textStart + s.length);
    if (a >= b) continue;
    const r = doc.createRange();
    r.setStart(s.node, s.nodeStart + a - s.textStart);
    r.setEnd(s.node, s.nodeStart + b - s.textStart);
    for (const rect of Array.from(r.getClientRects())) {
      if (rect.width <= 0 && rect.height <= 0) continue;
      if (out.some((o) => Math.abs(o.left - rect.left) < 0.5 && Math.abs(o.top - rect.top) < 0.5 && Math.abs(o.width - rect.width) < 0.5)) continue;
      out.push(rect);
    }
  }
  return mergeLineRects(out);
}

/** Merge rects that sit on the same line and touch (a span split over several text nodes). */
export function mergeLineRects(rects: DOMRect[]): DOMRect[] {
  const out: DOMRect[] = [];
  for (const r of rects) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.top - r.top) < 2 && Math.abs(last.bottom - r.bottom) < 2 && r.left - last.right < 2 && r.left >= last.left) {
      out[out.length - 1] = new DOMRect(last.left, Math.min(last.top, r.top), r.right - last.left, Math.max(last.bottom, r.bottom) - Math.min(last.top, r.top));
    } else out.push(r);
  }
  return out;
}
