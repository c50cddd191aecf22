/**
 * Batch mode at transcript scale (npm run bench:batch): 100,000 replies through
 * `reply-coach check --jsonl` as a child process, streamed in and out. Reports throughput and the
 * child's peak memory (Linux: VmHWM), which must stay flat — nothing is held per reply.
 * Results: bench/batch-results.json.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const N = Number(process.env.RC_BATCH_N ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'rc-batch-'));
const input = join(dir, 'replies.jsonl');
const REPLIES = [
  '您好，非常抱歉给您带来不便，我不能马上退款，但是我们会尽快处理。',
  '你好，这个不关我的事，你得自己去问快递。',
  'Thanks for waiting. Your refund was processed today and should arrive within 3 days.',
  "Sorry, but I can't change the address. You'll need to contact the courier.",
  '您的订单已发货，预计明天送达，如有不清楚的地方请随时联系我。',
];

async function writeInput(): Promise<void> {
  const out = createWriteStream(input);
  for (let i = 0; i < N; i++) {
    const ok = out.write(JSON.stringify({ id: i, text: REPLIES[i % REPLIES.length] }) + '\n');
    if (!ok) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

await writeInput();
const t0 = performance.now();
const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', 'check', '--format', 'json', '--jsonl', input], { stdio: ['ignore', 'pipe', 'inherit'] });
let lines = 0;
let peakKb = 0;
let tail = '';
child.stdout.on('data', (chunk: Buffer) => {
  const s = tail + chunk.toString('utf8');
  const parts = s.split('\n');
  tail = parts.pop()!;
  lines += parts.length;
});
const poll = setInterval(() => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
  } catch {}
}, 50);
const code: number = await new Promise((r) => child.on('close', (c) => r(c ?? -1)));
clearInterval(poll);
const seconds = (performance.now() - t0) / 1000;
const results = { date: new Date().toISOString(), replies: N, outputLines: lines, exitCode: code, seconds, repliesPerSecond: Math.round(N / seconds), peakRssMB: Math.round(peakKb / 1024) };
writeFileSync(new URL('./batch-results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log(`${N} replies in ${seconds.toFixed(1)} s (${results.repliesPerSecond}/s), ${lines} result lines, exit ${code}, peak RSS ${results.peakRssMB} MB`);
if (lines !== N) {
  console.error(`expected ${N} result lines`);
  process.exit(1);
}
