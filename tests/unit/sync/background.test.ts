/** Background wiring: alarms, browser start, managed-storage changes, messages (fake browser). */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ACTIVE_KEY, ENSURE_ACTIVE, type ActiveState } from '@/lib/shared/active-packs';
import { registerPackSync } from '@/lib/sync/background';
import { PACKS_MESSAGE, SYNC_ALARM } from '@/lib/sync/service';
import { SETTINGS_KEY, type Settings } from '@/lib/sync/store';
import { packYaml } from './helpers';

const URL1 = 'https://packs.example.com/team.yaml';
let hits = 0;
let body = packYaml('1.0.0');

beforeEach(() => {
  fakeBrowser.reset();
  hits = 0;
  body = packYaml('1.0.0');
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    if (String(input) !== URL1) throw new TypeError('Failed to fetch');
    hits++;
    const res = new Response(body, { headers: { etag: `"${body.length}"` } });
    Object.defineProperty(res, 'url', { value: URL1 });
    return res;
  });
});
afterEach(() => vi.unstubAllGlobals());

const settle = () => new Promise((r) => setTimeout(r, 50));
const active = async () => (await fakeBrowser.storage.local.get(ACTIVE_KEY))[ACTIVE_KEY] as ActiveState;
function send(msg: unknown): Promise<unknown> {
  return new Promise((resolve) => void fakeBrowser.runtime.onMessage.trigger(msg, { id: fakeBrowser.runtime.id }, resolve));
}

it('publishes on wake, creates the 6-hour alarm, and answers options-page messages', async () => {
  registerPackSync();
  await settle();
  expect((await active()).packs.length).toBeGreaterThan(0);
  const alarm = await fakeBrowser.alarms.get(SYNC_ALARM);
  expect(alarm?.periodInMinutes).toBe(360);
  expect(await send({ type: PACKS_MESSAGE, op: 'subscribe', url: URL1 })).toMatchObject({ ok: true, packId: 'team.shop' });
  expect((await active()).packs.map((p) => p.id)).toContain('team.shop');
  expect(await send({ type: ENSURE_ACTIVE })).toBe(true);
  expect(await send({ type: PACKS_MESSAGE, op: 'bogus' })).toMatchObject({ ok: false });
});

it('re-checks subscriptions on browser start and when the alarm fires', async () => {
  registerPackSync();
  await settle();
  await send({ type: PACKS_MESSAGE, op: 'subscribe', url: URL1 });
  expect(hits).toBe(1);
  body = packYaml('1.1.0');
  await fakeBrowser.runtime.onStartup.trigger();
  await settle();
  expect(hits).toBe(2);
  expect((await active()).packs.find((p) => p.id === 'team.shop')?.version).toBe('1.1.0');
  // alarm: not due yet → no fetch; 6 hours later → fetch
  const s = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Settings;
  await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { ...s, packs: s.packs.map((e) => ({ ...e, lastCheck: Date.now() - 6 * 3600_000 })) } });
  await fakeBrowser.alarms.onAlarm.trigger({ name: SYNC_ALARM, scheduledTime: Date.now(), periodInMinutes: 360, persistAcrossSessions: true } as never);
  await settle();
  expect(hits).toBe(3);
});

it('applies a policy change from managed storage at once', async () => {
  registerPackSync();
  await settle();
  await fakeBrowser.storage.managed.set({ inlinePacks: [packYaml('9.0.0', '宝宝', 'corp.x')], lock: true });
  await settle();
  expect((await active()).packs.map((p) => p.id)).toContain('corp.x');
});

it('ignores messages from other extensions', async () => {
  registerPackSync();
  await settle();
  const listener = fakeBrowser.runtime.onMessage;
  let answered = false;
  await listener.trigger({ type: PACKS_MESSAGE, op: 'exportSettings' }, { id: 'someone-else' }, () => (answered = true));
  await settle();
  expect(answered).toBe(false);
});

it('a rule switched off from the content card (written straight into rc.active) survives the next publish', async () => {
  registerPackSync();
  await settle();
  const st = await active();
  await fakeBrowser.storage.local.set({ [ACTIVE_KEY]: { ...st, revision: st.revision + 1, disabledRules: [...st.disabledRules, 'zh.refusal.x'] } });
  await settle();
  await send({ type: PACKS_MESSAGE, op: 'subscribe', url: URL1 });
  expect((await active()).disabledRules).toContain('zh.refusal.x');
  const s = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Settings;
  expect(s.disabledRules).toContain('zh.refusal.x');
});
