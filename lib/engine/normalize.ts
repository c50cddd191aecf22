/**
 * Length-preserving folding: every UTF-16 unit maps to exactly one unit, so offsets found in the
 * folded text are offsets in the original. Full-width ASCII (Ｏｒｄｅｒ，１２３) folds to ASCII and the
 * ideographic space to a space; `foldCase` also lowercases where that keeps the length.
 */
export function foldWidth(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000) {
      out += ' ';
      changed = true;
    } else if (c === 0x2019 || c === 0x2018) {
      // ’ and ‘ as apostrophes: "can’t" is "can't"
      out += "'";
      changed = true;
    } else out += text[i];
  }
  return changed ? out : text;
}

export function foldCase(text: string): string {
  const w = foldWidth(text);
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const c = ch.charCodeAt(0);
    if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
    else if (c < 128) out += ch;
    else {
      const l = ch.toLowerCase();
      out += l.length === 1 ? l : ch;
    }
  }
  return out;
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
