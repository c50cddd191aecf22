/** The UI-language control shared by the popup and the options page (follow browser / 中文 / English). */
import { setUiLangPref, t, type UiLangPref } from '@/lib/i18n';

export function LanguageSelect({ pref, onChange, visibleLabel }: { pref: UiLangPref; onChange: (p: UiLangPref) => void; visibleLabel?: boolean }) {
  const choose = (v: string) => {
    onChange(v as UiLangPref);
    void setUiLangPref(v as UiLangPref); // the page's main.tsx re-renders in the new language
  };
  return (
    <label class="lang">
      {visibleLabel ? <>{t('lang.label')} </> : <span class="sr">{t('lang.label')}</span>}
      <select value={pref} onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value)} aria-label={t('lang.label')} data-testid="lang">
        <option value="auto">{t('lang.auto')}</option>
        <option value="zh">{t('lang.zh')}</option>
        <option value="en">{t('lang.en')}</option>
      </select>
    </label>
  );
}
