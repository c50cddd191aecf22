/**
 * Packs → one Matcher. All literal phrases and pattern anchors of every rule go into a single
 * Aho–Corasick automaton; patterns then run (re2js) only on the sentences where an anchor was seen.
 */
import { AhoCorasick } from './aho-corasick';
import { compileContext, type CompiledContext } from './context';
import { expandPattern, type Expansion } from './expand';
import { foldCase, foldWidth } from './normalize';
import { prefilterOf, type Prefilter } from './prefilter';
import { compilePattern, foldPattern, type Re2 } from './regex';
import type { Pack, Phrase, Rule, Severity } from './types';

/**
 * A rule ready to run. Its regexes are compiled on first use: most rules never meet a candidate
 * in a given reply, and compiling all of them up front would be a long task in the page.
 * (Packs are validated before they get here, so a bad regex cannot surface late.)
 */
export class CompiledRule {
  private re?: Re2;
  private span?: boolean;
  private pf?: Prefilter | null;
  private ctx?: { unless?: CompiledContext; when?: CompiledContext };

  constructor(
    readonly rule: Rule,
    readonly packId: string,
    readonly severity: Severity,
    readonly order: number,
  ) {
    this.needsPreviousSentence = Boolean(rule.unless?.previousSentence || rule.when?.previousSentence);
    this.hasContext = Boolean(rule.unless || rule.when);
  }

  get pattern(): Re2 {
    return (this.re ??= compilePattern(this.rule.pattern!, this.rule.caseSensitive));
  }

  /** Literals every match of the pattern contains (null: none known). */
  get prefilter(): Prefilter | null {
    if (this.pf === undefined) this.pf = prefilterOf(this.rule.pattern!, this.rule.caseSensitive);
    return this.pf;
  }

  /** The pattern has a (?P<span>…) group: report only that part of the match. */
  get spanGroup(): boolean {
    return (this.span ??= 'span' in this.pattern.namedGroups());
  }

  get unless(): CompiledContext | undefined {
    return this.contexts().unless;
  }

  get when(): CompiledContext | undefined {
    return this.contexts().when;
  }

  readonly needsPreviousSentence: boolean;
  readonly hasContext: boolean;

  private contexts() {
    return (this.ctx ??= { unless: compileContext(this.rule.unless), when: compileContext(this.rule.when) });
  }
}

/** What a literal in the automaton stands for. */
export interface Entry {
  rule: number;
  /** phrase: a literal match; anchor: run the rule's pattern here; expansion: one string of a
   * finite pattern; gate: an anchor of an expanded rule (its matches need one in the sentence). */
  kind: 'phrase' | 'anchor' | 'expansion' | 'gate';
  /** For expansions of a finite pattern: span group and capture groups. */
  expansion?: Expansion;
}

export interface Matcher {
  rules: CompiledRule[];
  /** Automaton over case-folded text, and one over width-folded text for case-sensitive rules. */
  insensitive: { ac: AhoCorasick; entries: Entry[] } | null;
  sensitive: { ac: AhoCorasick; entries: Entry[] } | null;
  /** Pattern rules without anchors: they scan the whole text. */
  unanchored: number[];
  phrases: Map<string, Phrase>;
  /** Non-fatal problems met while compiling (e.g. the same rule id in two packs). */
  problems: string[];
}

export function compile(packs: readonly Pack[]): Matcher {
  const problems: string[] = [];
  // Overrides from any pack apply to rules from every pack; later packs win.
  const overrides = new Map<string, { enabled?: boolean; severity?: Severity }>();
  for (const pack of packs) {
    for (const o of pack.overrides ?? []) overrides.set(o.rule, { ...overrides.get(o.rule), ...o });
  }
  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  const phrases = new Map<string, Phrase>();
  const ins: { lits: string[]; entries: Entry[] } = { lits: [], entries: [] };
  const sens: { lits: string[]; entries: Entry[] } = { lits: [], entries: [] };
  const unanchored: number[] = [];

  for (const pack of packs) {
    for (const p of pack.phrases ?? []) phrases.set(p.id, p);
    for (const rule of pack.rules) {
      if (seen.has(rule.id)) {
        problems.push(`rule id "${rule.id}" in pack "${pack.id}" is already defined by an earlier pack; ignored`);
        continue;
      }
      seen.add(rule.id);
      const o = overrides.get(rule.id);
      if ((o?.enabled ?? rule.enabled ?? true) === false) continue;
      const index = rules.length;
      const compiled = new CompiledRule(rule, pack.id, o?.severity ?? rule.severity, index);
      rules.push(compiled);
      const target = rule.caseSensitive ? sens : ins;
      const fold = rule.caseSensitive ? foldWidth : foldCase;
      // Expanded from the pattern re2js would run: width-folded (＼ｂ is \b there, not ｂ).
      const expansions = rule.pattern ? expandPattern(foldPattern(rule.pattern), rule.lang === 'en') : null;
      if (rule.match) {
        for (const lit of rule.match) {
          target.lits.push(fold(lit));
          target.entries.push({ rule: index, kind: 'phrase' });
        }
      } else if (expansions) {
        // A finite pattern becomes literals: no regex runs for it.
        for (const expansion of expansions) {
          target.lits.push(fold(expansion.text));
          target.entries.push({ rule: index, kind: 'expansion', expansion });
        }
        for (const lit of rule.anchors ?? []) {
          target.lits.push(fold(lit));
          target.entries.push({ rule: index, kind: 'gate' });
        }
      } else if (rule.anchors?.length) {
        for (const lit of rule.anchors) {
          target.lits.push(fold(lit));
          target.entries.push({ rule: index, kind: 'anchor' });
        }
      } else if (rule.pattern) unanchored.push(index);
    }
  }
  const build = (t: { lits: string[]; entries: Entry[] }): { ac: AhoCorasick; entries: Entry[] } | null =>
    t.lits.length ? { ac: new AhoCorasick(t.lits), entries: t.entries } : null;
  return { rules, insensitive: build(ins), sensitive: build(sens), unanchored, phrases, problems };
}
