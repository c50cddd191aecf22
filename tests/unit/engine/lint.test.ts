import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, lint, type Finding } from '../../../lib/engine';
import { contextPack, fixturePack } from './fixture-pack';

const packs = [fixturePack];
const spans = (text: string, opts = {}) => lint(text, packs, opts).map((f) => [f.ruleId, f.text]);

describe('lint', () => {
  it('finds literal and pattern rules with exact UTF-16 offsets', () => {
    const text = '非常抱歉，我不能退款，但是可以换货。';
    const found = lint(text, packs);
    expect(found.map((f) => [f.ruleId, f.start, f.end, f.text])).toEqual([
      ['refusal', 5, 8, '我不能'],
      ['contrast', 11, 13, '但是'],
    ]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('returns nothing for empty text', () => {
    expect(lint('', packs)).toEqual([]);
  });

  it('applies context blockers as data: 不但是 is not 但是, 尽可能/可能性 are not hedging', () => {
    expect(spans('会员权益不但是健身房可以用')).toEqual([]);
    expect(spans('为了尽可能保障权益，排查可能性')).toEqual([]);
    expect(spans('可能要等一等')).toEqual([['hedge', '可能']]);
  });

  it('clauseBefore: conditions about the customer are not refusals', () => {
    expect(spans('如果您不能到店，我们上门取件')).toEqual([]);
    expect(spans('如果您有空，我不能上门')).toEqual([['refusal', '我不能']]);
  });

  it('when: keeps a match only if its context holds', () => {
    expect(spans('这是规定，我不能退')).toEqual([['dismiss', '这是规定'], ['refusal', '我不能']]);
    expect(spans('这是规定的流程')).toEqual([]);
  });

  it('afterPattern blocks with a regex on the following text', () => {
    expect(spans('绝对值很小')).toEqual([]);
    expect(spans('绝对没问题')).toEqual([['absolute', '绝对']]);
  });

  it('keeps the more severe of overlapping findings, then the longer', () => {
    // 你得 (warning) beats the overlapping 你 (info); 你们 is blocked.
    expect(spans('你得补一份证明，你们的')).toEqual([['commanding', '你得']]);
    expect(spans('你的退款')).toEqual([['informal', '你']]);
  });

  it('never reports overlapping findings and sorts them by start', () => {
    const found = lint('你得可能但是你是快递的问题你', packs);
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });

  it('expands pattern groups in suggestions and only offers known phrases', () => {
    const [blame] = lint('超时是骑手那边的问题', packs);
    expect(blame!.suggestions).toEqual(['我来联系骑手那边跟进']);
    const [refusal] = lint('我不能', packs);
    expect(refusal!.phrases).toEqual(['p.can-do']);
  });

  it('folds full-width and half-width forms', () => {
    expect(spans('ｉ ｃａｎ＇ｔ do it')).toEqual([['en.cant', 'ｉ ｃａｎ＇ｔ']]);
  });

  it('matches English case-insensitively, on word edges, with curly apostrophes', () => {
    expect(spans("Sorry, I can't.")).toEqual([['en.cant', "I can't"]]);
    expect(spans('Sorry, I CAN’T.')).toEqual([['en.cant', 'I CAN’T']]);
    expect(spans('The button is blue, but fast')).toEqual([['en.but', 'but']]);
    expect(spans('Not only fast but also cheap')).toEqual([]);
    expect(spans("If I can't reach you, I'll email")).toEqual([]);
    expect(spans("I'm unable to help")).toEqual([['en.unable', "I'm unable to"]]);
  });

  it('keeps sentence case in English suggestions', () => {
    const [f] = lint('But we will', packs);
    expect(f!.suggestions).toEqual(['And']);
  });

  it('honours caseSensitive rules', () => {
    expect(spans('Ships to the US soon')).toEqual([['en.sens', 'US']]);
    expect(spans('Ships to us soon')).toEqual([]);
  });

  it('applies each rule to text in its language (auto per sentence, or forced)', () => {
    const mixed = '您好，您可以在APP里设置，但是需要登录。Sorry, I can’t do that.';
    expect(spans(mixed)).toEqual([['contrast', '但是'], ['en.cant', 'I can’t']]);
    expect(spans(mixed, { lang: 'zh' })).toEqual([['contrast', '但是']]);
    expect(spans(mixed, { lang: 'en' })).toEqual([['en.cant', 'I can’t']]);
  });

  it('skips quotations and quoted e-mail history unless asked not to', () => {
    expect(spans('您提到“我不能登录”，我们已处理')).toEqual([]);
    expect(spans('您提到「但是」这个词')).toEqual([]);
    expect(spans('You wrote "I can\'t log in", fixed now')).toEqual([]);
    expect(spans('已为您处理。\n> 你们但是我不能\n祝好')).toEqual([]);
    expect(spans('已处理。\n在 2024年5月3日 周五 10:00，张三 写道：\n我不能登录，但是')).toEqual([]);
    expect(spans('Done.\nOn Mon, 3 May 2024, Ann <a@b.c> wrote:\nI can\'t log in')).toEqual([]);
    expect(spans('已处理\n-- \n但是签名')).toEqual([]);
    // Bottom-posting: the quoted lines end the history and the agent's answer follows.
    expect(spans("On Fri, 7 Jun 2024, Liam wrote:\n> I can't log in\n\nHi Liam,\nSorry, I can't refund it.")).toEqual([['en.cant', "I can't"]]);
    expect(spans('在 2024年5月3日，张三 写道：\n> 我不能登录\n\n您好，我不能改地址')).toEqual([['refusal', '我不能']]);
    const zh = '在 2024年5月3日，张三 写道：\n> 我不能登录\n\n您好，我不能改地址';
    expect(lint(zh, packs).map((f) => f.start)).toEqual([zh.lastIndexOf('我不能')]);
    // Unquoted old mail after the header is history to the end.
    expect(spans("Done.\nOn Mon, Ann wrote:\nI can't log in\n> and I can't pay")).toEqual([]);
    expect(spans('您提到“我不能登录”', { includeQuoted: true })).toEqual([['refusal', '我不能']]);
  });

  it('full-width characters in a pattern mean what they mean to re2js (a repeat, \\b, an escaped paren)', () => {
    const rule = (id: string, pattern: string, unless?: object) => ({
      id, category: 'blaming-customer' as const, severity: 'warning' as const, lang: 'zh' as const, pattern,
      anchors: ['的问题', '不能', '注'], ...(unless && { unless }), message: { zh: 'x', en: 'x' }, why: { zh: 'x', en: 'x' },
    });
    const pack = { ...fixturePack, id: 'fw', rules: [
      rule('fw.repeat', '是您.{0，6}的问题'),
      rule('fw.unless', '我不能', { beforePattern: '如果.{1，8}' }),
      rule('fw.paren', '\\（注\\）'),
    ] };
    const ids = (t: string) => lint(t, [pack]).map((f) => f.ruleId);
    expect(ids('这是您自己操作的问题。')).toEqual(['fw.repeat']);
    expect(ids('如果您明天来我不能退。')).toEqual([]);
    expect(ids('我不能退。')).toEqual(['fw.unless']);
    expect(ids('见（注）')).toEqual(['fw.paren']);
  });

  it('filters by category and disabled rules', () => {
    expect(spans('我不能，但是', { only: ['contrast'] })).toEqual([['contrast', '但是']]);
    expect(spans('我不能，但是', { disabledRules: ['contrast'] })).toEqual([['refusal', '我不能']]);
  });

  it('applies overrides from later packs and reports duplicate rule ids', () => {
    const team = {
      ...fixturePack,
      id: 'team',
      rules: [{ ...fixturePack.rules[0]!, id: 'contrast' }],
      overrides: [
        { rule: 'refusal', enabled: false },
        { rule: 'contrast', severity: 'error' as const },
      ],
    };
    const m = compile([fixturePack, team]);
    expect(m.problems).toEqual(['rule id "contrast" in pack "team" is already defined by an earlier pack; ignored']);
    expect(lint('我不能，但是', m).map((f) => [f.ruleId, f.severity])).toEqual([['contrast', 'error']]);
  });

  it('gives valid offsets for any Unicode text (emoji, surrogates, combining marks, RTL)', () => {
    const pieces = ['我不能', '但是', '你', "I can't", ' but ', '😀', '👩‍👩‍👧', 'é', 'e\u0301', 'שלום', '“', '”', '\n', '>', '，', '。', 'ａ', '\uD800'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const found: Finding[] = lint(text, packs);
        let prevEnd = 0;
        for (const f of found) {
          expect(f.start).toBeGreaterThanOrEqual(prevEnd);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(f.start, f.end)).toBe(f.text);
          prevEnd = f.end;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('lints a 1 MB reply and finds every occurrence', () => {
    const unit = '您好，非常抱歉，我不能马上退款，我们会尽快处理。😀 ';
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const found = lint(text, packs);
    expect(found.length).toBe(Math.ceil(1_000_000 / unit.length));
  });
});

describe('sentence-scoped contexts and span groups', () => {
  const ids = (text: string) => lint(text, [contextPack]).map((f) => [f.ruleId, f.text]);
  it('sentenceBefore looks only left of the match, within the sentence', () => {
    expect(ids("I'm sorry, but that's over")).toEqual([['but-after-sorry', 'but']]);
    expect(ids("It's over, but sorry about that")).toEqual([]);
  });
  it('previousSentence looks at the sentence before', () => {
    expect(ids('Thank you for waiting. However, the price stays.')).toEqual([['however-after-thanks', 'However']]);
    expect(ids('The price stays. However, thank you.')).toEqual([]);
  });
  it('sentenceAfterPattern sees past the clause comma', () => {
    expect(ids("However, we can't refund it.")).toEqual([['then-no', 'However']]);
  });
  it('a (?P<span>…) group narrows the finding to that group', () => {
    const [f] = lint('You should check the manual.', [contextPack]);
    expect([f!.start, f!.end, f!.text]).toEqual([0, 10, 'You should']);
  });
  it('English context phrases start at a word start (stems allowed)', () => {
    expect(ids('The gift, maybe tomorrow')).toEqual([['if-word', 'maybe']]);
    expect(ids('If needed maybe tomorrow')).toEqual([]);
  });
});

describe('finite patterns', () => {
  it('are matched as expanded literals with the same findings, groups and spans as re2js', async () => {
    const { expandPattern } = await import('../../../lib/engine/expand');
    expect(expandPattern('我们?(?:实在)?(不能|无法)', false)!.map((x) => x.text).sort()).toEqual(
      ['我不能', '我无法', '我实在不能', '我实在无法', '我们不能', '我们无法', '我们实在不能', '我们实在无法'].sort(),
    );
    expect(expandPattern('a+b', false)).toBeNull();
    expect(expandPattern('\\bfoo\\b', false)).toBeNull(); // \b only for English
    expect(expandPattern('x?', false)).toBeNull(); // matches the empty string
    // The fixture's blame rule ($1) and en.unable rule (\b…\b) give the same results either way.
    expect(lint('超时是骑手那边的问题', packs)[0]!.suggestions).toEqual(['我来联系骑手那边跟进']);
    expect(lint("Sorry, I'm not able to help. I'm unable to.", packs).map((f) => f.text)).toEqual(["I'm not able to", "I'm unable to"]);
    const [span] = lint('You should check the manual.', [contextPack]);
    expect([span!.start, span!.end]).toEqual([0, 10]);
  });
});

describe('expanded finite patterns keep regex semantics', () => {
  const t = (s: string) => ({ zh: s, en: s });
  const pack = (pattern: string, extra: object = {}) => [
    { id: 'p', name: 'p', version: '1.0.0', locale: 'zh-CN', rules: [{ id: 'r', category: 'refusal' as const, severity: 'warning' as const, lang: 'zh' as const, pattern, message: t('m'), why: t('w'), ...extra }] },
  ];
  it('leftmost-first: the earlier alternative wins at the same start, greedy ? takes the longer', () => {
    expect(lint('不退不改', pack('不退|不退不改')).map((f) => f.text)).toEqual(['不退']);
    expect(lint('我们不能', pack('我们?不能')).map((f) => f.text)).toEqual(['我们不能']);
  });
  it('a rejected match does not expose a shorter match inside it', () => {
    expect(lint('我们不赔', pack('(?:我们)?不赔', { when: { before: ['们'] } }))).toEqual([]);
  });
  it('anchors gate expanded rules like they gate regex rules: an anchor must be in the sentence', () => {
    expect(lint('我们不能', pack('我们不能', { anchors: ['不行'] }))).toEqual([]);
    expect(lint('我们不能，不行', pack('我们不能', { anchors: ['不行'] })).map((f) => f.text)).toEqual(['我们不能']);
  });
});

describe('review fixes: regex and expansion agree at the edges', () => {
  const t = (s: string) => ({ zh: s, en: s });
  const one = (rule: object, locale = 'en') => [
    { id: 'p', name: 'p', version: '1.0.0', locale, rules: [{ id: 'r', category: 'refusal' as const, severity: 'warning' as const, lang: (locale === 'en' ? 'en' : 'zh') as 'en', message: t('m'), why: t('w'), ...rule }] },
  ];
  const texts = (text: string, rule: object, locale?: string) => lint(text, one(rule, locale)).map((f) => f.text);

  it('a \\b that fails lets the next alternative match, as in RE2', () => {
    expect(texts('There is nothing here', { pattern: '\\b(?:not|nothing)\\b' })).toEqual(['nothing']);
    expect(texts('This definitely works', { pattern: '\\b(?:is|this) definitely\\b' })).toEqual(['This definitely']);
  });
  it('an alternative that leaves the span group out matches but reports nothing', () => {
    expect(texts('that is bad', { pattern: '(?P<span>very )?bad' })).toEqual([]);
    expect(texts('that is very bad', { pattern: '(?P<span>very )?bad' })).toEqual(['very ']);
  });
  it('groups in suggestions come from the original text', () => {
    const [f] = lint('SORRY, but no', one({ pattern: '(sorry|apologies), but', suggestions: ['$1 and'] }));
    expect(f!.suggestions).toEqual(['SORRY and']);
    const [g] = lint('SORRY, but no', one({ pattern: '(sorry|apologies), but\\s*\\w+', anchors: ['but'], suggestions: ['$1 and'] }));
    expect(g!.suggestions).toEqual(['SORRY and']);
  });
  it('patterns are width-folded like the text', () => {
    expect(texts('I can’t help it', { pattern: 'can’t \\w+', anchors: ['can'] })).toEqual(['can’t help']);
    expect(texts('这个不能？', { pattern: '不能？\\s*', anchors: ['不能'] }, 'zh-CN')).toEqual(['不能？']);
  });
  it('English word edges are checked on the folded text', () => {
    expect(texts('Press the ｂｕｔｔｏｎ now', { match: ['but'] })).toEqual([]);
    expect(texts('I can’t', { match: ['can'] })).toEqual([]);
  });
  it('previousSentence skips the empty gap between a terminator and a newline', () => {
    const rule = { match: ['however'], when: { previousSentence: ['thank you'] } };
    expect(texts('Thank you for waiting!\nHowever, no.', rule)).toEqual(['However']);
    expect(texts('Thank you for waiting!! However, no.', rule)).toEqual(['However']);
  });
  it('after-contexts are read from where the match ends, across a comma', () => {
    expect(texts('Sorry, but we can fix it.', { match: ['sorry, but'], unless: { afterPattern: '\\s*we can' } })).toEqual([]);
  });
  it('a " after a digit is an inch mark, not a quotation', () => {
    expect(texts('The 27" monitor. I can\'t help. It is 30" wide', { match: ["I can't"] })).toEqual(["I can't"]);
  });
});
