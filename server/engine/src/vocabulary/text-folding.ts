// How alias matching sees characters. Matching works on UTF-16 code units folded through two
// lookup tables built once, so the matcher never allocates per character:
// - width folding: full-width ASCII (Ｕ Ｓ －) reads as ASCII, curly apostrophes as `'`, and every
//   hyphen and space variant (`-`, U+2010/2011 hyphens, tab, line breaks, no-break and thin spaces,
//   the ideographic space) as one SEPARATOR, so `rare-earth`, `rare earth` and `rare\u00a0earth`
//   are the same words, and a Markdown soft line break inside a name does not hide it;
// - case folding: width folding, then lower case (where lower-casing keeps one code unit).

/** The one code every hyphen and space variant folds to. */
export const SEPARATOR = 0x20;

const SEPARATOR_CODES = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x2d, 0xa0, 0x2007, 0x2009, 0x200a, 0x2010, 0x2011, 0x202f,
  0x3000, 0xff0d,
];

function buildWidthFold(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) table[c] = c;
  // Full-width forms of the printable ASCII range, as Chinese text often writes letters and digits.
  for (let c = 0xff01; c <= 0xff5e; c++) table[c] = c - 0xff01 + 0x21;
  table[0x2018] = 0x27;
  table[0x2019] = 0x27;
  for (const c of SEPARATOR_CODES) table[c] = SEPARATOR;
  return table;
}

function buildCaseFold(widthFold: Uint16Array): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const w = widthFold[c]!;
    if (w >= 0x41 && w <= 0x5a) {
      table[c] = w + 0x20;
    } else if (w < 0xc0 || (w >= 0xd800 && w <= 0xdfff) || (w >= 0x3000 && w <= 0x9fff)) {
      // ASCII is done above, surrogates and CJK have no case: skip the costly toLowerCase.
      table[c] = w;
    } else {
      const lower = String.fromCharCode(w).toLowerCase();
      table[c] = lower.length === 1 ? lower.charCodeAt(0) : w;
    }
  }
  return table;
}

export const WIDTH_FOLD: Uint16Array = buildWidthFold();
export const CASE_FOLD: Uint16Array = buildCaseFold(WIDTH_FOLD);

/**
 * A Latin letter or digit, given a case-folded code: what a Latin-script alias must not touch at
 * either end for a whole-word match.
 */
export function isLatinWordCode(folded: number): boolean {
  if (folded < 0x80) {
    return (folded >= 0x61 && folded <= 0x7a) || (folded >= 0x30 && folded <= 0x39) || (folded >= 0x41 && folded <= 0x5a);
  }
  return (
    (folded >= 0xc0 && folded <= 0x24f && folded !== 0xd7 && folded !== 0xf7) ||
    (folded >= 0x1e00 && folded <= 0x1eff)
  );
}

/** `isLatinWordCode` as a table, for the alias matcher's loop over every code unit of a text. */
export const LATIN_WORD_CODES: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) if (isLatinWordCode(code)) table[code] = 1;
  return table;
})();

/** True when the (width-folded) code is an upper-case letter. */
export function isUpperCaseCode(widthFolded: number): boolean {
  return CASE_FOLD[widthFolded] !== widthFolded && (widthFolded < 0xd800 || widthFolded > 0xdfff);
}

/**
 * The matching key of a string: case-folded, with each run of separators reduced to one and none
 * at either end. Two aliases with one key are the same alias to the matcher.
 */
export function matchingKey(text: string): string {
  let out = '';
  let pendingSeparator = false;
  for (let i = 0; i < text.length; i++) {
    const c = CASE_FOLD[text.charCodeAt(i)]!;
    if (c === SEPARATOR) {
      pendingSeparator = out.length > 0;
      continue;
    }
    if (pendingSeparator) out += ' ';
    pendingSeparator = false;
    out += String.fromCharCode(c);
  }
  return out;
}

/**
 * True when an alias is "written in capitals" (`US`, `EU`, `U.S.`, `F-35`): it has a cased letter
 * and no lower-case one. Such aliases match only as written.
 */
export function isWrittenInCapitals(alias: string): boolean {
  let sawUpper = false;
  for (let i = 0; i < alias.length; i++) {
    const w = WIDTH_FOLD[alias.charCodeAt(i)]!;
    if (isUpperCaseCode(w)) sawUpper = true;
    else if (String.fromCharCode(w).toUpperCase() !== String.fromCharCode(w)) return false;
  }
  return sawUpper;
}
