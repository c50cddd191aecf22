/** Card and overlay strings for both UI languages (self-contained; the popup/options use _locales). */
import type { Category, UiLang } from '../engine/types';

export const CATEGORY_LABEL: Record<Category, { zh: string; en: string }> = {
  refusal: { zh: '拒绝式表达', en: 'Refusal' },
  contrast: { zh: '转折否定', en: '"But" that cancels' },
  'blame-shifting': { zh: '推卸责任', en: 'Shifting responsibility' },
  'blaming-customer': { zh: '指责客户', en: 'Blaming the customer' },
  absolute: { zh: '绝对化表达', en: 'Absolute statement' },
  'not-knowing': { zh: '"不知道"', en: '"I don\'t know"' },
  dismissive: { zh: '轻视投诉', en: 'Dismissive' },
  confrontational: { zh: '对抗语气', en: 'Confrontational' },
  commanding: { zh: '命令语气', en: 'Commanding' },
  hedging: { zh: '含糊其辞', en: 'Hedging' },
  'informal-address': { zh: '称呼不正式', en: 'Informal address' },
};

const STRINGS = {
  zh: {
    card: '话术建议',
    why: '为什么',
    suggestions: '建议改写',
    replaceWith: (s: string) => `改为"${s}"`,
    phrases: '推荐话术',
    insertPhrase: (s: string) => `在光标处插入：${s}`,
    ignore: '此处忽略',
    disable: '关闭此规则',
    close: '关闭',
    copy: '复制改写',
    copied: '已复制，请手动粘贴',
    applyFailed: '无法在此编辑器中自动替换。',
    count: (i: number, n: number) => `本回复第 ${i} / ${n} 处`,
    shortcut: 'Alt+J 下一处 · Esc 关闭',
    removeWords: '删除这些字',
  },
  en: {
    card: 'Reply coaching',
    why: 'Why',
    suggestions: 'Rewrite',
    replaceWith: (s: string) => `Replace with "${s}"`,
    phrases: 'Recommended phrases',
    insertPhrase: (s: string) => `Insert at cursor: ${s}`,
    ignore: 'Ignore here',
    disable: 'Turn off this rule',
    close: 'Close',
    copy: 'Copy rewrite',
    copied: 'Copied: paste it yourself',
    applyFailed: 'This editor did not accept the rewrite.',
    count: (i: number, n: number) => `${i} of ${n} in this reply`,
    shortcut: 'Alt+J next · Esc close',
    removeWords: 'Remove these words',
  },
} as const;

export type Strings = (typeof STRINGS)['en'];
export function strings(lang: UiLang): Strings {
  return (STRINGS[lang] ?? STRINGS.en) as Strings;
}
