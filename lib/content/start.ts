/** Content-script wiring: active packs from storage, site switch, statistics, rc:count, one Coach per document. */
import { ACTIVE_KEY, ENSURE_ACTIVE, PACKS_MESSAGE, type ActiveState } from '../shared/active-packs';
import { COUNT_MSG } from '../shared/count';
import { isHostDisabled, parseSites, SITES_KEY } from '../sites/contract';
import { E2E_MATCHES } from '../sites/hosts';
import { Coach } from './coach';

export function startContent(): void {
  const w = window as Window & { __replyCoach?: Coach };
  if (w.__replyCoach) return; // injected twice (runtime registration + manifest)
  const coach = new Coach(document, {
    stat(event, f) {
      browser.runtime.sendMessage({ type: 'rc:stat', event, category: f.category, ruleId: f.ruleId }).catch(() => {});
    },
    disableRule(ruleId) {
      // The background owns the active state: it records the choice in the agent's settings and
      // republishes (writing rc.active here raced with its own publishes).
      browser.runtime.sendMessage({ type: PACKS_MESSAGE, op: 'setRuleEnabled', ruleId, enabled: false }).catch(() => {});
    },
  });
  w.__replyCoach = coach;
  coach.start();
  const use = (st: ActiveState | undefined) => {
    if (st && Array.isArray(st.packs)) coach.setState({ packs: st.packs, disabledRules: st.disabledRules ?? [], pausedUntil: st.pausedUntil ?? 0, uiLang: st.uiLang === 'zh' ? 'zh' : 'en' });
  };
  const useSites = (raw: unknown) => coach.setIdle(isHostDisabled(parseSites(raw), location.hostname));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (changes[SITES_KEY]) useSites(changes[SITES_KEY].newValue);
    if (changes[ACTIVE_KEY]) use(changes[ACTIVE_KEY].newValue as ActiveState | undefined);
  });
  void browser.storage.local.get([ACTIVE_KEY, SITES_KEY]).then((got) => {
    useSites(got[SITES_KEY]);
    const st = got[ACTIVE_KEY] as ActiveState | undefined;
    if (st) use(st);
    else browser.runtime.sendMessage({ type: ENSURE_ACTIVE }).catch(() => {});
  });
  // Popup → content: findings count (lib/shared/count.ts). Synchronous; other messages ignored.
  browser.runtime.onMessage.addListener(((msg: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    if ((msg as { type?: string })?.type !== COUNT_MSG) return undefined;
    if (window !== window.top && !coach.count().focused) return undefined;
    sendResponse(coach.count());
    return undefined;
  }) as never);
  // e2e debug hook (tests/e2e/packs-helpers.ts coachDebug): the coach's view of the reply boxes,
  // written to a data attribute on request. Only in the RC_E2E build, recognised by the local test
  // hosts it adds to the manifest (lib/sites/hosts.ts addE2eMatches); never in a release build.
  if (isE2eBuild()) {
    document.addEventListener('rc-debug-request', () => {
      document.documentElement.dataset.rcDebug = JSON.stringify(coach.debug());
    });
  }
}

function isE2eBuild(): boolean {
  try {
    return (browser.runtime.getManifest().content_scripts ?? []).some((cs) => cs.matches?.includes(E2E_MATCHES[0]!));
  } catch {
    return false;
  }
}
