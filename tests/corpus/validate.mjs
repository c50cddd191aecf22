#!/usr/bin/env node
// Validates a held-out corpus directory (DIR/zh.jsonl, DIR/en.jsonl, whichever exist): JSON per line, unique ids, every span found at its
// occurrence, `occurrence` present whenever the span occurs more than once.
// Also prints per-category statistics and a review list of "risky" keywords
// that are not covered by any labelled span (to double-check clean traps by hand).
// Usage: node tests/corpus/validate.mjs DIR ID-PREFIX [--review]   e.g. tests/corpus/holdout3 h3
import fs from 'node:fs';
import path from 'node:path';

const [dir, prefix] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!dir || !prefix) { console.error('usage: node tests/corpus/validate.mjs DIR ID-PREFIX [--review]'); process.exit(2); }
const CATS = ['refusal', 'contrast', 'blame-shifting', 'blaming-customer', 'absolute', 'not-knowing',
  'dismissive', 'confrontational', 'commanding', 'hedging', 'informal-address'];
const review = process.argv.includes('--review');
const RISKY = {
  zh: ['你', '但', '可是', '不过', '可能', '大概', '也许', '估计', '不能', '不行', '不知道', '不清楚', '规定', '没办法',
    '必须', '应该', '您得', '绝对', '从来', '不可能', '没关系', '不关', '别', '说过', '一直', '都这样', '无法', '不了'],
  en: ["can't", 'cannot', 'unable', 'but', 'however', 'though', 'maybe', 'probably', 'perhaps', 'might', "don't know",
    'no idea', 'not sure', 'never', 'impossible', 'must', 'need to', 'have to', 'should', 'policy', 'rules', 'calm',
    'as i ', 'contact', 'wrong', 'whatever', 'listen', "won't"],
};

function occurrences(text, span) {
  const out = [];
  for (let i = text.indexOf(span); i !== -1; i = text.indexOf(span, i + 1)) out.push(i);
  return out;
}

let errors = 0;
const err = (m) => { errors++; console.error('ERROR ' + m); };
const ids = new Set();
const summary = {};
for (const lang of ['zh', 'en']) {
  const file = path.join(dir, `${lang}.jsonl`);
  if (!fs.existsSync(file)) continue;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const stats = { replies: 0, clean: 0, flagged: 0, cleanWithEither: 0, expect: {}, either: {} };
  for (const c of CATS) { stats.expect[c] = 0; stats.either[c] = 0; }
  lines.forEach((line, n) => {
    if (!line.trim()) return;
    const where = `${lang}.jsonl:${n + 1}`;
    let o;
    try { o = JSON.parse(line); } catch (e) { err(`${where} bad JSON: ${e.message}`); return; }
    if (typeof o.id !== 'string' || !o.id.startsWith(`${prefix}-${lang}-`)) err(`${where} bad id ${o.id}`);
    if (ids.has(o.id)) err(`${where} duplicate id ${o.id}`);
    ids.add(o.id);
    if (o.lang !== lang) err(`${where} lang ${o.lang}`);
    if (typeof o.text !== 'string' || !o.text) err(`${where} no text`);
    if (!Array.isArray(o.expect)) err(`${where} expect missing`);
    const keys = Object.keys(o).filter((k) => !['id', 'lang', 'text', 'expect', 'either'].includes(k));
    if (keys.length) err(`${where} unknown keys ${keys}`);
    stats.replies++;
    if (o.expect.length) stats.flagged++; else { stats.clean++; if (o.either?.length) stats.cleanWithEither++; }
    const covered = []; // [start,end) of all labelled spans
    const seen = new Set();
    for (const kind of ['expect', 'either']) {
      for (const f of o[kind] ?? []) {
        if (!CATS.includes(f.category)) err(`${where} ${o.id} unknown category ${f.category}`);
        if (lang === 'en' && f.category === 'informal-address') err(`${where} ${o.id} informal-address in en`);
        const occ = occurrences(o.text, f.span);
        if (!occ.length) { err(`${where} ${o.id} span not found: ${f.span}`); continue; }
        if (occ.length > 1 && f.occurrence == null) err(`${where} ${o.id} span "${f.span}" occurs ${occ.length}x, needs occurrence`);
        const k = f.occurrence ?? 1;
        if (k < 1 || k > occ.length) { err(`${where} ${o.id} span "${f.span}" occurrence ${k} of ${occ.length}`); continue; }
        const key = `${f.category}|${f.span}|${k}`;
        if (seen.has(key)) err(`${where} ${o.id} duplicate finding ${key}`);
        seen.add(key);
        covered.push([occ[k - 1], occ[k - 1] + f.span.length]);
        stats[kind][f.category]++;
      }
    }
    // every 你 must be covered by a span, or be inside a quotation (reported for review)
    if (review) {
      const lower = o.text.toLowerCase();
      for (const w of RISKY[lang]) {
        for (const i of occurrences(lower, w)) {
          if (lang === 'en' && /[a-z]/.test(lower[i - 1] ?? '') && /^[a-z]/.test(w)) continue;
          if (!covered.some(([s, e]) => i >= s && i < e)) {
            console.log(`REVIEW ${o.id} "${w}": …${o.text.slice(Math.max(0, i - 14), i + w.length + 14).replace(/\n/g, '⏎')}…`);
          }
        }
      }
    }
  });
  summary[lang] = stats;
}
for (const [lang, s] of Object.entries(summary)) {
  console.log(`\n${lang}: ${s.replies} replies, ${s.clean} clean (${(100 * s.clean / s.replies).toFixed(1)}%, ${s.cleanWithEither} of them with an either-span), ${s.flagged} flagged`);
  for (const c of CATS) if (!(lang === 'en' && c === 'informal-address')) console.log(`  ${c.padEnd(18)} expect ${String(s.expect[c]).padStart(3)}   either ${s.either[c]}`);
}
console.log(errors ? `\n${errors} error(s)` : '\nOK');
process.exit(errors ? 1 : 0);
