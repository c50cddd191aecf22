/**
 * Engine benchmark (npm run bench). Medians, not single runs; results go to bench/results.json
 * and are judged as ratios measured in the same run (the machines are shared and noisy):
 *   builtin / naive      the engine vs a naive one-regex-per-phrase loop over the same phrases
 *   rules5000 / builtin  cost of 5,000 extra phrase rules (target ≤ 2)
 *   1MB / 100KB          linear time (≈ 10 expected)
 * Absolute figure tracked: median ms to lint a 1,000-character mixed reply (target ≤ 0.05 ms).
 */
import { writeFileSync } from 'node:fs';
import { compile, lint, type Pack, type Rule } from '../lib/engine';
import { loadBuiltinPacks } from '../lib/shared/builtin-node';

const REPLY_PARTS = [
  '您好，非常抱歉给您带来不便。',
  '您的订单号是 SO-20241129-88731，我们已经为您核实了物流信息，包裹目前在 SF Express 的中转站。',
  '但是这个问题不是我们的责任，可能要等两天。',
  '如果您不能到店，我们可以安排上门取件，费用由我们承担。',
  'Your refund of $32.40 was approved; however I can’t change the delivery address now. ',
  '关于您提到的APP闪退问题，技术同事已经在 v2.3.1 版本修复，请在应用商店更新后重试。',
  '你得先点确认收货，我们才能开发票。',
  'Thanks for your patience, we will email you within 24 hours. ',
  '如有不清楚的地方，您可以随时联系我，我会全程跟进。祝您生活愉快！',
];

function mixedReply(length: number): string {
  let s = '';
  for (let i = 0; s.length < length; i++) s += REPLY_PARTS[i % REPLY_PARTS.length];
  return s.slice(0, length);
}

/** 5,000 phrase rules of generated 3–5 character Chinese "product terms" (a few do occur). */
function generatedPack(n: number): Pack {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const han = () => String.fromCharCode(0x4e00 + Math.floor(rand() * 2000));
  const rules: Rule[] = [];
  for (let i = 0; i < n; i++) {
    const len = 3 + Math.floor(rand() * 3);
    let phrase = '';
    for (let k = 0; k < len; k++) phrase += han();
    rules.push({
      id: `gen.${i}`,
      category: 'dismissive',
      severity: 'warning',
      lang: 'zh',
      match: i % 1000 === 0 ? ['上门取件'] : [phrase],
      message: { zh: 'x', en: 'x' },
      why: { zh: 'x', en: 'x' },
    });
  }
  return { id: 'generated', name: 'Generated', version: '1.0.0', locale: 'zh-CN', rules };
}

/** Median milliseconds per call, timing batches so the clock's resolution does not matter. */
function median(fn: () => void, { batch = 200, samples = 41 } = {}): number {
  for (let i = 0; i < batch * 3; i++) fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    times.push((performance.now() - t0) / batch);
  }
  times.sort((a, b) => a - b);
  return times[samples >> 1]!;
}

const builtin = loadBuiltinPacks();
const builtinMatcher = compile(builtin);
const withGenerated = compile([...builtin, generatedPack(5000)]);
const reply = mixedReply(1000);

// The naive approach the engine replaces: one RegExp per phrase, run over the whole text.
const phrases = builtin.flatMap((p) => p.rules.flatMap((r) => r.match ?? r.anchors ?? []));
const naiveRegexes = phrases.map((p) => new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'));
const naive = () => {
  let n = 0;
  for (const re of naiveRegexes) {
    re.lastIndex = 0;
    while (re.exec(reply)) n++;
  }
  return n;
};

const results = {
  date: new Date().toISOString(),
  node: process.version,
  builtinRules: builtinMatcher.rules.length,
  builtinPhrases: phrases.length,
  findingsInReply: lint(reply, builtinMatcher).length,
  ms: {
    builtin1000: median(() => lint(reply, builtinMatcher)),
    rules5000: median(() => lint(reply, withGenerated)),
    naive1000: median(naive),
    text100KB: median(() => lint(mixedReply(100_000), builtinMatcher), { batch: 3, samples: 9 }),
    text1MB: median(() => lint(mixedReply(1_000_000), builtinMatcher), { batch: 1, samples: 5 }),
    compileBuiltin: median(() => compile(builtin), { batch: 5, samples: 11 }),
  },
  ratios: {} as Record<string, number>,
  targets: {} as Record<string, string>,
};
const r = results.ms;
results.ratios = {
  'builtin/naive': r.builtin1000 / r.naive1000,
  'rules5000/builtin': r.rules5000 / r.builtin1000,
  '1MB/100KB': r.text1MB / r.text100KB,
};
results.targets = {
  'builtin1000 ≤ 0.05 ms': r.builtin1000 <= 0.05 ? 'met' : 'MISSED',
  'rules5000/builtin ≤ 2': results.ratios['rules5000/builtin']! <= 2 ? 'met' : 'MISSED',
  '1MB/100KB ≤ 15 (linear)': results.ratios['1MB/100KB']! <= 15 ? 'met' : 'MISSED',
};
const out = new URL('./results.json', import.meta.url);
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
const f = (x: number) => (x < 1 ? x.toFixed(4) : x.toFixed(1));
console.log(`built-in packs: ${results.builtinRules} rules, ${results.builtinPhrases} literals; ${results.findingsInReply} findings in the 1,000-char reply`);
console.log(`median lint, 1,000-char mixed reply, built-in packs:      ${f(r.builtin1000)} ms`);
console.log(`median lint, same reply, + 5,000 generated phrase rules:  ${f(r.rules5000)} ms  (×${results.ratios['rules5000/builtin']!.toFixed(2)})`);
console.log(`naive one-regex-per-phrase loop, same phrases:            ${f(r.naive1000)} ms  (engine ×${results.ratios['builtin/naive']!.toFixed(2)})`);
console.log(`100 KB: ${f(r.text100KB)} ms, 1 MB: ${f(r.text1MB)} ms  (×${results.ratios['1MB/100KB']!.toFixed(1)})`);
console.log(`compile built-in packs: ${f(r.compileBuiltin)} ms`);
for (const [k, v] of Object.entries(results.targets)) console.log(`  ${v.padEnd(6)} ${k}`);
console.log(`written to bench/results.json`);
