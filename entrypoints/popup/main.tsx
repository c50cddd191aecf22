import { render } from 'preact';
import { loadUiLang, t, UI_LANG_PREF_KEY } from '@/lib/i18n';
import { Popup } from './Popup';

async function start(): Promise<void> {
  const lang = await loadUiLang();
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('ext.name');
  render(<Popup key={lang} lang={lang} />, document.getElementById('app')!);
}

browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && UI_LANG_PREF_KEY in changes) void start();
});
void start();
