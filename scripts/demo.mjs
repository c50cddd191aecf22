#!/usr/bin/env node
// `npm start`: build the extension, serve a Zendesk-like ticket page (CKEditor 5 reply box and an
// angry customer) on 127.0.0.1 and open Chromium with ReplyCoach loaded. Without a display
// ($DISPLAY unset) it runs headless, types a sample reply and writes demo-screenshot.png.
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXT = join(ROOT, '.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

console.log('Building the extension (RC_E2E=1 adds 127.0.0.1 to the content-script matches)…');
execSync('npx wxt build', { cwd: ROOT, stdio: 'inherit', env: { ...process.env, RC_E2E: '1' } });

const site = mkdtempSync(join(tmpdir(), 'rc-demo-'));
await build({
  entryPoints: { ckeditor: join(ROOT, 'tests/e2e/fixtures/ckeditor.ts') },
  bundle: true, outdir: site, format: 'iife', minify: true, logLevel: 'error',
});
writeFileSync(join(site, 'index.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>#4821 退款申请 – Support</title><link rel="stylesheet" href="ckeditor.css">
<style>
 body{margin:0;font:14px/1.6 "Noto Sans CJK SC",system-ui,sans-serif;background:#f3f4f6;color:#1f2328}
 header{background:#03363d;color:#fff;padding:10px 20px;font-weight:600}
 main{display:grid;grid-template-columns:240px 1fr;gap:16px;padding:16px 20px}
 aside,section{background:#fff;border:1px solid #d8dcde;border-radius:6px;padding:12px 16px}
 .msg{border-left:3px solid #cc3340;background:#fff6f6;padding:8px 12px;margin:8px 0 16px;border-radius:0 4px 4px 0}
 .meta{color:#68737d;font-size:12px} .ck-editor__editable{min-height:160px}
</style></head><body><header>Support · 工单 #4821</header><main>
<aside><div class="meta">请求者</div><b>王女士</b><div class="meta" style="margin-top:8px">状态</div>待处理 · 紧急</aside>
<section><h2 style="margin:0">订单 20240517 的退款申请</h2>
<div class="msg"><div class="meta">王女士 · 10 分钟前</div>你们的吸尘器用了三天就坏了！客服电话一直打不通，我已经等了一个星期，今天必须给我退款，不然我就去投诉！</div>
<div class="meta">公开回复</div><div id="editor"></div></section></main>
<script src="ckeditor.js"></script></body></html>`);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const p = join(site, req.url === '/' ? 'index.html' : decodeURIComponent(req.url.split('?')[0]));
  if (!p.startsWith(site) || !existsSync(p)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(p)] ?? 'application/octet-stream' }).end(readFileSync(p));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const headless = !process.env.DISPLAY;
const DEMO_LANG = process.env.RC_DEMO_LANG ?? 'zh-CN';
const profile = mkdtempSync(join(tmpdir(), 'rc-demo-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  // The ticket is Chinese, so is the agent's browser (RC_DEMO_LANG=en for the English UI).
  executablePath: CHROMIUM, headless, viewport: { width: 1200, height: 760 }, locale: DEMO_LANG,
  args: [`--lang=${DEMO_LANG}`, `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
// Wait until the background has published the built-in packs.
await sw.evaluate(async () => {
  for (let i = 0; i < 100; i++) {
    const st = (await chrome.storage.local.get('rc.active'))['rc.active'];
    if (st?.packs?.some((p) => p.rules?.length)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
});
// The agent's UI language, as the language switch in the popup/options would set it.
await sw.evaluate(async (lang) => {
  const st = (await chrome.storage.local.get('rc.active'))['rc.active'];
  await chrome.storage.local.set({ 'rc.uiLangPref': lang, 'rc.active': { ...st, uiLang: lang, revision: st.revision + 1 } });
}, DEMO_LANG.startsWith('zh') ? 'zh' : 'en');
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(url);
await page.waitForFunction(() => !!window.fixture);
console.log(`Ticket page: ${url}`);
if (!headless) {
  console.log('Chromium is open with ReplyCoach loaded: type a reply (e.g. 你好，我不能给你退款，但是…). Close the window to quit.');
  await new Promise((ok) => context.on('close', ok));
} else {
  console.log('No display ($DISPLAY is unset): running headless and writing demo-screenshot.png instead.');
  await page.locator('.ck-editor__editable').click();
  await page.keyboard.type('你好，我不能给你退款，这不是我们的问题，但是你可以联系快递公司。', { delay: 20 });
  await page.waitForTimeout(800);
  const t = page.locator('reply-coach-overlay .rc-target').first();
  if (await t.count()) {
    const b = await t.boundingBox();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.locator('reply-coach-overlay .card').waitFor({ timeout: 3000 }).catch(() => {});
  } else console.log('(No findings: the built-in packs have no matching rules yet.)');
  await page.screenshot({ path: join(ROOT, 'demo-screenshot.png') });
  console.log(`Wrote ${join(ROOT, 'demo-screenshot.png')}`);
  await context.close();
}
server.close();
rmSync(profile, { recursive: true, force: true });
