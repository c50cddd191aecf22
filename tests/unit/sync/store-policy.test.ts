import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ACTIVE_KEY, type ActiveState } from '@/lib/shared/active-packs';
import { packsForHost, hostMatches } from '@/lib/shared/sites';
import { parsePolicy } from '@/lib/sync/policy';
import { createPackService } from '@/lib/sync/service';
import { CORRUPT_KEY, SETTINGS_KEY, SETTINGS_VERSION, STORAGE_PROBLEMS_KEY, loadSettings, parseStoredSettings, type Settings } from '@/lib/sync/store';
import { BUILTIN, mockFetch, packYaml } from './helpers';

const svc = (routes = {}) => createPackService({ builtins: () => [BUILTIN], fetchImpl: mockFetch(routes).impl, alarms: false, timeoutMs: 500 });
const active = async () => (await fakeBrowser.storage.local.get(ACTIVE_KEY))[ACTIVE_KEY] as ActiveState;
const stored = async () => (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Settings;

beforeEach(() => fakeBrowser.reset());

describe('settings storage: versions, migrations, corrupt values', () => {
  it('migrates v0 (first build: disabledRules inside the active state) to the current version', async () => {
    await fakeBrowser.storage.local.set({ [ACTIVE_KEY]: { revision: 3, packs: [], disabledRules: ['zh.refusal.test', 5], pausedUntil: 0, uiLang: 'zh' } });
    const r = await loadSettings();
    expect(r.problems).toEqual([]);
    expect(r.settings).toMatchObject({ schemaVersion: SETTINGS_VERSION, disabledRules: ['zh.refusal.test'], packs: [] });
    expect((await stored()).schemaVersion).toBe(SETTINGS_VERSION);
  });

  const corrupt: [string, unknown][] = [
    ['a string', 'garbage'],
    ['an array', [1, 2]],
    ['a bad schemaVersion', { schemaVersion: 'x' }],
    ['a newer schemaVersion', { schemaVersion: 99 }],
    ['packs not a list', { schemaVersion: 1, packs: 'nope', disabledPacks: [], disabledRules: [], checkIntervalMinutes: 360 }],
  ];
  for (const [what, value] of corrupt) {
    it(`replaces ${what} by defaults, reports it and keeps the broken value aside`, async () => {
      await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: value });
      const r = await loadSettings();
      expect(r.settings.packs).toEqual([]);
      expect(r.problems.length).toBeGreaterThan(0);
      const got = await fakeBrowser.storage.local.get([STORAGE_PROBLEMS_KEY, CORRUPT_KEY]);
      expect((got[STORAGE_PROBLEMS_KEY] as unknown[]).length).toBeGreaterThan(0);
      expect(got[CORRUPT_KEY]).toEqual(value);
      expect((await stored()).schemaVersion).toBe(SETTINGS_VERSION);
    });
  }

  it('salvages good pack entries and drops a broken one (the extension keeps working)', async () => {
    const s = svc();
    await s.importText(packYaml());
    const good = await stored();
    const broken = { ...good.packs[0]!, key: 'file:other', pack: { id: 'other', rules: [{ id: 'x', pattern: '(a+)+\\1' }] } };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { ...good, packs: [...good.packs, broken, 42], disabledRules: 'oops' } });
    await s.publish();
    expect((await active()).packs.map((p) => p.id)).toEqual(['zh-CN.core', 'team.shop']);
    const after = await stored();
    expect(after.packs).toHaveLength(1);
    expect(after.disabledRules).toEqual([]);
  });

  it('parseStoredSettings never throws on arbitrary values', () => {
    for (const v of [null, 0, true, {}, { schemaVersion: 1 }, { schemaVersion: 1, packs: [null] }, { schemaVersion: -1 }]) {
      expect(() => parseStoredSettings(v)).not.toThrow();
    }
  });
});

