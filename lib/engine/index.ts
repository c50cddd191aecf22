export * from './types';
export { lint, matcherFor } from './lint';
export { compile, type Matcher } from './compile';
export { compilePattern, PatternError } from './regex';
export { Structure } from './structure';
export { foldCase, foldWidth } from './normalize';
