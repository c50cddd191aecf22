/**
 * Scores findings against labelled replies (the ../shared/eval/sample.jsonl format):
 * `expect` must be found, `either` may be found, anything else is a false positive.
 * A finding matches a label when the category is the same and the spans overlap; `exact`
 * additionally counts labels whose span was reproduced exactly.
 */
import type { Category, Finding } from '../engine/types';

export interface Label {
  category: Category;
  span: string;
  /** 1-based occurrence of span in the text (default 1). */
  occurrence?: number;
}

export interface LabelledReply {
  id: string;
  lang?: 'zh' | 'en';
  text: string;
  expect: Label[];
  either?: Label[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  exact: number;
}

export interface CaseResult {
  id: string;
  missed: Label[];
  falsePositives: Pick<Finding, 'category' | 'text' | 'start' | 'ruleId'>[];
}

export interface Score {
  total: Counts;
  byCategory: Map<string, Counts>;
  cleanReplies: number;
  cleanWithFinding: number;
  cases: CaseResult[];
}

export function labelSpan(text: string, label: Label): { start: number; end: number } | undefined {
  let from = 0;
  let at = -1;
  for (let n = 0; n < (label.occurrence ?? 1); n++) {
    at = text.indexOf(label.span, from);
    if (at < 0) return undefined;
    from = at + 1;
  }
  return { start: at, end: at + label.span.length };
}

const empty = (): Counts => ({ tp: 0, fp: 0, fn: 0, exact: 0 });

export function score(replies: { reply: LabelledReply; findings: Finding[] }[]): Score {
  const total = empty();
  const byCategory = new Map<string, Counts>();
  const cat = (c: string) => byCategory.get(c) ?? (byCategory.set(c, empty()), byCategory.get(c)!);
  let cleanReplies = 0;
  let cleanWithFinding = 0;
  const cases: CaseResult[] = [];
  for (const { reply, findings } of replies) {
    const used = new Set<number>();
    const missed: Label[] = [];
    const match = (label: Label) => {
      const span = labelSpan(reply.text, label);
      if (!span) throw new Error(`${reply.id}: span "${label.span}" (occurrence ${label.occurrence ?? 1}) not in text`);
      // Prefer the exact span, then any overlapping finding of the same category.
      let best = -1;
      findings.forEach((f, i) => {
        if (used.has(i) || f.category !== label.category) return;
        if (f.start < span.end && f.end > span.start) {
          if (best < 0 || (f.start === span.start && f.end === span.end)) best = i;
        }
      });
      return best;
    };
    for (const label of reply.expect) {
      const i = match(label);
      const c = cat(label.category);
      if (i >= 0) {
        used.add(i);
        total.tp++, c.tp++;
        const span = labelSpan(reply.text, label)!;
        if (findings[i]!.start === span.start && findings[i]!.end === span.end) total.exact++, c.exact++;
      } else {
        total.fn++, c.fn++;
        missed.push(label);
      }
    }
    for (const label of reply.either ?? []) {
      const i = match(label);
      if (i >= 0) used.add(i);
    }
    const fps = findings.filter((_, i) => !used.has(i));
    for (const f of fps) total.fp++, cat(f.category).fp++;
    if (reply.expect.length === 0) {
      cleanReplies++;
      if (fps.length) cleanWithFinding++;
    }
    if (missed.length || fps.length) {
      cases.push({ id: reply.id, missed, falsePositives: fps.map(({ category, text, start, ruleId }) => ({ category, text, start, ruleId })) });
    }
  }
  return { total, byCategory, cleanReplies, cleanWithFinding, cases };
}

export const precision = (c: Counts) => (c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1);
export const recall = (c: Counts) => (c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1);

export function formatScore(s: Score): string {
  const pct = (x: number) => x.toFixed(3);
  const rows = [...s.byCategory.entries()].sort().map(
    ([c, k]) => `  ${c.padEnd(18)} P ${pct(precision(k))}  R ${pct(recall(k))}  (tp ${k.tp}, fp ${k.fp}, fn ${k.fn})`,
  );
  return [
    ...rows,
    `  ${'ALL'.padEnd(18)} P ${pct(precision(s.total))}  R ${pct(recall(s.total))}  (tp ${s.total.tp}, fp ${s.total.fp}, fn ${s.total.fn}, exact spans ${s.total.exact})`,
    `  clean replies with any finding: ${s.cleanWithFinding}/${s.cleanReplies} (${((100 * s.cleanWithFinding) / Math.max(1, s.cleanReplies)).toFixed(1)}%)`,
  ].join('\n');
}
