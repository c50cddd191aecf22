/** What the popup shows, read from the browser in one place (Popup.tsx only renders it). */
import type { Pack } from '@/lib/engine/types';
import { ACTIVE_KEY, type ActiveState } from '@/lib/shared/active-packs';
import { hostMatches } from '@/lib/shared/sites';
import { COUNT_MSG, isCountResponse, type CountResponse } from '@/lib/shared/count';
import { parseSites, patternMatches, siteOf, SITES_KEY } from '@/lib/sites/contract';

export interface TabInfo {
  id: number;
  url?: string;
}

export interface SiteView {
  host: string;
  pattern: string;
  /** Covered by a manifest content script (a known helpdesk): no permission prompt needed. */
  builtin: boolean;
  /** Coached because an administrator listed it (managed `sites`): cannot be switched here. */
  policy: boolean;
  granted: boolean;
  on: boolean;
}

export interface PackRow {
  id: string;
  name: string;
  version: string;
  rules: number;
  locked: boolean;
}

export interface PopupModel {
  tab: TabInfo | null;
  site: SiteView | null;
  active: ActiveState | null;
  packs: PackRow[];
  /** Findings in the focused reply; null when the tab has no running content script. */
  count: CountResponse | null;
  /** Managed policy with `lock: true`. */
  locked: boolean;
}

/** The tab the popup is about. `?tabId=N` (tests, or a popup opened in a tab) overrides the active tab. */
export async function currentTab(): Promise<TabInfo | null> {
  const param = new URLSearchParams(location.search).get('tabId');
  try {
    if (param && /^\d+$/.test(param)) {
      const t = await browser.tabs.get(Number(param));
      return t.id === undefined ? null : { id: t.id, url: t.url };
    }
    const [t] = await browser.tabs.query({ active: true, currentWindow: true });
    return t?.id === undefined ? null : { id: t.id, url: t.url };
  } catch {
    return null;
  }
}

async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return ((await browser.storage.managed.get(null)) ?? {}) as Record<string, unknown>;
  } catch {
    return {}; // Firefox rejects when there is no policy
  }
}

export async function askCount(tabId: number): Promise<CountResponse | null> {
  try {
    const r: unknown = await browser.tabs.sendMessage(tabId, { type: COUNT_MSG }, { frameId: 0 });
    return isCountResponse(r) ? r : null;
  } catch {
    return null;
  }
}

export async function loadModel(): Promise<PopupModel> {
  const tab = await currentTab();
  const got = await browser.storage.local.get([ACTIVE_KEY, SITES_KEY, 'rc.settings']);
  const active = (got[ACTIVE_KEY] as ActiveState | undefined) ?? null;
  const managed = await readManaged();
  const locked = managed.lock === true;
  const policySites = [
    ...(Array.isArray(managed.sites) ? managed.sites.filter((s): s is string => typeof s === 'string') : []),
    ...(active?.extraSites ?? []),
  ];
  // Packs forced by a locked policy (lib/sync keeps them as settings entries with source 'policy').
  const settingsPacks = (got['rc.settings'] as { packs?: { source?: string; pack?: Pack | null }[] } | undefined)?.packs ?? [];
  const policyPackIds = new Set(settingsPacks.filter((e) => e?.source === 'policy' && e.pack).map((e) => e.pack!.id));

  let site: SiteView | null = null;
  const s = siteOf(tab?.url);
  if (tab && s) {
    const builtin = (browser.runtime.getManifest().content_scripts ?? []).some((cs) => (cs.matches ?? []).some((p) => patternMatches(p, tab.url!)));
    const policy = policySites.some((p) => hostMatches(p, s.host));
    const granted = await browser.permissions.contains({ origins: [s.pattern] }).catch(() => false);
    const sites = parseSites(got[SITES_KEY]);
    const disabled = sites.disabled.includes(s.host);
    const on = policy || (!disabled && (builtin || (granted && sites.enabled.includes(s.host))));
    site = { ...s, builtin, policy, granted, on };
  }
  const packs: PackRow[] = (active?.packs ?? []).map((p) => ({
    id: p.id,
    name: p.name,
    version: p.version,
    rules: p.rules.length,
    locked: locked && policyPackIds.has(p.id),
  }));
  const count = tab && site?.on ? await askCount(tab.id) : null;
  return { tab, site, active, packs, count, locked };
}

/** Start of the next local day. */
export function tomorrow(now = Date.now()): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

/** Write pausedUntil into the active state (content scripts go quiet until then). 0 resumes. */
export async function setPausedUntil(until: number): Promise<void> {
  const prev = (await browser.storage.local.get(ACTIVE_KEY))[ACTIVE_KEY] as ActiveState | undefined;
  if (!prev) return;
  await browser.storage.local.set({ [ACTIVE_KEY]: { ...prev, pausedUntil: until, revision: prev.revision + 1 } });
}
