/**
 * Coach behaviour beyond one editor: IME composition, SPA box swaps, ignore / turn off rule
 * (persisted), recommended phrases, statistics events, scrolling, and English UI.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { card, expectModel, modelText, REPLY, setActive, TEST_PACK, targets, waitTargets, wordRect } from './coach-helpers';
import { buildFixtures } from './fixtures';
import { launchExtension, startFixtureServer, type FixtureServer, type LaunchedExtension } from './harness';

let ext: LaunchedExtension;
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer(await buildFixtures());
  ext = await launchExtension();
  await setActive(ext, 'zh');
  // Record the statistics events the content script sends (alongside the real stats handler).
  await ext.serviceWorker.evaluate(() => {
    (globalThis as any).__stats = [];
    chrome.runtime.onMessage.addListener((m: any) => {
      if (m?.type === 'rc:stat') (globalThis as any).__stats.push(m);
      return undefined;
    });
  });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

async function open(path: string, editor = '#editor'): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${server.url}/${path}`);
  await page.waitForFunction(() => !!(window as any).fixture);
  await page.locator(editor).first().click();
  return page;
}

for (const [name, path, editor] of [
  ['contenteditable', 'contenteditable.html', '#editor'],
  ['CKEditor 5', 'ckeditor.html', '.ck-editor__editable'],
] as const) {
  test(`IME (${name}): nothing is linted or drawn while composing; committed text is coached`, async () => {
    const page = await open(path, editor);
    const cdp = await ext.context.newCDPSession(page);
    await page.keyboard.type('您好，', { delay: 10 });
    for (const partial of ['wo', '我', '我不', '我不能']) {
      await cdp.send('Input.imeSetComposition', { text: partial, selectionStart: partial.length, selectionEnd: partial.length });
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(400); // well past the lint delay
    expect(await targets(page).count()).toBe(0);
    await cdp.send('Input.insertText', { text: '我不能' });
    await waitTargets(page, 't.refusal');
    await expectModel(page, '您好，我不能');
    await page.close();
  });
}

test('SPA: the reply box is swapped; the old one is dropped, the new one is coached', async () => {
  const page = await open('spa.html');
  await page.keyboard.type('我不能', { delay: 10 });
  await waitTargets(page, 't.refusal');
  await page.click('#swap');
  await page.locator('#editor[data-ticket="1"]').waitFor();
  await expect.poll(() => targets(page).count()).toBe(0);
  // The old box's layer is gone; the new box (attached as soon as it appeared) has the only one.
  await expect.poll(() => page.locator('reply-coach-overlay .clip').count()).toBe(1);
  expect(await page.locator('reply-coach-overlay .clip').getAttribute('data-editor')).toBe('contenteditable');
  await page.locator('#editor').click();
  await page.keyboard.type('好的，但是', { delay: 10 });
  await waitTargets(page, 't.contrast');
  const w = await wordRect(page, '但是');
  const b = (await targets(page, 't.contrast').first().boundingBox())!;
  expect(Math.abs(b.x - w.x)).toBeLessThan(3);
  await page.close();
});

test('ignore here, turn off this rule (persisted in the active state), stats events', async () => {
  const page = await open('contenteditable.html');
  await page.keyboard.type(REPLY, { delay: 5 });
  await waitTargets(page, 't.contrast');
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.press('Alt+j');
  await card(page).waitFor();
  expect(await card(page).getAttribute('data-rule-id')).toBe('t.refusal');
  await page.getByRole('button', { name: '此处忽略' }).click();
  await expect.poll(() => targets(page, 't.refusal').count()).toBe(0);
  expect(await targets(page, 't.contrast').count()).toBeGreaterThan(0);
  await page.keyboard.press('Alt+j');
  await card(page).waitFor();
  expect(await card(page).getAttribute('data-rule-id')).toBe('t.contrast');
  await page.getByRole('button', { name: '关闭此规则' }).click();
  await expect.poll(() => targets(page).count()).toBe(0);
  const state = await ext.serviceWorker.evaluate(async () => (await chrome.storage.local.get('rc.active'))['rc.active']);
  expect((state as any).disabledRules).toContain('t.contrast');
  const readStats = async () => (await ext.serviceWorker.evaluate(() => (globalThis as any).__stats)) as any[];
  await expect.poll(async () => (await readStats()).some((s) => s.event === 'ignored' && s.ruleId === 't.refusal')).toBe(true);
  const stats = await readStats();
  expect(stats.some((s) => s.event === 'shown' && s.ruleId === 't.refusal' && s.category === 'refusal')).toBe(true);
  for (const s of stats) expect(Object.keys(s).sort()).toEqual(['category', 'event', 'ruleId', 'type']);
  await setActive(ext, 'zh');
  await page.close();
});

test('recommended phrase is inserted at the cursor; applied stat; English card', async () => {
  await setActive(ext, 'en');
  const page = await open('textarea.html');
  await page.keyboard.type("Sorry, I can't refund it. ", { delay: 5 });
  await waitTargets(page, 't.en.refusal');
  await page.keyboard.press('Alt+j');
  await card(page).waitFor();
  await expect.poll(() => card(page).textContent()).toContain('Say what you can do');
  await page.getByRole('button', { name: 'Insert at cursor: Let me check that for you' }).click();
  await expectModel(page, "Sorry, I can't refund it. Let me check that for you");
  await page.keyboard.press('Alt+j');
  await card(page).waitFor();
  await page.getByRole('button', { name: 'Replace with "I can"' }).click();
  await expectModel(page, 'Sorry, I can refund it. Let me check that for you');
  // The stat travels content → background asynchronously: wait for it rather than race it.
  await expect
    .poll(async () => {
      const stats = (await ext.serviceWorker.evaluate(() => (globalThis as any).__stats)) as any[];
      return stats.some((s) => s.event === 'applied' && s.ruleId === 't.en.refusal');
    })
    .toBe(true);
  expect(await modelText(page)).toContain('I can refund');
  await setActive(ext, 'zh');
  await page.close();
});

test('highlights follow scrolling and clip to the visible part of the editor', async () => {
  const page = await open('textarea.html');
  await page.evaluate(() => ((document.querySelector('#editor') as HTMLTextAreaElement).rows = 3));
  await page.keyboard.type('第一行\n第二行\n第三行\n第四行\n第五行我不能\n第六行', { delay: 5 });
  await waitTargets(page, 't.refusal');
  await page.evaluate(() => ((document.querySelector('#editor') as HTMLTextAreaElement).scrollTop = 0));
  await page.waitForTimeout(150);
  const clip = (await page.locator('reply-coach-overlay .clip').first().boundingBox())!;
  const ta = (await page.locator('#editor').boundingBox())!;
  expect(clip.y).toBeGreaterThanOrEqual(ta.y);
  expect(clip.y + clip.height).toBeLessThanOrEqual(ta.y + ta.height + 0.5);
  // Targets are drawn for the findings in the visible area only; scrolling moves them along.
  const tb1 = (await targets(page, 't.refusal').count()) ? await targets(page, 't.refusal').first().boundingBox() : null;
  await page.evaluate(() => ((document.querySelector('#editor') as HTMLTextAreaElement).scrollTop = 1000));
  await waitTargets(page, 't.refusal');
  await page.waitForTimeout(150);
  const tb2 = (await targets(page, 't.refusal').first().boundingBox())!;
  expect(tb1 === null || tb2.y < tb1.y).toBe(true);
  expect(tb2.y).toBeGreaterThanOrEqual(ta.y);
  expect(tb2.y + tb2.height).toBeLessThanOrEqual(ta.y + ta.height + 0.5);
  await page.close();
});

test("packs apply per site: a pack for other.example stays silent on 127.0.0.1, one for 127.0.0.1 fires", async () => {
  const L = (zh: string, en: string) => ({ zh, en });
  const sitePack = (id: string, sites: string[], word: string) => ({
    id,
    name: id,
    version: '1.0.0',
    locale: 'zh-CN',
    sites,
    rules: [{ id: `${id}.word`, category: 'informal-address', severity: 'info', lang: 'zh', match: [word], message: L('称呼', 'Address'), why: L('品牌规范', 'Brand'), suggestions: ['您'], phrases: [] }],
  });
  await ext.serviceWorker.evaluate(async (packs) => {
    const prev = (await chrome.storage.local.get('rc.active'))['rc.active'] as { revision: number };
    await chrome.storage.local.set({ 'rc.active': { revision: prev.revision + 1, packs, disabledRules: [], pausedUntil: 0, uiLang: 'zh' } });
  }, [TEST_PACK, sitePack('site.other', ['other.example'], '亲'), sitePack('site.local', ['127.0.0.1'], '宝宝')]);
  const page = await open('contenteditable.html');
  await page.keyboard.type('亲，宝宝，我不能退款。', { delay: 5 });
  await waitTargets(page, 'site.local.word');
  await waitTargets(page, 't.refusal');
  expect(await targets(page, 'site.other.word').count()).toBe(0);
  await page.close();
  await setActive(ext, 'zh');
});
