/**
 * A cheap necessary condition for an open-ended pattern, in the spirit of RE2's prefilter: the
 * literal strings any match must contain ("your" AND one of "fault", "mistake", …). lint() checks
 * it with indexOf before asking re2js, which costs far more per call and mostly answers "no".
 *
 * Soundness is the whole contract: when the regex matches a text, the prefilter passes it.
 * Anything this parser does not fully understand contributes no requirement (never a guess).
 */
import { foldCase } from './normalize';
import { foldPattern } from './regex';

export type Prefilter =
  | { kind: 'any'; lits: string[] } // one of these occurs
  | { kind: 'and'; items: Prefilter[] }
  | { kind: 'or'; items: Prefilter[] };

/** What a sub-pattern matches: exactly one of `exact` (a small set), or texts satisfying `pf`. */
interface Info {
  exact: string[] | null;
  pf: Prefilter | null;
}

const LIMIT = 32;
const ANY: Info = { exact: null, pf: null };
const EMPTY: Info = { exact: [''], pf: null };

class GiveUp extends Error {}

/**
 * A character the text and pattern agree on after folding. Cased letters outside ASCII (é, Σ)
 * may match more than their lowercase under RE2's case folding; they count as unknown.
 */
function stableChar(ch: string, caseSensitive: boolean): string | null {
  // The pattern is width-folded already (prefilterOf); case-insensitive ones lowercase like the text.
  const f = caseSensitive ? ch : foldCase(ch);
  if (f.length !== 1) return null;
  const code = f.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return null;
  if (code > 127 && f.toLowerCase() !== f.toUpperCase()) return null;
  // RE2 also folds k with K (U+212A) and s with ſ (U+017F): foldCase maps both in the text.
  return f;
}

function litsOf(exact: string[]): Prefilter | null {
  if (exact.includes('')) return null;
  // "one of {您, 您自己}" is "您": a literal containing another is implied by it.
  const unique = [...new Set(exact)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const lit of unique) if (!kept.some((k) => lit.includes(k))) kept.push(lit);
  return { kind: 'any', lits: kept };
}

function toPf(info: Info): Prefilter | null {
  return info.exact ? litsOf(info.exact) : info.pf;
}

function cross(a: string[], b: string[]): string[] {
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return out;
}

function parse(pattern: string, caseSensitive: boolean): Info {
  let i = 0;
  const p = pattern;
  const lit = (ch: string): Info => {
    const s = stableChar(ch, caseSensitive);
    return s === null ? ANY : { exact: [s], pf: null };
  };
  const alt = (): Info => {
    const options = [cat()];
    while (p[i] === '|') {
      i++;
      options.push(cat());
    }
    if (options.length === 1) return options[0]!;
    if (options.every((o) => o.exact) && options.reduce((n, o) => n + o.exact!.length, 0) <= LIMIT) {
      return { exact: options.flatMap((o) => o.exact!), pf: null };
    }
    const pfs = options.map(toPf);
    if (pfs.some((x) => x === null)) return ANY;
    return { exact: null, pf: { kind: 'or', items: pfs as Prefilter[] } };
  };
  const cat = (): Info => {
    let run: string[] = [''];
    const and: Prefilter[] = [];
    const flush = () => {
      const pf = litsOf(run);
      if (pf) and.push(pf);
      run = [''];
    };
    let exactSoFar = true;
    while (i < p.length && p[i] !== '|' && p[i] !== ')') {
      const info = quantified(primary());
      if (info.exact && run.length * info.exact.length <= LIMIT) {
        run = cross(run, info.exact);
        continue;
      }
      exactSoFar = false;
      flush();
      if (info.exact) run = info.exact;
      else if (info.pf) and.push(info.pf);
    }
    if (exactSoFar) return { exact: run, pf: null };
    flush();
    return { exact: null, pf: and.length === 0 ? null : and.length === 1 ? and[0]! : { kind: 'and', items: and } };
  };
  const quantified = (atom: Info): Info => {
    const c = p[i];
    let out = atom;
    if (c === '?') {
      i++;
      out = atom.exact ? { exact: [...atom.exact, ''], pf: null } : ANY;
    } else if (c === '*') {
      i++;
      out = ANY;
    } else if (c === '+') {
      i++;
      out = { exact: null, pf: toPf(atom) };
    } else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(p.slice(i));
      if (!m) return atom; // a literal "{" in RE2 when not a repeat
      i += m[0].length;
      out = Number(m[1]) === 0 ? ANY : { exact: null, pf: toPf(atom) };
    } else return atom;
    if (p[i] === '?') i++; // lazy: the same texts match
    return out;
  };
  const primary = (): Info => {
    const c = p[i]!;
    if (c === '(') {
      i++;
      if (p.startsWith('?:', i)) i += 2;
      else if (p.startsWith('?P<', i) || p.startsWith('?<', i)) {
        const close = p.indexOf('>', i);
        if (close < 0) throw new GiveUp();
        i = close + 1;
      }
      else if (p[i] === '?') throw new GiveUp(); // inline flags change what literals mean
      const inner = alt();
      if (p[i] !== ')') throw new GiveUp();
      i++;
      return inner;
    }
    if (c === '[') return charClass();
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) throw new GiveUp();
      i += 2;
      if ('bBAz'.includes(n)) return EMPTY;
      if (n === 'n') return lit('\n');
      if (n === 't') return lit('\t');
      if (/[A-Za-z0-9]/.test(n)) {
        if ((n === 'p' || n === 'P') && p[i] === '{') {
          const close = p.indexOf('}', i);
          if (close < 0) throw new GiveUp();
          i = close + 1;
        } else if (n === 'p' || n === 'P') i++;
        // \x, \Q…\E, and octal \0NN (one character, not digits to require): not worth modelling.
        else if (n === 'x' || n === 'Q' || /[0-9]/.test(n)) throw new GiveUp();
        return ANY; // \d \s \w \pL …
      }
      return lit(n);
    }
    i++;
    if (c === '.') return ANY;
    if (c === '^' || c === '$') return EMPTY;
    return lit(c);
  };
  /** A plain class like [的得] is a small exact set; ranges, negation and escapes are unknown. */
  const charClass = (): Info => {
    let j = i + 1;
    const negated = p[j] === '^';
    if (negated) j++;
    const chars: string[] = [];
    let plain = !negated;
    if (p[j] === ']') chars.push(']'), j++;
    for (; j < p.length && p[j] !== ']'; j++) {
      const ch = p[j]!;
      if (ch === '\\') {
        const n = p[++j] ?? '';
        if (/[A-Za-z0-9]/.test(n)) plain = false;
        chars.push(n);
      } else if (ch === '[') {
        plain = false; // [[:alpha:]]
        const close = p.indexOf(':]', j);
        if (close < 0) throw new GiveUp();
        j = close + 1;
      } else if (ch === '-' && chars.length > 0 && p[j + 1] !== ']') plain = false;
      else chars.push(ch);
    }
    if (p[j] !== ']') throw new GiveUp();
    i = j + 1;
    if (!plain || chars.length > LIMIT) return ANY;
    const folded = chars.map((ch) => stableChar(ch, caseSensitive));
    if (folded.some((f) => f === null)) return ANY;
    return { exact: [...new Set(folded as string[])], pf: null };
  };
  const info = alt();
  if (i !== p.length) throw new GiveUp();
  return info;
}

