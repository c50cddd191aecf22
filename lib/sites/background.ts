/**
 * Background handler for "coach on this site" (contract in ./contract.ts). Registered from
 * entrypoints/background.ts with registerSites().
 *
 * enable: the popup has already obtained the optional host permission (from the click). We record
 * the host, register the content script for every enabled host (one dynamic registration,
 * SITES_SCRIPT_ID, persisted across sessions) and start it in the tab right away.
 * disable: record the host as disabled (the content script stays idle there), drop it from the
 * registration and give the host permission back (a built-in helpdesk keeps its manifest grant).
 */
import {
  matchesFor,
  parseSites,
  patternMatches,
  SITE_MSG,
  SITES_KEY,
  SITES_SCRIPT_ID,
  siteOf,
  withSite,
  type SiteRequest,
  type SiteResult,
  type SitesState,
} from './contract';
import { ACTIVE_KEY, type ActiveState } from '../shared/active-packs';
import { COUNT_MSG } from '../shared/count';
import { CONTENT_JS, MAIN_WORLD_JS } from './hosts';

type RunAt = 'document_start' | 'document_end' | 'document_idle';

interface ScriptSpec {
  js: string[];
  css: string[];
  runAt: RunAt;
  allFrames: boolean;
  world?: 'ISOLATED' | 'MAIN';
}

/** The manifest's content scripts (the coach and its main-world bridge), to register them as they are. */
function contentScripts(): ScriptSpec[] {
  const all = browser.runtime.getManifest().content_scripts ?? [];
  const specs = all
    .filter((cs) => cs.js?.length)
    .map((cs) => {
      const world = (cs as { world?: string }).world;
      return {
        js: cs.js!,
        css: cs.css ?? [],
        runAt: (cs.run_at as RunAt) ?? 'document_idle',
        allFrames: cs.all_frames ?? false,
        ...(world === 'MAIN' || world === 'ISOLATED' ? { world } : {}),
      } satisfies ScriptSpec;
    });
  return specs.length
    ? specs
    : [
        { js: [MAIN_WORLD_JS], css: [], runAt: 'document_start', allFrames: true, world: 'MAIN' },
        { js: [CONTENT_JS], css: [], runAt: 'document_idle', allFrames: true },
      ];
}

/**
 * Match patterns for the policy's extra sites (ActiveState.extraSites, host patterns as in a pack's
 * `sites`: "support.example.com", "*.example.com", "*"). Ports and schemes are dropped.
 */
export function matchesForHostPatterns(patterns: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of patterns) {
    const p = raw.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[:/].*$/, '');
    if (p === '*') {
      out.add('https://*/*');
      out.add('http://*/*');
    } else if (/^(\*\.)?[a-z0-9.-]+$/.test(p) && !p.startsWith('.') && !p.endsWith('.')) {
      out.add(`https://${p}/*`);
      out.add(`http://${p}/*`);
    }
  }
  return [...out];
}

/** Everything the dynamic registration should cover: hosts the agent enabled + the policy's sites. */
export function registrationMatches(enabledHosts: readonly string[], extraSites: readonly string[] = []): string[] {
  return [...new Set([...matchesFor(enabledHosts), ...matchesForHostPatterns(extraSites)])];
}

async function readExtraSites(): Promise<string[]> {
  const st = (await browser.storage.local.get(ACTIVE_KEY))[ACTIVE_KEY] as Partial<ActiveState> | undefined;
  return Array.isArray(st?.extraSites) ? st.extraSites.filter((x): x is string => typeof x === 'string') : [];
}

/** Is the URL covered by a manifest-declared content script (a built-in helpdesk)? */
export function isBuiltinSite(url: string): boolean {
  const all = browser.runtime.getManifest().content_scripts ?? [];
  return all.some((cs) => (cs.matches ?? []).some((p) => patternMatches(p, url)));
}

export async function readSites(): Promise<SitesState> {
  return parseSites((await browser.storage.local.get(SITES_KEY))[SITES_KEY]);
}

/**
 * One dynamic registration per manifest content script (ids SITES_SCRIPT_ID-0, -1, …): the coach
 * and its main-world bridge (world: 'MAIN'), on the hosts the agent enabled and the policy's extra
 * sites. Calls are serialised, and an unchanged registration is left alone.
 */
