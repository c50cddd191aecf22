/**
 * "Coach on this site" in the background (lib/sites/background.ts) with WXT's fake browser: the
 * dynamic registration carries both manifest content scripts (the coach and its main-world bridge,
 * world: 'MAIN'), on the agent's enabled hosts and on the policy's extra sites (ActiveState.extraSites).
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ACTIVE_KEY } from '@/lib/shared/active-packs';
import { matchesForHostPatterns, registerSites, registrationMatches, setSite, syncRegistration } from '@/lib/sites/background';
import { SITES_KEY, SITES_SCRIPT_ID } from '@/lib/sites/contract';

type Reg = { id: string; matches: string[]; js: string[]; runAt?: string; allFrames?: boolean; world?: string; persistAcrossSessions?: boolean };

const MANIFEST = {
  manifest_version: 3,
  content_scripts: [
    { matches: ['https://*.zendesk.com/*'], js: ['content-scripts/content.js'], run_at: 'document_idle', all_frames: true, match_about_blank: true },
    { matches: ['https://*.zendesk.com/*'], js: ['content-scripts/main-world.js'], run_at: 'document_start', all_frames: true, match_about_blank: true, world: 'MAIN' },
  ],
};

let registered: Reg[];
let calls: string[];
let granted: Set<string>;
let injected: { files: string[]; world?: string }[];

beforeEach(() => {
  fakeBrowser.reset();
  registered = [];
  calls = [];
  granted = new Set();
  injected = [];
  const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  b.runtime!.getManifest = () => MANIFEST;
  b.scripting!.getRegisteredContentScripts = async () => registered.map((r) => ({ ...r }));
  b.scripting!.registerContentScripts = async (list: Reg[]) => {
    calls.push('register');
    for (const r of list) {
      if (registered.some((x) => x.id === r.id)) throw new Error(`duplicate id ${r.id}`);
      registered.push({ ...r });
    }
  };
  b.scripting!.unregisterContentScripts = async (f: { ids: string[] }) => {
    calls.push('unregister');
    registered = registered.filter((r) => !f.ids.includes(r.id));
  };
  b.scripting!.executeScript = async (o: { files: string[]; world?: string }) => {
    injected.push({ files: o.files, world: o.world });
    return [];
  };
  b.scripting!.insertCSS = async () => {};
  b.permissions!.contains = async (p: { origins: string[] }) => p.origins.every((o) => granted.has(o));
  b.permissions!.remove = async () => true;
  b.tabs!.sendMessage = async () => {
    throw new Error('no content script');
  };
});
afterEach(() => vi.restoreAllMocks());

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('match patterns', () => {
  test('policy host patterns become http and https match patterns', () => {
    expect(matchesForHostPatterns(['*.zendesk.com', 'Support.Example.com:8443', 'https://a.org/x', '*', 'bad host', '.x'])).toEqual([
      'https://*.zendesk.com/*', 'http://*.zendesk.com/*',
      'https://support.example.com/*', 'http://support.example.com/*',
      'https://a.org/*', 'http://a.org/*',
      'https://*/*', 'http://*/*',
    ]);
    expect(registrationMatches(['a.com'], ['a.com', '*.b.com'])).toEqual(['https://a.com/*', 'http://a.com/*', 'https://*.b.com/*', 'http://*.b.com/*']);
  });
});

describe('registration', () => {
  test('enable: both the coach and the main-world bridge are registered, the bridge in the MAIN world', async () => {
    granted.add('https://support.example.com/*');
    const res = await setSite({ type: 'rc:site', op: 'enable', url: 'https://support.example.com/t/1', tabId: 7 });
    expect(res).toEqual({ ok: true, injected: true });
    expect(registered.map((r) => [r.id, r.js[0], r.world ?? 'ISOLATED', r.runAt])).toEqual([
      [`${SITES_SCRIPT_ID}-0`, 'content-scripts/content.js', 'ISOLATED', 'document_idle'],
      [`${SITES_SCRIPT_ID}-1`, 'content-scripts/main-world.js', 'MAIN', 'document_start'],
    ]);
    for (const r of registered) {
      expect(r.matches).toEqual(['https://support.example.com/*', 'http://support.example.com/*']);
      expect(r.allFrames).toBe(true);
      expect(r.persistAcrossSessions).toBe(true);
    }
    // Started in the open tab right away: the bridge first (MAIN world), then the coach.
    expect(injected).toEqual([
      { files: ['content-scripts/main-world.js'], world: 'MAIN' },
      { files: ['content-scripts/content.js'], world: undefined },
    ]);
  });

  test("the policy's extra sites are registered the same way, and follow changes of the active state", async () => {
    await fakeBrowser.storage.local.set({ [ACTIVE_KEY]: { revision: 1, packs: [], disabledRules: [], pausedUntil: 0, uiLang: 'zh', extraSites: ['*.helpdesk.example'] } });
    registerSites();
    await settle();
    expect(registered.map((r) => r.world ?? 'ISOLATED')).toEqual(['ISOLATED', 'MAIN']);
    for (const r of registered) expect(r.matches).toEqual(['https://*.helpdesk.example/*', 'http://*.helpdesk.example/*']);

    // A new revision with the same sites does not touch the registration.
    calls = [];
    await fakeBrowser.storage.local.set({ [ACTIVE_KEY]: { revision: 2, packs: [], disabledRules: [], pausedUntil: 0, uiLang: 'en', extraSites: ['*.helpdesk.example'] } });
    await settle();
    expect(calls).toEqual([]);

    // The agent enables a site too: both are covered.
    granted.add('https://a.example/*');
    await setSite({ type: 'rc:site', op: 'enable', url: 'https://a.example/' });
    for (const r of registered) expect(r.matches.sort()).toEqual(['http://*.helpdesk.example/*', 'http://a.example/*', 'https://*.helpdesk.example/*', 'https://a.example/*']);

    // The policy drops its sites: only the agent's host is left.
    await fakeBrowser.storage.local.set({ [ACTIVE_KEY]: { revision: 3, packs: [], disabledRules: [], pausedUntil: 0, uiLang: 'en' } });
    await settle();
    expect(registered).toHaveLength(2);
    for (const r of registered) expect(r.matches).toEqual(['https://a.example/*', 'http://a.example/*']);

    // And the agent switches theirs off: nothing left registered.
    await setSite({ type: 'rc:site', op: 'disable', url: 'https://a.example/' });
    expect(registered).toEqual([]);
    expect(((await fakeBrowser.storage.local.get(SITES_KEY))[SITES_KEY] as { disabled: string[] }).disabled).toEqual(['a.example']);
  });

  test('concurrent syncs are serialised (no duplicate ids)', async () => {
    await fakeBrowser.storage.local.set({ [SITES_KEY]: { v: 1, enabled: ['x.example'], disabled: [] } });
    await Promise.all([syncRegistration(), syncRegistration(undefined, ['y.example']), syncRegistration(['z.example'], [])]);
    expect(registered).toHaveLength(2);
    for (const r of registered) expect(r.matches).toEqual(['https://z.example/*', 'http://z.example/*']);
  });

  test('without manifest content scripts the fallback still includes the main-world bridge', async () => {
    (fakeBrowser as unknown as { runtime: { getManifest: () => unknown } }).runtime.getManifest = () => ({ manifest_version: 3 });
    await syncRegistration(['q.example'], []);
    expect(registered.map((r) => [r.js[0], r.world ?? 'ISOLATED'])).toEqual([
      ['content-scripts/main-world.js', 'MAIN'],
      ['content-scripts/content.js', 'ISOLATED'],
    ]);
  });
});
