import { useEffect, useState } from 'preact/hooks';
import type { UiLang } from '@/lib/engine/types';
import { INTL_LOCALE, readUiLangPref, t, tn, type UiLangPref } from '@/lib/i18n';
import { ACTIVE_KEY } from '@/lib/shared/active-packs';
import { SITE_MSG, SITES_KEY, type SiteRequest, type SiteResult } from '@/lib/sites/contract';
import { loadModel, setPausedUntil, tomorrow, type PopupModel } from './model';
import { LanguageSelect } from '@/lib/ui/language-select';

function Lock() {
  return (
    <span class="lock" title={t('common.locked')} aria-label={t('common.locked')}>
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" fill="currentColor" />
      </svg>
      {t('common.lockedShort')}
    </span>
  );
}

export function Popup({ lang }: { lang: UiLang }) {
  const [m, setM] = useState<PopupModel | null>(null);
  const [pref, setPref] = useState<UiLangPref>('auto');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());

  const refresh = () => loadModel().then((x) => {
    setM(x);
    setNow(Date.now());
  });

  useEffect(() => {
    void refresh();
    void readUiLangPref().then(setPref);
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (ACTIVE_KEY in changes || SITES_KEY in changes)) void refresh();
    };
    browser.storage.onChanged.addListener(onChange);
    // The count changes while the agent types in the page.
    const timer = setInterval(() => void refresh(), 1500);
    return () => {
      browser.storage.onChanged.removeListener(onChange);
      clearInterval(timer);
    };
  }, []);

  if (!m) return <main class="popup" aria-busy="true" />;

  const fmtTime = (ms: number) =>
    new Intl.DateTimeFormat(INTL_LOCALE[lang], { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);
  const paused = (m.active?.pausedUntil ?? 0) > now;

  const send = async (op: SiteRequest['op']) => {
    const r = (await browser.runtime.sendMessage({ type: SITE_MSG, op, url: m.tab!.url!, tabId: m.tab!.id } satisfies SiteRequest)) as SiteResult | undefined;
    if (!r?.ok) setNote(t('popup.site.failed', [r && !r.ok ? r.message : '?']));
    else setNote(null);
    await refresh();
  };

  const toggleSite = () => {
    const site = m.site;
    if (!site || site.policy || busy) return;
    setBusy(true);
    setNote(null);
    if (site.on) {
      void send('disable').finally(() => setBusy(false));
      return;
    }
    // The permission prompt must come straight from the click: no await before this call.
    const asked = site.builtin || site.granted ? Promise.resolve(true) : browser.permissions.request({ origins: [site.pattern] });
    void asked
      .then((ok) => (ok ? send('enable') : setNote(t('popup.site.denied'))))
      .catch((e: unknown) => setNote(t('popup.site.failed', [String((e as Error)?.message ?? e)])))
      .finally(() => setBusy(false));
  };


  const openStats = () => void browser.tabs.create({ url: browser.runtime.getURL('/stats.html') });
  const openOptions = () => void browser.runtime.openOptionsPage().catch(() => undefined);

  return (
    <main class="popup">
      <header>
        <img src="/icon/32.png" width="20" height="20" alt="" />
        <h1>{t('ext.name')}</h1>
        <LanguageSelect pref={pref} onChange={setPref} />
      </header>

      <section aria-labelledby="site-h" data-testid="site">
        <h2 id="site-h">{t('popup.site.heading')}</h2>
        {m.site ? (
          <div class="site">
            <div class="row">
              <span class="host" title={m.site.host}>{m.site.host}</span>
              <button
                type="button"
                role="switch"
                aria-checked={m.site.on}
                aria-label={m.site.on ? t('popup.site.turnOff') : t('popup.site.turnOn')}
                class={`switch ${m.site.on ? 'on' : ''}`}
                disabled={busy || m.site.policy}
                onClick={toggleSite}
                data-testid="site-toggle"
              >
                <span class="knob" />
              </button>
            </div>
            <p class={`state ${m.site.on ? 'ok' : 'muted'}`} data-testid="site-state">
              {m.site.on ? t('popup.site.on') : t('popup.site.off')} {m.site.policy && <Lock />}
            </p>
          </div>
        ) : (
          <p class="muted">{t('popup.site.noSite')}</p>
        )}
        {note && <p class="note" role="status">{note}</p>}
      </section>

      <section aria-labelledby="find-h">
        <h2 id="find-h">{t('popup.findings.heading')}</h2>
        <p class={m.count?.focused ? 'count' : 'muted'} data-testid="count">
          {m.count?.focused ? tn('popup.findings.count', m.count.count) : t('popup.findings.none')}
        </p>
      </section>

      <section aria-labelledby="pause-h" data-testid="pause">
        <h2 id="pause-h">{t('popup.pause.heading')}</h2>
        {paused ? (
          <div class="row">
            <span class="paused" data-testid="paused">{t('popup.pause.pausedUntil', [fmtTime(m.active!.pausedUntil)])}</span>
            <button type="button" onClick={() => void setPausedUntil(0)}>{t('popup.pause.resume')}</button>
          </div>
        ) : (
          <div class="row buttons">
            <button type="button" disabled={!m.active} onClick={() => void setPausedUntil(Date.now() + 3600_000)} data-testid="pause-hour">
              {t('popup.pause.hour')}
            </button>
            <button type="button" disabled={!m.active} onClick={() => void setPausedUntil(tomorrow())} data-testid="pause-tomorrow">
              {t('popup.pause.tomorrow')}
            </button>
          </div>
        )}
      </section>

      <section aria-labelledby="packs-h">
        <h2 id="packs-h">
          {t('popup.packs.heading')} {m.locked && <Lock />}
        </h2>
        {m.packs.length ? (
          <ul class="packs" data-testid="packs">
            {m.packs.map((p) => (
              <li key={p.id}>
                <span class="pack-name">{p.name}</span>
                <span class="muted small">
                  {t('popup.packs.rules', [p.rules])} · v{p.version}
                </span>
                {p.locked && <Lock />}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('popup.packs.empty')}</p>
        )}
      </section>

      <footer>
        <button type="button" class="link" onClick={openStats} data-testid="open-stats">{t('popup.stats')}</button>
        <button type="button" class="link" onClick={openOptions}>{t('popup.options')}</button>
      </footer>
    </main>
  );
}