let queue: Promise<unknown> = Promise.resolve();
export function syncRegistration(hosts?: string[], extraSites?: string[]): Promise<void> {
  const run = async () => {
    const matches = registrationMatches(hosts ?? (await readSites()).enabled, extraSites ?? (await readExtraSites()));
    const specs = contentScripts();
    const wanted = specs.map((f, i) => ({
      id: `${SITES_SCRIPT_ID}-${i}`,
      matches,
      js: f.js,
      ...(f.css.length && { css: f.css }),
      runAt: f.runAt,
      allFrames: f.allFrames,
      ...(f.world && { world: f.world }),
      persistAcrossSessions: true,
    }));
    const existing = await browser.scripting.getRegisteredContentScripts();
    const ours = existing.filter((s) => s.id.startsWith(SITES_SCRIPT_ID + '-'));
    const same =
      ours.length === wanted.length &&
      wanted.every((w) => {
        const e = ours.find((o) => o.id === w.id) as (typeof ours)[number] & { world?: string };
        return !!e && JSON.stringify([...(e.matches ?? [])].sort()) === JSON.stringify([...w.matches].sort()) && JSON.stringify(e.js) === JSON.stringify(w.js) && (e.world ?? 'ISOLATED') === (w.world ?? 'ISOLATED');
      });
    if (same && matches.length) return;
    if (ours.length) await browser.scripting.unregisterContentScripts({ ids: ours.map((s) => s.id) });
    if (!matches.length) return;
    await browser.scripting.registerContentScripts(wanted as never);
  };
  const next = queue.then(run, run);
  queue = next.catch(() => {});
  return next;
}

async function isRunning(tabId: number): Promise<boolean> {
  try {
    await browser.tabs.sendMessage(tabId, { type: COUNT_MSG }, { frameId: 0 });
    return true;
  } catch {
    return false;
  }
}

export async function setSite(req: SiteRequest): Promise<SiteResult> {
  const site = siteOf(req.url);
  if (!site) return { ok: false, message: 'not a web page' };
  const builtin = isBuiltinSite(req.url);
  const sites = await readSites();
  if (req.op === 'enable') {
    if (!(await browser.permissions.contains({ origins: [site.pattern] }))) return { ok: false, message: 'no host permission' };
    let next = withSite(sites, site.host, true);
    if (builtin) next = { ...next, enabled: next.enabled.filter((h) => h !== site.host) };
    await browser.storage.local.set({ [SITES_KEY]: next });
    if (!builtin) await syncRegistration(next.enabled);
    let injected = false;
    if (typeof req.tabId === 'number' && !builtin && !(await isRunning(req.tabId))) {
      // The main-world bridge first (it is a document_start script), then the coach.
      const specs = contentScripts().sort((a, b) => (a.world === 'MAIN' ? -1 : 0) - (b.world === 'MAIN' ? -1 : 0));
      for (const f of specs) {
        const target = { tabId: req.tabId, allFrames: f.allFrames };
        if (f.css.length) await browser.scripting.insertCSS({ target, files: f.css });
        await browser.scripting.executeScript({ target, files: f.js, ...(f.world && { world: f.world }) } as never);
      }
      injected = true;
    }
    return { ok: true, injected };
  }
  const next = withSite(sites, site.host, false);
  await browser.storage.local.set({ [SITES_KEY]: next });
  await syncRegistration(next.enabled);
  if (!builtin) await browser.permissions.remove({ origins: [site.pattern] }).catch(() => false);
  return { ok: true };
}

function isSiteRequest(msg: unknown): msg is SiteRequest {
  const m = msg as Partial<SiteRequest> | null;
  return !!m && m.type === SITE_MSG && (m.op === 'enable' || m.op === 'disable') && typeof m.url === 'string' && (m.tabId === undefined || Number.isInteger(m.tabId));
}

export function sitesMessageListener(msg: unknown, sender: { id?: string; url?: string }, sendResponse: (r: SiteResult) => void): true | undefined {
  if (!isSiteRequest(msg)) return undefined;
  // Only our own extension pages (the popup), never a content script in a web page.
  if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return undefined;
  setSite(msg).then(sendResponse, (e: unknown) => sendResponse({ ok: false, message: String((e as Error)?.message ?? e) }));
  return true;
}

export function registerSites(): void {
  browser.runtime.onMessage.addListener(sitesMessageListener as never);
  // The policy's extra sites arrive with the active state (lib/sync): register the coach there too.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes[ACTIVE_KEY]) return;
    const before = (changes[ACTIVE_KEY].oldValue as Partial<ActiveState> | undefined)?.extraSites ?? [];
    const after = (changes[ACTIVE_KEY].newValue as Partial<ActiveState> | undefined)?.extraSites ?? [];
    if (JSON.stringify(before) !== JSON.stringify(after)) void syncRegistration(undefined, after).catch(() => {});
  });
  // On every start of the service worker: bring the registration in line (idempotent).
  void syncRegistration().catch(() => {});
}
