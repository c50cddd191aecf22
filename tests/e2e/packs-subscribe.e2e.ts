/**
 * URL subscription in real Chromium against a pack host on 127.0.0.1: subscribe from the options
 * page, update (new ETag → new version), 304 (If-None-Match sent, nothing changes), failure (500 and
 * an invalid pack) keeps the last good version and shows the error.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, type LaunchedExtension } from './harness';
import { snapshotExtension, activeState, OPTIONS, startPackServer, teamPack, waitFor, type PackServer } from './packs-helpers';

/** Extension pages and the service worker have `chrome` (evaluated there, typed like `browser`). */
declare const chrome: typeof browser;

let snap: Awaited<ReturnType<typeof snapshotExtension>> | undefined;
let ext: LaunchedExtension;
let packs: PackServer;

beforeAll(async () => {
  snap = await snapshotExtension();
  ext = await launchExtension({ extensionDir: snap.dir });
  packs = await startPackServer();
  await activeState(ext.serviceWorker);
});
afterAll(async () => {
  await ext?.close();
  snap?.remove();
  await packs?.close();
});

const version = async () => (await activeState(ext.serviceWorker)).packs.find((p) => p.id === 'team.sub')?.version;

test('subscribe, update, 304, and failures that keep the last good version', async () => {
  packs.set({ body: teamPack('1.0.0', '老铁', 'team.sub') });
  const page = await ext.context.newPage();
  await page.goto(OPTIONS(ext.extensionId));
  await page.getByTestId('subscribe-url').fill(packs.url);
  await page.getByTestId('subscribe').click();
  await page.getByTestId('notice').getByText('team.sub').waitFor();
  expect(await version()).toBe('1.0.0');
  const card = page.locator('[data-pack="team.sub"]');
  await expect(card.textContent()).resolves.toContain(packs.url);

  // 304: the extension sends If-None-Match and keeps the pack
  const checkNow = () => card.getByRole('button', { name: /Check now|立即检查/ }).click();
  let n = packs.log.length;
  await checkNow();
  await waitFor(async () => packs.log.length, (len) => len > n);
  const cond = packs.log.filter((l) => l.method === 'GET').at(-1)!;
  expect(cond).toMatchObject({ inm: '"v1"', status: 304 });
  expect(await version()).toBe('1.0.0');

  // update: new content, new ETag
  packs.set({ body: teamPack('1.1.0', '老铁', 'team.sub') });
  await checkNow();
  expect(await waitFor(version, (v) => v === '1.1.0')).toBe('1.1.0');
  await card.getByText('1.1.0').first().waitFor();

  // 500: last good kept, error shown
  packs.set({ status: 500 });
  await checkNow();
  await card.getByTestId('pack-error').getByText('HTTP 500').waitFor();
  expect(await version()).toBe('1.1.0');

  // invalid pack: last good kept, error shown with path and line
  packs.set({ body: teamPack('1.2.0', '老铁', 'team.sub').replace('category: informal-address', 'category: rude') });
  await checkNow();
  await card.getByTestId('pack-error').getByText('rules[0].category').waitFor();
  expect(await card.getByTestId('pack-error').textContent()).toMatch(/\b8:\d+ rules\[0\]\.category/);
  expect(await version()).toBe('1.1.0');

  // recovery clears the error
  packs.set({ body: teamPack('1.3.0', '老铁', 'team.sub') });
  await checkNow();
  expect(await waitFor(version, (v) => v === '1.3.0')).toBe('1.3.0');
  await card.getByTestId('pack-error').waitFor({ state: 'detached' });

  // the 6-hour alarm exists
  const alarm = await ext.serviceWorker.evaluate(() => chrome.alarms.get('rc.sync'));
  expect(alarm?.periodInMinutes).toBe(360);
  n = packs.log.length;
  await page.close();
});

test('subscribing to a plain-http non-loopback URL is refused on the page', async () => {
  const page = await ext.context.newPage();
  await page.goto(OPTIONS(ext.extensionId));
  await page.getByTestId('subscribe-url').fill('http://packs.example.com/team.yaml');
  await page.getByTestId('subscribe').click();
  await page.getByTestId('notice').getByText('https://').waitFor();
  await page.close();
});
