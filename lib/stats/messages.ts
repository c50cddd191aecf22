/**
 * Messages that cross into the background for statistics. Validated here, once, at the boundary.
 *
 * Content script → background, fire-and-forget (issue 3 sends it):
 *   browser.runtime.sendMessage({ type: 'rc:stat', event: 'shown' | 'applied' | 'ignored',
 *                                 category, ruleId })
 * Statistics page → background (answers true when done):
 *   browser.runtime.sendMessage({ type: 'rc:stats-clear' })
 */
import { isCategory, isRuleId, STAT_EVENTS, type StatEvent, type StatRecord } from './aggregate';

export const STAT_MSG = 'rc:stat';
export const STATS_CLEAR_MSG = 'rc:stats-clear';

export interface StatMessage extends StatRecord {
  type: typeof STAT_MSG;
}

/** The record carried by a valid 'rc:stat' message, or null. Extra fields are ignored. */
export function parseStatMessage(msg: unknown): StatRecord | null {
  if (!msg || typeof msg !== 'object') return null;
  const m = msg as Record<string, unknown>;
  if (m.type !== STAT_MSG) return null;
  if (!(STAT_EVENTS as readonly unknown[]).includes(m.event)) return null;
  if (!isCategory(m.category) || !isRuleId(m.ruleId)) return null;
  return { event: m.event as StatEvent, category: m.category, ruleId: m.ruleId };
}
