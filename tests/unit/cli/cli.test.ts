import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../lib/cli/main';
import { formatText } from '../../../lib/cli/format-text';
import type { Finding } from '../../../lib/engine';

const dir = mkdtempSync(join(tmpdir(), 'rc-cli-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const teamPack = file(
  'team.yaml',
  `id: team
name: Team
version: 1.0.0
locale: zh-CN
rules:
  - id: team.zhuanjia
    category: dismissive
    severity: error
    match: [找专家去]
    message: { zh: 不要打发客户, en: Do not brush the customer off }
    why: 投诉是改进的机会
    suggestions: [我来帮您联系专家]
  - id: team.en.nope
    category: refusal
    lang: en
    match: [nope]
    message: Say what you can do
    why: x
`,
);

async function run(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const chunks: string[] = [];
  stdout.on('data', (c) => chunks.push(String(c)));
  const code = await main(args, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    stdout,
    readStdin: async () => stdin,
    isTTY: false,
    env: {},
  });
  return { code, out: out.join('\n') + chunks.join(''), err: err.join('\n') };
}

describe('reply-coach check', () => {
  it('prints each finding under its line with a caret underline sized for CJK, then a summary; exit 1 on an error finding', async () => {
    const r = await run(['check', '--pack', teamPack, '--ui', 'en', '您好，\n这个问题找专家去吧。']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('<text>:2:5: error Do not brush the customer off [dismissive] team.zhuanjia');
    expect(r.out).toContain('  这个问题找专家去吧。\n          ^^^^^^^^\n  suggestion: “我来帮您联系专家”');
    expect(r.out).toMatch(/1 finding: 1 error, 0 warning, 0 info$/);
  });

  it('reads a file or stdin, and exits 0 without error findings', async () => {
    const f = file('reply.txt', '谢谢您的耐心，已为您办理。');
    expect((await run(['check', '--pack', teamPack, f])).code).toBe(0);
    const r = await run(['check', '--pack', teamPack, '--format', 'json', '-'], '请找专家去');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ source: '<stdin>', findings: [{ ruleId: 'team.zhuanjia', start: 1, end: 5, text: '找专家去', suggestions: ['我来帮您联系专家'] }] });
  });

  it('filters with --only and --lang', async () => {
    const text = '请找专家去. Nope, not today.';
    expect(JSON.parse((await run(['check', '--pack', teamPack, '--format', 'json', '--only', 'refusal', text])).out).findings.map((f: Finding) => f.ruleId)).toEqual(['team.en.nope']);
    expect(JSON.parse((await run(['check', '--pack', teamPack, '--format', 'json', '--lang', 'zh', text])).out).findings.map((f: Finding) => f.ruleId)).toEqual(['team.zhuanjia']);
  });

  it('exits 2 with a clear message on bad usage or input', async () => {
    for (const [args, msg] of [
      [['check', '--only', 'rudeness', 'x'], 'unknown category rudeness'],
      [['check', '--format', 'xml', 'x'], '--format must be text or json'],
      [['check', '--lang', 'fr', 'x'], '--lang must be zh, en or auto'],
      [['check', '--pack', join(dir, 'missing.yaml'), 'x'], 'cannot read pack'],
      [['check', '--jsonl', join(dir, 'missing.jsonl')], 'no such file'],
      [['frobnicate'], 'unknown command'],
      [['check', '--bogus'], 'Unknown option'],
    ] as const) {
      const r = await run([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(msg);
    }
  });

  it('rejects an invalid --pack whole, listing every problem', async () => {
    const bad = file('bad.yaml', 'id: b\nname: B\nversion: x\nlocale: zh-CN\nrules:\n  - id: r\n    category: nope\n    match: [a]\n    message: m\n    why: w\n');
    const r = await run(['check', '--pack', bad, 'text']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}:3:10: version: must be a semver version`);
    expect(r.err).toContain(`${bad}:7:15: rules[0].category`);
  });
});

describe('reply-coach check --jsonl / --csv', () => {
  it('writes one result line per input line, in order, honouring each line\'s lang', async () => {
    const f = file('batch.jsonl', ['{"id":"a","text":"找专家去"}', '', '{"id":7,"text":"nope","lang":"en"}', '{"id":"c","text":"nope","lang":"zh"}'].join('\n'));
    const r = await run(['check', '--pack', teamPack, '--format', 'json', '--jsonl', f]);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.findings.map((x: Finding) => x.ruleId)])).toEqual([['a', ['team.zhuanjia']], [7, ['team.en.nope']], ['c', []]]);
    expect(r.code).toBe(1);
  });

  it('reports bad lines with file:line, keeps going, exits 2', async () => {
    const f = file('bad.jsonl', '{"id":1,"text":"好的"}\n{oops\n{"id":3}\n{"id":4,"text":"好"}\n');
    const r = await run(['check', '--jsonl', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${f}:2: invalid JSON`);
    expect(r.err).toContain(`${f}:3: expected an object with a string "text" field`);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual([1, null, 3, 4]);
  });

  it('reads CSV exports with quoted multi-line cells', async () => {
    const f = file('tickets.csv', 'ticket,body\nT1,"您好,\n这个找专家去"\nT2,好的\n');
    const r = await run(['check', '--pack', teamPack, '--csv', f, '--column', 'body', '--id-column', 'ticket']);
    expect(r.out.trim().split('\n').map((l) => [JSON.parse(l).id, JSON.parse(l).findings.length])).toEqual([['T1', 1], ['T2', 0]]);
    const missing = await run(['check', '--csv', f, '--column', 'text']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no column "text" (columns: ticket, body)');
  });
});

describe('reply-coach pack', () => {
  it('validate: ok line and exit 0; every problem and exit 1', async () => {
    const ok = await run(['pack', 'validate', teamPack]);
    expect(ok).toMatchObject({ code: 0, out: `${teamPack}: valid pack "team" 1.0.0: 2 rules, 0 phrases` });
    const bad = file('bad2.yaml', 'id: b\nname: B\nversion: 1.0.0\nlocale: zh-CN\nrules:\n  - id: r\n    category: refusal\n    pattern: "(?!x)"\n    message: m\n    why: w\n');
    const r = await run(['pack', 'validate', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:8:14: rules[0].pattern: unsupported regex feature: negative lookahead`);
  });

  it('test: runs the examples, prints failures, exit 1 on any', async () => {
    const p = file('ex.yaml', 'id: e\nname: E\nversion: 1.0.0\nlocale: zh-CN\nrules:\n  - id: r\n    category: refusal\n    match: [办不了]\n    message: m\n    why: w\n    examples:\n      flag: ["[[办不了]]", "办得了"]\n      pass: ["可以办"]\n');
    const r = await run(['pack', 'test', p]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${p}:12:25: rules[0].examples.flag[1]: rule does not flag "办得了"`);
    expect(r.out).toBe(`${p}: 1 rules, 3 examples: 2 passed, 1 failed`);
  });
});

describe('the installed command', () => {
  it('runs as `npm run -s coach -- check --format json --jsonl FILE` and as bin/reply-coach.mjs', () => {
    const f = file('one.jsonl', '{"id":"x","text":"谢谢"}\n');
    const out = execFileSync('npm', ['run', '-s', 'coach', '--', 'check', '--format', 'json', '--jsonl', f], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ id: 'x', findings: [] });
    const r = spawnSync(process.execPath, ['bin/reply-coach.mjs', 'check', '--only', 'nope', 'x'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown category nope');
  }, 30_000);
});

describe('formatText', () => {
  it('aligns carets under wide characters and emoji', () => {
    const text = '😀你好，但是';
    const f = { start: 5, end: 7, text: '但是', severity: 'warning', message: { zh: 'm', en: 'm' }, why: { zh: 'w', en: 'w' }, suggestions: [], ruleId: 'r', category: 'contrast' } as unknown as Finding;
    expect(formatText(text, [f], { source: 's', ui: 'zh' }).split('\n').slice(1, 3)).toEqual(['  😀你好，但是', '          ^^^^']);
  });
});

describe('reply-coach input errors', () => {
  it('says what is wrong with directories, non-UTF-8 files and CSV headers (exit 2); strips a BOM', async () => {
    const bad = file('gbk.txt', '');
    writeFileSync(bad, Buffer.from([0xb2, 0xbb, 0xc4, 0xdc])); // 不能 in GBK
    for (const [args, msg] of [
      [['check', '--csv', dir, '--column', 'body'], `not a file: ${dir}`],
      [['check', '--jsonl', dir], `not a file: ${dir}`],
      [['check', bad], 'not valid UTF-8 text'],
      [['check', '--csv', file('header.csv', 'a,body\n'), '--column', 'text'], 'no column "text" (columns: a, body)'],
    ] as const) {
      const r = await run([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(msg);
    }
    const r = await run(['check', '--pack', teamPack, '--format', 'json', '-'], '\ufeff找专家去');
    expect(JSON.parse(r.out).findings[0].start).toBe(0);
  });
});
