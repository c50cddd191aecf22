import { BUILTIN_PACK_DATA } from '@/lib/shared/builtin-packs';
import { ACTIVE_KEY, ENSURE_ACTIVE, type ActiveState } from '@/lib/shared/active-packs';
import { validatePack } from '@/lib/packs/validate';
import type { Pack } from '@/lib/engine/types';

// Minimal background: publishes the built-in packs as the active state. The pack-sync issue
// replaces this with stored/URL/policy packs.
async function publishBuiltins(): Promise<void> {
  const packs: Pack[] = [];
  for (const raw of BUILTIN_PACK_DATA) {
    const r = validatePack(raw, { examples: false });
    if (r.ok) packs.push(r.pack);
    else console.error('[ReplyCoach] built-in pack invalid', r.problems);
  }
  const prev = (await browser.storage.local.get(ACTIVE_KEY))[ACTIVE_KEY] as ActiveState | undefined;
  const state: ActiveState = {
    revision: (prev?.revision ?? 0) + 1,
    packs,
    disabledRules: prev?.disabledRules ?? [],
    pausedUntil: prev?.pausedUntil ?? 0,
    uiLang: prev?.uiLang ?? (browser.i18n.getUILanguage().startsWith('zh') ? 'zh' : 'en'),
  };
  await browser.storage.local.set({ [ACTIVE_KEY]: state });
}

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(() => void publishBuiltins());
  browser.runtime.onStartup.addListener(() => void publishBuiltins());
  browser.runtime.onMessage.addListener((msg: unknown, _sender, sendResponse) => {
    if ((msg as { type?: string })?.type !== ENSURE_ACTIVE) return undefined;
    publishBuiltins().then(() => sendResponse(true));
    return true;
  });
});
