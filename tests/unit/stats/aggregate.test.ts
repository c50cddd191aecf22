import { describe, expect, test } from 'vitest';
import {
  acceptanceRate,
  addDays,
  dailySeries,
  dayKey,
  emptyStats,
  migrate,
  prune,
  record,
  RETENTION_DAYS,
  toCsv,
  topRules,
  totals,
  weeklySummary,
  type StatRecord,
  type StatsData,
} from '@/lib/stats/aggregate';

/** Local noon on a calendar day (the stats are per local day). */
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 3, 15);
const but: StatRecord = { event: 'shown', category: 'contrast', ruleId: 'zh.contrast.danshi' };

function many(data: StatsData, ev: StatRecord, times: number, now: number): StatsData {
  for (let i = 0; i < times; i++) data = record(data, ev, now);
  return data;
}

describe('day keys', () => {
  test('local calendar day, zero padded', () => {
    expect(dayKey(at(2026, 3, 5, 0))).toBe('2026-03-05');
    expect(dayKey(at(2026, 3, 5, 23))).toBe('2026-03-05');
  });
  test('addDays crosses months and years', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-15', -179)).toBe('2025-09-17');
  });
});

describe('record', () => {
  test('counts shown / applied / ignored per day and rule, without mutating the input', () => {
    const before = emptyStats();
    let s = record(before, but, NOW);
    s = record(s, { ...but, event: 'applied' }, NOW);
    s = record(s, { ...but, event: 'ignored' }, NOW);
    s = record(s, { event: 'shown', category: 'refusal', ruleId: 'zh.refusal.buneng' }, NOW);
    expect(before.days).toEqual({});
    expect(s.days['2026-03-15']).toEqual({
      'zh.contrast.danshi': { c: 'contrast', n: [1, 1, 1] },
      'zh.refusal.buneng': { c: 'refusal', n: [1, 0, 0] },
    });
  });
  test('stores no text: only day keys, rule ids, categories and numbers', () => {
    const s = record(emptyStats(), but, NOW);
    expect(JSON.stringify(s)).toBe('{"v":1,"days":{"2026-03-15":{"zh.contrast.danshi":{"c":"contrast","n":[1,0,0]}}}}');
  });
});

describe('aggregation', () => {
  const data = (() => {
    let s = emptyStats();
    s = many(s, but, 5, at(2026, 3, 15));
    s = many(s, { ...but, event: 'applied' }, 2, at(2026, 3, 15));
    s = many(s, but, 3, at(2026, 3, 14));
    s = many(s, { event: 'shown', category: 'refusal', ruleId: 'zh.refusal.buneng' }, 4, at(2026, 3, 14));
    s = many(s, { event: 'applied', category: 'refusal', ruleId: 'zh.refusal.buneng' }, 4, at(2026, 3, 14));
    s = many(s, { event: 'shown', category: 'hedging', ruleId: 'en.hedging.maybe' }, 9, at(2026, 1, 1)); // > 30 days ago
    return s;
  })();

  test('dailySeries: 30 zero-filled days ending today, per category', () => {
    const series = dailySeries(data, NOW, 30);
    expect(series).toHaveLength(30);
    expect(series[0]!.day).toBe('2026-02-14');
    expect(series[29]!.day).toBe('2026-03-15');
    expect(series[29]!.byCategory.contrast).toEqual([5, 2, 0]);
    expect(series[28]!.byCategory.refusal).toEqual([4, 4, 0]);
    expect(series[28]!.total).toEqual([7, 4, 0]);
    expect(series[0]!.total).toEqual([0, 0, 0]);
    expect(series.reduce((a, p) => a + p.byCategory.hedging[0], 0)).toBe(0);
  });

  test('totals and top rules over the last 30 days', () => {
    const top = topRules(data, NOW, 30);
    expect(top.map((r) => [r.ruleId, r.n])).toEqual([
      ['zh.contrast.danshi', [8, 2, 0]],
      ['zh.refusal.buneng', [4, 4, 0]],
    ]);
    const all = totals(data, Object.keys(data.days));
    expect(all.total).toEqual([21, 6, 0]);
    expect(all.byCategory.hedging).toEqual([9, 0, 0]);
  });

  test('acceptance rate = applied / shown', () => {
    expect(acceptanceRate([8, 2, 1])).toBe(0.25);
    expect(acceptanceRate([0, 0, 0])).toBeNull();
    expect(acceptanceRate([1, 3, 0])).toBe(1); // applied without a counted "shown" never exceeds 100 %
  });
});

