/**
 * "Coach on this site": which hosts the agent switched on or off, and the messages the popup sends
 * to the background to change that. Pure (no browser APIs) so the content script can import it.
 *
 * Storage: storage.local[SITES_KEY] = { v: 1, enabled: string[], disabled: string[] }
 *  - enabled: hosts (hostname, no port) the agent switched on beyond the built-in helpdesks; the
 *    background registers the content script for them (scripting.registerContentScripts, id
 *    SITES_SCRIPT_ID) once the optional host permission is granted.
 *  - disabled: hosts where the agent switched coaching off. The content script must stay idle there
 *    (check isHostDisabled(sites, location.hostname) at start and on storage.onChanged) because a
 *    manifest-declared content script cannot be unregistered.
 *
 * Popup → background: { type: 'rc:site', op: 'enable' | 'disable', url, tabId? } → SiteResult.
 * The popup asks for the host permission itself (browser.permissions.request needs the click).
 */
export const SITES_KEY = 'rc.sites';
export const SITES_SCHEMA = 1;
export const SITE_MSG = 'rc:site';
export const SITES_SCRIPT_ID = 'rc-sites';

export interface SitesState {
  v: typeof SITES_SCHEMA;
  enabled: string[];
  disabled: string[];
}

export interface SiteRequest {
  type: typeof SITE_MSG;
  op: 'enable' | 'disable';
  url: string;
  /** The tab to start coaching in right away (enable). */
  tabId?: number;
}

export type SiteResult = { ok: true; injected?: boolean } | { ok: false; message: string };

export function emptySites(): SitesState {
  return { v: SITES_SCHEMA, enabled: [], disabled: [] };
}

const HOST_RE = /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/;

export function parseSites(raw: unknown): SitesState {
  const r = raw as Partial<SitesState> | null;
  if (!r || typeof r !== 'object' || r.v !== SITES_SCHEMA) return emptySites();
  const hosts = (v: unknown) =>
    Array.isArray(v) ? [...new Set(v.filter((h): h is string => typeof h === 'string' && HOST_RE.test(h)))].sort() : [];
  return { v: SITES_SCHEMA, enabled: hosts(r.enabled), disabled: hosts(r.disabled) };
}

/** The site part of a page URL: http(s) only, hostname lower-cased, no port. */
export function siteOf(url: string | undefined): { host: string; pattern: string } | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase();
  if (!host || !HOST_RE.test(host)) return null;
  // Match patterns carry no port: the permission covers every port of the host.
  return { host, pattern: `${u.protocol}//${host}/*` };
}

export function isHostDisabled(sites: SitesState, host: string): boolean {
  return sites.disabled.includes(host.toLowerCase().replace(/:\d+$/, ''));
}

export function withSite(sites: SitesState, host: string, on: boolean): SitesState {
  const enabled = new Set(sites.enabled);
  const disabled = new Set(sites.disabled);
  if (on) {
    disabled.delete(host);
    enabled.add(host);
  } else {
    enabled.delete(host);
    disabled.add(host);
  }
  return { v: SITES_SCHEMA, enabled: [...enabled].sort(), disabled: [...disabled].sort() };
}

/** Match patterns for registering the content script on the enabled hosts. */
export function matchesFor(hosts: readonly string[]): string[] {
  return hosts.flatMap((h) => [`https://${h}/*`, `http://${h}/*`]);
}

/** Does a manifest match pattern (e.g. "https://*.zendesk.com/*", "<all_urls>") cover this URL? */
export function patternMatches(pattern: string, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (pattern === '<all_urls>') return /^(https?|file|ftp):$/.test(u.protocol);
  const m = /^(\*|https?|file|ftp):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const proto = u.protocol.slice(0, -1);
  if (scheme === '*' ? proto !== 'http' && proto !== 'https' : scheme !== proto) return false;
  const h = u.hostname.toLowerCase();
  const ph = host.toLowerCase().replace(/:\d+$/, '');
  const hostOk = ph === '*' || (ph.startsWith('*.') ? h === ph.slice(2) || h.endsWith(ph.slice(1)) : h === ph);
  if (!hostOk) return false;
  const re = new RegExp('^' + path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(u.pathname + u.search);
}
