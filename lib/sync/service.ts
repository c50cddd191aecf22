/**
 * The pack lifecycle, as the background runs it: import, subscribe, refresh (ETag, backoff),
 * policy, toggles, settings export/import, and publishing the active state. Every operation is
 * serialized (one at a time) and ends by re-publishing storage.local[ACTIVE_KEY], which is what
 * makes open tabs pick up changes live.
 *
 * Invariant: a pack is replaced only by a version that fully validated (and passed its pin or
 * signature). Any failure leaves the last good version active and records the error.
 */
import type { Pack } from '../engine/types';
import type { Problem } from '../packs/path';
import { parsePackText, validatePack } from '../packs/validate';
import { PACKS_MESSAGE } from '../shared/active-packs';
import { publishActive } from './active';
import { readPolicy, type Policy } from './policy';
import {
  SETTINGS_VERSION,
  defaultSettings,
  loadSettings,
  saveSettings,
  type PackEntry,
  type Settings,
} from './store';
import { backoffMinutes, checkUrl, fetchPack, type FetchOutcome } from './subscribe';

export const SYNC_ALARM = 'rc.sync';
export const RETRY_ALARM = 'rc.retry';
export const SETTINGS_FILE_FORMAT = 'reply-coach-settings';

export type OpResult<T = object> = ({ ok: true } & T) | { ok: false; message: string; problems?: Problem[] };

export interface ServiceDeps {
  builtins: () => Pack[];
  fetchImpl?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  /** Whether to (re)create alarms; false in unit tests that drive refresh by hand. */
  alarms?: boolean;
}

export type PackService = ReturnType<typeof createPackService>;

