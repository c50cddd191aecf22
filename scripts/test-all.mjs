#!/usr/bin/env node
/**
 * `npm test`: every suite (unit, pack examples, labelled corpus, e2e in Chromium), then one
 * closing line totalling them all: "N passed, N failed". Skipped or todo tests count as failed:
 * a test that could not run proved nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const outDir = '.test-results';
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const suites = [
  { name: 'unit', cmd: ['npx', 'vitest', 'run'] },
  { name: 'e2e', cmd: ['npm', 'run', '-s', 'test:e2e', '--'] },
];
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;

// The type check counts as one test: the whole tree (lib, entrypoints, tests) must type-check.
if (!only.length || only.includes('typecheck')) {
  console.log('\n=== typecheck ===');
  const tsc = spawnSync('npx', ['tsc', '--noEmit', '-p', '.'], { stdio: 'inherit' });
  console.log(`[typecheck] ${tsc.status === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);
  if (tsc.status === 0) passed++;
  else failed++;
}
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  const json = `${outDir}/${suite.name}.json`;
  console.log(`\n=== ${suite.name} ===`);
  const run = spawnSync(suite.cmd[0], [...suite.cmd.slice(1), '--reporter=default', '--reporter=json', `--outputFile.json=${json}`], {
    stdio: 'inherit',
  });
  let report;
  try {
    report = JSON.parse(readFileSync(json, 'utf8'));
  } catch {
    console.log(`[${suite.name}] no test report (exit ${run.status}): counted as one failure`);
    failed++;
    continue;
  }
  const p = report.numPassedTests ?? 0;
  const f = (report.numFailedTests ?? 0) + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A suite file that failed to load has no tests in it but still failed.
  const brokenFiles = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
  console.log(`[${suite.name}] ${p} passed, ${f + brokenFiles} failed (exit ${run.status})`);
  passed += p;
  failed += f + brokenFiles;
  if (run.status !== 0 && f + brokenFiles === 0) failed++;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
