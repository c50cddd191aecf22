/**
 * Apply a rewrite through the editor's own input path: an ordered chain of strategies per editor
 * family. After each strategy the text is re-read; the first that produced exactly the intended
 * text wins. A strategy that changed something else is undone before the next one runs.
 */
import { callMainWorld } from './bridge';
import type { EditorAdapter, EditorKind } from './types';

export type Strategy = 'api' | 'beforeinput' | 'insertText' | 'paste';

export const CHAINS: Record<EditorKind, Strategy[]> = {
  textarea: ['insertText'],
  input: ['insertText'],
  contenteditable: ['insertText', 'beforeinput', 'paste'],
  ckeditor5: ['api', 'beforeinput', 'paste'],
  prosemirror: ['insertText', 'paste'],
  lexical: ['api', 'insertText', 'beforeinput', 'paste'],
  quill: ['api', 'insertText', 'paste'],
  draft: ['paste', 'insertText'],
};

export type ApplyResult =
  | { status: 'applied'; strategy: Strategy; text: string }
  | { status: 'stale'; text: string }
  | { status: 'failed'; text: string; tried: Strategy[] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until the page has seen the new selection (editors sync their model on selectionchange). */
function settle(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      doc.removeEventListener('selectionchange', finish);
      setTimeout(resolve, 10);
    };
    doc.addEventListener('selectionchange', finish);
    setTimeout(finish, 60);
  });
}

/** Let the editor re-render (Lexical/Quill/Draft update the DOM asynchronously). */
async function afterEdit(win: Window): Promise<void> {
  await sleep(0);
  await new Promise((r) => win.requestAnimationFrame(() => r(undefined)));
  await sleep(20);
}

export async function applyReplacement(
  ed: EditorAdapter,
  start: number,
  end: number,
  replacement: string,
  expectedOld: string,
  chain: Strategy[] = CHAINS[ed.kind],
): Promise<ApplyResult> {
  const original = ed.read();
  if (original.slice(start, end) !== expectedOld) return { status: 'stale', text: original };
  const expected = original.slice(0, start) + replacement + original.slice(end);
  const doc = ed.el.ownerDocument;
  const win = doc.defaultView!;
  const tried: Strategy[] = [];
  for (const s of chain) {
    tried.push(s);
    const ran = await run(ed, s, start, end, replacement, doc);
    if (!ran) continue;
    await afterEdit(win);
    const now = ed.read();
    if (now === expected) {
      if (ed.caret() !== start + replacement.length) {
        // Some paths leave the replacement selected: collapse after it.
        try {
          ed.select(start + replacement.length, start + replacement.length);
        } catch {
          /* ignore */
        }
      }
      return { status: 'applied', strategy: s, text: now };
    }
    if (now !== original) {
      await restore(ed, original, doc);
      if (ed.read() !== original) return { status: 'failed', text: ed.read(), tried };
    }
  }
  return { status: 'failed', text: ed.read(), tried };
}

async function run(ed: EditorAdapter, s: Strategy, start: number, end: number, text: string, doc: Document): Promise<boolean> {
  if (s === 'api') {
    const res = callMainWorld(ed.el, { op: 'replace', start, end, text });
    return !!res?.ok;
  }
  ed.select(start, end);
  await settle(doc);
  if (s === 'insertText') {
    return text ? doc.execCommand('insertText', false, text) : doc.execCommand('delete');
  }
  const sel = doc.getSelection();
  if (s === 'beforeinput') {
    if (!sel || !sel.rangeCount) return false;
    const r = sel.getRangeAt(0);
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    const ev = new InputEvent('beforeinput', {
      inputType: 'insertReplacementText',
      data: text,
      dataTransfer: dt,
      targetRanges: [new StaticRange({ startContainer: r.startContainer, startOffset: r.startOffset, endContainer: r.endContainer, endOffset: r.endOffset })],
      bubbles: true,
      cancelable: true,
      composed: true,
    });
    ed.el.dispatchEvent(ev);
    return ev.defaultPrevented;
  }
  // Synthetic paste: editors with their own paste handling (Draft.js, CKEditor, ProseMirror).
  const dt = new DataTransfer();
  dt.setData('text/plain', text);
  const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true });
  const target = (sel?.focusNode?.nodeType === 1 ? sel.focusNode : sel?.focusNode?.parentElement) as Element | null;
  (target && ed.el.contains(target) ? target : ed.el).dispatchEvent(ev);
  return ev.defaultPrevented;
}

async function restore(ed: EditorAdapter, original: string, doc: Document): Promise<void> {
  const win = doc.defaultView!;
  doc.execCommand('undo');
  await afterEdit(win);
  if (ed.read() === original) return;
  callMainWorld(ed.el, { op: 'undo' });
  await afterEdit(win);
  if (ed.read() === original) return;
  ed.el.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', ctrlKey: true, bubbles: true, cancelable: true, composed: true }));
  await afterEdit(win);
}

/** Insert text at a caret offset (recommended phrases) through the same chain. */
export function insertAt(ed: EditorAdapter, offset: number, text: string): Promise<ApplyResult> {
  return applyReplacement(ed, offset, offset, text, '');
}
