// Character classes and phrase matching shared by the quantity reader. Everything here works on a
// width-normalised copy of the user's text that has the same length, so offsets found in the copy
// are offsets into the original.

/**
 * Maps full-width ASCII forms (`３．８`, `９０％`, `～`), the ideographic space and the minus sign to
 * their ASCII forms, one code unit for one code unit. The full-width comma `，` is left alone: in
 * Chinese prose it separates clauses, never thousands.
 */
export function normalizeWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF0B\uFF0D-\uFF5E\u3000\u301C\u2212\uFFE5]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000) return ' ';
    if (code === 0x301c) return '~';
    if (code === 0x2212) return '-';
    if (code === 0xffe5) return '\u00a5';
    return String.fromCharCode(code - 0xfee0);
  });
}

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

export function isAsciiAlnum(c: string | undefined): boolean {
  return isDigit(c) || isAsciiLetter(c);
}

/** CJK unified ideographs (the common block and extension A). */
export function isCjk(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0' || c === '\u2009' || c === '\u202f';
}

/** Skips at most `max` whitespace characters forward, never across a blank line. */
export function skipSpaceForward(s: string, pos: number, max = 3): number {
  let p = pos;
  let breaks = 0;
  while (p < s.length && p - pos < max && isSpace(s[p])) {
    if (s[p] === '\n' || (s[p] === '\r' && s[p + 1] !== '\n')) breaks++;
    if (breaks > 1) break;
    p++;
  }
  return p;
}

/** Skips at most `max` whitespace characters backward from `pos` (exclusive), never across a blank line. */
export function skipSpaceBackward(s: string, pos: number, max = 3): number {
  let p = pos;
  let breaks = 0;
  while (p > 0 && pos - p < max && isSpace(s[p - 1])) {
    if (s[p - 1] === '\n') breaks++;
    if (breaks > 1) break;
    p--;
  }
  return p;
}

/** ASCII upper case folded to lower case, on code units. */
function foldCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

export interface Phrase<T> {
  /** The phrase; a space in it matches one or two whitespace characters in the text. */
  text: string;
  value: T;
  /** Symbols (`Mt`, `t`, `USD`, `pp`) match exactly; words match ignoring ASCII case. */
  caseSensitive?: boolean;
  /** Characters that must not follow the phrase (`元` in `元素` is not a currency). */
  notFollowedBy?: string[];
}

export interface PhraseMatch<T> {
  start: number;
  end: number;
  phrase: Phrase<T>;
}

/**
 * A small table of phrases matched longest first at a position (forward) or ending at a position
 * (backward). A phrase that ends in an ASCII letter or digit must not run on into another one, and
 * one that starts with a non-CJK character must not be glued to an ASCII letter or digit before it.
 * Each lookup costs at most the total length of the phrases that share its first (or last)
 * character, so scanning stays linear in the text.
 */
/** A phrase prepared for matching: its code units (folded when case-insensitive), 32 for a space. */
interface Compiled<T> {
  phrase: Phrase<T>;
  codes: number[];
  caseSensitive: boolean;
  /** The phrase ends in an ASCII letter or digit, so it must not run on into another one. */
  wordEnd: boolean;
  /** The phrase starts with a non-CJK character, so it must not be glued to a letter or digit before it. */
  wordStart: boolean;
  notFollowedBy: Set<number> | undefined;
}

function isAlnumCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x2009 || code === 0x202f;
}

export class PhraseTable<T> {
  private readonly byFirst = new Map<number, Compiled<T>[]>();
  private readonly byLast = new Map<number, Compiled<T>[]>();
  /** First code units of the phrases (folded), for a lookup-free miss on most characters. */
  readonly firstCodes = new Set<number>();
  private readonly lastCodes = new Set<number>();

