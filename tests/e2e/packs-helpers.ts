/** Helpers for the rule-pack e2e specs (tests/e2e/packs-*.e2e.ts). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { ROOT } from './harness';

/** Extension pages and the service worker have `chrome` (evaluated there, typed like `browser`). */
declare const chrome: typeof browser;

/**
 * A private build of the extension (RC_E2E=1, so content scripts run on 127.0.0.1) in a temp dir:
 * other specs rebuild .output/ (sometimes only some entrypoints) while ours run. The manifest
 * `key` keeps the extension id the same from any directory. ≈ 4 s.
 */
export async function snapshotExtension(): Promise<{ dir: string; remove(): void }> {
  const out = mkdtempSync(join(tmpdir(), 'rc-packs-build-'));
  const script = `import { build } from 'wxt'; await build({ root: ${JSON.stringify(ROOT)}, outDir: ${JSON.stringify(out)} });`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, RC_E2E: '1' }, stdio: 'pipe' });
  const dir = join(out, 'chrome-mv3');
  for (const f of ['manifest.json', 'options.html', 'background.js']) {
    if (!existsSync(join(dir, f))) throw new Error(`private build incomplete: no ${f} in ${dir}`);
  }
  return { dir, remove: () => rmSync(out, { recursive: true, force: true }) };
}

export const OPTIONS = (id: string) => `chrome-extension://${id}/options.html`;

export function teamPack(version: string, word: string, id = 'team.e2e', extra = ''): string {
  return `id: ${id}
name: E2E team pack
version: "${version}"
locale: zh-CN
changelog: version ${version}
rules:
  - id: ${id}.word
    category: informal-address
    severity: warning
    match: ["${word}"]
    message: "不要说“${word}”"
    why: "团队规范"
    suggestions: ["您"]
    examples:
      flag: ["[[${word}]]，您好"]
      pass: ["您好"]
${extra}`;
}

export interface PackServer {
  url: string;
  /** What GET /pack.yaml answers: a body (served with an ETag) or a status. */
  set(next: { body?: string; status?: number }): void;
  log: { method: string; path: string; inm?: string; status: number }[];
  close(): Promise<void>;
}

/**
 * A pack host on 127.0.0.1 with ETag / If-None-Match, configurable failures, and the CORS headers
 * a pack host needs when the extension has no host permission for it (see docs/policy.md).
 */
export async function startPackServer(): Promise<PackServer> {
  let current: { body?: string; status?: number } = { status: 404 };
  let etagN = 0;
  let etag = '';
  const log: PackServer['log'] = [];
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'If-None-Match, Accept',
    'access-control-expose-headers': 'ETag',
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const inm = req.headers['if-none-match'] as string | undefined;
    const done = (status: number, headers: Record<string, string> = {}, body = '') => {
      log.push({ method: req.method ?? '', path, inm, status });
      res.writeHead(status, { ...cors, ...headers });
      res.end(body);
    };
    if (req.method === 'OPTIONS') return done(204);
    if (path !== '/pack.yaml') return done(404);
    if (current.status) return done(current.status, { 'content-type': 'text/plain' }, 'nope');
    if (inm && inm === etag) return done(304, { etag });
    done(200, { 'content-type': 'application/yaml; charset=utf-8', etag }, current.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/pack.yaml`,
    set(next) {
      current = next;
      if (next.body !== undefined) etag = `"v${++etagN}"`;
    },
    log,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export interface ActiveView {
  packs: { id: string; version: string }[];
  disabledRules: string[];
  revision: number;
  extraSites?: string[];
}

export async function activeState(sw: Worker): Promise<ActiveView> {
  return sw.evaluate(async (): Promise<ActiveView> => {
    for (let i = 0; i < 100; i++) {
      const got = await chrome.storage.local.get('rc.active');
      if (got['rc.active']) return got['rc.active'] as ActiveView;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no active state');
  });
}

export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await fn();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 150));
    v = await fn();
  }
  return v;
}

/** The content script's view of the page's reply boxes (its e2e debug hook). */
export async function coachDebug(page: Page): Promise<{ text: string; findings: { ruleId: string; text: string }[] }[]> {
  return page.evaluate(() => {
    document.dispatchEvent(new Event('rc-debug-request'));
    return JSON.parse(document.documentElement.dataset.rcDebug ?? '[]');
  });
}

export async function setUiLang(sw: Worker, lang: 'zh' | 'en'): Promise<void> {
  await sw.evaluate(async (l) => {
    const got = await chrome.storage.local.get('rc.active');
    const st = got['rc.active'] as { revision: number };
    await chrome.storage.local.set({ 'rc.uiLangPref': l, 'rc.active': { ...st, uiLang: l, revision: st.revision + 1 } });
  }, lang);
}
