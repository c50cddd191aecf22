/**
 * The options page's strings come from locales/ through lib/i18n (issue 5), and render as they did
 * when they lived in entrypoints/options/strings.ts (plurals, substitutions, quoted YAML words).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { t, tn, useMessages, type MsgKey } from '@/lib/i18n';

const ROOT = resolve(__dirname, '../../..');
const messages = async (file: string) => generateChromeMessages(await parseMessagesFile(join(ROOT, 'locales', file)));

afterAll(() => useMessages('en', null));

describe('options page strings', () => {
  test.each([
    ['en', 'en.yml'],
    ['zh', 'zh_CN.yml'],
  ] as const)('%s: the messages.json WXT generates renders the options page strings', async (lang, file) => {
    useMessages(lang, await messages(file));
    const expected: Record<typeof lang, [string, string][]> = {
      en: [
        [t('options.title'), 'ReplyCoach · Rule packs'],
        [t('options.subtitle'), 'Team rule packs: import, subscribe, switch on/off, try'],
        [t('options.enabled'), 'On'],
        [t('options.overrideOff'), 'off'],
        [t('options.nothingImported'), 'Nothing was imported:'],
        [t('options.tryPlaceholder'), "e.g. I can't refund this, but you could contact the courier."],
        [tn('options.rules', 0), '0 rules'],
        [tn('options.rules', 1), '1 rule'],
        [tn('options.rules', 12), '12 rules'],
        [tn('options.phrases', 1), '1 phrase'],
        [tn('options.findings', 3), '3 findings'],
        [t('options.imported', ['team.x']), 'Imported pack team.x'],
        [t('options.overrideSeverity', [t('options.severity.info')]), 'severity → info'],
        [t('options.hours', [6]), '6 h'],
        [t('options.ago.minutes', [5]), '5 min ago'],
        [t('options.origin.policy'), 'Administrator'],
        [t('lang.label'), 'Language'],
        [t('lang.auto'), 'Browser language'],
      ],
      zh: [
        [t('options.title'), '话术教练 · 规则包'],
        [t('options.enabled'), '启用'],
        [t('options.nothingImported'), '未导入任何内容：'],
        [tn('options.rules', 1), '1 条规则'],
        [tn('options.rules', 12), '12 条规则'],
        [tn('options.findings', 0), '0 条提示'],
        [t('options.subscribed', ['team.x']), '已订阅规则包 team.x'],
        [t('options.overrideSeverity', [t('options.severity.error')]), '级别改为 错误'],
        [t('options.hours', [24]), '24 小时'],
        [t('options.ago.days', [2]), '2 天前'],
        [t('options.origin.file'), '文件导入'],
        [t('lang.label'), '界面语言'],
        [t('lang.auto'), '跟随浏览器'],
      ],
    };
    for (const [got, want] of expected[lang]) expect(got).toBe(want);
  });

  test('every options.* key the page uses exists (and the old strings module is gone)', async () => {
    const dir = join(ROOT, 'entrypoints/options');
    expect(readdirSync(dir)).not.toContain('strings.ts');
    const src = readFileSync(join(dir, 'App.tsx'), 'utf8') + readFileSync(join(dir, 'main.tsx'), 'utf8');
    const used = [...src.matchAll(/\bt[n]?\('((?:options|lang)\.[A-Za-z.]+)'/g)].map((m) => m[1] as MsgKey);
    expect(used.length).toBeGreaterThan(50);
    const en = await messages('en.yml');
    for (const k of used) expect(en[k.replaceAll('.', '_')], k).toBeDefined();
    // No hard-coded Chinese left in the page's code (comments aside).
    const code = src.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code.match(/[\u3400-\u9fff\uff00-\uffef]+/g)).toBeNull();
  });
});
