/**
 * The one contract between the background (which fetches, validates and merges packs) and every
 * content script (which only lints): the validated, enabled packs live in storage.local under
 * ACTIVE_KEY. Content scripts read it and listen to storage.onChanged, so open tabs pick up new
 * rules without a reload, and never need zod.
 */
import type { Pack } from '../engine/types';

export const ACTIVE_KEY = 'rc.active';

export interface ActiveState {
  /** Bumped on every change so listeners can tell a new state apart. */
  revision: number;
  packs: Pack[];
  /** Rules the user (or policy) switched off. */
  disabledRules: string[];
  /** Coaching paused until this time (ms since epoch), or 0. */
  pausedUntil: number;
  /** UI language for messages and the card. */
  uiLang: 'zh' | 'en';
  /**
   * Host patterns an administrator added by policy (managed storage `sites`): coach there too,
   * on top of the sites the agent chose. Each pack's own `sites` (in `packs`) still decides
   * which packs apply on a host: see lib/shared/sites.ts packsForHost(state.packs, location.host).
   */
  extraSites?: string[];
}

/** Message a content script sends when it finds no active state yet. */
export const ENSURE_ACTIVE = 'rc:ensure-active';

/**
 * Requests to the background's pack service (lib/sync/service.ts handles them). Content scripts
 * use it to switch a rule off, so the background — the one writer of ACTIVE_KEY — records it.
 */
export const PACKS_MESSAGE = 'rc:packs';
