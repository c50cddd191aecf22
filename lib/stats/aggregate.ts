/**
 * Personal statistics as plain data, and everything computed from it. Pure: no browser APIs, the
 * clock is a parameter. Storage and messaging live in ./store.ts and ./background.ts.
 *
 * What is counted: per local day, per rule (with its category), how many findings were shown,
 * how many rewrites were applied, how many findings were ignored. Never any reply text.
 */
import { CATEGORIES, type Category } from '../engine/types';

export const STATS_KEY = 'rc.stats';
export const STATS_SCHEMA = 1;
export const RETENTION_DAYS = 180;

export const STAT_EVENTS = ['shown', 'applied', 'ignored'] as const;
export type StatEvent = (typeof STAT_EVENTS)[number];

/** [shown, applied, ignored] */
export type Counts = [number, number, number];

export interface RuleDay {
  c: Category;
  n: Counts;
}

export interface StatsData {
  v: typeof STATS_SCHEMA;
  /** Local date "YYYY-MM-DD" → rule id → counts. */
  days: Record<string, Record<string, RuleDay>>;
}

export interface StatRecord {
  event: StatEvent;
  category: Category;
  ruleId: string;
}

const EVENT_INDEX: Record<StatEvent, 0 | 1 | 2> = { shown: 0, applied: 1, ignored: 2 };
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const RULE_RE = /^[\w.:@/-]{1,120}$/;

export function emptyStats(): StatsData {
  return { v: STATS_SCHEMA, days: {} };
}

export function zero(): Counts {
  return [0, 0, 0];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The agent's local calendar day of a timestamp. */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Day key n days after (negative: before) the given one, by the calendar (DST-safe). */
export function addDays(key: string, n: number): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return dayKey(new Date(y, m - 1, d + n, 12).getTime());
}

/** The last `count` day keys ending today, oldest first. */
export function lastDays(now: number, count: number): string[] {
  const today = dayKey(now);
  return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1));
}

export function isCategory(v: unknown): v is Category {
  return typeof v === 'string' && (CATEGORIES as readonly string[]).includes(v);
}

export function isRuleId(v: unknown): v is string {
  return typeof v === 'string' && RULE_RE.test(v);
}

/** Accept stored data of a known schema; anything else becomes empty statistics. */
export function migrate(raw: unknown): StatsData {
  if (!raw || typeof raw !== 'object') return emptyStats();
  const r = raw as { v?: unknown; days?: unknown };
  if (r.v !== STATS_SCHEMA || !r.days || typeof r.days !== 'object') return emptyStats();
  const out = emptyStats();
  for (const [day, rules] of Object.entries(r.days as Record<string, unknown>)) {
    if (!DAY_RE.test(day) || !rules || typeof rules !== 'object') continue;
    const clean: Record<string, RuleDay> = {};
    for (const [id, rd] of Object.entries(rules as Record<string, unknown>)) {
      const x = rd as { c?: unknown; n?: unknown };
      if (!isRuleId(id) || !isCategory(x?.c) || !Array.isArray(x.n) || x.n.length !== 3) continue;
      const n = x.n.map((v) => (Number.isFinite(v) && v > 0 ? Math.floor(v) : 0)) as Counts;
      clean[id] = { c: x.c, n };
    }
    out.days[day] = clean;
  }
  return out;
}

/** Drop days older than the retention window (today counts as day 1). Returns a new object. */
export function prune(data: StatsData, now: number, retentionDays = RETENTION_DAYS): StatsData {
  const oldest = addDays(dayKey(now), -(retentionDays - 1));
  const days: StatsData['days'] = {};
  for (const [k, v] of Object.entries(data.days)) if (k >= oldest) days[k] = v;
  return { v: STATS_SCHEMA, days };
}

/** Count one event on the day of `now`, pruning old days. Returns a new object. */
export function record(data: StatsData, ev: StatRecord, now: number, retentionDays = RETENTION_DAYS): StatsData {
  const out = prune(data, now, retentionDays);
  const key = dayKey(now);
  const day = { ...(out.days[key] ?? {}) };
  const prev = day[ev.ruleId];
  const n: Counts = prev ? [...prev.n] : zero();
  n[EVENT_INDEX[ev.event]] += 1;
  day[ev.ruleId] = { c: ev.category, n };
  out.days[key] = day;
  return out;
}

function add(into: Counts, n: Counts): void {
  into[0] += n[0];
  into[1] += n[1];
  into[2] += n[2];
}