  constructor(phrases: Phrase<T>[]) {
    const sorted = [...phrases].sort((a, b) => b.text.length - a.text.length);
    for (const phrase of sorted) {
      const text = phrase.text;
      if (text.length === 0) continue;
      const caseSensitive = phrase.caseSensitive === true;
      const codes = [...text].flatMap((c) => [...c].map((u) => u.charCodeAt(0))).map((code) => (caseSensitive ? code : foldCode(code)));
      const compiled: Compiled<T> = {
        phrase,
        codes,
        caseSensitive,
        wordEnd: isAlnumCode(text.charCodeAt(text.length - 1)),
        wordStart: !isCjk(text[0]),
        notFollowedBy: phrase.notFollowedBy ? new Set(phrase.notFollowedBy.map((c) => c.charCodeAt(0))) : undefined,
      };
      const first = foldCode(codes[0]!);
      const last = foldCode(codes[codes.length - 1]!);
      let firsts = this.byFirst.get(first);
      if (!firsts) this.byFirst.set(first, (firsts = []));
      firsts.push(compiled);
      let lasts = this.byLast.get(last);
      if (!lasts) this.byLast.set(last, (lasts = []));
      lasts.push(compiled);
      this.firstCodes.add(first);
      this.lastCodes.add(last);
    }
  }

  /** Whether some phrase could start at `pos` (its first character matches). */
  mayStartAt(s: string, pos: number): boolean {
    return pos < s.length && this.firstCodes.has(foldCode(s.charCodeAt(pos)));
  }

  /** The longest phrase that starts exactly at `pos`. */
  matchAt(s: string, pos: number): PhraseMatch<T> | undefined {
    if (pos >= s.length) return undefined;
    const first = foldCode(s.charCodeAt(pos));
    if (!this.firstCodes.has(first)) return undefined;
    const candidates = this.byFirst.get(first)!;
    for (const entry of candidates) {
      const end = matchForward(s, pos, entry);
      if (end < 0) continue;
      if (entry.wordEnd && end < s.length && isAlnumCode(s.charCodeAt(end))) continue;
      return { start: pos, end, phrase: entry.phrase };
    }
    return undefined;
  }

  /** The longest phrase that ends exactly at `end` and starts at or after `minStart`. */
  matchEndingAt(s: string, end: number, minStart = 0): PhraseMatch<T> | undefined {
    if (end - 1 < minStart || end > s.length) return undefined;
    const last = foldCode(s.charCodeAt(end - 1));
    if (!this.lastCodes.has(last)) return undefined;
    const candidates = this.byLast.get(last)!;
    for (const entry of candidates) {
      const start = matchBackward(s, end, entry, minStart);
      if (start < 0) continue;
      if (entry.wordStart && start > 0 && isAlnumCode(s.charCodeAt(start - 1))) continue;
      return { start, end, phrase: entry.phrase };
    }
    return undefined;
  }
}

function matchForward<T>(s: string, pos: number, entry: Compiled<T>): number {
  const codes = entry.codes;
  const cs = entry.caseSensitive;
  const length = s.length;
  let p = pos;
  for (let j = 0; j < codes.length; j++) {
    const want = codes[j]!;
    if (want === 32) {
      let n = 0;
      while (n < 2 && p < length && isSpaceCode(s.charCodeAt(p))) {
        p++;
        n++;
      }
      if (n === 0) return -1;
      continue;
    }
    if (p >= length) return -1;
    const got = s.charCodeAt(p);
    if ((cs ? got : foldCode(got)) !== want) return -1;
    p++;
  }
  if (entry.notFollowedBy && p < length && entry.notFollowedBy.has(s.charCodeAt(p))) return -1;
  return p;
}

function matchBackward<T>(s: string, end: number, entry: Compiled<T>, minStart: number): number {
  const codes = entry.codes;
  const cs = entry.caseSensitive;
  let p = end;
  for (let j = codes.length - 1; j >= 0; j--) {
    const want = codes[j]!;
    if (want === 32) {
      let n = 0;
      while (n < 2 && p > minStart && isSpaceCode(s.charCodeAt(p - 1))) {
        p--;
        n++;
      }
      if (n === 0) return -1;
      continue;
    }
    if (p <= minStart) return -1;
    const got = s.charCodeAt(p - 1);
    if ((cs ? got : foldCode(got)) !== want) return -1;
    p--;
  }
  return p;
}
