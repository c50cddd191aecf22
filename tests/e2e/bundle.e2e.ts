/** Content-script bundle budget (issue 3): ≤ 100 KB gzipped with the engine, and no zod/yaml in it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { EXTENSION_DIR } from './harness';

test('content-script bundle ≤ 100 KB gzipped (engine included, no zod/yaml)', () => {
  const js = readFileSync(join(EXTENSION_DIR, 'content-scripts/content.js'));
  const gz = gzipSync(js, { level: 9 }).length;
  console.log(`[bundle] content.js ${(js.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped`);
  expect(gz).toBeLessThanOrEqual(100 * 1024);
  const src = js.toString('utf8');
  expect(src).not.toMatch(/ZodError|zod\.dev/);
});

