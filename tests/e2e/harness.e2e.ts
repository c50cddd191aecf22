import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, startFixtureServer, type FixtureServer, type LaunchedExtension } from './harness';

let ext: LaunchedExtension;
let server: FixtureServer;
beforeAll(async () => {
  ext = await launchExtension();
  server = await startFixtureServer({ '/hello.html': '<!doctype html><title>hi</title><p>hello</p>' });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

test('harness: extension loads, service worker publishes the active state, fixture server serves', async () => {
  expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
  const active = await ext.serviceWorker.evaluate(async () => {
    for (let i = 0; i < 50; i++) {
      const got = await chrome.storage.local.get('rc.active');
      if (got['rc.active']) return got['rc.active'];
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  });
  expect(active).toBeTruthy();
  const page = await ext.context.newPage();
  await page.goto(server.url + '/hello.html');
  expect(await page.textContent('p')).toBe('hello');
});
