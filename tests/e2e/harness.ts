/**
 * Shared e2e harness: load the built extension (.output/chrome-mv3) into Debian's Chromium with
 * playwright-core, and serve fixture pages on 127.0.0.1 with an ephemeral port.
 *
 *   const ext = await launchExtension();
 *   const server = await startFixtureServer(dir);            // or a routes object
 *   const page = await ext.context.newPage(); await page.goto(server.url + '/x.html');
 *   ...; await ext.close(); await server.close();
 */
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = process.env.RC_EXTENSION_DIR ?? join(ROOT, '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** Profile directory (default: a fresh temp dir, removed on close). */
  userDataDir?: string;
  extraArgs?: string[];
  /** Path of the unpacked extension (default .output/chrome-mv3). */
  extensionDir?: string;
  headless?: boolean;
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  close(): Promise<void>;
}

export async function launchExtension(opts: LaunchOptions = {}): Promise<LaunchedExtension> {
  const ext = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(ext, 'manifest.json'))) {
    throw new Error(`No built extension at ${ext}: run \`wxt build\` (npm run test:e2e does).`);
  }
  const tempDir = opts.userDataDir ? undefined : mkdtempSync(join(tmpdir(), 'rc-e2e-'));
  const context = await chromium.launchPersistentContext(opts.userDataDir ?? tempDir!, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    viewport: { width: 1200, height: 800 },
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(opts.extraArgs ?? []),
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close().catch(() => {});
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

export type Routes = Record<string, string | { body: string | Buffer; type?: string }>;

export interface FixtureServer {
  /** e.g. http://127.0.0.1:43567 (no trailing slash) */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serve a directory (static files) or a routes map ({ '/a.html': '<html>…' }) on 127.0.0.1. */
export async function startFixtureServer(source: string | Routes, fallbackDir?: string): Promise<FixtureServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (typeof source !== 'string') {
      const r = source[path];
      if (r !== undefined) {
        if (typeof r === 'string') return send(200, r, TYPES[extname(path)] ?? 'text/html; charset=utf-8');
        return send(200, r.body, r.type ?? TYPES[extname(path)] ?? 'application/octet-stream');
      }
    }
    const dir = typeof source === 'string' ? source : fallbackDir;
    if (dir) {
      const file = normalize(join(dir, path === '/' ? 'index.html' : path));
      if (file.startsWith(resolve(dir)) && existsSync(file) && statSync(file).isFile()) {
        return send(200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
      }
    }
    send(404, 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
