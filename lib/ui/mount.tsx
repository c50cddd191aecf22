/**
 * Mount an extension page in the agent's UI language and render it again when the language
 * choice changes (popup, options, statistics page).
 */
import { render, type VNode } from 'preact';
import { loadUiLang, t, UI_LANG_PREF_KEY, type MsgKey } from '@/lib/i18n';
import type { UiLang } from '@/lib/engine/types';

export function mountInUiLang(titleKey: MsgKey, page: (lang: UiLang) => VNode): void {
  let seq = 0;
  const start = async () => {
    const mine = ++seq;
    const lang = await loadUiLang();
    if (mine !== seq) return; // a newer language choice is loading
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(titleKey);
    render(page(lang), document.getElementById('app')!);
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && UI_LANG_PREF_KEY in changes) void start();
  });
  void start();
}
