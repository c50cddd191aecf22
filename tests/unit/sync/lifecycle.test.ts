import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ACTIVE_KEY, type ActiveState } from '@/lib/shared/active-packs';
import { createPackService } from '@/lib/sync/service';
import { SETTINGS_KEY, type Settings } from '@/lib/sync/store';
import { sha256Hex, toBase64 } from '@/lib/sync/verify';
import { BUILTIN, mockFetch, packYaml, type MockRoute } from './helpers';

const URL1 = 'https://packs.example.com/team.yaml';
let clock = 1_000_000;
const now = () => clock;

async function active(): Promise<ActiveState> {
  return (await fakeBrowser.storage.local.get(ACTIVE_KEY))[ACTIVE_KEY] as ActiveState;
}
async function settings(): Promise<Settings> {
  return (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Settings;
}
function svc(routes: Record<string, MockRoute | ((init: RequestInit | undefined) => MockRoute)> = {}, timeoutMs = 2000) {
  const f = mockFetch(routes);
  return { service: createPackService({ builtins: () => [BUILTIN], fetchImpl: f.impl, now, timeoutMs, alarms: false }), calls: f.calls };
}
const activeRuleIds = async () => (await active()).packs.flatMap((p) => p.rules.map((r) => r.id));

beforeEach(() => {
  fakeBrowser.reset();
  clock = 1_000_000;
});

describe('import from file', () => {
  it('imports a valid pack and publishes it (sites kept on the pack)', async () => {
    const { service } = svc();
    const r = await service.importText(packYaml(), 'team.yaml');
    expect(r).toMatchObject({ ok: true, packId: 'team.shop', replaced: false });
    const a = await active();
    expect(a.packs.map((p) => p.id)).toEqual(['zh-CN.core', 'team.shop']);
    expect(a.packs[1]!.sites).toEqual(['*.example-shop.com']);
  });

  it('refuses an invalid pack whole, listing every problem with path and line', async () => {
    const { service } = svc();
    await service.importText(packYaml('1.0.0', '亲'));
    const before = await active();
    const bad = packYaml('1.0', '亲').replace('category: informal-address', 'category: rudeness');
    const r = await service.importText(bad, 'bad.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems!.map((p) => p.path);
    expect(paths).toContain('version');
    expect(paths).toContain('rules[0].category');
    expect(r.problems!.every((p) => typeof p.line === 'number')).toBe(true);
    expect((await active()).revision).toBe(before.revision);
    expect((await active()).packs[1]!.version).toBe('1.0.0');
  });

  it('refuses a pack whose id is a built-in id', async () => {
    const { service } = svc();
    const r = await service.importText(packYaml('1.0.0', '亲', 'zh-CN.core'));
    expect(r).toMatchObject({ ok: false });
  });

  it('re-importing the same pack id replaces it', async () => {
    const { service } = svc();
    await service.importText(packYaml('1.0.0', '亲'));
    const r = await service.importText(packYaml('1.1.0', '宝宝'));
    expect(r).toMatchObject({ ok: true, replaced: true });
    const a = await active();
    expect(a.packs.filter((p) => p.id === 'team.shop')).toHaveLength(1);
    expect(a.packs[1]!.version).toBe('1.1.0');
  });
});

describe('toggles', () => {
  it('disables and re-enables a pack and a rule', async () => {
    const { service } = svc();
    await service.importText(packYaml());
    await service.setPackEnabled('team.shop', false);
    expect((await active()).packs.map((p) => p.id)).toEqual(['zh-CN.core']);
    await service.setPackEnabled('team.shop', true);
    await service.setRuleEnabled('zh.refusal.test', false);
    expect((await active()).disabledRules).toEqual(['zh.refusal.test']);
    await service.setRuleEnabled('zh.refusal.test', true);
    expect((await active()).disabledRules).toEqual([]);
  });
  it('keeps uiLang and pausedUntil written by others', async () => {
    await fakeBrowser.storage.local.set({ [ACTIVE_KEY]: { revision: 7, packs: [], disabledRules: [], pausedUntil: 42, uiLang: 'en' } });
    const { service } = svc();
    await service.importText(packYaml());
    const a = await active();
    expect(a).toMatchObject({ revision: 8, pausedUntil: 42, uiLang: 'en' });
  });
});

describe('URL subscription', () => {
  it('subscribes, then honours ETag: 304 keeps the pack, a new version replaces it', async () => {
    let version = '1.0.0';
    let etag = '"v1"';
    const { service, calls } = svc({
      [URL1]: (init) => {
        const inm = (init?.headers as Record<string, string>)['If-None-Match'];
        if (inm === etag) return { status: 304 };
        return { body: packYaml(version), headers: { etag } };
      },
    });
    expect(await service.subscribe(URL1)).toMatchObject({ ok: true, packId: 'team.shop' });
    clock += 1000;
    await service.refresh({ force: true });
    expect(calls[1]!.headers['If-None-Match']).toBe('"v1"');
    let s = await settings();
    expect(s.packs[0]).toMatchObject({ etag: '"v1"', lastSuccess: clock, lastUpdate: clock - 1000, failures: 0 });
    version = '1.1.0';
    etag = '"v2"';
    clock += 1000;
    await service.refresh({ force: true });
    s = await settings();
    expect(s.packs[0]).toMatchObject({ etag: '"v2"', lastUpdate: clock });
    expect((await active()).packs[1]!.version).toBe('1.1.0');
  });

  it('refuses plain http and non-HTTPS redirects, allows loopback http', async () => {
    const { service } = svc({
      'https://a.example.com/p.yaml': { body: packYaml(), url: 'http://evil.example.com/p.yaml' },
      'http://127.0.0.1:8080/p.yaml': { body: packYaml() },
    });
    expect(await service.subscribe('http://packs.example.com/p.yaml')).toMatchObject({ ok: false, message: expect.stringContaining('https') });
    expect(await service.subscribe('https://a.example.com/p.yaml')).toMatchObject({ ok: false, message: expect.stringContaining('non-HTTPS') });
    expect(await service.subscribe('http://127.0.0.1:8080/p.yaml')).toMatchObject({ ok: true });
  });

  const failures: [string, MockRoute | 'throw'][] = [
    ['HTTP 500', { status: 500 }],
    ['timed out', { hang: true }],
    ['network error', 'throw'],
    ['invalid', { body: packYaml('1.2.0').replace('category: informal-address', 'category: nope') }],
    ['non-HTTPS', { body: packYaml('1.2.0'), url: 'http://mirror.example.com/team.yaml' }],
    ['limit', { body: 'x'.repeat(2 * 1024 * 1024 + 1) }],
    ['limit', { body: packYaml('1.2.0'), headers: { 'content-length': String(3 * 1024 * 1024) } }],
  ];
  for (const [expected, route] of failures) {
    it(`a failing update (${expected}) keeps the last good version, records the error, schedules a retry`, async () => {
      let mode: 'good' | 'bad' = 'good';
      const routes: Record<string, (init: RequestInit | undefined) => MockRoute> = {
        [URL1]: () => {
          if (mode === 'good') return { body: packYaml('1.0.0') };
          if (route === 'throw') throw new TypeError('Failed to fetch');
          return route;
        },
      };
      const { service } = svc(routes, 200);
      await service.subscribe(URL1);
      mode = 'bad';
      clock += 5000;
      await service.refresh({ force: true });
      const s = await settings();
      expect(s.packs[0]!.lastError?.message).toContain(expected);
      expect(s.packs[0]!.failures).toBe(1);
      expect(s.packs[0]!.nextRetry).toBe(clock + 60_000);
      expect((await active()).packs[1]!.version).toBe('1.0.0');
      if (expected === 'invalid') expect(s.packs[0]!.lastError?.problems?.[0]).toMatchObject({ path: 'rules[0].category', line: expect.any(Number) });
      // backoff doubles; success clears the error
      clock += 60_000;
      await service.refresh();
      expect((await settings()).packs[0]!.nextRetry).toBe(clock + 120_000);
      mode = 'good';
      clock += 120_000;
      await service.refresh();
      const ok = (await settings()).packs[0]!;
      expect(ok.failures).toBe(0);
      expect(ok.lastError).toBeUndefined();
      expect(ok.lastSuccess).toBe(clock);
    });
  }

  it('a subscription that fails on the first fetch is not added', async () => {
    const { service } = svc({ [URL1]: { status: 404 } });
    expect(await service.subscribe(URL1)).toMatchObject({ ok: false, message: 'HTTP 404' });
    expect((await settings()).packs).toEqual([]);
  });

  it('scheduled refresh only checks packs that are due', async () => {
    const { service, calls } = svc({ [URL1]: { body: packYaml() } });
    await service.subscribe(URL1);
    await service.refresh();
    expect(calls).toHaveLength(1);
    clock += 6 * 3600_000;
    await service.refresh();
    expect(calls).toHaveLength(2);
  });
});

describe('pins and signatures (policy URLs)', () => {
  const body = packYaml('2.0.0');
  const bytes = new TextEncoder().encode(body);
  it('sha256 pin: match accepted, mismatch refused', async () => {
    const hash = await sha256Hex(bytes);
    const { service } = svc({ [URL1]: { body } });
    await fakeBrowser.storage.managed.set({ packUrls: [{ url: URL1, sha256: hash }] });
    await service.init();
    expect((await active()).packs.map((p) => p.id)).toContain('team.shop');
    fakeBrowser.reset();
    const s2 = svc({ [URL1]: { body } });
    await fakeBrowser.storage.managed.set({ packUrls: [{ url: URL1, sha256: 'a'.repeat(64) }] });
    await s2.service.init();
    expect((await active()).packs.map((p) => p.id)).not.toContain('team.shop');
    expect((await settings()).packs[0]!.lastError?.message).toContain('sha256 pin mismatch');
  });

  it('Ed25519: a valid detached signature is accepted, a bad one refused', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const pub = toBase64(new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey)));
    const sig = toBase64(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, keys.privateKey, bytes)));
    const { service } = svc({ [URL1]: { body }, [URL1 + '.sig']: { body: sig + '\n' } });
    await fakeBrowser.storage.managed.set({ packUrls: [{ url: URL1, publicKey: pub }] });
    await service.init();
    expect((await active()).packs.map((p) => p.id)).toContain('team.shop');

    fakeBrowser.reset();
    const tampered = body.replace('品牌规范', '品牌规范!');
    const s2 = svc({ [URL1]: { body: tampered }, [URL1 + '.sig']: { body: sig } });
    await fakeBrowser.storage.managed.set({ packUrls: [{ url: URL1, publicKey: pub }] });
    await s2.service.init();
    expect((await active()).packs.map((p) => p.id)).not.toContain('team.shop');
    expect((await settings()).packs[0]!.lastError?.message).toContain('signature does not match');
  });
});
