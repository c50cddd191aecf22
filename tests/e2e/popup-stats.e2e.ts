/**
 * Popup and statistics page in real Chromium (issue 5): site switch, pause, focused-reply count,
 * a rewrite applied in a page counted in the statistics, CSV/clear, and screenshots in zh + en
 * (written to test-results/screenshots/, looked at by hand).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_DIR, launchExtension, ROOT, startFixtureServer, type FixtureServer, type LaunchedExtension } from './harness';

// Code passed to serviceWorker.evaluate runs in the extension, where `chrome` exists.
declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const SHOTS = join(ROOT, 'test-results/screenshots');
const REPLY_PAGE = `<!doctype html><meta charset="utf-8"><title>Reply</title>
<style>body{font:16px sans-serif;margin:40px} textarea{width:600px;height:120px;font:16px sans-serif}</style>
<h1>Ticket #42</h1><textarea id="editor" placeholder="回复…"></textarea>`;

const L = (zh: string, en: string) => ({ zh, en });
/** A small deterministic pack (the built-in packs change while they are being written). */
const PACK = {
  id: 'e2e.popup',
  name: 'e2e popup pack',
  version: '1.0.0',
  locale: 'zh-CN',
  rules: [
    { id: 'e2e.refusal', category: 'refusal', severity: 'error', lang: 'zh', match: ['我不能'], message: L('说你能做什么，而不是不能做什么。', "Say what you can do, not what you can't."), why: L('负面语言。', 'Negative language.'), suggestions: ['我可以'], phrases: [] },
    { id: 'e2e.contrast', category: 'contrast', severity: 'warning', lang: 'zh', match: ['但是'], message: L('“但是”会抵消前面的话。', '"But" cancels what came before.'), why: L('001', '001'), suggestions: ['同时'], phrases: [] },
  ],
};

let ext: LaunchedExtension;
let server: FixtureServer;
let extDir: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // A private copy of the build: other specs may rebuild .output/ while this one runs.
  extDir = mkdtempSync(join(tmpdir(), 'rc-popup-ext-'));
  cpSync(process.env.RC_EXT_DIR ?? EXTENSION_DIR, extDir, { recursive: true });
  if (!existsSync(join(extDir, 'stats.html'))) throw new Error('the build has no stats.html');
  ext = await launchExtension({ extensionDir: extDir });
  server = await startFixtureServer({ '/reply.html': REPLY_PAGE });
  // The background publishes the built-in packs on install.
  await ext.serviceWorker.evaluate(async () => {
    for (let i = 0; i < 100 && !(await chrome.storage.local.get('rc.active'))['rc.active']; i++) await new Promise((r) => setTimeout(r, 100));
  });
  await ext.serviceWorker.evaluate(async (pack) => {
    const prev = (await chrome.storage.local.get('rc.active'))['rc.active'] as { revision: number; packs: unknown[] };
    await chrome.storage.local.set({ 'rc.active': { ...prev, revision: prev.revision + 100, packs: [pack, ...prev.packs] } });
  }, PACK);
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
  if (extDir) rmSync(extDir, { recursive: true, force: true });
});

const storage = <T>(key: string) => ext.serviceWorker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key) as Promise<T>;
const setStorage = (items: Record<string, unknown>) => ext.serviceWorker.evaluate((it) => chrome.storage.local.set(it), items);

async function tabIdOf(url: string): Promise<number> {
  return ext.serviceWorker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t: { url?: string }) => t.url === u)!.id!;
  }, url);
}

async function openReplyPage(): Promise<{ page: Page; tabId: number }> {
  const page = await ext.context.newPage();
  await page.goto(server.url + '/reply.html');
  return { page, tabId: await tabIdOf(server.url + '/reply.html') };
}

async function openPopup(tabId: number): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: 320, height: 560 });
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await popup.locator('[data-testid="site"]').waitFor();
  return popup;
}

async function typeReply(page: Page, text: string): Promise<void> {
  await page.click('#editor');
  await page.fill('#editor', '');
  await page.keyboard.type(text, { delay: 5 });
  await page.locator('reply-coach-overlay .rc-target').first().waitFor({ state: 'attached', timeout: 10_000 });
}

