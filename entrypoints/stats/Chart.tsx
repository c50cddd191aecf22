/** Last-30-days chart in plain SVG: per day, findings (left) and rewrites applied (right), stacked by category. */
import { CATEGORIES, type Category } from '@/lib/engine/types';
import type { DayPoint } from '@/lib/stats/aggregate';
import { categoryLabel, t } from '@/lib/i18n';

/** One colour per category (colour-blind-friendly order first). */
export const CATEGORY_COLORS: Record<Category, string> = {
  refusal: '#4e79a7',
  contrast: '#f28e2b',
  'blame-shifting': '#e15759',
  'blaming-customer': '#76b7b2',
  absolute: '#59a14f',
  'not-knowing': '#edc948',
  dismissive: '#b07aa1',
  confrontational: '#ff9da7',
  commanding: '#9c755f',
  hedging: '#bab0ac',
  'informal-address': '#6b6ecf',
};

/** A round axis maximum with four equal integer steps. */
function niceMax(v: number): number {
  const raw = Math.max(1, Math.ceil(v / 4));
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  return step * 4;
}

export function Chart({ series, dateLabel }: { series: DayPoint[]; dateLabel: (day: string) => string }) {
  const W = 760;
  const H = 260;
  const pad = { l: 36, r: 24, t: 10, b: 28 };
  const plotW = W - pad.l - pad.r;
  const plotH = H - pad.t - pad.b;
  const max = niceMax(Math.max(1, ...series.map((p) => Math.max(p.total[0], p.total[1]))));
  const slot = plotW / series.length;
  const bar = Math.max(3, Math.min(9, slot / 2 - 3));
  const y = (v: number) => pad.t + plotH - (v / max) * plotH;
  const ticks = [0, 1, 2, 3, 4].map((k) => (k * max) / 4);
  const used = CATEGORIES.filter((c) => series.some((p) => p.byCategory[c][0] + p.byCategory[c][1] > 0));

  const stack = (p: DayPoint, idx: 0 | 1, x: number) => {
    let acc = 0;
    return CATEGORIES.map((c) => {
      const v = p.byCategory[c][idx];
      if (!v) return null;
      const y0 = y(acc);
      acc += v;
      const y1 = y(acc);
      return (
        <rect key={c + idx} x={x} y={y1} width={bar} height={Math.max(0.5, y0 - y1)} fill={CATEGORY_COLORS[c]} opacity={idx === 1 ? 1 : 0.38}>
          <title>{`${dateLabel(p.day)} · ${categoryLabel(c)} · ${idx === 0 ? t('stats.chart.shown') : t('stats.chart.applied')}: ${v}`}</title>
        </rect>
      );
    });
  };

  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('stats.chart.title')} data-testid="chart">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} stroke={v === 0 ? '#8c959f' : '#e5e9ed'} />
            <text x={pad.l - 6} y={y(v) + 4} text-anchor="end" class="tick">
              {v}
            </text>
          </g>
        ))}
        {series.map((p, i) => {
          const x0 = pad.l + i * slot + (slot - 2 * bar - 1) / 2;
          const label = i % 5 === 4 || i === 0 ? dateLabel(p.day) : null;
          return (
            <g key={p.day} data-day={p.day}>
              {stack(p, 0, x0)}
              {stack(p, 1, x0 + bar + 1)}
              {label && (
                <text x={pad.l + i * slot + slot / 2} y={H - 8} text-anchor="middle" class="tick">
                  {label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          <li>
            <span class="swatch" style={{ background: '#8c959f', opacity: 0.38 }} />
            {t('stats.chart.shown')}
          </li>
          <li class="sep">
            <span class="swatch" style={{ background: '#8c959f' }} />
            {t('stats.chart.applied')}
          </li>
          {used.map((c) => (
            <li key={c}>
              <span class="swatch" style={{ background: CATEGORY_COLORS[c] }} />
              {categoryLabel(c)}
            </li>
          ))}
        </ul>
        <p class="muted small">{t('stats.chart.legend')}</p>
      </figcaption>
    </figure>
  );
}
