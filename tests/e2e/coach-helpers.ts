/** Helpers for the content-script e2e specs: a deterministic test pack, and editor scenario steps. */
import type { Page } from 'playwright-core';
import type { LaunchedExtension } from './harness';
import { expect } from 'vitest';

const L = (zh: string, en: string) => ({ zh, en });
export const TEST_PACK = {
  id: 'test.pack',
  name: 'e2e test pack',
  version: '1.0.0',
  locale: 'zh-CN',
  rules: [
    {
      id: 't.refusal', category: 'refusal', severity: 'error', lang: 'zh', match: ['我不能'],
      message: L('说你能做什么，而不是不能做什么。', "Say what you can do, not what you can't."),
      why: L('负面语言让客户觉得被拒绝（培训资料 001 §七）。', 'Negative language makes the customer feel refused (training 001 §7).'),
      suggestions: ['我可以', '我们能为您做的是'], phrases: ['p.help'],
    },
    {
      id: 't.contrast', category: 'contrast', severity: 'warning', lang: 'zh', match: ['但是'],
      message: L('"但是"会抵消前面的话。', '"But" cancels what came before.'),
      why: L('只要不说"但是"，说什么都行（001）。', 'Drop the "but" (001).'),
      suggestions: ['同时'], phrases: [],
    },
    {
      id: 't.en.refusal', category: 'refusal', severity: 'error', lang: 'en', match: ["I can't"],
      message: L('说你能做什么。', "Say what you can do, not what you can't."),
      why: L('负面语言。', 'Negative language makes the customer feel refused.'),
      suggestions: ['I can'], phrases: ['p.help'],
    },
  ],
  phrases: [{ id: 'p.help', text: L('我来帮您查一下', 'Let me check that for you'), categories: ['refusal'] }],
};

/**
 * Make the test pack the only active pack, through the background's own pack service (as the
 * options page does): import it, switch the built-in packs off, set which of its rules are off and
 * the UI language. The background stays the one writer of the active state, so nothing it
 * publishes later (e.g. after "turn off this rule") undoes the test's setup.
 */
export async function setActive(ext: LaunchedExtension, uiLang: 'zh' | 'en' = 'zh', disabledRules: string[] = []): Promise<void> {
  const page = await ext.context.newPage();
  try {
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await page.evaluate(
      async ({ pack, uiLang, disabledRules }) => {
        const send = async (m: object) => {
          const r = await chrome.runtime.sendMessage({ type: 'rc:packs', ...m });
          if (!r?.ok) throw new Error(`rc:packs ${JSON.stringify(m).slice(0, 80)}: ${JSON.stringify(r)}`);
        };
        await send({ op: 'importText', text: JSON.stringify(pack), fileName: 'e2e-test-pack.json' });
        for (const id of ['zh-CN.core', 'en.core', 'zh-CN.phrases', 'en.phrases']) await send({ op: 'setPackEnabled', packId: id, enabled: false });
        for (const r of pack.rules) await send({ op: 'setRuleEnabled', ruleId: r.id, enabled: !disabledRules.includes(r.id) });
        await chrome.storage.local.set({ 'rc.uiLangPref': uiLang });
        const st = (await chrome.storage.local.get('rc.active'))['rc.active'];
        await chrome.storage.local.set({ 'rc.active': { ...st, uiLang, revision: st.revision + 1 } });
        const now = (await chrome.storage.local.get('rc.active'))['rc.active'];
        if (now.packs.length !== 1 || now.packs[0].id !== pack.id) throw new Error(`active packs: ${now.packs.map((p: { id: string }) => p.id)}`);
      },
      { pack: TEST_PACK, uiLang, disabledRules },
    );
  } finally {
    await page.close();
  }
}

export const REPLY = '您好，我不能给您退款，但是可以换货。';

export const targets = (page: Page, rule?: string) =>
  page.locator(`reply-coach-overlay .rc-target${rule ? `[data-rule-id="${rule}"]` : ''}`);

export const card = (page: Page) => page.locator('reply-coach-overlay .card');

export async function modelText(page: Page): Promise<string> {
  return page.evaluate(() => (window as any).fixture.getText() as string);
}

