/**
 * Every rule carries its own examples: `flag` texts it must match (optionally with the expected
 * words marked [[like this]]) and `pass` texts it must not. Checked in isolation, so one rule's
 * examples never depend on the others.
 */
import { compile } from '../engine/compile';
import { lint } from '../engine/lint';
import type { Pack, Rule } from '../engine/types';
import type { Problem } from './path';

export function parseExample(example: string): { text: string; span?: { start: number; end: number } } {
  const open = example.indexOf('[[');
  const close = example.indexOf(']]', open + 2);
  if (open < 0 || close < 0) return { text: example };
  const text = example.slice(0, open) + example.slice(open + 2, close) + example.slice(close + 2);
  return { text, span: { start: open, end: close - 2 } };
}

export function checkRuleExamples(rule: Rule, path: string, pack: Pack): Problem[] {
  const problems: Problem[] = [];
  const solo: Pack = { ...pack, rules: [{ ...rule, enabled: true }], overrides: [] };
  const matcher = compile([solo]);
  const run = (text: string) => lint(text, matcher, { lang: rule.lang });
  (rule.examples?.flag ?? []).forEach((ex, i) => {
    const { text, span } = parseExample(ex);
    const found = run(text);
    if (!found.length) problems.push({ path: `${path}.examples.flag[${i}]`, message: `rule does not flag "${text}"` });
    else if (span && !found.some((f) => f.start === span.start && f.end === span.end)) {
      problems.push({
        path: `${path}.examples.flag[${i}]`,
        message: `expected "${text.slice(span.start, span.end)}" flagged, got ${found.map((f) => `"${f.text}"`).join(', ')}`,
      });
    }
  });
  (rule.examples?.pass ?? []).forEach((ex, i) => {
    const found = run(ex);
    if (found.length) {
      problems.push({ path: `${path}.examples.pass[${i}]`, message: `rule flags "${found[0]!.text}" in a pass example: "${ex}"` });
    }
  });
  return problems;
}

export function checkPackExamples(pack: Pack): Problem[] {
  return pack.rules.flatMap((rule, i) => checkRuleExamples(rule, `rules[${i}]`, pack));
}
