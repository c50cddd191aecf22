/**
 * Runs in the page's main world (not the isolated content-script world): uses editors' own APIs
 * to replace text so that their models, undo stacks and selections stay consistent.
 * Offsets are resolved with the same text map as the content script.
 */
import { BRIDGE_REQUEST, BRIDGE_RESPONSE, type BridgeRequest, type BridgeResponse } from './bridge';
import { buildTextMap, positionAt } from './text-map';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function installMainWorldBridge(win: Window = window): void {
  if ((win as Any).__replyCoachBridge) return;
  (win as Any).__replyCoachBridge = true;
  win.addEventListener(
    BRIDGE_REQUEST,
    (e) => {
      const el = e.composedPath()[0] as HTMLElement;
      let res: BridgeResponse;
      try {
        res = handle(el, JSON.parse(String((e as CustomEvent).detail)) as BridgeRequest);
      } catch (err) {
        res = { ok: false, error: String((err as Error)?.message ?? err) };
      }
      el.dispatchEvent(new CustomEvent(BRIDGE_RESPONSE, { detail: JSON.stringify(res) }));
    },
    true,
  );
}

function handle(el: HTMLElement, req: BridgeRequest): BridgeResponse {
  const ck = (el as Any).ckeditorInstance;
  if (ck) return req.op === 'probe' ? { ok: true, api: 'ckeditor5' } : ckeditor(el, ck, req);
  const lex = (el as Any).__lexicalEditor;
  if (lex) return req.op === 'probe' ? { ok: true, api: 'lexical' } : lexical(el, lex, req);
  const Quill = (el.ownerDocument.defaultView as Any)?.Quill;
  const container = el.closest('.ql-container');
  const quill = Quill?.find && container ? Quill.find(container) : null;
  if (quill && typeof quill.getText === 'function') return req.op === 'probe' ? { ok: true, api: 'quill' } : quillReplace(quill, req);
  return { ok: false, error: 'no editor API' };
}

function ckeditor(el: HTMLElement, editor: Any, req: BridgeRequest): BridgeResponse {
  if (req.op === 'undo') {
    editor.execute('undo');
    return { ok: true, api: 'ckeditor5' };
  }
  const map = buildTextMap(el);
  const a = positionAt(map, req.start!, 1);
  const b = positionAt(map, req.end!, -1);
  if (!a || !b) return { ok: false, error: 'offset' };
  const conv = editor.editing.view.domConverter;
  const mapper = editor.editing.mapper;
  const va = conv.domPositionToView(a.node, a.offset);
  const vb = conv.domPositionToView(b.node, b.offset);
  if (!va || !vb) return { ok: false, error: 'view position' };
  const ma = mapper.toModelPosition(va);
  const mb = mapper.toModelPosition(vb);
  const model = editor.model;
  model.enqueueChange({ isUndoable: true }, (writer: Any) => {
    const range = writer.createRange(ma, mb);
    const first = range.getItems().next().value;
    const attrs = first && typeof first.getAttributes === 'function' ? new Map(first.getAttributes()) : new Map();
    writer.setSelection(range);
    model.insertContent(writer.createText(req.text!, attrs));
  });
  editor.editing.view.focus();
  return { ok: true, api: 'ckeditor5' };
}

function lexical(el: HTMLElement, editor: Any, req: BridgeRequest): BridgeResponse {
  if (req.op === 'undo') return { ok: false, error: 'undo via keyboard' };
  const map = buildTextMap(el);
  const a = positionAt(map, req.start!, 1);
  const b = positionAt(map, req.end!, -1);
  if (!a || !b || a.node !== b.node) return { ok: false, error: 'span crosses nodes' };
  const keyProp = `__lexicalKey_${editor._key ?? editor.getKey?.()}`;
  const key = (a.node.parentElement as Any)?.[keyProp];
  if (!key) return { ok: false, error: 'no node key' };
  let ok = false;
  editor.update(
    () => {
      const state = editor._pendingEditorState ?? editor.getEditorState();
      const node = state?._nodeMap?.get(key);
      if (!node || typeof node.spliceText !== 'function') return;
      node.spliceText(a.offset, b.offset - a.offset, req.text!, true);
      ok = true;
    },
    { discrete: true, tag: 'history-push' },
  );
  return { ok, api: 'lexical', error: ok ? undefined : 'node not found' };
}

function quillReplace(quill: Any, req: BridgeRequest): BridgeResponse {
  if (req.op === 'undo') {
    quill.history?.undo();
    return { ok: true, api: 'quill' };
  }
  // Quill's text has the same block structure ("\n" per block) as the text map.
  quill.history?.cutoff?.();
  quill.deleteText(req.start!, req.end! - req.start!, 'user');
  quill.insertText(req.start!, req.text!, 'user');
  quill.history?.cutoff?.();
  quill.setSelection(req.start! + req.text!.length, 0, 'user');
  return { ok: true, api: 'quill' };
}