/** The necessary literals of a pattern, or null when none are known. */
export function prefilterOf(pattern: string, caseSensitive = false): Prefilter | null {
  try {
    // Read the pattern re2js compiles: width-folded (｛２，３｝ is a repeat there, ＼ｄ a class).
    return withinBudget(simplify(toPf(parse(foldPattern(pattern), caseSensitive))));
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}

/** Flatten nested ANDs and test the smallest literal sets first (they fail fastest). */
function simplify(pf: Prefilter | null): Prefilter | null {
  if (!pf || pf.kind === 'any') return pf;
  const items = pf.items.map(simplify);
  if (pf.kind === 'or') return items.some((x) => x === null) ? null : { kind: 'or', items: items as Prefilter[] };
  const flat: Prefilter[] = [];
  for (const x of items) if (x) flat.push(...(x.kind === 'and' ? x.items : [x]));
  if (flat.length === 0) return null;
  flat.sort((a, b) => weight(a) - weight(b));
  return flat.length === 1 ? flat[0]! : { kind: 'and', items: flat };
}

/**
 * A prefilter that tests more literals than re2js needs time to answer is no saving: keep the
 * cheapest conjuncts (a weaker condition is still a sound one), or give up.
 */
const BUDGET = 32;
function withinBudget(pf: Prefilter | null): Prefilter | null {
  if (!pf || weight(pf) <= BUDGET) return pf;
  if (pf.kind === 'and') {
    const kept: Prefilter[] = [];
    let w = 0;
    for (const x of pf.items) {
      const reduced = withinBudget(x);
      if (!reduced || (kept.length && w + weight(reduced) > BUDGET)) continue;
      kept.push(reduced);
      w += weight(reduced);
    }
    return kept.length === 0 || w > BUDGET ? null : kept.length === 1 ? kept[0]! : { kind: 'and', items: kept };
  }
  if (pf.kind === 'or') {
    // Each alternative by its two cheapest requirements (one alone is often a common word).
    const items = pf.items.map((x): Prefilter => (x.kind === 'and' && x.items.length > 2 ? { kind: 'and', items: x.items.slice(0, 2) } : x));
    const reduced: Prefilter = { kind: 'or', items };
    return weight(reduced) <= BUDGET ? reduced : null;
  }
  return null;
}

const weight = (pf: Prefilter): number =>
  pf.kind === 'any' ? pf.lits.length : pf.items.reduce((n, x) => n + weight(x), 0);

/** Whether `text` (folded like the pattern's input) can hold a match. */
export function mayMatch(pf: Prefilter, text: string): boolean {
  switch (pf.kind) {
    case 'any':
      for (let k = 0; k < pf.lits.length; k++) if (text.includes(pf.lits[k]!)) return true;
      return false;
    case 'and':
      for (let k = 0; k < pf.items.length; k++) if (!mayMatch(pf.items[k]!, text)) return false;
      return true;
    case 'or':
      for (let k = 0; k < pf.items.length; k++) if (mayMatch(pf.items[k]!, text)) return true;
      return false;
  }
}
