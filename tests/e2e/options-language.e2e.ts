/**
 * The language control on the options page (issue 5): 跟随浏览器 / 中文 / English. Choosing a
 * language stores rc.uiLangPref, publishes rc.active.uiLang (content scripts follow it), and the
 * options page, the popup and the statistics page re-render in it without a reload. Screenshots of
 * the options page in both languages go to test-results/options-language/ (looked at by hand).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, ROOT, type LaunchedExtension } from './harness';
import { activeState, OPTIONS, snapshotExtension, teamPack, waitFor } from './packs-helpers';

/** Extension pages and the service worker have `chrome` (evaluated there, typed like `browser`). */
declare const chrome: typeof browser;

const SHOTS = join(ROOT, 'test-results/options-language');
let snap: Awaited<ReturnType<typeof snapshotExtension>> | undefined;
let ext: LaunchedExtension;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  snap = await snapshotExtension(); // private build: colleagues rebuild .output/ meanwhile
  ext = await launchExtension({ extensionDir: snap.dir });
  await activeState(ext.serviceWorker);
});
afterAll(async () => {
  await ext?.close();
  snap?.remove();
});

async function stored(): Promise<{ pref: unknown; uiLang: unknown }> {
  return ext.serviceWorker.evaluate(async () => {
    const got = await chrome.storage.local.get(['rc.uiLangPref', 'rc.active']);
    return { pref: got['rc.uiLangPref'], uiLang: (got['rc.active'] as { uiLang?: string } | undefined)?.uiLang };
  });
}

const texts = (page: Page, sel: string) => page.locator(sel).allTextContents();

/** What the options page must show in each language (the visible strings, not just the title). */
const EXPECT = {
  en: {
    htmlLang: 'en',
    h1: 'ReplyCoach · Rule packs',
    subtitle: 'Team rule packs: import, subscribe, switch on/off, try',
    h2: ['Rule packs', 'Add a rule pack', 'Try it', 'All settings'],
    label: 'Language',
    options: ['Browser language', '中文', 'English'],
    finding: '1 finding',
    severity: 'warning',
    rules: '1 rule',
    badge: 'Imported file',
    notice: 'Imported pack team.lang',
    popupH1: 'ReplyCoach',
    statsH1: 'My statistics',
  },
  zh: {
    htmlLang: 'zh-CN',
    h1: '话术教练 · 规则包',
    subtitle: '团队规则包：导入、订阅、开关与试用',
    h2: ['规则包', '添加规则包', '试一试', '全部设置'],
    label: '界面语言',
    options: ['跟随浏览器', '中文', 'English'],
    finding: '1 条提示',
    severity: '警告',
    rules: '1 条规则',
    badge: '文件导入',
    notice: '已导入规则包 team.lang',
    popupH1: '话术教练 ReplyCoach',
    statsH1: '我的统计',
  },
} as const;

async function expectOptionsIn(page: Page, lang: 'zh' | 'en'): Promise<void> {
  const e = EXPECT[lang];
  await page.locator('h1', { hasText: e.h1 }).waitFor();
  expect(await page.locator('h1').textContent()).toBe(e.h1);
  expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual([e.htmlLang, e.h1]);
  expect(await page.locator('header p.muted').textContent()).toBe(e.subtitle);
  expect(await texts(page, 'h2')).toEqual(e.h2);
  expect((await page.locator('label.lang').textContent())?.startsWith(e.label)).toBe(true);
  expect(await texts(page, '[data-testid="lang"] option')).toEqual(e.options);
  const card = page.locator('[data-pack="team.lang"]');
  expect(await card.locator('.badge.file').textContent()).toBe(e.badge);
  expect(await card.locator('.meta').first().textContent()).toContain(`· ${e.rules}`);
  expect(await page.getByTestId('notice').textContent()).toBe(e.notice);
  // The try-it box keeps its text across the switch and re-renders its findings in the new language.
  const out = page.locator('.try-out');
  await out.locator('.muted', { hasText: e.finding }).first().waitFor();
  expect(await out.locator('[data-testid="findings"] li .sev').allTextContents()).toEqual([e.severity]);
}

test('switch the options page to English and back to Chinese: page, popup and stats follow, rc.active.uiLang published', async () => {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1000, height: 1100 });
  await page.goto(OPTIONS(ext.extensionId));
  // A pack of our own, so the page shows plural/badge/severity strings that do not depend on the built-ins.
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'lang.yaml', mimeType: 'application/yaml', buffer: Buffer.from(teamPack('1.0.0', '喵喵喵', 'team.lang')) });
  await page.getByTestId('notice').getByText('team.lang').waitFor();
  await page.getByTestId('try-text').fill('喵喵喵，您的订单已发货。');

  // Nothing chosen yet: the control says "follow the browser".
  expect(await page.getByTestId('lang').inputValue()).toBe('auto');
  const browserLang = await page.evaluate(() => (chrome.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh' : 'en'));
  await expectOptionsIn(page, browserLang);

  // The popup and the statistics page are open at the same time and must follow the switch.
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  const stats = await ext.context.newPage();
  await stats.goto(`chrome-extension://${ext.extensionId}/stats.html`);

  for (const lang of ['en', 'zh'] as const) {
    await page.bringToFront();
    await page.getByTestId('lang').selectOption(lang);
    await expectOptionsIn(page, lang);
    expect(await page.getByTestId('lang').inputValue()).toBe(lang);
    expect(await page.getByTestId('try-text').inputValue()).toBe('喵喵喵，您的订单已发货。');
    const st = await waitFor(stored, (v) => v.uiLang === lang);
    expect(st).toEqual({ pref: lang, uiLang: lang });
    await popup.locator('h1', { hasText: new RegExp(`^${EXPECT[lang].popupH1}$`) }).waitFor();
    await stats.locator('h1', { hasText: new RegExp(`^${EXPECT[lang].statsH1}$`) }).waitFor();
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe(EXPECT[lang].htmlLang);
    expect(await stats.evaluate(() => document.documentElement.lang)).toBe(EXPECT[lang].htmlLang);
    await page.screenshot({ path: join(SHOTS, `options-${lang}.png`), fullPage: true });
  }

  // A reload keeps the choice (the import notice is gone with the reload; import again: replaces it).
  await page.reload();
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'lang.yaml', mimeType: 'application/yaml', buffer: Buffer.from(teamPack('1.0.0', '喵喵喵', 'team.lang')) });
  await page.getByTestId('try-text').fill('喵喵喵，您的订单已发货。');
  await expectOptionsIn(page, 'zh');
  expect(await page.getByTestId('lang').inputValue()).toBe('zh');

  // Back to "follow the browser": the browser's language again, stored as 'auto'.
  await page.getByTestId('lang').selectOption('auto');
  await expectOptionsIn(page, browserLang);
  const st = await waitFor(stored, (v) => v.pref === 'auto' && v.uiLang === browserLang);
  expect(st).toEqual({ pref: 'auto', uiLang: browserLang });
  expect(await page.getByTestId('lang').inputValue()).toBe('auto');

  await Promise.all([page.close(), popup.close(), stats.close()]);
});
