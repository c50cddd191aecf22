export { packSchema, ruleSchema, phraseSchema, LIMITS } from './schema';
export { parsePackText, validatePack, type PackResult } from './validate';
export { checkPackExamples, parseExample } from './examples';
export { formatProblem, type Problem } from './path';
