/**
 * Settings storage for pack sync: one versioned value in storage.local[SETTINGS_KEY].
 *
 * - Every stored value carries `schemaVersion`; older shapes are migrated step by step.
 * - Storage is a boundary: what comes back is validated. A corrupt value (wrong shape, a pack
 *   that no longer validates) is reported in storage.local[STORAGE_PROBLEMS_KEY], the broken
 *   value is kept aside under CORRUPT_KEY for support, and defaults (or the salvageable part)
 *   are used. Loading never throws.
 */
import { z } from 'zod';
import type { Pack } from '../engine/types';
import { validatePack } from '../packs/validate';
import type { Problem } from '../packs/path';

export const SETTINGS_KEY = 'rc.settings';
export const STORAGE_PROBLEMS_KEY = 'rc.storage-problems';
export const CORRUPT_KEY = 'rc.settings.corrupt';
export const SETTINGS_VERSION = 1;
export const DEFAULT_CHECK_MINUTES = 6 * 60;

export type PackSourceKind = 'file' | 'url' | 'policy';

export interface PackError {
  at: number;
  message: string;
  /** Validation problems with path and line, when the failure was a bad pack. */
  problems?: Problem[];
}

/** One non-built-in pack: where it comes from, the last good version, and how syncing went. */
export interface PackEntry {
  /** Stable key: the URL for subscriptions, "file:<pack id>" for imports, "policy-inline:<n>". */
  key: string;
  source: PackSourceKind;
  url?: string;
  fileName?: string;
  /** Policy pins (only for policy URLs). */
  sha256?: string;
  publicKey?: string;
  signatureUrl?: string;
  /** The last version that validated; null until one did (policy URLs only). */
  pack: Pack | null;
  etag?: string;
  addedAt: number;
  /** Last time a check succeeded (200 with a valid pack, or 304). */
  lastSuccess?: number;
  /** Last time the pack content actually changed. */
  lastUpdate?: number;
  lastCheck?: number;
  lastError?: PackError;
  /** Consecutive failures; drives the retry backoff. */
  failures: number;
  nextRetry?: number;
}

export interface Settings {
  schemaVersion: typeof SETTINGS_VERSION;
  packs: PackEntry[];
  /** Pack ids the agent switched off (built-in or custom). */
  disabledPacks: string[];
  /** Rule ids the agent switched off. */
  disabledRules: string[];
  checkIntervalMinutes: number;
}

export function defaultSettings(): Settings {
  return { schemaVersion: SETTINGS_VERSION, packs: [], disabledPacks: [], disabledRules: [], checkIntervalMinutes: DEFAULT_CHECK_MINUTES };
}

export interface StorageProblem {
  at: number;
  key: string;
  message: string;
}

const problemSchema = z.object({ path: z.string(), message: z.string(), line: z.number().optional(), column: z.number().optional() });
const errorSchema = z.object({ at: z.number(), message: z.string(), problems: z.array(problemSchema).optional() });
const entrySchema = z.object({
  key: z.string().min(1),
  source: z.enum(['file', 'url', 'policy']),
  url: z.string().optional(),
  fileName: z.string().optional(),
  sha256: z.string().optional(),
  publicKey: z.string().optional(),
  signatureUrl: z.string().optional(),
  pack: z.unknown(),
  etag: z.string().optional(),
  addedAt: z.number(),
  lastSuccess: z.number().optional(),
  lastUpdate: z.number().optional(),
  lastCheck: z.number().optional(),
  lastError: errorSchema.optional(),
  failures: z.number().int().min(0).catch(0),
  nextRetry: z.number().optional(),
});
const idList = z.array(z.string()).catch([]);
const settingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION),
  packs: z.array(z.unknown()),
  disabledPacks: idList,
  disabledRules: idList,
  checkIntervalMinutes: z.number().min(30).max(7 * 24 * 60).catch(DEFAULT_CHECK_MINUTES),
});

/**
 * Migrations: migrations[n] turns a version-n value into version n+1.
 * Version 0 is "no settings object": the first build kept only `disabledRules` inside the active
 * state (storage.local['rc.active']); those are carried over.
 */
type Raw = Record<string, unknown>;
const migrations: Record<number, (old: Raw, legacy: Raw) => Raw> = {
  0: (_old, legacy) => {
    const active = legacy['rc.active'] as { disabledRules?: unknown } | undefined;
    const rules = Array.isArray(active?.disabledRules) ? active.disabledRules.filter((r) => typeof r === 'string') : [];
    return { ...defaultSettings(), schemaVersion: 1, disabledRules: rules };
  },
};