export function createPackService(deps: ServiceDeps) {
  const now = deps.now ?? (() => Date.now());
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };

  async function state(): Promise<{ settings: Settings; policy: Policy }> {
    const [{ settings }, policy] = await Promise.all([loadSettings(now()), readPolicy()]);
    return { settings, policy };
  }

  function intervalMinutes(settings: Settings, policy: Policy): number {
    return policy.checkIntervalMinutes ?? settings.checkIntervalMinutes;
  }

  async function commit(settings: Settings, policy: Policy): Promise<void> {
    await saveSettings(settings);
    await publishActive(deps.builtins(), settings, policy);
    if (deps.alarms !== false) await scheduleAlarms(settings, policy);
  }

  async function scheduleAlarms(settings: Settings, policy: Policy): Promise<void> {
    const period = intervalMinutes(settings, policy);
    const existing = await browser.alarms.get(SYNC_ALARM);
    if (!existing || existing.periodInMinutes !== period) {
      await browser.alarms.create(SYNC_ALARM, { delayInMinutes: period, periodInMinutes: period });
    }
    const retries = settings.packs.map((e) => e.nextRetry).filter((t): t is number => typeof t === 'number');
    await browser.alarms.clear(RETRY_ALARM);
    if (retries.length) await browser.alarms.create(RETRY_ALARM, { when: Math.max(Math.min(...retries), now() + 30_000) });
  }

  /** Why `pack` may not be added under `key` (id clashes), or undefined. */
  function clash(pack: Pack, key: string, settings: Settings): string | undefined {
    if (deps.builtins().some((b) => b.id === pack.id)) return `pack id "${pack.id}" is the id of a built-in pack; choose another id (e.g. "team.${pack.id}")`;
    const other = settings.packs.find((e) => e.key !== key && e.pack?.id === pack.id);
    if (other) {
      const from = other.source === 'policy' ? 'your administrator' : other.url ?? other.fileName ?? other.key;
      return `a pack with id "${pack.id}" is already installed (from ${from})`;
    }
    return undefined;
  }

  function applyOutcome(entry: PackEntry, out: FetchOutcome, settings: Settings, policy: Policy): void {
    const t = now();
    entry.lastCheck = t;
    if (out.kind === 'not-modified') {
      entry.lastSuccess = t;
      entry.failures = 0;
      delete entry.nextRetry;
      delete entry.lastError;
      return;
    }
    if (out.kind === 'updated') {
      const problem = clash(out.pack, entry.key, settings);
      if (!problem) {
        const changed = JSON.stringify(out.pack) !== JSON.stringify(entry.pack);
        entry.pack = out.pack;
        entry.etag = out.etag;
        entry.lastSuccess = t;
        if (changed) entry.lastUpdate = t;
        entry.failures = 0;
        delete entry.nextRetry;
        delete entry.lastError;
        return;
      }
      out = { kind: 'error', message: problem };
    }
    entry.failures += 1;
    entry.lastError = { at: t, message: out.message, ...(out.problems && { problems: out.problems }) };
    entry.nextRetry = t + backoffMinutes(entry.failures, intervalMinutes(settings, policy)) * 60_000;
  }

  function fetchEntry(entry: PackEntry): Promise<FetchOutcome> {
    return fetchPack(entry.url!, {
      etag: entry.pack ? entry.etag : undefined,
      sha256: entry.sha256,
      publicKey: entry.publicKey,
      signatureUrl: entry.signatureUrl,
      fetchImpl: deps.fetchImpl,
      timeoutMs: deps.timeoutMs,
    });
  }

  /** Bring policy-sourced entries in line with the managed policy. Returns URL entries to fetch now. */
  function syncPolicy(settings: Settings, policy: Policy): PackEntry[] {
    const t = now();
    const wanted = new Map<string, PackEntry>();
    const toFetch: PackEntry[] = [];
    for (const u of policy.packUrls) {
      const key = `policy:${u.url}`;
      const old = settings.packs.find((e) => e.key === key);
      const pinsChanged = !old || old.sha256 !== u.sha256 || old.publicKey !== u.publicKey || old.signatureUrl !== u.signatureUrl;
      const entry: PackEntry = old && !pinsChanged ? old : { key, source: 'policy', pack: null, addedAt: old?.addedAt ?? t, failures: 0, ...u };
      if (pinsChanged && old) {
        // New pin or key: the kept version must be re-verified before it is trusted again.
        entry.lastError = undefined;
      }
      wanted.set(key, entry);
      if (!old || pinsChanged) toFetch.push(entry);
    }
    policy.inlinePacks.forEach((text, i) => {
      const key = `policy-inline:${i}`;
      const old = settings.packs.find((e) => e.key === key);
      const entry: PackEntry = old ?? { key, source: 'policy', pack: null, addedAt: t, failures: 0 };
      const r = parsePackText(text);
      entry.lastCheck = t;
      if (r.ok) {
        if (JSON.stringify(r.pack) !== JSON.stringify(entry.pack)) entry.lastUpdate = t;
        entry.pack = r.pack;
        entry.lastSuccess = t;
        delete entry.lastError;
      } else entry.lastError = { at: t, message: `inline pack ${i + 1} is invalid`, problems: r.problems };
      wanted.set(key, entry);
    });
    settings.packs = [...settings.packs.filter((e) => e.source !== 'policy'), ...wanted.values()];
    return toFetch;
  }

  async function refreshEntries(settings: Settings, policy: Policy, entries: PackEntry[]): Promise<void> {
    const outcomes = await Promise.all(entries.map((e) => fetchEntry(e)));
    entries.forEach((e, i) => applyOutcome(e, outcomes[i]!, settings, policy));
  }

  const api = {
    /** Load (migrate/repair), apply policy, publish. Called on install, startup and worker wake. */
    init: (opts: { refresh?: boolean } = {}) =>
      serial(async () => {
        const { settings, policy } = await state();
        const toFetch = syncPolicy(settings, policy);
        const due = opts.refresh ? settings.packs.filter((e) => e.url) : toFetch;
        await refreshEntries(settings, policy, due);
        await commit(settings, policy);
        return { ok: true as const };
      }),

    /** Re-check subscriptions: all (force) or those due by schedule or retry time. */
    refresh: (opts: { force?: boolean; key?: string } = {}) =>
      serial(async () => {
        const { settings, policy } = await state();
        syncPolicy(settings, policy);
        const t = now();
        const period = intervalMinutes(settings, policy) * 60_000;
        const due = settings.packs.filter(
          (e) =>
            e.url &&
            (opts.key ? e.key === opts.key : opts.force || (e.nextRetry !== undefined ? t >= e.nextRetry : t >= (e.lastCheck ?? 0) + period - 60_000)),
        );
        await refreshEntries(settings, policy, due);
        await commit(settings, policy);
        return { ok: true as const, checked: due.length };
      }),

    importText: (text: string, fileName?: string): Promise<OpResult<{ packId: string; replaced: boolean }>> =>
      serial(async () => {
        const r = parsePackText(text);
        if (!r.ok) return { ok: false as const, message: `${fileName ?? 'pack'}: ${r.problems.length} problem(s); nothing was imported`, problems: r.problems };
        const { settings, policy } = await state();
        const key = `file:${r.pack.id}`;
        const problem = clash(r.pack, key, settings);
        if (problem) return { ok: false as const, message: problem };
        const t = now();
        const old = settings.packs.find((e) => e.key === key);
        const entry: PackEntry = { key, source: 'file', fileName, pack: r.pack, addedAt: old?.addedAt ?? t, lastSuccess: t, lastUpdate: t, failures: 0 };
        settings.packs = old ? settings.packs.map((e) => (e === old ? entry : e)) : [...settings.packs, entry];
        await commit(settings, policy);
        return { ok: true as const, packId: r.pack.id, replaced: !!old };
      }),

    subscribe: (url: string): Promise<OpResult<{ packId: string }>> =>
      serial(async () => {
        const bad = checkUrl(url.trim());
        if (bad) return { ok: false as const, message: bad };
        url = new URL(url.trim()).href;
        const { settings, policy } = await state();
        if (settings.packs.some((e) => e.key === url)) return { ok: false as const, message: 'already subscribed to this URL' };
        const out = await fetchPack(url, { fetchImpl: deps.fetchImpl, timeoutMs: deps.timeoutMs });
        if (out.kind === 'error') return { ok: false as const, message: out.message, ...(out.problems && { problems: out.problems }) };
        if (out.kind !== 'updated') return { ok: false as const, message: 'unexpected 304 on first fetch' };
        const problem = clash(out.pack, url, settings);
        if (problem) return { ok: false as const, message: problem };
        const t = now();
        settings.packs.push({ key: url, source: 'url', url, pack: out.pack, etag: out.etag, addedAt: t, lastCheck: t, lastSuccess: t, lastUpdate: t, failures: 0 });
        await commit(settings, policy);
        return { ok: true as const, packId: out.pack.id };
      }),

    remove: (key: string): Promise<OpResult> =>
      serial(async () => {
        const { settings, policy } = await state();
        const entry = settings.packs.find((e) => e.key === key);
        if (!entry) return { ok: false as const, message: 'no such pack' };
        if (entry.source === 'policy') return { ok: false as const, message: 'this pack is installed by your administrator' };
        settings.packs = settings.packs.filter((e) => e !== entry);
        if (entry.pack) settings.disabledPacks = settings.disabledPacks.filter((id) => id !== entry.pack!.id);
        await commit(settings, policy);
        return { ok: true as const };
      }),

    setPackEnabled: (packId: string, enabled: boolean): Promise<OpResult> =>
      serial(async () => {
        const { settings, policy } = await state();
        const forced = settings.packs.some((e) => e.source === 'policy' && e.pack?.id === packId);
        if (!enabled && forced && policy.lock) return { ok: false as const, message: 'locked by your administrator' };
        const set = new Set(settings.disabledPacks);
        if (enabled) set.delete(packId);
        else set.add(packId);
        settings.disabledPacks = [...set];
        await commit(settings, policy);
        return { ok: true as const };
      }),

    setRuleEnabled: (ruleId: string, enabled: boolean): Promise<OpResult> =>
      serial(async () => {
        const { settings, policy } = await state();
        if (enabled && policy.disabledRules.includes(ruleId)) return { ok: false as const, message: 'switched off by your administrator' };
        if (policy.lock && !enabled) {
          const forcedRule = settings.packs.some((e) => e.source === 'policy' && e.pack?.rules.some((r) => r.id === ruleId));
          if (forcedRule) return { ok: false as const, message: 'locked by your administrator' };
        }
        const set = new Set(settings.disabledRules);
        if (enabled) set.delete(ruleId);
        else set.add(ruleId);
        settings.disabledRules = [...set];
        await commit(settings, policy);
        return { ok: true as const };
      }),

    /** Rule ids switched off elsewhere (the content card); no-op for ids already in the settings. */
    adoptDisabledRules: (ids: string[]): Promise<OpResult> =>
      serial(async () => {
        const { settings, policy } = await state();
        const fresh = ids.filter((id) => typeof id === 'string' && !settings.disabledRules.includes(id));
        if (!fresh.length) return { ok: true as const };
        settings.disabledRules = [...settings.disabledRules, ...fresh];
        await commit(settings, policy);
        return { ok: true as const };
      }),

    setCheckInterval: (minutes: number): Promise<OpResult> =>
      serial(async () => {
        if (!Number.isInteger(minutes) || minutes < 30 || minutes > 10080) return { ok: false as const, message: 'interval must be 30 to 10080 minutes' };
        const { settings, policy } = await state();
        settings.checkIntervalMinutes = minutes;
        await commit(settings, policy);
        return { ok: true as const };
      }),

    /** Everything the agent set (not the policy's packs), as a JSON-able object. */
    exportSettings: () =>
      serial(async () => {
        const { settings } = await state();
        return {
          ok: true as const,
          data: {
            format: SETTINGS_FILE_FORMAT,
            schemaVersion: SETTINGS_VERSION,
            exportedAt: new Date(now()).toISOString(),
            packs: settings.packs
              .filter((e) => e.source !== 'policy' && e.pack)
              .map((e) => ({ source: e.source, ...(e.url && { url: e.url }), ...(e.fileName && { fileName: e.fileName }), ...(e.etag && { etag: e.etag }), pack: e.pack })),
            disabledPacks: settings.disabledPacks,
            disabledRules: settings.disabledRules,
            checkIntervalMinutes: settings.checkIntervalMinutes,
          },
        };
      }),

    /** Replace the agent's settings with an exported file. All or nothing. */
    importSettings: (raw: unknown): Promise<OpResult<{ packs: number }>> =>
      serial(async () => {
        const problems: Problem[] = [];
        const d = raw as Record<string, unknown> | null;
        if (!d || typeof d !== 'object' || d.format !== SETTINGS_FILE_FORMAT) {
          return { ok: false as const, message: `not a ReplyCoach settings file (expected "format": "${SETTINGS_FILE_FORMAT}")` };
        }
        if (typeof d.schemaVersion !== 'number' || d.schemaVersion > SETTINGS_VERSION) {
          return { ok: false as const, message: `settings file version ${String(d.schemaVersion)} is not supported (this version reads up to ${SETTINGS_VERSION})` };
        }
        const strList = (k: string) => (Array.isArray(d[k]) ? (d[k] as unknown[]).filter((x): x is string => typeof x === 'string') : []);
        const t = now();
        const next: Settings = { ...defaultSettings(), disabledPacks: strList('disabledPacks'), disabledRules: strList('disabledRules') };
        if (typeof d.checkIntervalMinutes === 'number' && d.checkIntervalMinutes >= 30 && d.checkIntervalMinutes <= 10080) next.checkIntervalMinutes = Math.round(d.checkIntervalMinutes);
        const packs = Array.isArray(d.packs) ? d.packs : [];
        packs.forEach((p, i) => {
          const e = (p ?? {}) as Record<string, unknown>;
          const v = validatePack(e.pack, { examples: false });
          if (!v.ok) {
            for (const pr of v.problems) problems.push({ ...pr, path: `packs[${i}].pack.${pr.path}` });
            return;
          }
          if (e.source === 'url') {
            const bad = typeof e.url === 'string' ? checkUrl(e.url) : 'missing url';
            if (bad) return problems.push({ path: `packs[${i}].url`, message: bad });
            next.packs.push({ key: e.url as string, source: 'url', url: e.url as string, pack: v.pack, addedAt: t, lastUpdate: t, failures: 0 });
          } else {
            next.packs.push({ key: `file:${v.pack.id}`, source: 'file', ...(typeof e.fileName === 'string' && { fileName: e.fileName }), pack: v.pack, addedAt: t, lastSuccess: t, lastUpdate: t, failures: 0 });
          }
        });
        const { settings, policy } = await state();
        next.packs.forEach((e, i) => {
          const c = clash(e.pack!, e.key, { ...next, packs: [...next.packs, ...settings.packs.filter((x) => x.source === 'policy')] });
          if (c) problems.push({ path: `packs[${i}]`, message: c });
        });
        if (problems.length) return { ok: false as const, message: `${problems.length} problem(s); nothing was changed`, problems };
        next.packs.push(...settings.packs.filter((e) => e.source === 'policy'));
        await commit(next, policy);
        return { ok: true as const, packs: packs.length };
      }),

    /** Recreate the active state from storage (e.g. after policy changes). */
    publish: () =>
      serial(async () => {
        const { settings, policy } = await state();
        const toFetch = syncPolicy(settings, policy);
        await refreshEntries(settings, policy, toFetch);
        await commit(settings, policy);
        return { ok: true as const };
      }),
  };
  return api;
}

