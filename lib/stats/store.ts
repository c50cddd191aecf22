/** Statistics in storage.local under STATS_KEY (schema STATS_SCHEMA), written one at a time. */
import { emptyStats, migrate, prune, record, STATS_KEY, type StatRecord, type StatsData } from './aggregate';

let queue: Promise<unknown> = Promise.resolve();

/** Run read-modify-write steps one after another so bursts of events are not lost. */
function serial<T>(step: () => Promise<T>): Promise<T> {
  const next = queue.then(step, step);
  queue = next.catch(() => undefined);
  return next;
}

async function load(): Promise<StatsData> {
  return migrate((await browser.storage.local.get(STATS_KEY))[STATS_KEY]);
}

/** The stored statistics, without days past retention. */
export async function readStats(now = Date.now()): Promise<StatsData> {
  return prune(await load(), now);
}

export function recordStat(ev: StatRecord, now = Date.now()): Promise<void> {
  return serial(async () => {
    await browser.storage.local.set({ [STATS_KEY]: record(await load(), ev, now) });
  });
}

/** Remove days past retention from storage (also happens on every recordStat). */
export function pruneStored(now = Date.now()): Promise<void> {
  return serial(async () => {
    const got = (await browser.storage.local.get(STATS_KEY))[STATS_KEY];
    if (got === undefined) return;
    const pruned = prune(migrate(got), now);
    if (JSON.stringify(pruned) !== JSON.stringify(got)) await browser.storage.local.set({ [STATS_KEY]: pruned });
  });
}

export function clearStats(): Promise<void> {
  return serial(async () => {
    await browser.storage.local.set({ [STATS_KEY]: emptyStats() });
  });
}
