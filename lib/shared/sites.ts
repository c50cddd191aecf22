/**
 * Which packs apply on a page. Pure and tiny (used by content scripts and the options page's
 * "try it" box, so both lint with exactly the same packs).
 *
 * A pack's `sites` lists host patterns; absent or empty means everywhere.
 *   "support.example.com"  that host only
 *   "*.zendesk.com"        zendesk.com and every subdomain
 *   "*"                    everywhere
 * Ports and schemes are ignored; matching is case-insensitive.
 */
import type { Pack } from '../engine/types';

export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[:/].*$/, '');
  const h = host.toLowerCase().replace(/:\d+$/, '');
  if (!p) return false;
  if (p === '*') return true;
  if (p.startsWith('*.')) {
    const base = p.slice(2);
    return h === base || h.endsWith('.' + base);
  }
  return h === p;
}

export function packAppliesTo(pack: Pick<Pack, 'sites'>, host: string | undefined): boolean {
  if (!pack.sites?.length || host === undefined) return true;
  return pack.sites.some((s) => hostMatches(s, host));
}

/**
 * The packs to lint with on `host` (e.g. location.host). `undefined` host: every pack.
 * Returns the same array when nothing is filtered out, so the engine's compile cache (keyed by
 * array identity) keeps working.
 */
export function packsForHost<T extends Pick<Pack, 'sites'>>(packs: T[], host: string | undefined): T[] {
  if (host === undefined || packs.every((p) => !p.sites?.length)) return packs;
  const cacheKey = host.toLowerCase();
  let byHost = cache.get(packs);
  if (!byHost) cache.set(packs, (byHost = new Map()));
  let hit = byHost.get(cacheKey) as T[] | undefined;
  if (!hit) {
    const kept = packs.filter((p) => packAppliesTo(p, host));
    byHost.set(cacheKey, (hit = kept.length === packs.length ? packs : kept));
  }
  return hit;
}
const cache = new WeakMap<object, Map<string, unknown[]>>();
