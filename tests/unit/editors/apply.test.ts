/**
 * Rewrite strategy chains (lib/editors/apply.ts) with a scripted fake editor: the order per editor
 * family, verification by re-reading, undo of a strategy that changed the wrong thing, staleness.
 */
import { describe, expect, test } from 'vitest';
import { applyReplacement, CHAINS, type Strategy } from '@/lib/editors/apply';
import { BRIDGE_REQUEST, BRIDGE_RESPONSE } from '@/lib/editors/bridge';
import type { EditorAdapter } from '@/lib/editors/types';

describe('chains', () => {
  test('editor API first where there is one, then beforeinput / insertText, synthetic paste last', () => {
    expect(CHAINS.textarea).toEqual(['insertText']);
    expect(CHAINS.input).toEqual(['insertText']);
    expect(CHAINS.ckeditor5[0]).toBe('api');
    expect(CHAINS.ckeditor5).toContain('beforeinput'); // CKEditor reads getTargetRanges()
    expect(CHAINS.ckeditor5).not.toContain('insertText'); // no effect in CKEditor (stack notes)
    expect(CHAINS.lexical[0]).toBe('api');
    expect(CHAINS.quill[0]).toBe('api');
    expect(CHAINS.prosemirror[0]).toBe('insertText');
    expect(CHAINS.draft[0]).toBe('paste');
    const rank: Record<Strategy, number> = { api: 0, beforeinput: 1, insertText: 1, paste: 2 };
    for (const [kind, chain] of Object.entries(CHAINS)) {
      if (kind === 'draft') continue; // Draft.js needs the paste path first
      const r = chain.map((s) => rank[s]);
      expect(r, kind).toEqual([...r].sort((a, b) => a - b));
      expect(new Set(chain).size, kind).toBe(chain.length);
    }
  });
});

/** A fake editor + document whose reaction to each input path is scripted. */
function fake(initial: string, react: Partial<Record<'insertText' | 'paste' | 'beforeinput', (sel: [number, number], text: string) => string | null>>, api?: (req: { start: number; end: number; text: string }) => string | null) {
  let text = initial;
  const history: string[] = [];
  let sel: [number, number] = [0, 0];
  const set = (t: string | null) => {
    if (t === null) return false;
    history.push(text);
    text = t;
    return true;
  };
  const listeners = new Map<string, Set<(e: Event) => void>>();
  const doc = {
    execCommand(cmd: string, _ui: boolean, value?: string) {
      if (cmd === 'undo') {
        if (history.length) text = history.pop()!;
        return true;
      }
      if (cmd === 'insertText') return react.insertText ? set(react.insertText(sel, value!)) : false;
      return false;
    },
    addEventListener: (t: string, f: (e: Event) => void) => (listeners.get(t) ?? listeners.set(t, new Set()).get(t)!).add(f),
    removeEventListener: (t: string, f: (e: Event) => void) => listeners.get(t)?.delete(f),
    getSelection: () => ({ rangeCount: 0, focusNode: null }),
    defaultView: { requestAnimationFrame: (cb: () => void) => setTimeout(cb, 0) },
  };
  const el = new EventTarget() as EventTarget & { ownerDocument: unknown; contains: () => boolean };
  el.ownerDocument = doc;
  el.contains = () => true;
  if (api) {
    // The main-world bridge's side: answer synchronously, like entrypoints/main-world.content.ts.
    el.addEventListener(BRIDGE_REQUEST, (e) => {
      const req = JSON.parse(String((e as CustomEvent).detail));
      const ok = set(api(req));
      el.dispatchEvent(new CustomEvent(BRIDGE_RESPONSE, { detail: JSON.stringify({ ok }) }));
    });
  }
  const origDispatch = el.dispatchEvent.bind(el);
  el.dispatchEvent = (e: Event) => {
    if (e.type === 'paste' && react.paste) {
      const r = set(react.paste(sel, 'PASTE'));
      if (r) e.preventDefault?.();
      return !r;
    }
    return origDispatch(e);
  };
  const ed: EditorAdapter = {
    el: el as unknown as HTMLElement,
    kind: 'contenteditable',
    read: () => text,
    rects: () => [],
    range: () => null,
    caret: () => sel[1],
    select: (a, b) => (sel = [a, b]),
    visibleRect: () => ({}) as DOMRect,
    destroy() {},
  };
  return { ed, text: () => text };
}

const replaceSel = (t0: string) => (sel: [number, number], text: string) => t0.slice(0, sel[0]) + text + t0.slice(sel[1]);

describe('applyReplacement', () => {
  const T = '您好，我不能退款。';
  test('the first strategy that produces exactly the intended text wins; caret after the words', async () => {
    const f = fake(T, { insertText: replaceSel(T) });
    const res = await applyReplacement(f.ed, 3, 6, '我可以', '我不能', ['insertText', 'paste']);
    expect(res).toEqual({ status: 'applied', strategy: 'insertText', text: '您好，我可以退款。' });
    expect(f.ed.caret()).toBe(6);
  });

  test('a strategy that changed the wrong text is undone before the next one runs', async () => {
    // insertText "works" but duplicates the text (a broken editor); the API path is right.
    const f = fake(T, { insertText: (s, t) => T.slice(0, s[0]) + t + t + T.slice(s[1]) }, (r) => T.slice(0, r.start) + r.text + T.slice(r.end));
    const res = await applyReplacement(f.ed, 3, 6, '我可以', '我不能', ['insertText', 'api']);
    expect(res.status).toBe('applied');
    expect(res).toMatchObject({ strategy: 'api', text: '您好，我可以退款。' });
  });

  test('when nothing works, the text is left exactly as it was and every strategy was tried', async () => {
    const f = fake(T, { insertText: () => 'garbage' });
    const res = await applyReplacement(f.ed, 3, 6, '我可以', '我不能', ['insertText', 'beforeinput']); // (paste needs DataTransfer: e2e)
    expect(res).toEqual({ status: 'failed', text: T, tried: ['insertText', 'beforeinput'] });
    expect(f.text()).toBe(T);
  });

  test('stale: the words under the finding changed since linting → nothing is applied', async () => {
    const f = fake(T, { insertText: replaceSel(T) });
    const res = await applyReplacement(f.ed, 3, 6, '我可以', '我不会', ['insertText']);
    expect(res).toEqual({ status: 'stale', text: T });
    expect(f.text()).toBe(T);
  });

  test('no main-world answer: the api strategy is skipped', async () => {
    const f = fake(T, { insertText: replaceSel(T) });
    const res = await applyReplacement(f.ed, 3, 6, '我可以', '我不能', ['api', 'insertText']);
    expect(res).toMatchObject({ status: 'applied', strategy: 'insertText' });
  });
});
