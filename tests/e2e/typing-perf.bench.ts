/**
 * Browser benchmark (npm run bench:browser, part of npm run bench; not part of npm test: timing
 * on shared machines is noisy). Targets from issue 3: no long task (> 50 ms) of ours while typing
 * a 5,000-character reply; findings within 150 ms of a pause. Figures are printed and written to
 * bench/browser-results.json; a missed target fails the benchmark run.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { setActive, targets } from './coach-helpers';
import { buildFixtures } from './fixtures';
import type { Page } from 'playwright-core';
import { launchExtension, startFixtureServer, type FixtureServer, type LaunchedExtension } from './harness';

let ext: LaunchedExtension;
let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer(await buildFixtures());
  ext = await launchExtension();
  await setActive(ext, 'zh');
});
const results: Record<string, unknown> = { date: new Date().toISOString(), loadAverage: loadavg()[0] };
afterAll(async () => {
  await ext?.close();
  await server?.close();
  writeFileSync(new URL('../../bench/browser-results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
});

const SENTENCE = '您好，非常抱歉给您带来不便，我不能马上退款，但是我们会尽快处理。'; // 33 chars
for (const [name, path, editor] of [
  ['textarea', 'textarea.html', '#editor'],
  ['CKEditor 5', 'ckeditor.html', '.ck-editor__editable'],
] as const) {
  test(`${name}: no long task while typing a 5,000-character reply; findings ≤ 150 ms after a pause`, async () => {
    const page = await ext.context.newPage();
    await page.goto(`${server.url}/${path}`);
    await page.waitForFunction(() => !!(window as any).fixture);
    await page.locator(editor).click();
    // Pre-fill ~4,800 characters through the editor's input path (one insertText), then type.
    // A reply in paragraphs of ten sentences (~330 characters), ~300 findings.
    let text = '';
    for (let n = 1; text.length < 4950; n++) text += SENTENCE + (n % 10 === 0 ? '\n' : '');
    await page.evaluate((t) => {
      const ck = (window as any).fixture.editor;
      if (ck?.setData) ck.setData(t.split('\n').map((l: string) => `<p>${l}</p>`).join(''));
      else document.execCommand('insertText', false, t);
    }, text);
    await page.keyboard.press('Control+End');
    await page.waitForTimeout(500);
    // Long tasks (PerformanceObserver 'longtask') while typing ~100 keystrokes, each marked as
    // ReplyCoach's when one of its work spans (rc:lint, rc:draw measures) falls inside it.
    const typePhase = async (attempt: number) => {
      await page.evaluate(() => {
        const w = window as any;
        performance.clearMeasures();
        w.__long = [];
        w.__longObs?.disconnect();
        w.__longObs = new PerformanceObserver((l) => w.__long.push(...l.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: false });
      });
      const profiler = process.env.RC_PROFILE ? await startProfile(page) : null;
      await page.keyboard.type('我不能，但是'.repeat(17), { delay: 25 }); // → > 5,000 chars
      await page.waitForTimeout(300); // the last lint and draw
      if (profiler) console.log(`[profile] ${name}:\n${await profiler.stop()}`);
      const r = (await page.evaluate(() => {
        const spans = ['rc:lint', 'rc:draw'].flatMap((n) => performance.getEntriesByName(n).map((e) => ({ name: n, start: e.startTime, duration: e.duration })));
        const long = ((window as any).__long as { start: number; duration: number }[]).map((t) => ({
          duration: t.duration,
          ours: spans.some((m) => m.start < t.start + t.duration && m.start + m.duration > t.start),
        }));
        const max = (n: string) => Math.max(0, ...spans.filter((m) => m.name === n).map((m) => m.duration));
        return { long, lintMax: max('rc:lint'), drawMax: max('rc:draw'), lints: spans.filter((m) => m.name === 'rc:lint').length };
      })) as { long: { duration: number; ours: boolean }[]; lintMax: number; drawMax: number; lints: number };
      const list = r.long.length ? r.long.map((t) => `${t.duration.toFixed(0)}ms${t.ours ? ' (ReplyCoach ran in it)' : ' (page only)'}`).join(', ') : 'none';
      console.log(`[perf] ${name} (attempt ${attempt}): read+lint max ${r.lintMax.toFixed(1)} ms, draw max ${r.drawMax.toFixed(1)} ms over ${r.lints} lints; long tasks while typing: ${list}; load average ${loadavg()[0]!.toFixed(1)}`);
      return r;
    };
    // A long task with ReplyCoach's work in it fails at once. One containing only the page's own
    // work (CKEditor under CPU contention on a shared 2-core machine) gets one more attempt.
    let phase = await typePhase(1);
    expect(phase.long.filter((t) => t.ours && t.duration > 50)).toEqual([]);
    if (phase.long.some((t) => t.duration > 50)) {
      phase = await typePhase(2);
      expect(phase.long.filter((t) => t.ours && t.duration > 50)).toEqual([]);
    }
    const long = phase.long.map((t) => t.duration);
    const total = (await page.evaluate(() => (window as any).fixture.getText().length)) as number;
    // Latency: time from the last keystroke to the new finding's target.
    await page.waitForTimeout(400);
    const before = await targets(page, 't.refusal').count();
    // Measured in the page: last keyup → the new target appears in the overlay.
    await page.evaluate((n) => {
      const w = window as any;
      for (const t of ['keyup', 'input']) document.addEventListener(t, () => (w.__lastKey = performance.now()), true);
      const o = document.querySelector('reply-coach-overlay')!.shadowRoot!;
      new MutationObserver(() => {
        if (!w.__shownAt && o.querySelectorAll('.rc-target[data-rule-id="t.refusal"]').length > n) w.__shownAt = performance.now();
      }).observe(o, { childList: true, subtree: true, attributes: true });
    }, before);
    await page.keyboard.type('我不能', { delay: 30 });
    await page.waitForFunction(() => !!(window as any).__shownAt, null, { timeout: 2000 });
    const latency = Math.round(await page.evaluate(() => (window as any).__shownAt - (window as any).__lastKey));
    results[name] = { chars: total, longTasksMs: long.map((d) => Math.round(d)), findingLatencyMs: latency };
    console.log(`[perf] ${name}: ${total} chars, long tasks while typing: ${long.length ? long.map((d) => d.toFixed(0) + 'ms').join(', ') : 'none'}; finding shown ${latency} ms after the last keyup`);
    expect(total).toBeGreaterThanOrEqual(5000);
    expect(long.filter((d) => d > 50)).toEqual([]);
    expect(latency).toBeLessThanOrEqual(150);
    await page.close();
  });
}

/**
 * RC_PROFILE=1: CPU profile (CDP Profiler) of the typing phase, summarised as self time per
 * function and per script (ours: content.js; the page's: ckeditor.js, …).
 */
