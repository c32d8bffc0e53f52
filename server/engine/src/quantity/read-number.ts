// Reading one number as written: ASCII digits (after width normalisation) with thousands separators
// and decimals, or a Chinese numeral (十四万, 一亿三千万, 两千, 三点五). No scale words or units here.

import { isDigit } from './text-scan';

export interface NumberToken {
  start: number;
  end: number;
  /** The full value of the numeral, including a Chinese numeral's own 万/亿 (十四万 → 140000). */
  value: number;
  /** Half of `step` is the written precision: the place value of the last written digit. */
  step: number;
  /**
   * The 万/亿 multiplier a Chinese numeral ends in (十四万 → 1e4, 一亿 → 1e8, 五万亿 → 1e12), so the
   * reader can treat 十四万吨 like 14万吨. 1 otherwise.
   */
  tail: number;
  /** The text of that trailing multiplier ("万"), or "". */
  tailText: string;
  cjk: boolean;
  /** No decimal part. */
  integer: boolean;
  /** Only ASCII digits: no separators, no decimals (years look like this). */
  plainDigits: boolean;
}

/**
 * Reads ASCII digits at `pos`. Commas (or the no-break and thin spaces of SI style) separate
 * thousands only in groups of exactly three digits after a first group of one to three (`240,000`,
 * `1,000,000`, `240 000` with U+202F); anything else ends the number, so the list `3,4 and 5 Mt`
 * reads as 3, 4 and 5 Mt, and a plain space never groups digits (`3 400` is two numbers).
 * Returns undefined when `pos` is not a digit.
 */
export function readArabicNumber(s: string, pos: number): NumberToken | undefined {
  let code = s.charCodeAt(pos);
  if (code < 48 || code > 57) return undefined;
  // Most numbers are short integers: accumulate them directly instead of slicing and parsing.
  let whole = 0;
  let p = pos;
  while (code >= 48 && code <= 57) {
    whole = whole * 10 + (code - 48);
    code = s.charCodeAt(++p);
  }
  let digitCount = p - pos;
  let grouped = false;
  if (digitCount <= 3) {
    // The separator must stay the same within one number: `240,000` or `240 000`.
    const separator = s[p];
    while (
      (separator === ',' || separator === '\u00a0' || separator === '\u202f' || separator === '\u2009') &&
      s[p] === separator &&
      isDigit(s[p + 1]) &&
      isDigit(s[p + 2]) &&
      isDigit(s[p + 3]) &&
      !isDigit(s[p + 4])
    ) {
      whole = whole * 1000 + Number(s.slice(p + 1, p + 4));
      p += 4;
      digitCount += 3;
      grouped = true;
    }
  }
  // Beyond 15 digits the running sum loses precision; let Number() round it once.
  let value = digitCount > 15 ? Number(s.slice(pos, p).replace(/,/g, '')) : whole;
  let step = 1;
  let integer = true;
  if (s[p] === '.' && isDigit(s[p + 1])) {
    let q = p + 1;
    while (isDigit(s[q])) q++;
    const decimals = q - p - 1;
    value = Number((digitCount > 15 ? s.slice(pos, p).replace(/,/g, '') : String(whole)) + s.slice(p, q));
    step = Math.pow(10, -decimals);
    integer = false;
    p = q;
  }
  return {
    start: pos,
    end: p,
    value,
    step,
    tail: 1,
    tailText: '',
    cjk: false,
    integer,
    plainDigits: integer && !grouped,
  };
}

const CJK_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CJK_SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CJK_BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

const CJK_NUMERAL_CODES = new Set(
  [...Object.keys(CJK_DIGITS), ...Object.keys(CJK_SMALL_UNITS), ...Object.keys(CJK_BIG_UNITS)].map((c) => c.charCodeAt(0)),
);

/** Characters that can be part of a Chinese numeral. */
export function isCjkNumeralChar(c: string | undefined): boolean {
  return c !== undefined && CJK_NUMERAL_CODES.has(c.charCodeAt(0));
}

/** The longest Chinese numeral we read; real ones are far shorter, and the cap keeps scans linear. */
const MAX_CJK_NUMERAL = 32;

/**
 * Reads a Chinese numeral at `pos`. It must start with a digit (一…九, 两) or 十 — so `千万` ("by all
 * means") and `万一` ("in case") are not numbers — and stops at the first character that would make
 * it ill-formed (`一一`, `五六`). Precision follows the Arabic equivalent: 十四万 is like 14万 (±0.5万),
 * 一亿三千万 like 13000万, 九十 like 90; a colloquial trailing digit (三千五 = 3500) is ±50.
 */