/** Waits until the editor's own model holds exactly `text`. */
export async function expectModel(page: Page, text: string, timeout = 3000): Promise<void> {
  const t0 = Date.now();
  let last = '';
  while (Date.now() - t0 < timeout) {
    last = (await modelText(page)).replace(/\u00a0/g, ' ');
    if (last === text) return;
    await page.waitForTimeout(50);
  }
  expect(last).toBe(text);
}

/**
 * Viewport rect of the first occurrence of `needle` in the editor (a DOM Range), searched in the
 * document, open shadow roots and same-origin iframes; offsets by the iframe position.
 */
export async function wordRect(page: Page, needle: string): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate((needle) => {
    const search = (root: Document | ShadowRoot, dx: number, dy: number): any => {
      const walker = ((root as any).nodeType === 9 ? (root as Document) : root.ownerDocument!).createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType === 1) {
          const el = n as Element;
          if (el.tagName === 'REPLY-COACH-OVERLAY') continue;
          if (el.shadowRoot) {
            const r = search(el.shadowRoot, dx, dy);
            if (r) return r;
          }
          if (el.tagName === 'IFRAME') {
            const d = (el as HTMLIFrameElement).contentDocument;
            const b = el.getBoundingClientRect();
            if (d) {
              const r = search(d, dx + b.left + el.clientLeft, dy + b.top + el.clientTop);
              if (r) return r;
            }
          }
          continue;
        }
        const t = n as Text;
        const i = t.data.indexOf(needle);
        if (i >= 0 && t.parentElement?.closest('.customer') == null && !t.parentElement?.closest('h2')) {
          const range = ((root as any).nodeType === 9 ? (root as Document) : root.ownerDocument!).createRange();
          range.setStart(t, i);
          range.setEnd(t, i + needle.length);
          const r = range.getClientRects()[0]!;
          return { x: r.left + dx, y: r.top + dy, width: r.width, height: r.height };
        }
      }
      return null;
    };
    return search(document, 0, 0);
  }, needle);
}

/** Textarea variant: the mirror-free truth is hard to get, so compare with a native measurement. */
export async function textareaWordRect(page: Page, selector: string, needle: string) {
  return page.evaluate(
    ({ selector, needle }) => {
      const ta = document.querySelector(selector) as HTMLTextAreaElement;
      const i = ta.value.indexOf(needle);
      const div = document.createElement('div');
      const cs = getComputedStyle(ta);
      for (const k of ['font', 'lineHeight', 'letterSpacing', 'padding', 'border', 'boxSizing', 'whiteSpace', 'wordWrap', 'width'] as const) (div.style as any)[k] = (cs as any)[k];
      div.style.whiteSpace = 'pre-wrap';
      div.style.position = 'absolute';
      div.style.visibility = 'hidden';
      const r0 = ta.getBoundingClientRect();
      div.style.left = r0.left + scrollX + 'px';
      div.style.top = r0.top + scrollY + 'px';
      div.style.borderColor = 'transparent';
      const t = document.createTextNode(ta.value);
      div.appendChild(t);
      document.body.appendChild(div);
      const range = document.createRange();
      range.setStart(t, i);
      range.setEnd(t, i + needle.length);
      const r = range.getClientRects()[0]!;
      const out = { x: r.left, y: r.top - ta.scrollTop, width: r.width, height: r.height };
      div.remove();
      return out;
    },
    { selector, needle },
  );
}

export async function expectCovers(page: Page, rule: string, word: { x: number; y: number; width: number; height: number }, tol = 2.5): Promise<void> {
  const box = await targets(page, rule).first().boundingBox();
  expect(box, `target for ${rule}`).toBeTruthy();
  expect(Math.abs(box!.x - word.x)).toBeLessThan(tol);
  expect(Math.abs(box!.y - word.y)).toBeLessThan(tol);
  expect(Math.abs(box!.width - word.width)).toBeLessThan(tol);
  expect(Math.abs(box!.height - word.height)).toBeLessThan(tol + 2);
}

export async function waitTargets(page: Page, rule: string, count = 1, timeout = 3000): Promise<void> {
  await targets(page, rule).nth(count - 1).waitFor({ state: 'attached', timeout });
}
