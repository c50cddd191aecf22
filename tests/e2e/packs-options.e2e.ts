/**
 * Options page in real Chromium: import by file (and drag and drop), invalid packs refused whole
 * with every problem, the try-it box, text-only rendering of pack strings, screenshots zh/en,
 * and live update of an open tab's findings when packs change.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, ROOT, startFixtureServer, type FixtureServer, type LaunchedExtension } from './harness';
import { snapshotExtension, activeState, coachDebug, OPTIONS, setUiLang, teamPack, waitFor } from './packs-helpers';

const SHOTS = join(ROOT, 'test-results/packs');
let snap: Awaited<ReturnType<typeof snapshotExtension>> | undefined;
let ext: LaunchedExtension;
let server: FixtureServer;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  snap = await snapshotExtension();
  ext = await launchExtension({ extensionDir: snap.dir });
  server = await startFixtureServer({
    '/reply.html': '<!doctype html><meta charset="utf-8"><title>reply</title><textarea id="reply" rows="5" cols="60"></textarea>',
  });
  await activeState(ext.serviceWorker);
});
afterAll(async () => {
  await ext?.close();
  snap?.remove();
  await server?.close();
});

test('import a pack from a file: listed with version/source/rules, active, and the try-it box flags its words', async () => {
  const page = await ext.context.newPage();
  await page.goto(OPTIONS(ext.extensionId));
  await page.getByTestId('import-file').setInputFiles({ name: 'team.yaml', mimeType: 'application/yaml', buffer: Buffer.from(teamPack('1.0.0', '老铁')) });
  await page.getByTestId('notice').getByText('team.e2e').waitFor();
  const card = page.locator('[data-pack="team.e2e"]');
  await expect(card.textContent()).resolves.toContain('1.0.0');
  await expect(card.textContent()).resolves.toContain('team.yaml');
  const st = await activeState(ext.serviceWorker);
  expect(st.packs.map((p) => p.id)).toContain('team.e2e');
  await page.getByTestId('try-text').fill('老铁，您的订单已发货。');
  await page.locator('[data-testid="findings"] li[data-rule="team.e2e.word"]').waitFor();
  // rule details show examples
  await card.getByRole('button', { name: /Show rules|查看规则/ }).click();
  await card.getByRole('button', { name: /Details|详情/ }).click();
  await expect(card.locator('.examples mark').first().textContent()).resolves.toBe('老铁');
  await page.close();
});

test('an invalid pack is refused whole, listing every problem with path and line', async () => {
  const page = await ext.context.newPage();
  await page.goto(OPTIONS(ext.extensionId));
  const before = await activeState(ext.serviceWorker);
  const bad = teamPack('2.0', '老铁', 'team.bad').replace('category: informal-address', 'category: rude').replace('severity: warning', 'severity: loud');
  await page.getByTestId('import-file').setInputFiles({ name: 'bad.yaml', mimeType: 'application/yaml', buffer: Buffer.from(bad) });
  const items = page.locator('[data-testid="problems"] li');
  await items.first().waitFor();
  const texts = await items.allTextContents();
  expect(texts.length).toBe(3);
  expect(texts.join('\n')).toMatch(/bad\.yaml:3:\d+ version/);
  expect(texts.join('\n')).toMatch(/bad\.yaml:8:\d+ rules\[0\]\.category/);
  expect(texts.join('\n')).toMatch(/bad\.yaml:9:\d+ rules\[0\]\.severity/);
  const after = await activeState(ext.serviceWorker);
  expect(after.packs.map((p) => p.id)).not.toContain('team.bad');
  expect(after.revision).toBe(before.revision);
  await page.close();
});

test('drag and drop imports; pack strings render as text, never HTML', async () => {
  const page = await ext.context.newPage();
  let dialog = false;
  page.on('dialog', (d) => {
    dialog = true;
    void d.dismiss();
  });
  await page.goto(OPTIONS(ext.extensionId));
  await page.getByTestId('dropzone').waitFor();
  const xss = teamPack('1.0.0', '<b>粗体</b>', 'team.xss').replace('message: "不要说“<b>粗体</b>”"', 'message: "<img src=x onerror=alert(1)>"').replace('name: E2E team pack', 'name: "<img src=x onerror=alert(2)>"');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'xss.yaml', { type: 'application/yaml' }));
    const zone = document.querySelector('[data-testid="dropzone"]')!;
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, xss);
  const card = page.locator('[data-pack="team.xss"]');
  await card.waitFor();
  await expect(card.locator('h3').textContent()).resolves.toBe('<img src=x onerror=alert(2)>');
  await card.getByRole('button', { name: /Show rules|查看规则/ }).click();
  await expect(card.getByTestId('rule-message').textContent()).resolves.toBe('<img src=x onerror=alert(1)>');
  await page.getByTestId('try-text').fill('这是<b>粗体</b>');
  await page.locator('[data-testid="findings"] li[data-rule="team.xss.word"]').waitFor();
  expect(await page.locator('main img').count()).toBe(0);
  expect(await page.locator('main b:text("粗体")').count()).toBe(0);
  await page.waitForTimeout(300);
  expect(dialog).toBe(false);
  await card.getByRole('button', { name: /Remove|删除/ }).click();
  await card.waitFor({ state: 'detached' });
  await page.close();
});

test('live update: an open tab picks up pack changes without a reload', async () => {
  const tab = await ext.context.newPage();
  await tab.goto(server.url + '/reply.html');
  await tab.locator('#reply').click();
  await tab.keyboard.type('兄弟，您的包裹明天到。');
  const findingsFor = async (id: string) => (await coachDebug(tab)).flatMap((s) => s.findings).filter((f) => f.ruleId === id);
  await tab.waitForTimeout(500);
  expect(await findingsFor('team.live.word')).toEqual([]);
  const opts = await ext.context.newPage();
  await opts.goto(OPTIONS(ext.extensionId));
  await opts.getByTestId('import-file').setInputFiles({ name: 'live.yaml', mimeType: 'application/yaml', buffer: Buffer.from(teamPack('1.0.0', '兄弟', 'team.live')) });
  const got = await waitFor(() => findingsFor('team.live.word'), (f) => f.length === 1);
  expect(got[0]!.text).toBe('兄弟');
  // switching the rule off on the options page clears it in the tab, again without reload
  const card = opts.locator('[data-pack="team.live"]');
  await card.getByRole('button', { name: /Show rules|查看规则/ }).click();
  // (controlled checkbox: its state follows storage, so click and wait rather than check())
  await card.getByTestId('rule-toggle').click();
  expect(await waitFor(() => findingsFor('team.live.word'), (f) => f.length === 0)).toEqual([]);
  await expect.poll(() => card.getByTestId('rule-toggle').isChecked()).toBe(false);
  await card.getByTestId('rule-toggle').click();
  expect(await waitFor(() => findingsFor('team.live.word'), (f) => f.length === 1)).toHaveLength(1);
  await opts.close();
  await tab.close();
});

test('screenshots of the options page in zh-CN and en', async () => {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1000, height: 1400 });
  for (const lang of ['zh', 'en'] as const) {
    await setUiLang(ext.serviceWorker, lang);
    await page.goto(OPTIONS(ext.extensionId));
    await page.getByTestId('try-text').fill(lang === 'zh' ? '老铁，我不能给您退款，但是可以换货。' : '老铁，您的订单已发货。');
    const card = page.locator('[data-pack="team.e2e"]');
    await card.getByRole('button', { name: /Show rules|查看规则/ }).click();
    await card.getByRole('button', { name: /Details|详情/ }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(lang === 'zh' ? '话术教练 · 规则包' : 'ReplyCoach · Rule packs');
    await page.locator('[data-testid="findings"] li').first().waitFor();
    await page.screenshot({ path: join(SHOTS, `options-${lang}.png`), fullPage: true });
  }
  await page.close();
});
