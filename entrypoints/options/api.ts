/** Options page ↔ storage/background. Reads storage directly; changes go through the background. */
import type { Pack } from '@/lib/engine/types';
import { ACTIVE_KEY, type ActiveState } from '@/lib/shared/active-packs';
import { packViews, lockedRules, type PackView } from '@/lib/sync/active';
import { builtinPacks } from '@/lib/sync/builtins';
import { readPolicy, type Policy } from '@/lib/sync/policy';
import { PACKS_MESSAGE, type OpResult, type PacksRequest } from '@/lib/sync/service';
import { parseStoredSettings, SETTINGS_KEY, STORAGE_PROBLEMS_KEY, type PackEntry, type Settings, type StorageProblem } from '@/lib/sync/store';

export interface Snapshot {
  active: ActiveState | undefined;
  settings: Settings;
  policy: Policy;
  views: PackView[];
  entries: Map<string, PackEntry>;
  lockedRules: Set<string>;
  storageProblems: StorageProblem[];
  builtins: Pack[];
}

export async function loadSnapshot(): Promise<Snapshot> {
  const got = await browser.storage.local.get([SETTINGS_KEY, ACTIVE_KEY, STORAGE_PROBLEMS_KEY]);
  const { settings } = parseStoredSettings(got[SETTINGS_KEY], got as Record<string, unknown>);
  const policy = await readPolicy();
  const builtins = builtinPacks();
  const views = packViews(builtins, settings, policy);
  const entries = new Map(settings.packs.map((e) => [e.key, e]));
  const probs = got[STORAGE_PROBLEMS_KEY];
  return {
    active: got[ACTIVE_KEY] as ActiveState | undefined,
    settings,
    policy,
    views,
    entries,
    lockedRules: lockedRules(views, policy),
    storageProblems: Array.isArray(probs) ? (probs as StorageProblem[]) : [],
    builtins,
  };
}

type Op = PacksRequest extends infer R ? (R extends { op: infer O } ? Omit<Extract<PacksRequest, { op: O }>, 'type'> : never) : never;

export async function send<T = object>(req: Op): Promise<OpResult<T>> {
  try {
    const res = (await browser.runtime.sendMessage({ type: PACKS_MESSAGE, ...req })) as OpResult<T> | undefined;
    return res ?? { ok: false, message: 'no answer from the background' };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** Ask for the host permission of a pack URL (must run inside the click). Loopback needs none. */
export function requestHostFor(url: string): Promise<boolean> {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:') return Promise.resolve(true);
    return browser.permissions.request({ origins: [`${u.origin}/*`] }).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}