describe('popup', () => {
  test('shows the site, counts findings in the focused reply, switches the site off and on', async () => {
    const { page, tabId } = await openReplyPage();
    await typeReply(page, '您好，我不能给您退款，但是可以换货。');
    const popup = await openPopup(tabId);
    const toggle = popup.locator('[data-testid="site-toggle"]');
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => popup.locator('[data-testid="count"]').textContent(), { timeout: 5000 }).toMatch(/[2-9]\d* (findings|条提示)|有 [2-9]/);
    // Active packs are listed.
    expect(await popup.locator('[data-testid="packs"] li').count()).toBeGreaterThan(0);

    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    expect(await storage<{ disabled: string[] }>('rc.sites')).toMatchObject({ disabled: ['127.0.0.1'] });
    // The content script goes idle on a switched-off site: no targets.
    await expect.poll(() => page.locator('reply-coach-overlay .rc-target').count(), { timeout: 5000 }).toBe(0);

    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    expect(await storage<{ disabled: string[] }>('rc.sites')).toMatchObject({ disabled: [] });
    await page.bringToFront();
    await page.click('#editor');
    await page.keyboard.type(' ');
    await expect.poll(() => page.locator('reply-coach-overlay .rc-target').count(), { timeout: 5000 }).toBeGreaterThan(0);
    await popup.close();
    await page.close();
  });

  test('pause for 1 hour, resume, pause until tomorrow', async () => {
    const { page, tabId } = await openReplyPage();
    const popup = await openPopup(tabId);
    const t0 = Date.now();
    await popup.click('[data-testid="pause-hour"]');
    await popup.locator('[data-testid="paused"]').waitFor();
    const until = (await storage<{ pausedUntil: number }>('rc.active')).pausedUntil;
    expect(until - t0).toBeGreaterThan(3590_000);
    expect(until - t0).toBeLessThan(3700_000);
    await popup.getByRole('button', { name: /Resume now|立即恢复/ }).click();
    await popup.locator('[data-testid="pause-tomorrow"]').waitFor();
    expect((await storage<{ pausedUntil: number }>('rc.active')).pausedUntil).toBe(0);
    await popup.click('[data-testid="pause-tomorrow"]');
    await popup.locator('[data-testid="paused"]').waitFor();
    const midnight = new Date();
    midnight.setHours(24, 0, 0, 0);
    expect((await storage<{ pausedUntil: number }>('rc.active')).pausedUntil).toBe(midnight.getTime());
    await popup.getByRole('button', { name: /Resume now|立即恢复/ }).click();
    await popup.locator('[data-testid="pause-tomorrow"]').waitFor();
    await popup.close();
    await page.close();
  });
});

