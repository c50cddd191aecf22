/**
 * Built-in + custom + policy packs, toggles and policy → the ActiveState content scripts read.
 * Pure (buildActive) plus a small writer (publishActive) that only writes when something changed.
 */
import type { Pack } from '../engine/types';
import { ACTIVE_KEY, type ActiveState } from '../shared/active-packs';
import type { Policy } from './policy';
import type { Settings } from './store';

export type PackOrigin = 'builtin' | 'file' | 'url' | 'policy';

export interface PackView {
  pack: Pack;
  origin: PackOrigin;
  /** Entry key for custom packs. */
  key?: string;
  enabled: boolean;
  /** Forced by a locked policy: cannot be switched off. */
  locked: boolean;
  /** Hidden because another pack with the same id takes precedence. */
  shadowedBy?: PackOrigin;
}

/**
 * Order matters: the engine lets later packs' overrides win and keeps the first definition of a
 * rule id. Built-ins come first, then the agent's packs, then policy packs, so a team lead's
 * policy pack has the last word on overrides. A pack id is used once: policy > built-in > agent.
 */
export function packViews(builtins: Pack[], settings: Settings, policy: Policy): PackView[] {
  const views: PackView[] = [];
  const policyIds = new Set<string>();
  for (const e of settings.packs) if (e.source === 'policy' && e.pack) policyIds.add(e.pack.id);
  const builtinIds = new Set(builtins.map((p) => p.id));
  const disabled = new Set(settings.disabledPacks);
  for (const pack of builtins) {
    views.push({ pack, origin: 'builtin', enabled: !disabled.has(pack.id), locked: false, ...(policyIds.has(pack.id) && { shadowedBy: 'policy' as const }) });
  }
  const seen = new Set<string>();
  for (const e of settings.packs) {
    if (!e.pack || e.source === 'policy') continue;
    const shadow = policyIds.has(e.pack.id) ? 'policy' : builtinIds.has(e.pack.id) ? 'builtin' : seen.has(e.pack.id) ? e.source : undefined;
    seen.add(e.pack.id);
    views.push({ pack: e.pack, origin: e.source, key: e.key, enabled: !disabled.has(e.pack.id), locked: false, ...(shadow && { shadowedBy: shadow }) });
  }
  const seenPolicy = new Set<string>();
  for (const e of settings.packs) {
    if (!e.pack || e.source !== 'policy') continue;
    const dup = seenPolicy.has(e.pack.id);
    seenPolicy.add(e.pack.id);
    views.push({
      pack: e.pack,
      origin: 'policy',
      key: e.key,
      enabled: policy.lock || !disabled.has(e.pack.id),
      locked: policy.lock,
      ...(dup && { shadowedBy: 'policy' as const }),
    });
  }
  return views;
}

/** Rules whose on/off the agent may not change. */
export function lockedRules(views: PackView[], policy: Policy): Set<string> {
  // Rules the policy switched off stay off (with or without lock); with lock, forced packs' rules stay on.
  const out = new Set<string>(policy.disabledRules);
  if (policy.lock) for (const v of views) if (v.locked) for (const r of v.pack.rules) out.add(r.id);
  return out;
}

export function buildActive(
  builtins: Pack[],
  settings: Settings,
  policy: Policy,
  prev: Partial<ActiveState> | undefined,
  defaultLang: 'zh' | 'en',
): ActiveState {
  const views = packViews(builtins, settings, policy);
  const packs = views.filter((v) => v.enabled && !v.shadowedBy).map((v) => v.pack);
  const locked = lockedRules(views, policy);
  const policyDisabled = new Set(policy.disabledRules);
  const disabledRules = [...new Set([...settings.disabledRules.filter((id) => !locked.has(id) || policyDisabled.has(id)), ...policy.disabledRules])].sort();
  const state: ActiveState = {
    revision: (prev?.revision ?? 0) + 1,
    packs,
    disabledRules,
    pausedUntil: prev?.pausedUntil ?? 0,
    uiLang: prev?.uiLang === 'zh' || prev?.uiLang === 'en' ? prev.uiLang : defaultLang,
  };
  if (policy.sites.length) state.extraSites = [...policy.sites];
  return state;
}

function sameContent(a: ActiveState, b: Partial<ActiveState> | undefined): boolean {
  if (!b) return false;
  const strip = ({ revision: _r, ...rest }: Partial<ActiveState>) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

export function defaultUiLang(): 'zh' | 'en' {
  let lang = '';
  try {
    lang = browser.i18n.getUILanguage();
  } catch {
    lang = globalThis.navigator?.language ?? '';
  }
  return lang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Writes the active state if its content changed. Returns the state now in storage. */
export async function publishActive(builtins: Pack[], settings: Settings, policy: Policy): Promise<ActiveState> {
  const prev = (await browser.storage.local.get(ACTIVE_KEY))[ACTIVE_KEY] as Partial<ActiveState> | undefined;
  const next = buildActive(builtins, settings, policy, prev && typeof prev === 'object' ? prev : undefined, defaultUiLang());
  if (sameContent(next, prev)) return prev as ActiveState;
  await browser.storage.local.set({ [ACTIVE_KEY]: next });
  return next;
}
