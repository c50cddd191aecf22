/**
 * Length-preserving folding: every UTF-16 unit maps to exactly one unit, so offsets found in the
 * folded text are offsets in the original. Full-width ASCII (Ｏｒｄｅｒ，１２３) folds to ASCII and the
 * ideographic space to a space; `foldCase` also lowercases where that keeps the length.
 */
const WIDTH_CHARS = /[\uff01-\uff5e\u3000\u2018\u2019]/g;

function widthChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x3000) return ' ';
  if (c === 0x2018 || c === 0x2019) return "'"; // ’ and ‘ as apostrophes: "can’t" is "can't"
  return String.fromCharCode(c - 0xfee0);
}

export function foldWidth(text: string): string {
  return text.replace(WIDTH_CHARS, widthChar);
}

export function foldCase(text: string): string {
  let lower = text.toLowerCase();
  // toLowerCase may lengthen a few characters (İ → i̇); fall back to per-character folding then.
  if (lower.length !== text.length) {
    lower = '';
    for (const ch of text) {
      const l = ch.toLowerCase();
      lower += l.length === ch.length ? l : ch;
    }
  }
  // RE2's case folding equates ſ (long s) with s; so must the text, or the literal pass and a
  // pattern's prefilter would miss what the pattern itself matches.
  if (lower.includes('\u017f')) lower = lower.replaceAll('\u017f', 's');
  return foldWidth(lower);
}

/** Latin letters, digits and the apostrophe make up English words. */
export function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 39 ||
    code === 95 ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)
  );
}

export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}
