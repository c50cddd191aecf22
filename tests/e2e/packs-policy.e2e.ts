/**
 * Enterprise policy for real: write /etc/chromium/policies/managed/<file>.json for the test
 * extension id (fixed by the manifest `key`), start Chromium, and check that the pushed packs are
 * active and locked. The policy file is ALWAYS removed afterwards: it would affect every later
 * Chromium run on this machine.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, ROOT, type LaunchedExtension } from './harness';
import { snapshotExtension, activeState, OPTIONS, startPackServer, teamPack, waitFor, type PackServer } from './packs-helpers';

/** Extension pages and the service worker have `chrome` (evaluated there, typed like `browser`). */
declare const chrome: typeof browser;

const EXTENSION_ID = 'ncnpmplekaaahpjnmpeehanbhecikemo';
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'reply-coach-e2e.json');

let snap: Awaited<ReturnType<typeof snapshotExtension>> | undefined;
let ext: LaunchedExtension | undefined;
let packs: PackServer;
const removePolicy = () => rmSync(POLICY_FILE, { force: true });
process.on('exit', removePolicy);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => (removePolicy(), process.exit(130)));

beforeAll(async () => {
  snap = await snapshotExtension(); // before the policy file exists: keep its lifetime short
  packs = await startPackServer();
  const body = teamPack('4.0.0', '亲爱的', 'corp.url');
  packs.set({ body });
  const sha256 = createHash('sha256').update(body).digest('hex');
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(
    POLICY_FILE,
    JSON.stringify({
      '3rdparty': {
        extensions: {
          [EXTENSION_ID]: {
            packUrls: [{ url: packs.url, sha256 }],
            inlinePacks: [teamPack('2.0.0', '宝宝', 'corp.inline')],
            disabledRules: ['team.example.off'],
            sites: ['*.zendesk.com'],
            lock: true,
          },
        },
      },
    }),
  );
  try {
    ext = await launchExtension({ extensionDir: snap.dir });
  } catch (e) {
    removePolicy();
    throw e;
  }
});
afterAll(async () => {
  try {
    await ext?.close();
    snap?.remove();
    await packs?.close();
  } finally {
    removePolicy();
  }
});

test('the extension id is the fixed one the policy names', () => {
  expect(ext!.extensionId).toBe(EXTENSION_ID);
});

test('policy packs (inline and pinned URL) are active, policy-disabled rules are off, extra sites published', async () => {
  const st = await waitFor(
    () => activeState(ext!.serviceWorker),
    (s) => ['corp.inline', 'corp.url'].every((id) => s.packs.some((p) => p.id === id)),
  );
  expect(st.packs.map((p) => p.id)).toEqual(expect.arrayContaining(['corp.inline', 'corp.url']));
  expect(st.disabledRules).toContain('team.example.off');
  expect(st.extraSites).toEqual(['*.zendesk.com']);
});

test('the options page shows the forced packs locked; switching them off is refused', async () => {
  const page = await ext!.context.newPage();
  await page.goto(OPTIONS(ext!.extensionId));
  await page.getByTestId('managed').waitFor();
  for (const id of ['corp.inline', 'corp.url']) {
    const card = page.locator(`[data-pack="${id}"]`);
    await card.getByTestId('locked').waitFor();
    expect(await card.getByTestId('pack-toggle').isDisabled()).toBe(true);
    expect(await card.getByTestId('pack-toggle').isChecked()).toBe(true);
    expect(await card.getByRole('button', { name: /Remove|删除/ }).count()).toBe(0);
  }
  // even a direct request to the background (bypassing the disabled control) is refused
  const r = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'rc:packs', op: 'setPackEnabled', packId: 'corp.inline', enabled: false }));
  expect(r).toMatchObject({ ok: false });
  const st = await activeState(ext!.serviceWorker);
  expect(st.packs.map((p) => p.id)).toContain('corp.inline');
  await page.screenshot({ path: join(ROOT, 'test-results/packs/options-policy.png'), fullPage: true });
  await page.close();
});

test('cleanup check: the policy file exists only during this spec', () => {
  expect(existsSync(POLICY_FILE)).toBe(true);
});
