/** Helpers for the content-script e2e specs: a deterministic test pack, and editor scenario steps. */
import type { Page, Worker } from 'playwright-core';
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

export async function setActive(sw: Worker, uiLang: 'zh' | 'en' = 'zh', disabledRules: string[] = []): Promise<void> {
  // The background publishes its own packs on install: wait for that, then replace them and make
  // sure ours stick (no late overwrite).
  await sw.evaluate(
    async ({ pack, uiLang, disabledRules }) => {
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      for (let i = 0; i < 50 && !(await chrome.storage.local.get('rc.active'))['rc.active']; i++) await sleep(100);
      for (let attempt = 0; attempt < 10; attempt++) {
        const prev = (await chrome.storage.local.get('rc.active'))['rc.active'] as { revision?: number } | undefined;
        await chrome.storage.local.set({ 'rc.active': { revision: (prev?.revision ?? 0) + 100, packs: [pack], disabledRules, pausedUntil: 0, uiLang } });
        await sleep(400);
        const now = (await chrome.storage.local.get('rc.active'))['rc.active'] as { packs: { id: string }[] };
        if (now.packs[0]?.id === pack.id) return;
      }
      throw new Error('could not install the test pack');
    },
    { pack: TEST_PACK, uiLang, disabledRules },
  );
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
