/** A small pack exercising every rule kind, independent of the built-in packs' wording. */
import type { Pack, Rule } from '../../../lib/engine/types';

const t = (s: string) => ({ zh: s, en: s });
const rule = (r: Partial<Rule> & Pick<Rule, 'id' | 'category'>): Rule => ({
  severity: 'warning',
  lang: 'zh',
  message: t(`msg ${r.id}`),
  why: t(`why ${r.id}`),
  ...r,
});

export const fixturePack: Pack = {
  id: 'fixture',
  name: 'Fixture',
  version: '1.0.0',
  locale: 'zh-CN',
  phrases: [{ id: 'p.can-do', text: { zh: '我们能为您做的是……', en: 'What we can do is…' } }],
  rules: [
    rule({ id: 'contrast', category: 'contrast', match: ['但是', '可是'], unless: { before: ['不'] }, suggestions: ['同时'] }),
    rule({ id: 'refusal', category: 'refusal', pattern: '我们?(?:不能|无法)', anchors: ['不能', '无法'], unless: { clauseBefore: ['如果'] }, phrases: ['p.can-do', 'missing'] }),
    rule({ id: 'informal', category: 'informal-address', severity: 'info', match: ['你'], unless: { after: ['们'] }, suggestions: ['您'] }),
    rule({ id: 'commanding', category: 'commanding', match: ['你得', '您得'], suggestions: ['建议您'] }),
    rule({ id: 'hedge', category: 'hedging', severity: 'info', match: ['可能'], unless: { before: ['尽', '不'], after: ['性'] } }),
    rule({ id: 'blame', category: 'blame-shifting', severity: 'error', pattern: '是(\\p{Han}{1,6}?)的问题', anchors: ['的问题'], suggestions: ['我来联系$1跟进'] }),
    rule({ id: 'dismiss', category: 'dismissive', severity: 'error', match: ['这是规定'], when: { sentence: ['退'] } }),
    rule({ id: 'absolute', category: 'absolute', match: ['绝对'], unless: { afterPattern: '值|相对' } }),
    rule({ id: 'en.cant', category: 'refusal', lang: 'en', match: ["I can't", 'we cannot'], suggestions: ['I can'], unless: { clauseBefore: ['if'] } }),
    rule({ id: 'en.but', category: 'contrast', lang: 'en', match: ['but'], unless: { after: ['also'] }, suggestions: ['and'] }),
    rule({ id: 'en.unable', category: 'refusal', lang: 'en', pattern: "\\bI'm (?:unable|not able) to\\b" }),
    rule({ id: 'en.sens', category: 'hedging', lang: 'en', match: ['US'], caseSensitive: true }),
  ],
};

/** Rules exercising sentence-scoped contexts and the (?P<span>…) group. */
export const contextPack: Pack = {
  id: 'context',
  name: 'Context',
  version: '1.0.0',
  locale: 'en',
  rules: [
    rule({ id: 'but-after-sorry', category: 'contrast', lang: 'en', match: ['but'], when: { sentenceBefore: ['sorry', 'thanks'] } }),
    rule({ id: 'however-after-thanks', category: 'contrast', lang: 'en', match: ['however'], when: { previousSentence: ['thank you'] } }),
    rule({ id: 'you-should-verb', category: 'commanding', lang: 'en', pattern: '\\b(?P<span>you should) (?:check|read|have)\\b', anchors: ['you should'] }),
    rule({ id: 'if-word', category: 'hedging', lang: 'en', match: ['maybe'], unless: { clauseBefore: ['if'] } }),
    rule({ id: 'then-no', category: 'contrast', lang: 'en', match: ['however'], severity: 'info', when: { sentenceAfterPattern: "^, we can't" } }),
  ],
};
