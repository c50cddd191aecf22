/**
 * The coach in real editors (issue 3): highlights cover the right words, the card applies a
 * rewrite by mouse and by keyboard through each editor's own input path, the editor's model holds
 * the new text, Ctrl+Z restores the original in one step, and typing afterwards works.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { card, expectCovers, expectModel, REPLY, setActive, textareaWordRect, waitTargets, wordRect } from './coach-helpers';
import { buildFixtures } from './fixtures';
import { launchExtension, ROOT, startFixtureServer, type FixtureServer, type LaunchedExtension } from './harness';

export const SHOTS = join(ROOT, 'test-results', 'cards');
let ext: LaunchedExtension;
let server: FixtureServer;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const dir = await buildFixtures();
  server = await startFixtureServer(dir);
  ext = await launchExtension();
  await setActive(ext, 'zh');
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

interface EditorCase {
  name: string;
  page: string;
  /** Selector of the editable (pierces shadow roots). */
  editor: string;
  frame?: string;
  textarea?: boolean;
}

const CASES: EditorCase[] = [
  { name: 'textarea', page: 'textarea.html', editor: '#editor', textarea: true },
  { name: 'contenteditable', page: 'contenteditable.html', editor: '#editor' },
  { name: 'CKEditor 5', page: 'ckeditor.html', editor: '.ck-editor__editable' },
  { name: 'ProseMirror', page: 'prosemirror.html', editor: '.ProseMirror' },
  { name: 'TipTap', page: 'tiptap.html', editor: '.tiptap' },
  { name: 'Lexical', page: 'lexical.html', editor: '#editor' },
  { name: 'Quill', page: 'quill.html', editor: '.ql-editor' },
  { name: 'Draft.js', page: 'draft.html', editor: '.public-DraftEditor-content' },
  { name: 'iframe (editable body)', page: 'iframe.html', editor: 'body', frame: '#frame' },
  { name: 'shadow root', page: 'shadow.html', editor: '#host #editor' },
];

function replaced(text: string, word: string, by: string): string {
  return text.replace(word, by);
}

async function open(c: EditorCase): Promise<{ page: Page; scope: Page | FrameLocator }> {
  const page = await ext.context.newPage();
  await page.goto(`${server.url}/${c.page}`);
  await page.waitForFunction(() => !!(window as any).fixture);
  const scope = c.frame ? page.frameLocator(c.frame) : page;
  await scope.locator(c.editor).first().click();
  return { page, scope };
}

describe.each(CASES)('$name', (c) => {
  test(`${c.name}: highlights cover the words; apply by mouse and keyboard; undo; typing after`, async () => {
    const { page, scope } = await open(c);
    await page.keyboard.type(REPLY, { delay: 15 });
    const tg = (rule: string) => scope.locator(`reply-coach-overlay .rc-target[data-rule-id="${rule}"]`);
    await tg('t.refusal').first().waitFor({ state: 'attached', timeout: 3000 });
    await tg('t.contrast').first().waitFor({ state: 'attached', timeout: 3000 });
    await expectModel(page, REPLY);

    // Highlight boxes cover the flagged words (compare with DOM Range / mirror measurements).
    for (const [rule, word] of [['t.refusal', '我不能'], ['t.contrast', '但是']] as const) {
      const rect = c.textarea ? await textareaWordRect(page, '#editor', word) : await wordRect(page, word);
      const box = await tg(rule).first().boundingBox();
      expect(box, rule).toBeTruthy();
      expect(Math.abs(box!.x - rect.x), `${rule} x`).toBeLessThan(3);
      expect(Math.abs(box!.y - rect.y), `${rule} y`).toBeLessThan(4);
      expect(Math.abs(box!.width - rect.width), `${rule} width`).toBeLessThan(3);
    }

    // Mouse: hover the flagged words, the card opens; click the first rewrite.
    await page.waitForTimeout(700); // let the editor close its typing undo group
    const box = (await tg('t.refusal').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const cardLoc = scope.locator('reply-coach-overlay .card');
    await cardLoc.waitFor({ state: 'visible', timeout: 3000 });
    expect(await cardLoc.getAttribute('data-rule-id')).toBe('t.refusal');
    await page.screenshot({ path: join(SHOTS, `${c.name.replace(/\W+/g, '-')}.png`) });
    await scope.getByRole('button', { name: '改为"我可以"' }).click();
    const afterMouse = replaced(REPLY, '我不能', '我可以');
    await expectModel(page, afterMouse);
    await expect.poll(() => cardLoc.count()).toBe(0);

    // Undo restores exactly the previous text in one step.
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+z');
    await expectModel(page, REPLY);

    // Keyboard only: Alt+J opens the card with focus on the first rewrite; Enter applies it.
    await page.waitForTimeout(700);
    await tg('t.refusal').first().waitFor({ state: 'attached', timeout: 3000 });
    await page.keyboard.press('Alt+j');
    await cardLoc.waitFor({ state: 'visible', timeout: 3000 });
    const rule = await cardLoc.getAttribute('data-rule-id');
    const [word, by] = rule === 't.refusal' ? ['我不能', '我可以'] : ['但是', '同时'];
    await page.keyboard.press('Enter');
    const afterKeys = replaced(REPLY, word, by);
    await expectModel(page, afterKeys);

    // The caret is after the inserted words: typing continues there.
    await page.waitForTimeout(200);
    await page.keyboard.type('们', { delay: 20 });
    await expectModel(page, afterKeys.replace(by, by + '们'));
    await page.close();
  });
});

test('Escape closes the card and returns to the editor; Tab reaches every button', async () => {
  const { page } = await open(CASES[1]!);
  await page.keyboard.type(REPLY, { delay: 10 });
  await waitTargets(page, 't.refusal');
  await page.keyboard.press('Home');
  await page.keyboard.press('Alt+j');
  await card(page).waitFor({ state: 'visible' });
  const names: string[] = [];
  for (let i = 0; i < 7; i++) {
    names.push(await page.evaluate(() => {
      let a: Element | null = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.getAttribute('aria-label') ?? a?.textContent ?? '';
    }));
    await page.keyboard.press('Tab');
  }
  expect(names.join('|')).toContain('改为"我可以"');
  expect(names.join('|')).toContain('此处忽略');
  expect(names.join('|')).toContain('关闭此规则');
  await page.keyboard.press('Escape');
  await expect.poll(() => card(page).count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('editor');
  await page.close();
});
