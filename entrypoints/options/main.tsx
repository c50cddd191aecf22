import { render } from 'preact';
import { loadUiLang, t, UI_LANG_PREF_KEY } from '@/lib/i18n';
import { App } from './App';

let seq = 0;
async function start(): Promise<void> {
  const mine = ++seq;
  const lang = await loadUiLang();
  if (mine !== seq) return; // a newer language choice is loading
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('options.title');
  // No `key`: the page keeps its state (the try-it text, open rules) and re-renders in `lang`.
  render(<App lang={lang} />, document.getElementById('app')!);
}

browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && UI_LANG_PREF_KEY in changes) void start();
});
void start();
