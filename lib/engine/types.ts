/**
 * The engine's vocabulary. Plain TypeScript types (no zod): the engine runs in the content
 * script, where every kilobyte counts. `lib/packs` validates raw data into these shapes.
 */

/** The public category contract (../shared/docs/categories.md). Order is display order. */
export const CATEGORIES = [
  'refusal',
  'contrast',
  'blame-shifting',
  'blaming-customer',
  'absolute',
  'not-knowing',
  'dismissive',
  'confrontational',
  'commanding',
  'hedging',
  'informal-address',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Language a rule is written for. A rule only fires on text in its language. */
export type RuleLang = 'zh' | 'en';
export type UiLang = 'zh' | 'en';

export interface Localized {
  zh: string;
  en: string;
}

/**
 * Context around a match, as data. Each list holds alternatives (any one suffices).
 * - before / after: text directly adjacent to the match (whitespace between is ignored).
 * - clauseBefore / clauseAfter: anywhere earlier / later in the same clause (up to , ; : 。 etc).
 * - sentence: anywhere in the same sentence, outside the match.
 * - sentenceBefore / sentenceAfter: anywhere earlier / later in the same sentence.
 * - previousSentence: anywhere in the sentence before this one ("Thanks. However, …").
 *   English phrases in these lists start at a word start ("if" is not in "gift"); they may be
 *   stems ("apolog" finds "apologise").
 * - beforePattern / afterPattern: a linear-time regex that must match the clause text ending at
 *   the match start / starting at the match end.
 */
export interface Context {
  before?: string[];
  after?: string[];
  clauseBefore?: string[];
  clauseAfter?: string[];
  sentence?: string[];
  sentenceBefore?: string[];
  sentenceAfter?: string[];
  previousSentence?: string[];
  beforePattern?: string;
  afterPattern?: string;
  /** Like beforePattern/afterPattern, but over the sentence rather than the clause. */
  sentenceBeforePattern?: string;
  sentenceAfterPattern?: string;
}

export interface Rule {
  id: string;
  category: Category;
  severity: Severity;
  lang: RuleLang;
  /** Literal phrases; matched together in one pass (Aho–Corasick). */
  match?: string[];
  /**
   * RE2 syntax pattern (run with re2js: linear time, no lookaround/backreferences). A named
   * group `(?P<span>…)` narrows the finding to that group, so context can be part of the match.
   */
  pattern?: string;
  /** Literals one of which every pattern match contains; the pattern only runs near them. */
  anchors?: string[];
  /** Case-sensitive matching (default: insensitive). Width (全角/半角) is always folded. */
  caseSensitive?: boolean;
  /** The match is dropped if any listed context holds. */
  unless?: Context;
  /** The match is kept only if every listed context holds. */
  when?: Context;
  message: Localized;
  why: Localized;
  /** Replacement strings for the span. `$1`…`$9` and `$&` refer to pattern groups. */
  suggestions?: string[];
  /** Ids of recommended phrases (phrase library). */
  phrases?: string[];
  /** Where the rule comes from in the training material, e.g. "001 §七 负面语言". */
  source?: string;
  enabled?: boolean;
  examples?: { flag?: string[]; pass?: string[] };
}

export type ReplyStep = 'greeting' | 'empathy' | 'apology' | 'solution' | 'waiting' | 'closing';

export interface Phrase {
  id: string;
  text: Localized;
  categories?: Category[];
  steps?: ReplyStep[];
  source?: string;
}

export interface RuleOverride {
  rule: string;
  enabled?: boolean;
  severity?: Severity;
}

export interface Pack {
  id: string;
  name: string;
  version: string;
  locale: string;
  description?: string;
  author?: string;
  changelog?: string;
  /** Host patterns the pack applies to (empty/absent: everywhere). */
  sites?: string[];
  rules: Rule[];
  phrases?: Phrase[];
  overrides?: RuleOverride[];
}

export interface Finding {
  ruleId: string;
  packId: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offsets into the linted text, end exclusive. */
  start: number;
  end: number;
  text: string;
  message: Localized;
  why: Localized;
  suggestions: string[];
  phrases: string[];
}

export interface LintOptions {
  /** 'auto' (default) picks per sentence; 'zh'/'en' restricts rules to that language. */
  lang?: RuleLang | 'auto';
  /** Only report these categories. */
  only?: readonly Category[];
  /** Rule ids switched off by the user. */
  disabledRules?: ReadonlySet<string> | readonly string[];
  /** Coach text inside quotation marks and quoted e-mail history too (default false). */
  includeQuoted?: boolean;
}