describe('statistics', () => {
  test('a rewrite applied in a page shows up in the statistics page', async () => {
    await setStorage({ 'rc.stats': { v: 1, days: {} } });
    const { page } = await openReplyPage();
    await typeReply(page, '您好，我不能给您退款。');
    // Open the card on the finding (Alt+J: next finding) and apply the first suggestion.
    await page.keyboard.press('Alt+J');
    const card = page.locator('reply-coach-overlay .card');
    await card.waitFor({ timeout: 5000 });
    const ruleId = await card.getAttribute('data-rule-id');
    const category = await card.getAttribute('data-category');
    await card.locator('button.sugg').first().click();
    await expect.poll(() => page.inputValue('#editor')).not.toContain('我不能');

    await expect
      .poll(async () => {
        const s = await storage<{ days: Record<string, Record<string, { c: string; n: number[] }>> }>('rc.stats');
        return Object.values(s?.days ?? {}).map((d) => d[ruleId!]?.n[1] ?? 0)[0] ?? 0;
      }, { timeout: 5000 })
      .toBe(1);

    const stats = await ext.context.newPage();
    await stats.goto(`chrome-extension://${ext.extensionId}/stats.html`);
    await stats.locator('[data-testid="chart"]').waitFor();
    expect(await stats.locator('[data-testid="total-applied"]').textContent()).toBe('1');
    expect(Number(await stats.locator('[data-testid="total-shown"]').textContent())).toBeGreaterThanOrEqual(1);
    const topRules = await stats.locator('[data-testid="top-rules"]').textContent();
    expect(topRules).toContain(ruleId!);
    expect(await stats.locator('[data-testid="by-category"]').textContent()).toMatch(category === 'refusal' ? /Refusal|拒绝/ : /./);
    // Exactly one stored record carries the rule; no reply text anywhere in storage.
    const raw = JSON.stringify(await storage('rc.stats'));
    expect(raw).not.toMatch(/退款|您好/);
    await stats.close();
    await page.close();
  });

  test('CSV export and clear', async () => {
    const stats = await ext.context.newPage();
    await stats.goto(`chrome-extension://${ext.extensionId}/stats.html`);
    await stats.locator('[data-testid="export"]').waitFor();
    const [download] = await Promise.all([stats.waitForEvent('download'), stats.click('[data-testid="export"]')]);
    const path = await download.path();
    const csv = (await import('node:fs')).readFileSync(path!, 'utf8');
    expect(csv.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('date,category,rule,shown,applied,ignored');
    expect(csv.split('\r\n').length).toBeGreaterThan(2);
    stats.once('dialog', (d) => void d.accept());
    await stats.click('[data-testid="clear"]');
    await expect.poll(() => storage('rc.stats')).toEqual({ v: 1, days: {} });
    await stats.locator('[data-testid="total-applied"]').waitFor();
    expect(await stats.locator('[data-testid="total-applied"]').textContent()).toBe('0');
    await stats.close();
  });
});

describe('screenshots in both languages', () => {
  test('popup and statistics page, zh and en', async () => {
    // A month of plausible statistics (counts only) so the chart has something to draw.
    await ext.serviceWorker.evaluate(() => {
      const cats = ['refusal', 'contrast', 'hedging', 'informal-address', 'commanding', 'blame-shifting'];
      const days: Record<string, Record<string, { c: string; n: number[] }>> = {};
      const pad = (n: number) => String(n).padStart(2, '0');
      for (let i = 0; i < 30; i++) {
        const d = new Date();
        d.setDate(d.getDate() - i);
        const key = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
        const rules: Record<string, { c: string; n: number[] }> = {};
        cats.forEach((c, j) => {
          const shown = Math.max(0, Math.round(6 - j + 4 * Math.sin(i / 3 + j) + (c === 'contrast' ? (i < 7 ? -3 : 4) : 0)));
          if (shown) rules[`demo.${c}`] = { c, n: [shown, Math.round(shown * (0.3 + 0.1 * j)), j % 2] };
        });
        days[key] = rules;
      }
      return chrome.storage.local.set({ 'rc.stats': { v: 1, days } });
    });
    const { page, tabId } = await openReplyPage();
    await typeReply(page, '您好，我不能给您退款，但是可以换货。');
    for (const lang of ['zh', 'en'] as const) {
      await setStorage({ 'rc.uiLangPref': lang });
      const popup = await openPopup(tabId);
      await popup.locator('[data-testid="packs"]').waitFor();
      await popup.waitForTimeout(300);
      expect(await popup.locator('h1').textContent()).toBe(lang === 'zh' ? '话术教练 ReplyCoach' : 'ReplyCoach');
      await popup.screenshot({ path: join(SHOTS, `popup-${lang}.png`), fullPage: true });
      await popup.close();
      const stats = await ext.context.newPage();
      await stats.setViewportSize({ width: 1000, height: 800 });
      await stats.goto(`chrome-extension://${ext.extensionId}/stats.html`);
      await stats.locator('[data-testid="chart"]').waitFor();
      expect(await stats.title()).toBe(lang === 'zh' ? '话术教练 · 我的统计' : 'ReplyCoach · My statistics');
      expect(await stats.locator('[data-testid="summary"]').textContent()).toMatch(lang === 'zh' ? /本周你/ : /This week you said/);
      await stats.screenshot({ path: join(SHOTS, `stats-${lang}.png`), fullPage: true });
      await stats.close();
    }
    await setStorage({ 'rc.uiLangPref': 'auto' });
    await page.close();
  });
});