export function readCjkNumeral(s: string, pos: number): NumberToken | undefined {
  const first = s[pos];
  if (first === undefined || first === '零' || first === '〇') return undefined;
  if (!(first in CJK_DIGITS) && first !== '十') return undefined;

  let total = 0; // everything already multiplied by 万/亿
  let section = 0; // the current group below 万
  let pending: number | undefined; // a digit waiting for its place
  let lastSmall = 0; // the last 十/百/千 in this section
  let lastBig = 1; // the last 万/亿 applied
  let wanInSection = false; // 万 already used since the last 亿
  let zeroSeen = false;
  let tail = 1;
  let tailText = '';
  let p = pos;

  while (p < s.length && p - pos < MAX_CJK_NUMERAL) {
    const c = s[p]!;
    if (c in CJK_DIGITS) {
      if (pending !== undefined) break;
      if (CJK_DIGITS[c] === 0) {
        zeroSeen = true;
      } else {
        pending = CJK_DIGITS[c];
      }
      tail = 1;
      tailText = '';
      p++;
    } else if (c in CJK_SMALL_UNITS) {
      const unit = CJK_SMALL_UNITS[c]!;
      let digit = pending;
      if (digit === undefined) {
        if (c === '十' && section === 0 && lastSmall === 0 && !zeroSeen) digit = 1;
        else if (c === '十' && zeroSeen) digit = 1;
        else break;
      }
      if (lastSmall !== 0 && unit >= lastSmall) break;
      section += digit * unit;
      pending = undefined;
      lastSmall = unit;
      zeroSeen = false;
      tail = 1;
      tailText = '';
      p++;
    } else if (c in CJK_BIG_UNITS) {
      const unit = CJK_BIG_UNITS[c]!;
      const group = section + (pending ?? 0);
      if (unit === 1e4) {
        if (group === 0 || wanInSection) break;
        total += group * 1e4;
        wanInSection = true;
        lastBig = 1e4;
      } else {
        if (group === 0 && total === 0) break;
        if (group === 0 && tailText !== '万') break; // 亿亿, 一亿零亿
        total = (total + group) * 1e8;
        wanInSection = false;
        lastBig = 1e8;
      }
      section = 0;
      pending = undefined;
      lastSmall = 0;
      zeroSeen = false;
      tail *= unit;
      tailText += c;
      p++;
    } else if (c === '点' && pending !== undefined && total === 0 && section === 0 && lastSmall === 0) {
      // 三点五 (3.5), optionally followed by 万/亿 (三点五万).
      let q = p + 1;
      let decimals = '';
      while (q < s.length && q - p <= MAX_CJK_NUMERAL && s[q]! in CJK_DIGITS) {
        decimals += String(CJK_DIGITS[s[q]!]);
        q++;
      }
      if (decimals === '') break;
      let value = Number(`${pending}.${decimals}`);
      let step = Math.pow(10, -decimals.length);
      let bigTail = 1;
      let bigText = '';
      if (s[q] === '万' && s[q + 1] === '亿') {
        bigTail = 1e12;
        bigText = '万亿';
      } else if (s[q] === '万' || s[q] === '亿') {
        bigTail = CJK_BIG_UNITS[s[q]!]!;
        bigText = s[q]!;
      }
      value *= bigTail;
      step *= bigTail;
      const end = q + bigText.length;
      return { start: pos, end, value, step, tail: bigTail, tailText: bigText, cjk: true, integer: false, plainDigits: false };
    } else {
      break;
    }
  }
  if (p === pos) return undefined;

  let value = total + section;
  let step = 1;
  if (pending !== undefined) {
    if (!zeroSeen && lastSmall > 1) {
      // 三千五 = 3500, 两百五 = 250: the digit takes the place below the last unit.
      value += pending * (lastSmall / 10);
      step = lastSmall / 10;
    } else if (!zeroSeen && lastSmall === 0 && lastBig > 1 && total > 0 && section === 0) {
      // 一万五 = 15000, 一亿五 = 1.5亿.
      value += pending * (lastBig / 10);
      step = lastBig / 10;
    } else {
      value += pending;
    }
  } else if (tail > 1) {
    step = tail;
  }
  return { start: pos, end: p, value, step, tail, tailText, cjk: true, integer: true, plainDigits: false };
}

/** A number in either script at `pos`. */
export function readNumberAt(s: string, pos: number): NumberToken | undefined {
  return readArabicNumber(s, pos) ?? readCjkNumeral(s, pos);
}

/** The step of a JavaScript number as it would be written in plain decimals (3.8 → 0.1, 1000 → 1). */
export function decimalStep(n: number): number {
  const text = plainDecimal(Math.abs(n));
  const dot = text.indexOf('.');
  return dot < 0 ? 1 : Math.pow(10, -(text.length - dot - 1));
}

/**
 * A finite number in plain decimal notation, never exponent notation (1e21 → "1000000000000000000000",
 * 1e-7 → "0.0000001"), rounded to 15 significant digits to drop binary noise (0.1 + 0.2 → "0.3").
 */
export function plainDecimal(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  // Most values in tonnes are whole: below 10^15 their digits are exact, and String() is the answer.
  if (Number.isInteger(n) && n < 1e15 && n > -1e15) return String(n);
  const rounded = Number(n.toPrecision(15));
  const text = String(rounded);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const pointAt = (dot < 0 ? mantissa.length : dot) + exponent;
  let out: string;
  if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return (negative ? '-' : '') + out;
}