export function emptyByCategory(): Record<Category, Counts> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, zero()])) as Record<Category, Counts>;
}

export interface DayPoint {
  day: string;
  byCategory: Record<Category, Counts>;
  total: Counts;
}

/** One point per day for the last `count` days (oldest first), zero-filled. */
export function dailySeries(data: StatsData, now: number, count = 30): DayPoint[] {
  return lastDays(now, count).map((day) => {
    const byCategory = emptyByCategory();
    const total = zero();
    for (const rd of Object.values(data.days[day] ?? {})) {
      add(byCategory[rd.c], rd.n);
      add(total, rd.n);
    }
    return { day, byCategory, total };
  });
}

export interface RuleTotal {
  ruleId: string;
  category: Category;
  n: Counts;
}

export interface Totals {
  total: Counts;
  byCategory: Record<Category, Counts>;
  byRule: RuleTotal[];
}

/** Sums over the given days. byRule is sorted by shown, then applied, then id. */
export function totals(data: StatsData, days: readonly string[]): Totals {
  const total = zero();
  const byCategory = emptyByCategory();
  const rules = new Map<string, RuleTotal>();
  for (const day of days) {
    for (const [ruleId, rd] of Object.entries(data.days[day] ?? {})) {
      add(total, rd.n);
      add(byCategory[rd.c], rd.n);
      const r = rules.get(ruleId) ?? { ruleId, category: rd.c, n: zero() };
      add(r.n, rd.n);
      rules.set(ruleId, r);
    }
  }
  const byRule = [...rules.values()].sort(
    (a, b) => b.n[0] - a.n[0] || b.n[1] - a.n[1] || a.ruleId.localeCompare(b.ruleId),
  );
  return { total, byCategory, byRule };
}

/** Rules that fired most over the last `days` days. */
export function topRules(data: StatsData, now: number, days = 30, limit = 10): RuleTotal[] {
  return totals(data, lastDays(now, days)).byRule.filter((r) => r.n[0] > 0).slice(0, limit);
}

/** Rewrites applied per finding shown (0…1), or null when nothing was shown. */
export function acceptanceRate(n: Counts): number | null {
  return n[0] > 0 ? Math.min(1, n[1] / n[0]) : null;
}

export interface WeeklySummary {
  /** The category whose findings changed most, preferring decreases; null when both weeks are empty. */
  category: Category | null;
  thisWeek: number;
  lastWeek: number;
  /** lastWeek - thisWeek for that category (positive: said less). */
  less: number;
  /** Totals of this week (last 7 days including today). */
  week: Counts;
}

/** "This week you said 'but' 12 times less": this week = the last 7 days, vs the 7 before. */
export function weeklySummary(data: StatsData, now: number): WeeklySummary {
  const all = lastDays(now, 14);
  const prev = totals(data, all.slice(0, 7));
  const cur = totals(data, all.slice(7));
  // The biggest decrease is the headline; with none, the category said most this week.
  let best: { c: Category; d: number; cur: number; prev: number } | null = null;
  for (const c of CATEGORIES) {
    const a = cur.byCategory[c][0];
    const b = prev.byCategory[c][0];
    if (a === 0 && b === 0) continue;
    const d = b - a;
    const key = (x: { d: number; cur: number }) => (x.d > 0 ? [1, x.d, -x.cur] : [0, x.cur, x.d]);
    if (!best) {
      best = { c, d, cur: a, prev: b };
      continue;
    }
    const [k1, k2, k3] = key({ d, cur: a });
    const [b1, b2, b3] = key(best);
    if (k1! > b1! || (k1 === b1 && (k2! > b2! || (k2 === b2 && k3! > b3!)))) best = { c, d, cur: a, prev: b };
  }
  return {
    category: best?.c ?? null,
    thisWeek: best?.cur ?? 0,
    lastWeek: best?.prev ?? 0,
    less: best?.d ?? 0,
    week: cur.total,
  };
}

function csvField(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no formulas when opened in a spreadsheet
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One row per day and rule, oldest day first. */
export function toCsv(data: StatsData): string {
  const rows = [['date', 'category', 'rule', 'shown', 'applied', 'ignored']];
  for (const day of Object.keys(data.days).sort()) {
    const rules = data.days[day]!;
    for (const id of Object.keys(rules).sort()) {
      const rd = rules[id]!;
      rows.push([day, rd.c, id, String(rd.n[0]), String(rd.n[1]), String(rd.n[2])]);
    }
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