export interface LoadResult {
  settings: Settings;
  /** Problems found (and repaired) while loading; also appended to STORAGE_PROBLEMS_KEY. */
  problems: StorageProblem[];
  /** True when the stored value had to be migrated or repaired (the caller should save). */
  changed: boolean;
}

/** Pure: stored value (+ other legacy keys) → valid Settings. Never throws. */
export function parseStoredSettings(stored: unknown, legacy: Raw = {}, now = Date.now()): LoadResult {
  const problems: StorageProblem[] = [];
  const report = (message: string) => problems.push({ at: now, key: SETTINGS_KEY, message });
  let value: unknown = stored;
  let changed = false;
  if (value === undefined || value === null) {
    value = migrations[0]!({}, legacy);
    changed = true;
  } else if (typeof value !== 'object' || Array.isArray(value)) {
    report(`stored settings are not an object (${Array.isArray(value) ? 'array' : typeof value}); replaced by defaults`);
    return { settings: defaultSettings(), problems, changed: true };
  }
  let version = (value as Raw).schemaVersion;
  if (version === undefined) version = 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    report(`stored settings have an invalid schemaVersion (${JSON.stringify(version)}); replaced by defaults`);
    return { settings: defaultSettings(), problems, changed: true };
  }
  if (version > SETTINGS_VERSION) {
    report(`stored settings are from a newer version (${version} > ${SETTINGS_VERSION}); using defaults`);
    return { settings: defaultSettings(), problems, changed: true };
  }
  while ((version as number) < SETTINGS_VERSION) {
    const step = migrations[version as number];
    if (!step) {
      report(`no migration from schemaVersion ${version}; replaced by defaults`);
      return { settings: defaultSettings(), problems, changed: true };
    }
    value = step(value as Raw, legacy);
    version = (value as Raw).schemaVersion;
    changed = true;
  }
  const parsed = settingsSchema.safeParse(value);
  if (!parsed.success) {
    report(`stored settings are corrupt (${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}); replaced by defaults`);
    return { settings: defaultSettings(), problems, changed: true };
  }
  // Salvage pack by pack: one broken entry must not cost the others.
  const packs: PackEntry[] = [];
  parsed.data.packs.forEach((rawEntry, i) => {
    const e = entrySchema.safeParse(rawEntry);
    if (!e.success) {
      report(`packs[${i}] is corrupt and was dropped (${e.error.issues[0]?.message ?? 'invalid'})`);
      changed = true;
      return;
    }
    let pack: Pack | null = null;
    if (e.data.pack !== null && e.data.pack !== undefined) {
      const v = validatePack(e.data.pack, { examples: false });
      if (v.ok) pack = v.pack;
      else {
        report(`packs[${i}] (${e.data.key}): stored pack no longer validates (${v.problems[0]?.path}: ${v.problems[0]?.message}); dropped`);
        changed = true;
        if (e.data.source !== 'url' && e.data.source !== 'policy') return;
      }
    }
    packs.push({ ...(e.data as Omit<PackEntry, 'pack'>), pack });
  });
  const settings: Settings = { ...parsed.data, schemaVersion: SETTINGS_VERSION, packs };
  return { settings, problems, changed: changed || JSON.stringify(parsed.data) !== JSON.stringify(value) };
}

/** Storage I/O around parseStoredSettings. */
export async function loadSettings(now = Date.now()): Promise<LoadResult> {
  let all: Raw = {};
  try {
    all = (await browser.storage.local.get([SETTINGS_KEY, 'rc.active'])) as Raw;
  } catch (e) {
    const problems = [{ at: now, key: SETTINGS_KEY, message: `could not read storage: ${String(e)}` }];
    return { settings: defaultSettings(), problems, changed: false };
  }
  const result = parseStoredSettings(all[SETTINGS_KEY], all, now);
  if (result.problems.length) {
    console.warn('[ReplyCoach] settings repaired:', result.problems.map((p) => p.message).join('\n'));
    await recordProblems(result.problems, all[SETTINGS_KEY]);
  }
  if (result.changed) await saveSettings(result.settings);
  return result;
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settings });
}

async function recordProblems(problems: StorageProblem[], corrupt: unknown): Promise<void> {
  try {
    const prev = (await browser.storage.local.get(STORAGE_PROBLEMS_KEY))[STORAGE_PROBLEMS_KEY];
    const list = Array.isArray(prev) ? (prev as StorageProblem[]) : [];
    const toSet: Raw = { [STORAGE_PROBLEMS_KEY]: [...list, ...problems].slice(-20) };
    if (corrupt !== undefined) toSet[CORRUPT_KEY] = corrupt;
    await browser.storage.local.set(toSet);
  } catch {
    /* reporting must never break loading */
  }
}
