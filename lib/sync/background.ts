/**
 * Background wiring for pack sync. entrypoints/background.ts calls registerPackSync() once.
 * - install / browser start: load settings (migrate, repair), apply policy, re-check every URL;
 * - alarms: rc.sync every checkIntervalMinutes (default 6 h), rc.retry for failed fetches (backoff);
 * - storage.managed changes: apply the new policy at once;
 * - messages from the options page (PACKS_MESSAGE) and content scripts (ENSURE_ACTIVE).
 */
import { ACTIVE_KEY, ENSURE_ACTIVE, type ActiveState } from '../shared/active-packs';
import { builtinPacks } from './builtins';
import { createPackService, handlePacksRequest, PACKS_MESSAGE, RETRY_ALARM, SYNC_ALARM, type PacksRequest } from './service';

export { builtinPacks };

type Sender = { id?: string };

export function registerPackSync(): void {
  const service = createPackService({ builtins: builtinPacks });
  browser.runtime.onInstalled.addListener(() => void service.init({ refresh: true }));
  browser.runtime.onStartup.addListener(() => void service.init({ refresh: true }));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM || alarm.name === RETRY_ALARM) void service.refresh();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') void service.publish();
    // Anything that adds a rule to rc.active's disabledRules directly (older content scripts did;
    // the card now sends setRuleEnabled) is adopted into the settings so the next publish keeps it.
    const ch = area === 'local' ? changes[ACTIVE_KEY] : undefined;
    if (ch) {
      const before = new Set(((ch.oldValue as ActiveState | undefined)?.disabledRules ?? []) as string[]);
      const added = (((ch.newValue as ActiveState | undefined)?.disabledRules ?? []) as string[]).filter((id) => !before.has(id));
      if (added.length) void service.adoptDisabledRules(added);
    }
  });
  // Synchronous listener that claims only its own messages (stack-notes: async listeners claim all).
  browser.runtime.onMessage.addListener(((msg: unknown, sender: Sender, sendResponse: (r: unknown) => void) => {
    if (sender.id !== undefined && sender.id !== browser.runtime.id) return undefined;
    const type = (msg as { type?: unknown } | null)?.type;
    if (type === ENSURE_ACTIVE) {
      service.publish().then(() => sendResponse(true), () => sendResponse(false));
      return true;
    }
    if (type === PACKS_MESSAGE) {
      handlePacksRequest(service, msg as PacksRequest).then(sendResponse, (e: unknown) =>
        sendResponse({ ok: false, message: (e as Error)?.message ?? String(e) }),
      );
      return true;
    }
    return undefined;
  }) as never);
  // A service worker woken for any other reason still publishes (first run after update, etc.).
  void service.publish();
}