async function startProfile(page: Page): Promise<{ stop(): Promise<string> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const self = new Map<string, number>();
      const perScript = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const cf = byId.get(id)!.callFrame;
        const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
        const script = cf.url ? cf.url.replace(/^.*\//, '') : '(native)';
        const key = `${cf.functionName || '(anonymous)'} ${script}:${cf.lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + dt);
        perScript.set(script, (perScript.get(script) ?? 0) + dt);
      });
      const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n');
      // Busy stretches (no idle sample for > 50 ms): what ran inside them, inclusive of callees.
      const parent = new Map<number, number>();
      for (const n of profile.nodes as { id: number; children?: number[] }[]) for (const c of n.children ?? []) parent.set(c, n.id);
      const frame = (id: number) => {
        const cf = byId.get(id)!.callFrame;
        return `${cf.functionName || '(anonymous)'} ${cf.url ? cf.url.replace(/^.*\//, '') : '(native)'}:${cf.lineNumber + 1}`;
      };
      const bursts: string[] = [];
      let start = -1;
      let t = 0;
      let acc = new Map<string, number>();
      let dur = 0;
      profile.samples.forEach((id, i) => {
        const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
        t += (profile.timeDeltas[i] ?? 0) / 1000;
        const idle = byId.get(id)!.callFrame.functionName === '(idle)';
        if (!idle) {
          if (start < 0) start = t;
          dur += dt;
          const seen = new Set<string>();
          for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
            const k = frame(n);
            if (seen.has(k)) continue;
            seen.add(k);
            acc.set(k, (acc.get(k) ?? 0) + dt);
          }
        }
        if (idle || i === profile.samples.length - 1) {
          if (start >= 0 && dur > 50) bursts.push(`busy ${dur.toFixed(0)} ms at +${start.toFixed(0)} ms:\n${top(acc, 14)}`);
          start = -1;
          dur = 0;
          acc = new Map();
        }
      });
      return `per script:\n${top(perScript, 8)}\ntop self time:\n${top(self, 25)}\n${bursts.join('\n')}`;
    },
  };
}