describe('policy: merge and lock', () => {
  const inline = packYaml('3.0.0', '宝宝', 'corp.policy');

  it('parses leniently: bad entries reported and skipped', () => {
    const p = parsePolicy({ packUrls: ['https://x.example.com/p.yaml', { url: 'http://x.example.com/p.yaml' }, { url: 'https://y.example.com/', sha256: 'zz' }], lock: 'yes', disabledRules: ['a', 3], sites: ['*.zendesk.com'] });
    expect(p.packUrls.map((u) => u.url)).toEqual(['https://x.example.com/p.yaml']);
    expect(p.disabledRules).toEqual(['a']);
    expect(p.lock).toBe(false);
    expect(p.problems).toHaveLength(4);
  });

  it('inline packs are active, disabled built-in rules are off, extra sites published', async () => {
    await fakeBrowser.storage.managed.set({ inlinePacks: [inline], disabledRules: ['zh.refusal.test'], sites: ['*.zendesk.com'], lock: true });
    const s = svc();
    await s.init();
    const a = await active();
    expect(a.packs.map((p) => p.id)).toEqual(['zh-CN.core', 'corp.policy']);
    expect(a.disabledRules).toEqual(['zh.refusal.test']);
    expect(a.extraSites).toEqual(['*.zendesk.com']);
  });

  it('lock: forced packs and their rules cannot be switched off; policy-disabled rules stay off', async () => {
    await fakeBrowser.storage.managed.set({ inlinePacks: [inline], disabledRules: ['zh.refusal.test'], lock: true });
    const s = svc();
    await s.init();
    expect(await s.setPackEnabled('corp.policy', false)).toMatchObject({ ok: false });
    expect(await s.setRuleEnabled('corp.policy.word', false)).toMatchObject({ ok: false });
    expect(await s.setRuleEnabled('zh.refusal.test', true)).toMatchObject({ ok: false });
    expect(await s.remove('policy-inline:0')).toMatchObject({ ok: false });
    // even a disabled id smuggled into storage (e.g. by a settings import) has no effect
    const st = await stored();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { ...st, disabledPacks: ['corp.policy'], disabledRules: ['corp.policy.word'] } });
    await s.publish();
    const a = await active();
    expect(a.packs.map((p) => p.id)).toContain('corp.policy');
    expect(a.disabledRules).not.toContain('corp.policy.word');
  });

  it('without lock, agents may switch a policy pack off', async () => {
    await fakeBrowser.storage.managed.set({ inlinePacks: [inline] });
    const s = svc();
    await s.init();
    expect(await s.setPackEnabled('corp.policy', false)).toMatchObject({ ok: true });
    expect((await active()).packs.map((p) => p.id)).toEqual(['zh-CN.core']);
  });

  it('an invalid inline pack is reported; a later invalid edit keeps the last good one', async () => {
    await fakeBrowser.storage.managed.set({ inlinePacks: [inline] });
    const s = svc();
    await s.init();
    await fakeBrowser.storage.managed.set({ inlinePacks: [inline.replace('version: "3.0.0"', 'version: 3')] });
    await s.publish();
    expect((await active()).packs.find((p) => p.id === 'corp.policy')?.version).toBe('3.0.0');
    expect((await stored()).packs[0]!.lastError?.problems?.[0]?.path).toBe('version');
  });

  it('a policy pack removed from the policy disappears; agents cannot import its id', async () => {
    await fakeBrowser.storage.managed.set({ inlinePacks: [inline] });
    const s = svc();
    await s.init();
    expect(await s.importText(inline)).toMatchObject({ ok: false, message: expect.stringContaining('administrator') });
    await fakeBrowser.storage.managed.remove('inlinePacks');
    await s.publish();
    expect((await active()).packs.map((p) => p.id)).toEqual(['zh-CN.core']);
  });

  it('policy packs come last, so their overrides win over the agent\'s', async () => {
    const agent = packYaml('1.0.0', '亲', 'team.a') + 'overrides:\n  - rule: zh.refusal.test\n    severity: error\n';
    const pol = packYaml('1.0.0', '宝宝', 'corp.b') + 'overrides:\n  - rule: zh.refusal.test\n    severity: info\n';
    await fakeBrowser.storage.managed.set({ inlinePacks: [pol] });
    const s = svc();
    await s.init();
    await s.importText(agent);
    expect((await active()).packs.map((p) => p.id)).toEqual(['zh-CN.core', 'team.a', 'corp.b']);
  });
});

describe('settings export / import', () => {
  it('round-trips packs and toggles, all or nothing', async () => {
    const s = svc();
    await s.importText(packYaml());
    await s.setRuleEnabled('zh.refusal.test', false);
    const exp = (await s.exportSettings()) as { data: Record<string, unknown> };
    fakeBrowser.reset();
    const s2 = svc();
    const bad = { ...exp.data, packs: [...(exp.data.packs as unknown[]), { source: 'file', pack: { id: 'x' } }] };
    const r = await s2.importSettings(bad);
    expect(r.ok).toBe(false);
    expect((await stored())?.packs ?? []).toEqual([]);
    expect(await s2.importSettings(exp.data)).toMatchObject({ ok: true, packs: 1 });
    const a = await active();
    expect(a.packs.map((p) => p.id)).toEqual(['zh-CN.core', 'team.shop']);
    expect(a.disabledRules).toEqual(['zh.refusal.test']);
  });
  it('refuses files that are not settings exports', async () => {
    expect(await svc().importSettings({ hello: 1 })).toMatchObject({ ok: false });
  });
});

describe('sites', () => {
  it('matches host patterns', () => {
    expect(hostMatches('*.zendesk.com', 'acme.zendesk.com')).toBe(true);
    expect(hostMatches('*.zendesk.com', 'zendesk.com')).toBe(true);
    expect(hostMatches('*.zendesk.com', 'evilzendesk.com')).toBe(false);
    expect(hostMatches('support.example.com', 'support.example.com:8443')).toBe(true);
    expect(hostMatches('*', 'anything')).toBe(true);
  });
  it('packsForHost keeps packs without sites, filters the rest, and is stable per host', () => {
    const packs = [{ id: 'a' }, { id: 'b', sites: ['*.shop.com'] }] as never[];
    expect(packsForHost(packs, 'x.shop.com')).toBe(packs);
    const other = packsForHost(packs, 'mail.example.com');
    expect(other.map((p: { id: string }) => p.id)).toEqual(['a']);
    expect(packsForHost(packs, 'mail.example.com')).toBe(other);
  });
});