describe('weekly summary', () => {
  test('"this week you said but 12 times less": last 7 days vs the 7 before', () => {
    let s = emptyStats();
    s = many(s, but, 15, at(2026, 3, 3)); // previous week (Mar 2–8)
    s = many(s, but, 3, at(2026, 3, 12)); // this week (Mar 9–15)
    s = many(s, { event: 'shown', category: 'refusal', ruleId: 'r1' }, 2, at(2026, 3, 4));
    s = many(s, { event: 'shown', category: 'refusal', ruleId: 'r1' }, 4, at(2026, 3, 15));
    s = record(s, { ...but, event: 'applied' }, at(2026, 3, 12));
    const w = weeklySummary(s, NOW);
    expect(w).toMatchObject({ category: 'contrast', thisWeek: 3, lastWeek: 15, less: 12 });
    expect(w.week).toEqual([7, 1, 0]);
  });
  test('with no decrease, names the category said most this week', () => {
    let s = emptyStats();
    s = many(s, { event: 'shown', category: 'refusal', ruleId: 'r1' }, 4, at(2026, 3, 15));
    s = many(s, { event: 'shown', category: 'hedging', ruleId: 'r2' }, 1, at(2026, 3, 15));
    expect(weeklySummary(s, NOW)).toMatchObject({ category: 'refusal', thisWeek: 4, lastWeek: 0, less: -4 });
  });
  test('empty', () => {
    expect(weeklySummary(emptyStats(), NOW)).toMatchObject({ category: null, less: 0 });
  });
});

describe('retention', () => {
  test('keeps exactly 180 days including today', () => {
    let s = emptyStats();
    s = record(s, but, at(2025, 9, 16)); // day 181 before Mar 15 2026 counting today as day 1
    s = record(s, but, at(2025, 9, 17)); // day 180
    s = record(s, but, NOW);
    const p = prune(s, NOW);
    expect(Object.keys(p.days).sort()).toEqual(['2025-09-17', '2026-03-15']);
    expect(RETENTION_DAYS).toBe(180);
  });
  test('recording prunes automatically', () => {
    let s = record(emptyStats(), but, at(2025, 1, 1));
    s = record(s, but, NOW);
    expect(Object.keys(s.days)).toEqual(['2026-03-15']);
  });
  test('migrate drops unknown schemas and malformed entries', () => {
    expect(migrate(undefined)).toEqual(emptyStats());
    expect(migrate({ v: 99, days: { '2026-03-15': {} } })).toEqual(emptyStats());
    const m = migrate({
      v: 1,
      days: {
        '2026-03-15': { ok: { c: 'contrast', n: [1, 2, 3] }, bad: { c: 'nope', n: [1, 1, 1] }, neg: { c: 'refusal', n: [-1, 1.5, 'x'] } },
        'not-a-day': { ok: { c: 'contrast', n: [1, 1, 1] } },
      },
    });
    expect(m.days).toEqual({ '2026-03-15': { ok: { c: 'contrast', n: [1, 2, 3] }, neg: { c: 'refusal', n: [0, 1, 0] } } });
  });
});

describe('CSV', () => {
  test('one row per day and rule, with a header', () => {
    let s = record(emptyStats(), but, NOW);
    s = record(s, { event: 'ignored', category: 'refusal', ruleId: 'en.refusal.cant' }, at(2026, 3, 14));
    expect(toCsv(s)).toBe(
      'date,category,rule,shown,applied,ignored\r\n' +
        '2026-03-14,refusal,en.refusal.cant,0,0,1\r\n' +
        '2026-03-15,contrast,zh.contrast.danshi,1,0,0\r\n',
    );
  });
});
