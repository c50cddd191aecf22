/**
 * Background side of statistics: counts 'rc:stat' messages from our own content scripts and
 * clears on request. Registered from entrypoints/background.ts with registerStats().
 */
import { parseStatMessage, STATS_CLEAR_MSG } from './messages';
import { clearStats, pruneStored, recordStat } from './store';

type Sender = { id?: string };

/** Synchronous listener: claims only the messages it handles (see stack-notes). */
export function statsMessageListener(msg: unknown, sender: Sender, sendResponse: (r: unknown) => void): true | undefined {
  if (sender.id !== undefined && sender.id !== browser.runtime.id) return undefined;
  const rec = parseStatMessage(msg);
  if (rec) {
    recordStat(rec).catch((e) => console.error('[ReplyCoach] stats', e));
    return undefined; // fire-and-forget
  }
  if ((msg as { type?: unknown } | null)?.type === STATS_CLEAR_MSG) {
    clearStats().then(
      () => sendResponse(true),
      () => sendResponse(false),
    );
    return true;
  }
  return undefined;
}

export function registerStats(): void {
  browser.runtime.onMessage.addListener(statsMessageListener as never);
  // 180-day retention also applies when nothing new is recorded.
  void pruneStored().catch(() => undefined);
}
