import { useEffect, useState } from 'preact/hooks';
import { CATEGORIES, type Rule, type UiLang } from '@/lib/engine/types';
import { categoryLabel, categorySaid, INTL_LOCALE, t } from '@/lib/i18n';
import { ACTIVE_KEY, type ActiveState } from '@/lib/shared/active-packs';
import {
  acceptanceRate,
  dailySeries,
  lastDays,
  STATS_KEY,
  toCsv,
  topRules,
  totals,
  weeklySummary,
  type Counts,
  type StatsData,
} from '@/lib/stats/aggregate';
import { STATS_CLEAR_MSG } from '@/lib/stats/messages';
import { readStats } from '@/lib/stats/store';
import { Chart, CATEGORY_COLORS } from './Chart';

export function StatsPage({ lang }: { lang: UiLang }) {
  const [data, setData] = useState<StatsData | null>(null);
  const [rules, setRules] = useState<Map<string, Rule>>(new Map());
  const [note, setNote] = useState<string | null>(null);
  const now = Date.now();

  useEffect(() => {
    const load = async () => {
      setData(await readStats());
      const active = (await browser.storage.local.get(ACTIVE_KEY))[ACTIVE_KEY] as ActiveState | undefined;
      setRules(new Map((active?.packs ?? []).flatMap((p) => p.rules.map((r) => [r.id, r] as const))));
    };
    void load();
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (STATS_KEY in changes || ACTIVE_KEY in changes)) void load();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);

  if (!data) return <main class="stats" aria-busy="true" />;

  const nf = new Intl.NumberFormat(INTL_LOCALE[lang]);
  const pct = (r: number | null) => (r === null ? '–' : new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 }).format(r));
  const dateLabel = (day: string) => {
    const [, m, d] = day.split('-').map(Number);
    return lang === 'zh' ? `${m}月${d}日` : new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' }).format(new Date(2000, m! - 1, d));
  };

  const series = dailySeries(data, now, 30);
  const month = totals(data, lastDays(now, 30));
  const top = topRules(data, now, 30, 10);
  const week = weeklySummary(data, now);
  const empty = month.total[0] + month.total[1] + month.total[2] === 0;

  const summary = (() => {
    if (!week.category) return t('stats.summary.none');
    const said = categorySaid(week.category);
    if (week.less > 0) return t('stats.summary.less', [said, nf.format(week.less)]);
    if (week.less < 0) return t('stats.summary.more', [said, nf.format(-week.less)]);
    return t('stats.summary.same', [said, nf.format(week.thisWeek)]);
  })();

  const ruleText = (id: string) => {
    const r = rules.get(id);
    return r ? r.message[lang] : null;
  };

  const exportCsv = () => {
    const blob = new Blob(['\ufeff' + toCsv(data)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `replycoach-stats-${lastDays(now, 1)[0]}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const clear = async () => {
    if (!confirm(t('stats.clearConfirm'))) return;
    await browser.runtime.sendMessage({ type: STATS_CLEAR_MSG });
    setData(await readStats());
    setNote(t('stats.cleared'));
  };

  const row = (label: preact.ComponentChild, n: Counts, key: string) => (
    <tr key={key}>
      <td>{label}</td>
      <td class="num">{nf.format(n[0])}</td>
      <td class="num">{nf.format(n[1])}</td>
      <td class="num">{nf.format(n[2])}</td>
      <td class="num">{pct(acceptanceRate(n))}</td>
    </tr>
  );
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" class="num">{t('stats.col.shown')}</th>
        <th scope="col" class="num">{t('stats.col.applied')}</th>
        <th scope="col" class="num">{t('stats.col.ignored')}</th>
        <th scope="col" class="num">{t('stats.col.rate')}</th>
      </tr>
    </thead>
  );

  return (
    <main class="stats">
      <header class="top">
        <img src="/icon/48.png" width="32" height="32" alt="" />
        <div>
          <h1>{t('stats.heading')}</h1>
          <p class="muted">{t('stats.localOnly')}</p>
        </div>
        <div class="actions">
          <button type="button" onClick={exportCsv} data-testid="export">{t('stats.exportCsv')}</button>
          <button type="button" class="danger" onClick={() => void clear()} data-testid="clear">{t('stats.clear')}</button>
        </div>
      </header>
      {note && <p class="note" role="status">{note}</p>}

      <section class="summary" aria-labelledby="sum-h">
        <h2 id="sum-h">{t('stats.summary.heading')}</h2>
        <p class="headline" data-testid="summary">{summary}</p>
        {week.week[0] > 0 && <p class="muted">{t('stats.summary.accepted', [nf.format(week.week[1]), nf.format(week.week[0])])}</p>}
      </section>

      <section class="cards" aria-label={t('stats.range')}>
        <div class="card"><span class="label">{t('stats.totals.shown')}</span><span class="big" data-testid="total-shown">{nf.format(month.total[0])}</span></div>
        <div class="card"><span class="label">{t('stats.totals.applied')}</span><span class="big" data-testid="total-applied">{nf.format(month.total[1])}</span></div>
        <div class="card"><span class="label">{t('stats.totals.ignored')}</span><span class="big">{nf.format(month.total[2])}</span></div>
        <div class="card"><span class="label">{t('stats.totals.acceptance')}</span><span class="big" data-testid="acceptance">{pct(acceptanceRate(month.total))}</span><span class="muted small">{t('stats.totals.acceptanceHint')}</span></div>
      </section>

      <section aria-labelledby="chart-h">
        <h2 id="chart-h">{t('stats.chart.title')} <span class="muted small">· {t('stats.range')}</span></h2>
        {empty ? <p class="muted empty">{t('stats.chart.empty')}</p> : <Chart series={series} dateLabel={dateLabel} />}
      </section>

      {!empty && (
        <div class="tables">
          <section aria-labelledby="cat-h">
            <h2 id="cat-h">{t('stats.byCategory')}</h2>
            <table data-testid="by-category">
              {head(t('stats.col.category'))}
              <tbody>
                {CATEGORIES.filter((c) => month.byCategory[c].some((v) => v > 0)).map((c) =>
                  row(
                    <span class="cat">
                      <span class="swatch" style={{ background: CATEGORY_COLORS[c] }} />
                      {categoryLabel(c)}
                    </span>,
                    month.byCategory[c],
                    c,
                  ),
                )}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="rules-h">
            <h2 id="rules-h">{t('stats.topRules')}</h2>
            <table data-testid="top-rules">
              {head(t('stats.col.rule'))}
              <tbody>
                {top.map((r) =>
                  row(
                    <span class="rule">
                      <span>{ruleText(r.ruleId) ?? r.ruleId}</span>
                      <span class="muted small">
                        {categoryLabel(r.category)} · <code>{r.ruleId}</code>
                      </span>
                    </span>,
                    r.n,
                    r.ruleId,
                  ),
                )}
              </tbody>
            </table>
          </section>
        </div>
      )}

      <footer class="muted small">{t('stats.retention')}</footer>
    </main>
  );
}
