/**
 * reply-coach: lint support replies from the command line.
 * Exit codes in every mode: 0 no error-severity finding, 1 at least one (or a failing pack
 * check), 2 bad usage or bad input.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { lint } from '../engine/lint';
import { CATEGORIES, type Category, type LintOptions, type UiLang } from '../engine/types';
import { lineWriter, lintCsv, lintJsonl } from './batch';
import { formatText } from './format-text';
import { loadPacks, UsageError } from './load-packs';
import { packTest, packValidate } from './pack-commands';

const HELP = `reply-coach — coaching for customer-support replies (话术教练)

Usage:
  reply-coach check [TEXT | FILE | -] [options]   lint one reply (- or no argument: stdin)
  reply-coach check --jsonl FILE [options]        one {"id","text","lang"?} per line → one {"id","findings"} per line
  reply-coach check --csv FILE --column NAME      likewise for a CSV export (--id-column NAME)
  reply-coach pack validate FILE...               check a rule pack's structure
  reply-coach pack test FILE...                   run a rule pack's own examples

Options:
  --format text|json     output format (default text; batch modes always write JSON lines)
  --pack FILE            add a custom pack (YAML or JSON); repeatable
  --lang zh|en|auto      which rules apply (default auto: per sentence)
  --only CAT,...         only these categories (${CATEGORIES.join(', ')})
  --ui zh|en             language of messages (default: from LANG)
  --include-quoted       also coach quoted text and e-mail history
  -h, --help             this help
  -v, --version          version

Exit codes: 0 no error-severity finding, 1 at least one, 2 bad usage or input.`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdout: NodeJS.WritableStream;
  readStdin: () => Promise<string>;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`reply-coach: ${(e as Error).message}`);
      if (!(e instanceof UsageError)) io.err(`Try "reply-coach --help".`);
      return 2;
    }
    throw e;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      pack: { type: 'string', multiple: true },
      lang: { type: 'string' },
      only: { type: 'string' },
      ui: { type: 'string' },
      jsonl: { type: 'string' },
      csv: { type: 'string' },
      column: { type: 'string' },
      'id-column': { type: 'string' },
      'include-quoted': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) return io.out(HELP), 0;
  if (values.version) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return io.out(pkg.version), 0;
  }
  const [command, ...rest] = positionals;
  if (command === 'pack') {
    const [sub, ...files] = rest;
    if (!files.length || (sub !== 'validate' && sub !== 'test')) throw new UsageError('usage: reply-coach pack validate|test FILE...');
    return sub === 'validate' ? packValidate(files, io.out, io.err) : packTest(files, io.out, io.err);
  }
  if (command !== 'check') throw new UsageError(command ? `unknown command "${command}" (try check or pack)` : HELP);

  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const lang = values.lang ?? 'auto';
  if (lang !== 'zh' && lang !== 'en' && lang !== 'auto') throw new UsageError(`--lang must be zh, en or auto, not "${lang}"`);
  let only: Category[] | undefined;
  if (values.only) {
    only = values.only.split(',').map((s) => s.trim()).filter(Boolean) as Category[];
    const unknown = only.filter((c) => !(CATEGORIES as readonly string[]).includes(c));
    if (unknown.length) throw new UsageError(`unknown categor${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')} in --only (known: ${CATEGORIES.join(', ')})`);
  }
  const ui: UiLang = values.ui === 'zh' || values.ui === 'en' ? values.ui : values.ui ? badUi(values.ui) : /^zh/i.test(io.env.LC_ALL ?? io.env.LANG ?? '') ? 'zh' : 'en';
  const options: LintOptions = { lang, only, includeQuoted: values['include-quoted'] ?? false };
  const packs = loadPacks(values.pack ?? []);

  if (values.jsonl || values.csv) {
    if (values.jsonl && values.csv) throw new UsageError('give --jsonl or --csv, not both');
    if (rest.length) throw new UsageError('batch mode takes no TEXT argument');
    const file = (values.jsonl ?? values.csv)!;
    if (file !== '-' && !existsSync(file)) throw new UsageError(`no such file: ${file}`);
    if (file !== '-' && !statSync(file).isFile()) throw new UsageError(`not a file: ${file}`);
    const write = lineWriter(io.stdout);
    let result;
    if (values.jsonl) {
      try {
        result = await lintJsonl(file, packs, options, write, io.err);
      } catch (e) {
        throw new UsageError(`${file}: ${(e as Error).message}`);
      }
    }
    else {
      if (!values.column) throw new UsageError('--csv needs --column NAME (the column holding the reply text)');
      try {
        result = await lintCsv(file, values.column, values['id-column'], packs, options, write);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    }
    if (result.badRecords) return 2;
    return result.errorFindings ? 1 : 0;
  }

  if (rest.length > 1) throw new UsageError('check takes one TEXT or FILE (quote the text)');
  const { text, source } = await readInput(rest[0], io);
  const findings = lint(text, packs, options);
  if (format === 'json') io.out(JSON.stringify({ source, findings }, null, 2));
  else io.out(formatText(text, findings, { source, ui, color: io.isTTY && !io.env.NO_COLOR }));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

function badUi(v: string): never {
  throw new UsageError(`--ui must be zh or en, not "${v}"`);
}

async function readInput(arg: string | undefined, io: Io): Promise<{ text: string; source: string }> {
  if (arg === undefined || arg === '-') {
    if (arg === undefined && io.isTTY) throw new UsageError('give a TEXT, a FILE or - (stdin); see --help');
    return { text: stripBom(await io.readStdin()), source: '<stdin>' };
  }
  if (arg.length < 4096 && existsSync(arg) && statSync(arg).isFile()) {
    try {
      // fatal: a file in another encoding (GBK exports are common) is an error, not mojibake.
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(arg)), source: arg };
    } catch {
      throw new UsageError(`${arg}: not valid UTF-8 text (convert it first, e.g. iconv -f GBK -t UTF-8)`);
    }
  }
  return { text: arg, source: '<text>' };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const isEntry = process.argv[1] && /(?:main\.ts|reply-coach(?:\.mjs)?)$/.test(process.argv[1]);
if (isEntry) {
  // `reply-coach … | head`: a closed pipe ends the run quietly, like other Unix tools.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    stdout: process.stdout,
    readStdin: () => readAll(process.stdin),
    isTTY: Boolean(process.stdout.isTTY && process.stdin.isTTY),
    env: process.env,
  }).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`reply-coach: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
