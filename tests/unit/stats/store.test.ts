import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { STATS_KEY } from '@/lib/stats/aggregate';
import { parseStatMessage } from '@/lib/stats/messages';
import { clearStats, pruneStored, readStats, recordStat } from '@/lib/stats/store';
import { statsMessageListener } from '@/lib/stats/background';

const NOW = new Date(2026, 2, 15, 12).getTime();

beforeEach(() => fakeBrowser.reset());

describe('message boundary', () => {
  test('accepts only well-formed rc:stat messages', () => {
    const ok = { type: 'rc:stat', event: 'applied', category: 'contrast', ruleId: 'zh.contrast.danshi' };
    expect(parseStatMessage(ok)).toEqual({ event: 'applied', category: 'contrast', ruleId: 'zh.contrast.danshi' });
    expect(parseStatMessage({ ...ok, text: '您好，我不能…' })).not.toHaveProperty('text');
    expect(parseStatMessage({ ...ok, event: 'typed' })).toBeNull();
    expect(parseStatMessage({ ...ok, category: 'rude' })).toBeNull();
    expect(parseStatMessage({ ...ok, ruleId: '我不能 给您退款' })).toBeNull();
    expect(parseStatMessage({ ...ok, type: 'rc:other' })).toBeNull();
    expect(parseStatMessage(null)).toBeNull();
  });
});

describe('storage', () => {
  test('concurrent events are all counted, under a versioned key', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordStat({ event: i % 4 === 0 ? 'applied' : 'shown', category: 'refusal', ruleId: 'r' }, NOW),
      ),
    );
    const raw = (await fakeBrowser.storage.local.get(STATS_KEY))[STATS_KEY] as { v: number };
    expect(raw.v).toBe(1);
    expect((await readStats(NOW)).days['2026-03-15']).toEqual({ r: { c: 'refusal', n: [15, 5, 0] } });
  });

  test('pruneStored removes days past 180 days; clear empties', async () => {
    await recordStat({ event: 'shown', category: 'refusal', ruleId: 'r' }, new Date(2025, 0, 1, 12).getTime());
    await pruneStored(NOW);
    expect((await fakeBrowser.storage.local.get(STATS_KEY))[STATS_KEY]).toEqual({ v: 1, days: {} });
    await recordStat({ event: 'shown', category: 'refusal', ruleId: 'r' }, NOW);
    await clearStats();
    expect(await readStats(NOW)).toEqual({ v: 1, days: {} });
  });

  test('the background listener is synchronous, fire-and-forget for rc:stat, answers rc:stats-clear', async () => {
    const responses: unknown[] = [];
    const r1 = statsMessageListener({ type: 'rc:stat', event: 'shown', category: 'hedging', ruleId: 'h' }, { id: fakeBrowser.runtime.id }, (x) => responses.push(x));
    expect(r1).toBeUndefined();
    expect(statsMessageListener({ type: 'rc:count' }, {}, () => {})).toBeUndefined();
    expect(statsMessageListener({ type: 'rc:stat', event: 'shown', category: 'hedging', ruleId: 'h' }, { id: 'someone-else' }, () => {})).toBeUndefined();
    await new Promise((r) => setTimeout(r, 20));
    const today = Object.values((await readStats()).days)[0];
    expect(today).toEqual({ h: { c: 'hedging', n: [1, 0, 0] } });
    expect(statsMessageListener({ type: 'rc:stats-clear' }, {}, (x) => responses.push(x))).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(responses).toEqual([true]);
    expect((await readStats()).days).toEqual({});
  });
});
