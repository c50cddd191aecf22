/**
 * The rule-pack format, defined once. Everything else (JSON Schema for editors, validation
 * messages, the engine's Pack type) derives from this.
 */
import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '../engine/types';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
/** Phrases and regexes are kept exactly as written: a space or a trailing "\ " can matter. */
const exact = z.string().refine((v) => v.trim().length > 0, 'must not be empty or blank');
const list = z.array(exact);

/** A text in zh and/or en; a plain string is used for both. */
export const localizedSchema = z
  .union([nonEmpty, z.strictObject({ zh: nonEmpty.optional(), en: nonEmpty.optional() })])
  .refine((v) => typeof v === 'string' || v.zh || v.en, 'give at least one of zh, en')
  .transform((v) =>
    typeof v === 'string' ? { zh: v, en: v } : { zh: (v.zh ?? v.en)!, en: (v.en ?? v.zh)! },
  )
  .meta({ description: 'Text shown to the agent: a string, or { zh, en }.' });

export const contextSchema = z
  .strictObject({
    before: list.optional().meta({ description: 'Phrases directly before the match (spaces ignored).' }),
    after: list.optional().meta({ description: 'Phrases directly after the match (spaces ignored).' }),
    clauseBefore: list.optional().meta({ description: 'Phrases anywhere earlier in the same clause.' }),
    clauseAfter: list.optional().meta({ description: 'Phrases anywhere later in the same clause.' }),
    sentence: list.optional().meta({ description: 'Phrases anywhere else in the same sentence.' }),
    sentenceBefore: list.optional().meta({ description: 'Phrases anywhere earlier in the same sentence.' }),
    sentenceAfter: list.optional().meta({ description: 'Phrases anywhere later in the same sentence.' }),
    previousSentence: list.optional().meta({ description: 'Phrases anywhere in the previous sentence.' }),
    beforePattern: exact.optional().meta({ description: 'RE2 regex matching the clause text that ends at the match.' }),
    afterPattern: exact.optional().meta({ description: 'RE2 regex matching the clause text that starts at the match end.' }),
    sentenceBeforePattern: exact.optional().meta({ description: 'RE2 regex matching the sentence text that ends at the match.' }),
    sentenceAfterPattern: exact.optional().meta({ description: 'RE2 regex matching the sentence text that starts at the match end.' }),
  })
  .meta({ description: 'Context around a match. Each field lists alternatives.' });

export const ruleSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-" (e.g. "team.refusal.no-refund")'),
    category: z.enum(CATEGORIES).meta({ description: 'One of the eleven finding categories.' }),
    severity: z.enum(SEVERITIES).default('warning'),
    lang: z.enum(['zh', 'en']).optional().meta({ description: 'Language of the text the rule fits; defaults to the pack locale.' }),
    match: list.min(1).optional().meta({ description: 'Literal phrases (matched together, case- and width-insensitive).' }),
    pattern: exact.optional().meta({ description: 'RE2 regex (no lookaround, no backreferences). A named group (?P<span>…) narrows the finding to that group.' }),
    anchors: list.optional().meta({ description: 'Literals every pattern match contains; the pattern then only runs near them (much faster).' }),
    caseSensitive: z.boolean().optional(),
    unless: contextSchema.optional().meta({ description: 'Drop the match when any of these holds.' }),
    when: contextSchema.optional().meta({ description: 'Keep the match only when all of these hold.' }),
    message: localizedSchema,
    why: localizedSchema,
    suggestions: z.array(z.string()).optional().meta({ description: 'Rewrites for the flagged words; $1…$9, $& refer to the pattern match.' }),
    phrases: list.optional().meta({ description: 'Ids of recommended phrases to offer.' }),
    source: nonEmpty.optional().meta({ description: 'Where the rule comes from (training material, section).' }),
    enabled: z.boolean().optional(),
    examples: z
      .strictObject({
        flag: list.optional().meta({ description: 'Texts the rule must flag; mark the expected words with [[…]].' }),
        pass: list.optional().meta({ description: 'Texts the rule must not flag.' }),
      })
      .optional(),
  })
  .meta({ description: 'One coaching rule.' });

export const phraseSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-"'),
  text: localizedSchema,
  categories: z.array(z.enum(CATEGORIES)).optional(),
  steps: z.array(z.enum(['greeting', 'empathy', 'apology', 'solution', 'waiting', 'closing'])).optional(),
  source: nonEmpty.optional(),
});

export const overrideSchema = z.strictObject({
  rule: nonEmpty.meta({ description: 'Id of a rule from any pack (e.g. a built-in one).' }),
  enabled: z.boolean().optional(),
  severity: z.enum(SEVERITIES).optional(),
});

export const LIMITS = { bytes: 2 * 1024 * 1024, rules: 20000, phrasesPerRule: 500, patternLength: 2000 } as const;

export const packSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-"'),
    name: nonEmpty,
    version: z
      .string({ error: 'must be a semver version like "1.2.0" (quote it in YAML)' })
      .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'must be a semver version like "1.2.0"'),
    locale: z.string().regex(/^(zh|en)(-[A-Za-z]{2,4})?$/, 'use a locale like "zh-CN" or "en"'),
    description: z.string().optional(),
    author: z.string().optional(),
    changelog: z.string().optional().meta({ description: 'One line: what changed in this version.' }),
    sites: list.optional().meta({ description: 'Host patterns the pack applies to, e.g. "*.zendesk.com" (absent: everywhere).' }),
    rules: z.array(ruleSchema).max(LIMITS.rules, `at most ${LIMITS.rules} rules`).default([]),
    phrases: z.array(phraseSchema).optional(),
    overrides: z.array(overrideSchema).optional().meta({ description: 'Turn off or re-grade rules of other packs by id.' }),
  })
  .meta({ title: 'ReplyCoach rule pack', description: 'A ReplyCoach (话术教练) rule pack.' });

export type PackInput = z.input<typeof packSchema>;