/** Messages the options page (and, for setRuleEnabled, the content script) send to the background. */
export { PACKS_MESSAGE } from '../shared/active-packs';
export type PacksRequest =
  | { type: typeof PACKS_MESSAGE; op: 'importText'; text: string; fileName?: string }
  | { type: typeof PACKS_MESSAGE; op: 'subscribe'; url: string }
  | { type: typeof PACKS_MESSAGE; op: 'remove'; key: string }
  | { type: typeof PACKS_MESSAGE; op: 'refresh'; key?: string }
  | { type: typeof PACKS_MESSAGE; op: 'setPackEnabled'; packId: string; enabled: boolean }
  | { type: typeof PACKS_MESSAGE; op: 'setRuleEnabled'; ruleId: string; enabled: boolean }
  | { type: typeof PACKS_MESSAGE; op: 'setCheckInterval'; minutes: number }
  | { type: typeof PACKS_MESSAGE; op: 'exportSettings' }
  | { type: typeof PACKS_MESSAGE; op: 'importSettings'; data: unknown };

/** Dispatch one request (validated here: messages cross a boundary). */
export async function handlePacksRequest(service: PackService, msg: PacksRequest): Promise<unknown> {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (msg.op) {
    case 'importText':
      return service.importText(str(msg.text), typeof msg.fileName === 'string' ? msg.fileName : undefined);
    case 'subscribe':
      return service.subscribe(str(msg.url));
    case 'remove':
      return service.remove(str(msg.key));
    case 'refresh':
      return service.refresh(typeof msg.key === 'string' ? { key: msg.key } : { force: true });
    case 'setPackEnabled':
      return service.setPackEnabled(str(msg.packId), msg.enabled === true);
    case 'setRuleEnabled':
      return service.setRuleEnabled(str(msg.ruleId), msg.enabled === true);
    case 'setCheckInterval':
      return service.setCheckInterval(Number(msg.minutes));
    case 'exportSettings':
      return service.exportSettings();
    case 'importSettings':
      return service.importSettings(msg.data);
    default:
      return { ok: false, message: 'unknown operation' };
  }
}
