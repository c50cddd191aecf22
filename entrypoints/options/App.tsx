import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { lint, matcherFor, type Finding, type Rule } from '@/lib/engine';
import type { Problem } from '@/lib/packs/path';
import type { Severity, UiLang } from '@/lib/engine/types';
import { INTL_LOCALE, readUiLangPref, t, tn, type UiLangPref } from '@/lib/i18n';
import { packsForHost } from '@/lib/shared/sites';
import type { PackView } from '@/lib/sync/active';
import type { PackEntry } from '@/lib/sync/store';
import { CATEGORY_LABEL } from '@/lib/ui/strings';
import { LanguageSelect } from '@/lib/ui/language-select';
import { loadSnapshot, requestHostFor, send, type Snapshot } from './api';

/** `text` is called at render time, so a notice follows a language switch. */
type Notice = { kind: 'ok' | 'error'; text: () => string; problems?: Problem[]; file?: string } | null;

/** The page in `lang`, which main.tsx resolved with lib/i18n (t() answers in it). */
export function App({ lang }: { lang: UiLang }) {
  const [snap, setSnap] = useState<Snapshot | null>(null);
  const [pref, setPref] = useState<UiLangPref>('auto');
  // The language control shows the stored choice ('auto' included), which the popup can change too.
  const reload = () => Promise.all([loadSnapshot().then(setSnap), readUiLangPref().then(setPref)]);
  useEffect(() => {
    void reload();
    const onChange = (_c: unknown, area: string) => {
      if (area === 'local' || area === 'managed') void reload();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);
  if (!snap) return null;
  const p = snap.policy;
  const managed = p.packUrls.length || p.inlinePacks.length || p.disabledRules.length || p.sites.length || p.lock;
  return (
    <main>
      <header>
        <div>
          <h1>{t('options.title')}</h1>
          <p class="muted">{t('options.subtitle')}</p>
        </div>
        <LanguageSelect pref={pref} onChange={setPref} visibleLabel />
      </header>
      {managed ? (
        <div class="banner" data-testid="managed">
          <Lock /> {p.lock ? t('options.managedLocked') : t('options.managed')}
        </div>
      ) : null}
      {p.problems.length ? <ProblemBox title={t('options.policyProblems')} lines={p.problems} /> : null}
      {snap.storageProblems.length ? <ProblemBox title={t('options.storageProblems')} lines={snap.storageProblems.slice(-3).map((x) => x.message)} /> : null}
      <section>
        <h2>{t('options.packs')}</h2>
        <div class="packs">
          {snap.views.map((v) => (
            <PackCard key={`${v.origin}:${v.key ?? v.pack.id}`} view={v} entry={v.key ? snap.entries.get(v.key) : undefined} snap={snap} lang={lang} />
          ))}
        </div>
      </section>
      <AddPack />
      <TryIt snap={snap} lang={lang} />
      <SettingsIO snap={snap} />
    </main>
  );
}

/** Inline icon (emoji fonts are not everywhere). */
function Lock() {
  return (
    <svg class="lock" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M4 7V5a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
    </svg>
  );
}

function ProblemBox({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div class="problems">
      <strong>{title}</strong>
      <ul>
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

function ProblemList({ problems, file }: { problems: Problem[]; file?: string }) {
  return (
    <ul class="problem-list" data-testid="problems">
      {problems.map((p, i) => (
        <li key={i}>
          <code>
            {[file, p.line !== undefined ? `${p.line}:${p.column ?? 1}` : undefined].filter(Boolean).join(':')}
            {file || p.line !== undefined ? ' ' : ''}
            {p.path}
          </code>{' '}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

function severityLabel(severity: Severity | string): string {
  return severity === 'error' || severity === 'warning' || severity === 'info' ? t(`options.severity.${severity}`) : severity;
}

/** "3 min ago" / "3 分钟前". */
function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return t('options.ago.now');
  if (s < 3600) return t('options.ago.minutes', [Math.round(s / 60)]);
  if (s < 86400) return t('options.ago.hours', [Math.round(s / 3600)]);
  return t('options.ago.days', [Math.round(s / 86400)]);
}

function fmtTime(at: number | undefined, lang: UiLang): string {
  if (!at) return t('options.never');
  return `${new Date(at).toLocaleString(INTL_LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' })} (${ago(Date.now() - at)})`;
}

function PackCard({ view, entry, snap, lang }: { view: PackView; entry?: PackEntry; snap: Snapshot; lang: UiLang }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const pack = view.pack;
  const originLabel = t(`options.origin.${view.origin}`);
  const toggle = async () => {
    setBusy(true);
    await send({ op: 'setPackEnabled', packId: pack.id, enabled: !view.enabled });
    setBusy(false);
  };
  return (
    <article class={`pack ${view.enabled && !view.shadowedBy ? '' : 'off'}`} data-pack={pack.id} data-testid="pack">
      <div class="pack-head">
        <div class="pack-title">
          <h3>{pack.name}</h3>
          <span class={`badge ${view.origin}`}>{originLabel}</span>
          {view.locked ? (
            <span class="badge locked" data-testid="locked">
              <Lock /> {t('options.locked')}
            </span>
          ) : null}
        </div>
        <label class="switch" title={view.locked ? t('options.locked') : t('options.enabled')}>
          <input type="checkbox" checked={view.enabled} disabled={view.locked || busy} onChange={toggle} data-testid="pack-toggle" />
          <span>{t('options.enabled')}</span>
        </label>
      </div>
      <div class="meta">
        <code>{pack.id}</code> · {t('options.version')} {pack.version} · {tn('options.rules', pack.rules.length)}
        {pack.phrases?.length ? ` · ${tn('options.phrases', pack.phrases.length)}` : ''}
        {pack.sites?.length ? ` · ${t('options.sites')}: ${pack.sites.join(', ')}` : ''}
      </div>
      {pack.description ? <p class="desc">{pack.description}</p> : null}
      {pack.changelog ? <p class="desc muted">{pack.changelog}</p> : null}
      {entry?.url ? (
        <div class="meta">
          {t('options.source')}: <code class="url">{entry.url}</code>
        </div>
      ) : entry?.fileName ? (
        <div class="meta">
          {t('options.source')}: <code>{entry.fileName}</code>
        </div>
      ) : null}
      {entry ? (
        <div class="meta">
          {t('options.lastUpdate')}: {fmtTime(entry.lastUpdate, lang)}
          {entry.url ? ` · ${t('options.lastSuccess')}: ${fmtTime(entry.lastSuccess, lang)}` : ''}
        </div>
      ) : null}
      {entry?.lastError ? (
        <div class="error" data-testid="pack-error">
          {t('options.lastError')} ({fmtTime(entry.lastError.at, lang)}): {entry.lastError.message}
          {entry.lastError.problems ? <ProblemList problems={entry.lastError.problems} /> : null}
        </div>
      ) : null}
      {view.shadowedBy ? <div class="error">{t('options.shadowed')}</div> : null}
      {pack.overrides?.length ? (
        <div class="meta">
          {t('options.overrides')}:{' '}
          {pack.overrides.map((o, i) => (
            <span key={i} class="chip">
              <code>{o.rule}</code> {o.enabled === false ? t('options.overrideOff') : ''}
              {o.severity ? t('options.overrideSeverity', [severityLabel(o.severity)]) : ''}
            </span>
          ))}
        </div>
      ) : null}
      <div class="actions">
        {pack.rules.length ? (
          <button type="button" class="link" onClick={() => setOpen(!open)}>
            {open ? t('options.hideRules') : t('options.showRules')}
          </button>
        ) : null}
        {entry?.url ? (
          <button type="button" onClick={() => void send({ op: 'refresh', key: entry.key })}>
            {t('options.refresh')}
          </button>
        ) : null}
        {entry && entry.source !== 'policy' ? (
          <button type="button" class="danger" onClick={() => void send({ op: 'remove', key: entry.key })}>
            {t('options.remove')}
          </button>
        ) : null}
      </div>
      {open ? (
        <ul class="rules">
          {pack.rules.map((r) => (
            <RuleRow key={r.id} rule={r} snap={snap} lang={lang} packLocked={view.locked} />
          ))}
        </ul>
      ) : null}
    </article>
  );
}

function RuleRow({ rule, snap, lang, packLocked }: { rule: Rule; snap: Snapshot; lang: UiLang; packLocked: boolean }) {
  const [open, setOpen] = useState(false);
  const disabled = (snap.active?.disabledRules ?? snap.settings.disabledRules).includes(rule.id) || rule.enabled === false;
  const locked = snap.lockedRules.has(rule.id) || packLocked;
  return (
    <li class={`rule ${disabled ? 'off' : ''}`} data-rule={rule.id}>
      <div class="rule-head">
        <input
          type="checkbox"
          checked={!disabled}
          disabled={locked}
          title={locked ? t('options.locked') : t('options.enabled')}
          onChange={() => void send({ op: 'setRuleEnabled', ruleId: rule.id, enabled: disabled })}
          data-testid="rule-toggle"
        />
        <span class={`sev ${rule.severity}`}>{severityLabel(rule.severity)}</span>
        <span class="cat">{CATEGORY_LABEL[rule.category]?.[lang] ?? rule.category}</span>
        <span class="msg" data-testid="rule-message">
          {rule.message[lang]}
        </span>
        {locked ? (
          <span title={t('options.locked')}>
            <Lock />
          </span>
        ) : null}
        <button type="button" class="link" onClick={() => setOpen(!open)}>
          {t('options.details')}
        </button>
      </div>
      {open ? (
        <div class="rule-details">
          <div>
            <code>{rule.id}</code>
            {rule.source ? <span class="muted"> · {rule.source}</span> : null}
          </div>
          <div>
            <b>{t('options.why')}:</b> {rule.why[lang]}
          </div>
          {rule.match ? (
            <div>
              <b>{t('options.matches')}:</b>{' '}
              {rule.match.map((m, i) => (
                <span key={i} class="chip">
                  {m}
                </span>
              ))}
            </div>
          ) : (
            <div>
              <b>{t('options.pattern')}:</b> <code>{rule.pattern}</code>
            </div>
          )}
          {rule.suggestions?.length ? (
            <div>
              <b>{t('options.suggestions')}:</b> {rule.suggestions.join(' / ')}
            </div>
          ) : null}
          {rule.examples?.flag?.length ? (
            <div>
              <b>{t('options.examplesFlag')}:</b>
              <ul class="examples">
                {rule.examples.flag.map((ex, i) => (
                  <li key={i}>
                    <Example text={ex} />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {rule.examples?.pass?.length ? (
            <div>
              <b>{t('options.examplesPass')}:</b>
              <ul class="examples pass">
                {rule.examples.pass.map((ex, i) => (
                  <li key={i}>{ex}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** "我[[不能]]退款" → text with the marked span highlighted (as text, never HTML). */
function Example({ text }: { text: string }) {
  const open = text.indexOf('[[');
  const close = text.indexOf(']]', open + 2);
  if (open < 0 || close < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, open)}
      <mark>{text.slice(open + 2, close)}</mark>
      {text.slice(close + 2)}
    </>
  );
}

function readFile(file: File): Promise<string> {
  return file.text();
}

function AddPack() {
  const [notice, setNotice] = useState<Notice>(null);
  const [url, setUrl] = useState('');
  const [drag, setDrag] = useState(false);
  const [busy, setBusy] = useState(false);
  const importFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    for (const f of Array.from(files)) {
      const text = await readFile(f);
      const r = await send<{ packId: string }>({ op: 'importText', text, fileName: f.name });
      if (r.ok) setNotice({ kind: 'ok', text: () => t('options.imported', [r.packId]) });
      else {
        setNotice({ kind: 'error', text: () => `${t('options.nothingImported')} ${r.message}`, problems: r.problems, file: f.name });
        return;
      }
    }
  };
  const subscribe = async (e: Event) => {
    e.preventDefault();
    const target = url.trim();
    if (!target) return;
    setBusy(true);
    await requestHostFor(target); // inside the click: the permission prompt needs the gesture
    const r = await send<{ packId: string }>({ op: 'subscribe', url: target });
    setBusy(false);
    if (r.ok) {
      setNotice({ kind: 'ok', text: () => t('options.subscribed', [r.packId]) });
      setUrl('');
    } else setNotice({ kind: 'error', text: () => `${t('options.nothingImported')} ${r.message}`, problems: r.problems, file: target });
  };
  return (
    <section>
      <h2>{t('options.add')}</h2>
      <div class="add-grid">
        <div
          class={`drop ${drag ? 'drag' : ''}`}
          data-testid="dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setDrag(true);
          }}
          onDragLeave={() => setDrag(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDrag(false);
            void importFiles(e.dataTransfer?.files ?? null);
          }}
        >
          <div>
            <b>{t('options.importFile')}</b>
          </div>
          <label class="button">
            {t('options.chooseFile')}
            <input
              type="file"
              accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
              data-testid="import-file"
              hidden
              onChange={(e) => {
                const input = e.currentTarget as HTMLInputElement;
                void importFiles(input.files).then(() => (input.value = ''));
              }}
            />
          </label>
          <div class="muted">{t('options.dropHere')}</div>
        </div>
        <form class="subscribe" onSubmit={subscribe}>
          <b>{t('options.subscribeUrl')}</b>
          <div class="row">
            <input
              type="url"
              required
              placeholder={t('options.urlPlaceholder')}
              value={url}
              onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
              data-testid="subscribe-url"
            />
            <button type="submit" disabled={busy} data-testid="subscribe">
              {t('options.subscribe')}
            </button>
          </div>
        </form>
      </div>
      {notice ? (
        <div class={notice.kind === 'ok' ? 'ok' : 'error'} data-testid="notice">
          {notice.text()}
          {notice.problems?.length ? <ProblemList problems={notice.problems} file={notice.file} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function TryIt({ snap, lang }: { snap: Snapshot; lang: UiLang }) {
  const [text, setText] = useState('');
  const [host, setHost] = useState('');
  const active = snap.active;
  // Exactly what the content script does: the active packs (for this host), the same engine call.
  const findings: Finding[] = useMemo(() => {
    if (!active || !text.trim()) return [];
    const packs = packsForHost(active.packs, host.trim() || undefined);
    return lint(text, matcherFor(packs), { disabledRules: active.disabledRules });
  }, [active, text, host]);
  return (
    <section>
      <h2>{t('options.tryIt')}</h2>
      <p class="muted">{t('options.tryItHint')}</p>
      <textarea rows={4} placeholder={t('options.tryPlaceholder')} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} data-testid="try-text" />
      <label class="site">
        {t('options.siteLabel')}{' '}
        <input value={host} placeholder={t('options.sitePlaceholder')} onInput={(e) => setHost((e.currentTarget as HTMLInputElement).value)} data-testid="try-host" />
      </label>
      {text.trim() ? (
        <div class="try-out">
          <p class="marked">
            <Marked text={text} findings={findings} />
          </p>
          <div class="muted">{findings.length ? tn('options.findings', findings.length) : t('options.noFindings')}</div>
          <ul class="findings" data-testid="findings">
            {findings.map((f, i) => (
              <li key={i} data-rule={f.ruleId}>
                <span class={`sev ${f.severity}`}>{severityLabel(f.severity)}</span> <mark>{f.text}</mark> — <span class="msg">{f.message[lang]}</span>
                {f.suggestions.length ? <span class="muted"> → {f.suggestions.join(' / ')}</span> : null}
                <span class="muted small">
                  {' '}
                  ({CATEGORY_LABEL[f.category]?.[lang] ?? f.category} · <code>{f.ruleId}</code>)
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function Marked({ text, findings }: { text: string; findings: Finding[] }) {
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  findings.forEach((f, i) => {
    if (f.start > at) parts.push(text.slice(at, f.start));
    parts.push(
      <mark key={i} class={f.severity}>
        {text.slice(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function SettingsIO({ snap }: { snap: Snapshot }) {
  const [notice, setNotice] = useState<Notice>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const doExport = async () => {
    const r = await send<{ data: unknown }>({ op: 'exportSettings' });
    if (!r.ok) return setNotice({ kind: 'error', text: () => r.message });
    const blob = new Blob([JSON.stringify(r.data, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `reply-coach-settings-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  const doImport = async (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    let data: unknown;
    try {
      data = JSON.parse(await f.text());
    } catch (e) {
      return setNotice({ kind: 'error', text: () => `${f.name}: ${(e as Error).message}` });
    }
    const r = await send({ op: 'importSettings', data });
    setNotice(r.ok ? { kind: 'ok', text: () => t('options.settingsImported') } : { kind: 'error', text: () => r.message, problems: r.problems, file: f.name });
  };
  const hours = Math.round((snap.policy.checkIntervalMinutes ?? snap.settings.checkIntervalMinutes) / 60);
  return (
    <section>
      <h2>{t('options.settings')}</h2>
      <p class="muted">{t('options.settingsHint')}</p>
      <div class="row">
        <button type="button" onClick={doExport} data-testid="export-settings">
          {t('options.exportSettings')}
        </button>
        <button type="button" onClick={() => fileRef.current?.click()}>
          {t('options.importSettings')}
        </button>
        <input ref={fileRef} type="file" accept=".json,application/json" hidden data-testid="import-settings" onChange={(e) => void doImport((e.currentTarget as HTMLInputElement).files)} />
        <label class="interval">
          {t('options.interval')}{' '}
          <select
            value={String(hours)}
            disabled={snap.policy.checkIntervalMinutes !== undefined}
            onChange={(e) => void send({ op: 'setCheckInterval', minutes: Number((e.currentTarget as HTMLSelectElement).value) * 60 })}
          >
            {[1, 3, 6, 12, 24].map((h) => (
              <option key={h} value={String(h)}>
                {t('options.hours', [h])}
              </option>
            ))}
            {![1, 3, 6, 12, 24].includes(hours) ? <option value={String(hours)}>{t('options.hours', [hours])}</option> : null}
          </select>
        </label>
      </div>
      {notice ? (
        <div class={notice.kind === 'ok' ? 'ok' : 'error'}>
          {notice.text()}
          {notice.problems?.length ? <ProblemList problems={notice.problems} file={notice.file} /> : null}
        </div>
      ) : null}
    </section>
  );
}

