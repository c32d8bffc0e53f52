// Reads one figure around a number: what comes before it (qualifier, currency sign, 百分之, a rate
// marker such as 年产, `between`), the number, its scale and unit, a second number for a range,
// and what comes after (左右, 以上, `a year`). Every step looks at a bounded stretch of text, so
// reading all figures of a text is linear in its length.

import type { Qualifier, Quantity, QuantityOptions } from '../model';
import { type NumberToken, isCjkNumeralChar, readNumberAt } from './read-number';
import {
  type Phrase,
  type PhraseMatch,
  PhraseTable,
  isAsciiAlnum,
  isAsciiLetter,
  isCjk,
  isDigit,
  isSpace,
  skipSpaceBackward,
  skipSpaceForward,
} from './text-scan';
import {
  BETWEEN_TABLE,
  CJK_IDIOMS,
  FROM_TABLE,
  ID_LABEL_TABLE,
  MID_OVER,
  NOT_RATE_AFTER_A_YEAR,
  POST_QUALIFIER_TABLE,
  PREFIX_CURRENCY_TABLE,
  PRE_QUALIFIER_TABLE,
  RANGE_SEPARATOR_TABLE,
  RATE_LINKER_TABLE,
  RATE_PREFIX_TABLE,
  RATE_SUFFIX_TABLE,
  SCALE_TABLE,
  SUFFIX_UNIT_TABLE,
  type UnitDef,
  assumedDollar,
  assumedTon,
} from './units';

/**
 * `prose`: only numbers with a unit, scale, currency or percent are figures, and identifiers
 * (`No. 4`) are skipped. `value`: one YAML value, where a bare number is a quantity too.
 */
export type ReadMode = 'prose' | 'value';

export interface ReadContext {
  /** The width-normalised text (same length as `raw`). */
  s: string;
  raw: string;
  options: QuantityOptions;
  countNouns: PhraseTable<string> | undefined;
  mode: ReadMode;
}

/** One figure as the reader found it, with the offsets convertWritten needs. */
export interface ParsedFigure {
  start: number;
  end: number;
  /** The amounts and units only: without qualifiers, rate markers and `between`'s word order. */
  coreStart: number;
  coreEnd: number;
  quantity: Quantity;
  /** A unit, currency or percent was read (not just a number or a scale). */
  hasUnit: boolean;
  /** perYear came from the unit itself (`tpa`), not from a marker around it. */
  rateInUnit: boolean;
}

interface UnitRead {
  start: number;
  end: number;
  def?: UnitDef;
  countNoun?: string;
  /** The mass after `/` or `per` in a price. */
  denominator?: UnitDef;
  /** Written as a word with letters in any case (`dollars`), not a code or sign. */
  isWord: boolean;
}

interface AmountRead {
  /** Where this amount's own text starts (currency sign, 百分之, minus sign). */
  start: number;
  token: NumberToken;
  negative: boolean;
  amount: number;
  step: number;
  scale: number;
  scaleText: string;
  scaleCjk: boolean;
  scaleEnd: number;
  currency?: { code: string; text: string };
  percentWord: boolean;
  purity: boolean;
  midOver: boolean;
  unit?: UnitRead;
  end: number;
  /** Letters glued to the number that are no unit we know (F35's tail, 1980s, 5G, 1st). */
  gluedLetters: boolean;
  /** A time, date, fraction or version continues the number (14:31, 8/26, 1.2.3, 2025-08-26). */
  badTail: boolean;
  /** A unit compound we cannot read follows (g/t, kg/t). */
  blocked: boolean;
}

interface Measure {
  dimension: string;
  canonicalUnit: string;
  factor: number;
  ambiguous?: 'ton' | '$';
  perYear: boolean;
}

const countTables = new WeakMap<Record<string, string>, { keys: Set<string>; table: PhraseTable<string> | undefined }>();

/** Whether the object's own keys are exactly `keys`: a walk over them, no array or string made. */
function sameKeys(nouns: Record<string, string>, keys: Set<string>): boolean {
  let count = 0;
  for (const key in nouns) {
    if (!Object.prototype.hasOwnProperty.call(nouns, key)) continue;
    if (!keys.has(key)) return false;
    count++;
  }
  return count === keys.size;
}

/**
 * The phrase table of the configured count nouns, with their plural forms, cached per options
 * object. It is asked for at every figure read, so the check that the object still has the same
 * nouns (a caller may add one in place) makes nothing.
 */
function countNounTable(nouns: Record<string, string>): PhraseTable<string> | undefined {
  const cached = countTables.get(nouns);
  if (cached !== undefined && sameKeys(nouns, cached.keys)) return cached.table;
  const ownKeys = Object.keys(nouns);
  const keys = ownKeys.map((key) => key.trim()).filter((key) => key.length > 0);
  if (keys.length === 0) {
    countTables.set(nouns, { keys: new Set(ownKeys), table: undefined });
    return undefined;
  }
  const phrases: Phrase<string>[] = [];
  for (const noun of keys) {
    const forms = new Set([noun]);
    if (/[A-Za-z]$/.test(noun)) {
      forms.add(`${noun}s`);
      forms.add(`${noun}es`);
      if (/[^aeiou]y$/i.test(noun)) forms.add(`${noun.slice(0, -1)}ies`);
      if (/s$/i.test(noun) && noun.length > 1) forms.add(noun.slice(0, -1));
    }
    for (const text of forms) phrases.push({ text, value: noun });
  }
  const table = new PhraseTable(phrases);
  countTables.set(nouns, { keys: new Set(ownKeys), table });
  return table;
}

export function makeContext(raw: string, s: string, options: QuantityOptions, mode: ReadMode): ReadContext {
  // Options come from a user's config: never let a bad approximation make intervals NaN.
  const approximation = Number.isFinite(options.approximation) && options.approximation >= 0 ? options.approximation : 0.1;
  const safe = approximation === options.approximation ? options : { ...options, approximation };
  return { s, raw, options: safe, countNouns: options.countNouns === undefined ? undefined : countNounTable(options.countNouns), mode };
}

/** A unit (or count noun) at `p`, glued or after a little space or a hyphen (`5-tonne`). */
/** A `$` read after the number, as in `126 $/kg`. */
const DOLLAR_AFTER: UnitDef = { kind: 'currency', factor: 1, currency: '$', ambiguous: '$' };
const signDefs = new Map<string, UnitDef>();

function unitAt(ctx: ReadContext, q: number): UnitRead | undefined {
  const s = ctx.s;
  const unit = SUFFIX_UNIT_TABLE.matchAt(s, q);
  const noun = ctx.countNouns?.matchAt(s, q);
  if (noun && (!unit || noun.end > unit.end)) return { start: q, end: noun.end, countNoun: noun.phrase.value, isWord: true };
  if (unit) {
    const first = unit.phrase.text[0]!;
    return { start: q, end: unit.end, def: unit.phrase.value, isWord: !unit.phrase.caseSensitive && isAsciiLetter(first) };
  }
  // A currency sign after the number only in a price: `126 $/kg`, `5 US$/t`.
  const sign = PREFIX_CURRENCY_TABLE.matchAt(s, q);
  if (sign && s[sign.end] === '/') {
    const code = sign.phrase.value;
    let def = code === '$' ? DOLLAR_AFTER : signDefs.get(code);
    if (!def) signDefs.set(code, (def = { kind: 'currency', factor: 1, currency: code }));
    return { start: q, end: sign.end, def, isWord: false };
  }
  return undefined;
}

/** A unit (or count noun) at `p`, glued or after a little space or a hyphen (`5-tonne`). */
function readUnit(ctx: ReadContext, p: number, prefixCurrency: string | undefined): UnitRead | undefined {
  const s = ctx.s;
  let unit = unitAt(ctx, p);
  if (!unit) {
    let q = skipSpaceForward(s, p, 2);
    if (q === p && s[p] === '-' && isAsciiLetter(s[p + 1])) q = p + 1;
    if (q > p) {
      unit = unitAt(ctx, q);
      // A hyphen joins only words (`5-tonne`, `1-billion`), not symbols.
      if (unit && s[p] === '-' && !unit.isWord && !unit.countNoun) unit = undefined;
    }
  }
  if (!unit) return undefined;
  if (prefixCurrency !== undefined && unit.def) {
    // `$5 billion dollars` is fine; `$5 t` or `€5 USD` is not one figure.
    if (unit.def.kind !== 'currency') return undefined;
    const suffix = unit.def.currency!;
    if (suffix !== prefixCurrency && suffix !== '$' && prefixCurrency !== '$') return undefined;
  }
  if (prefixCurrency !== undefined && unit.countNoun) return undefined;
  return unit;
}

/** A price's mass after the currency: `/kg`, ` per kilogram`, `/吨`. */
function readDenominator(ctx: ReadContext, p: number): { def: UnitDef; end: number } | undefined {
  const s = ctx.s;
  let q = p;
  if (s[q] === '/') q++;
  else {
    const spaced = skipSpaceForward(s, p, 2);
    if (spaced > p && s.slice(spaced, spaced + 4).toLowerCase() === 'per ' ) q = skipSpaceForward(s, spaced + 4, 2);
    else if (s[spaced] === '/') q = spaced + 1;
    else return undefined;
  }
  const m = SUFFIX_UNIT_TABLE.matchAt(s, q);
  if (!m || m.phrase.value.kind !== 'mass' || !m.phrase.value.denominator) return undefined;
  return { def: m.phrase.value, end: m.end };
}

/** Whether a rate suffix (`/a`, `/yr`, `/年`) starts at `p`. */
function rateSuffixAt(s: string, p: number): PhraseMatch<true> | undefined {
  const m = RATE_SUFFIX_TABLE.matchAt(s, p);
  if (!m) return undefined;
  if (m.phrase.text === 'a year' || m.phrase.text === 'a yr') {
    const after = skipSpaceForward(s, m.end, 2);
    const word = /^[A-Za-z]+/.exec(s.slice(after, after + 12))?.[0]?.toLowerCase();
    if (word && NOT_RATE_AFTER_A_YEAR.includes(word)) return undefined;
  }
  return m;
}

function readAmount(
  ctx: ReadContext,
  start: number,
  token: NumberToken,
  negative: boolean,
  currency: { code: string; text: string } | undefined,
  percentWord: boolean,
): AmountRead {
  const s = ctx.s;
  let p = token.end;
  const a: AmountRead = {
    start,
    token,
    negative,
    amount: token.value / token.tail,
    step: token.step / token.tail,
    scale: token.tail,
    scaleText: token.tailText,
    scaleCjk: token.tail > 1,
    scaleEnd: token.end,
    percentWord,
    purity: false,
    midOver: false,
    end: token.end,
    gluedLetters: false,
    badTail: false,
    blocked: false,
  };
  if (currency) a.currency = currency;

  if (!token.cjk) {
    const c = s[p];
    if ((c === ':' || c === '/' || c === '.') && isDigit(s[p + 1])) a.badTail = true;
    if (c === '-' && isDigit(s[p + 1])) {
      let q = p + 1;
      while (isDigit(s[q]) && q - p < 8) q++;
      if (s[q] === '-' && isDigit(s[q + 1])) a.badTail = true; // 2025-08-26, 555-123-4567
    }
  }

  // Purity in nines: 5N = 99.999%, 4N5 = 99.995%.
  if (!token.cjk && token.plainDigits && token.end - token.start === 1 && token.value >= 2 && s[p] === 'N' && !currency && !percentWord) {
    let q = p + 1;
    let extra: number | undefined;
    if (isDigit(s[q])) {
      extra = Number(s[q]);
      q++;
    }
    if (!isAsciiAlnum(s[q])) {
      const nines = token.value;
      const place = Math.pow(10, 2 - nines); // 5N: 0.001
      a.amount = extra === undefined ? 100 - place : 100 - place + (extra * place) / 10;
      a.step = extra === undefined ? place : place / 10;
      a.purity = true;
      a.end = q;
      a.scaleEnd = q;
      return a;
    }
  }

  if (token.integer && s[p] !== undefined && MID_OVER.has(s[p]!)) {
    a.midOver = true;
    p++;
  }

  if (token.tail === 1) {
    let m = SCALE_TABLE.matchAt(s, p);
    if (m && m.phrase.value.afterCurrencyOnly && !currency) m = undefined;
    if (m && (token.cjk && !m.phrase.value.cjk)) m = undefined;
    // 千克 is a unit, not 千 + 克.
    if (m && m.phrase.value.cjk) {
      const unit = SUFFIX_UNIT_TABLE.matchAt(s, p);
      if (unit && unit.end > m.end) m = undefined;
    }
    if (!m && !token.cjk) {
      let q = skipSpaceForward(s, p, 2);
      if (q === p && s[p] === '-' && isAsciiLetter(s[p + 1])) q = p + 1;
      if (q > p) {
        const spaced = SCALE_TABLE.matchAt(s, q);
        if (spaced && !spaced.phrase.value.cjk && !spaced.phrase.value.gluedOnly) m = spaced;
      }
    }
    if (m) {
      a.scale = m.phrase.value.factor;
      a.scaleText = m.phrase.text;
      a.scaleCjk = m.phrase.value.cjk === true;
      a.scaleEnd = m.end;
      p = m.end;
    }
  }
  if (!a.midOver && a.scaleCjk && token.integer && s[p] !== undefined && MID_OVER.has(s[p]!)) {
    a.midOver = true;
    p++;
  }
  a.end = p;

  if (percentWord) return a;

  const unit = readUnit(ctx, p, currency?.code);
  if (unit) {
    // `2023 dollars` is a price level, not an amount.
    const yearLike = token.plainDigits && token.end - token.start === 4 && token.value >= 1800 && token.value <= 2100;
    if (!(yearLike && unit.isWord && unit.def?.kind === 'currency' && a.scale === 1)) {
      a.unit = unit;
      a.end = unit.end;
    }
  }
  if (!a.unit && isAsciiLetter(s[p])) a.gluedLetters = true;

  const isMoney = currency !== undefined || a.unit?.def?.kind === 'currency';
  if (isMoney) {
    const denominator = readDenominator(ctx, a.end);
    if (denominator) {
      if (a.unit) a.unit.denominator = denominator.def;
      else a.unit = { start: a.end, end: denominator.end, def: { kind: 'currency', factor: 1, currency: currency!.code }, denominator: denominator.def, isWord: false };
      a.unit.end = denominator.end;
      a.end = denominator.end;
    }
  }
  if (s[a.end] === '/' && a.unit && !a.unit.denominator && !rateSuffixAt(s, a.end)) a.blocked = true;
  return a;
}

/** What an amount's unit means, with `assume` applied. */
function resolveMeasure(a: AmountRead, options: QuantityOptions): Measure {
  const unit = a.unit;
  const perYear = unit?.def?.perYear === true;
  if (a.purity || a.percentWord) return { dimension: 'percent', canonicalUnit: '%', factor: 1, perYear: false };
  if (unit?.countNoun) return { dimension: `count:${unit.countNoun}`, canonicalUnit: unit.countNoun, factor: 1, perYear: false };
  let code: string | undefined;
  if (unit?.def?.kind === 'currency') code = unit.def.currency === '$' && a.currency ? a.currency.code : unit.def.currency;
  else if (a.currency) code = a.currency.code;
  if (code !== undefined) {
    let ambiguous: 'ton' | '$' | undefined;
    if (code === '$') {
      const assumed = assumedDollar(options.assume?.['$']);
      code = assumed ?? 'USD';
      if (!assumed) ambiguous = '$';
    }
    const factor = unit?.def?.kind === 'currency' ? unit.def.factor : 1;
    if (unit?.denominator) {
      const mass = massFactor(unit.denominator, options);
      if (mass.ambiguous && !ambiguous) ambiguous = 'ton';
      return {
        dimension: `price:${code}/kg`,
        canonicalUnit: `${code}/kg`,
        factor: factor / (mass.factor * 1000),
        perYear,
        ...(ambiguous ? { ambiguous } : {}),
      };
    }
    return { dimension: `currency:${code}`, canonicalUnit: code, factor, perYear, ...(ambiguous ? { ambiguous } : {}) };
  }
  if (unit?.def?.kind === 'mass') {
    const mass = massFactor(unit.def, options);
    return { dimension: 'mass', canonicalUnit: 't', factor: mass.factor, perYear, ...(mass.ambiguous ? { ambiguous: 'ton' as const } : {}) };
  }
  if (unit?.def?.kind === 'percent') return { dimension: 'percent', canonicalUnit: '%', factor: unit.def.factor, perYear };
  if (unit?.def?.kind === 'percentage-point') return { dimension: 'percentage-point', canonicalUnit: 'pp', factor: unit.def.factor, perYear };
  return { dimension: 'number', canonicalUnit: '', factor: 1, perYear: false };
}

function massFactor(def: UnitDef, options: QuantityOptions): { factor: number; ambiguous: boolean } {
  if (def.ambiguous === 'ton') {
    const assumed = assumedTon(options.assume?.ton);
    return assumed === undefined ? { factor: def.factor, ambiguous: true } : { factor: assumed, ambiguous: false };
  }
  return { factor: def.factor, ambiguous: false };
}

function isFigure(a: AmountRead): boolean {
  return a.unit !== undefined || a.scale > 1 || a.currency !== undefined || a.percentWord || a.purity;
}

interface Stated {
  value: number;
  lo: number;
  hi: number;
}

/** Drops binary noise (3.05 × 1e4 = 30500.000000000004) by keeping 15 significant digits. */
function clean(x: number): number {
  if (Number.isInteger(x) || !Number.isFinite(x)) return x;
  const exponent = Math.floor(Math.log10(Math.abs(x)));
  if (exponent > 14) return x; // larger than 1e15 and not an integer: nothing to round
  const scale = Math.pow(10, 14 - exponent);
  return Math.round(x * scale) / scale;
}

function stated(a: AmountRead, measure: Measure): Stated {
  const multiplier = a.scale * measure.factor;
  const sign = a.negative ? -1 : 1;
  const value = clean(sign * a.amount * multiplier);
  const half = (a.step / 2) * multiplier;
  return { value, lo: value - half, hi: value + half };
}

/** Characters after which a hyphen is a minus sign rather than a joiner. */
function opensNumber(c: string | undefined): boolean {
  return c === undefined || isSpace(c) || c === '(' || c === '（' || c === '：' || c === ':' || c === '，' || c === '、' || isCjk(c);
}

interface RangeRead {
  between: PhraseMatch<true> | undefined;
  b: AmountRead;
  a: AmountRead;
  measureA: Measure;
  measureB: Measure;
}

function sameCurrency(x: string, y: string): boolean {
  return x === y || x === '$' || y === '$';
}

/** A second amount after a separator, when the two make one range. */
function readRange(ctx: ReadContext, a: AmountRead, start: number, minStart: number): RangeRead | undefined {
  if (a.midOver || a.purity || a.percentWord || a.badTail || a.gluedLetters || a.blocked) return undefined;
  const s = ctx.s;
  const sepAt = skipSpaceForward(s, a.end, 2);
  const sep = RANGE_SEPARATOR_TABLE.matchAt(s, sepAt);
  if (!sep) return undefined;
  const kind = sep.phrase.value;
  const beforeA = skipSpaceBackward(s, start, 2);
  const between = BETWEEN_TABLE.matchEndingAt(s, beforeA, minStart);
  if (kind === 'and' && !between) return undefined;
  if (!between && kind !== 'and' && FROM_TABLE.matchEndingAt(s, beforeA, minStart)) return undefined;
  let q = skipSpaceForward(s, sep.end, 2);
  let currency: { code: string; text: string } | undefined;
  const sign = PREFIX_CURRENCY_TABLE.matchAt(s, q);
  if (sign && !a.token.cjk) {
    currency = { code: sign.phrase.value, text: sign.phrase.text };
    q = skipSpaceForward(s, sign.end, 1);
  }
  const tokenB = readNumberAt(s, q);
  if (!tokenB || !Number.isFinite(tokenB.value)) return undefined;
  if (currency && a.currency && !sameCurrency(currency.code, a.currency.code)) return undefined;
  const b = readAmount(ctx, sign ? sign.start : q, tokenB, false, currency ?? a.currency, false);
  if (b.badTail || b.gluedLetters || b.midOver || b.purity || b.blocked) return undefined;
  if (a.unit && !b.unit) return undefined;
  // Years: 2023-2025 is a period.
  if (!a.unit && !b.unit && a.scale === 1 && b.scale === 1 && !a.currency && !b.currency) return undefined;

  const candidates: AmountRead[] = [];
  if (!a.unit && b.unit) {
    const inherited = { ...a, unit: b.unit };
    if (a.scale === 1 && b.scale > 1) candidates.push({ ...inherited, scale: b.scale, scaleText: b.scaleText, scaleCjk: b.scaleCjk });
    candidates.push(inherited);
  } else if (a.scale === 1 && b.scale > 1) {
    candidates.push({ ...a, scale: b.scale, scaleText: b.scaleText, scaleCjk: b.scaleCjk });
    candidates.push(a);
  } else {
    candidates.push(a);
  }
  const withCurrency = !a.currency && b.currency ? candidates.map((c) => ({ ...c, currency: b.currency })) : candidates;
  const measureB = resolveMeasure(b, ctx.options);
  for (const candidate of withCurrency) {
    const measureA = resolveMeasure(candidate, ctx.options);
    if (measureA.dimension !== measureB.dimension) return undefined;
    const x = stated(candidate, measureA);
    const y = stated(b, measureB);
    if (x.value < y.value) return { between, a: candidate, b, measureA, measureB };
  }
  return undefined;
}

function applyQualifier(qualifier: Qualifier | undefined, low: Stated, high: Stated, approximation: number): { lo: number; hi: number } {
  const lo = low.lo;
  const hi = high.hi;
  switch (qualifier) {
    case 'approx':
      return { lo: lo - Math.abs(lo) * approximation, hi: hi + Math.abs(hi) * approximation };
    case 'over':
      return { lo: low.value, hi: Infinity };
    case 'at-least':
      return { lo, hi: Infinity };
    case 'under':
      return { lo: -Infinity, hi: high.value };
    case 'at-most':
      // Like `under` (the brief groups them); the qualifier still tells the two apart in messages.
      return { lo: -Infinity, hi: high.value };
    case 'nearly':
      return { lo: high.value - Math.abs(high.value) * approximation, hi: high.value };
    default:
      return { lo, hi };
  }
}

/** Qualifier words that are part of another word when glued to these (最近 "recently", 附近 "nearby"). */
const NOT_NEARLY_BEFORE = new Set(['最', '附', '靠', '临', '邻', '就', '亲', '贴', '挨', '新', '晚', '离']);

/** 1 for the (lower-cased) first code units of units, scales and currency signs. */
const UNIT_STARTS = new Uint8Array(0x10000);
for (const table of [SUFFIX_UNIT_TABLE, SCALE_TABLE, PREFIX_CURRENCY_TABLE]) for (const code of table.firstCodes) UNIT_STARTS[code] = 1;

/** Whether a unit, scale, count noun or (price) currency sign starts at `q`. */
function unitOrScaleAt(ctx: ReadContext, q: number): boolean {
  const s = ctx.s;
  if (q >= s.length) return false;
  const code = s.charCodeAt(q);
  if (UNIT_STARTS[code >= 65 && code <= 90 ? code + 32 : code] === 0 && !ctx.countNouns?.mayStartAt(s, q)) return false;
  return (
    SUFFIX_UNIT_TABLE.matchAt(s, q) !== undefined ||
    SCALE_TABLE.matchAt(s, q) !== undefined ||
    ctx.countNouns?.matchAt(s, q) !== undefined ||
    PREFIX_CURRENCY_TABLE.matchAt(s, q) !== undefined
  );
}

/** Whether a unit or scale follows the number token ending at `end` (glued, spaced or hyphenated). */
function unitOrScaleAfter(ctx: ReadContext, end: number): boolean {
  const s = ctx.s;
  let p = end;
  if (MID_OVER.has(s[p] ?? '')) p++;
  if (unitOrScaleAt(ctx, p)) return true;
  const q = skipSpaceForward(s, p, 2);
  if (q > p && unitOrScaleAt(ctx, q)) return true;
  return s[p] === '-' && isAsciiLetter(s[p + 1]) && unitOrScaleAt(ctx, p + 1);
}

/**
 * A cheap test, run before any real parsing, that rejects bare numbers: a figure needs a unit or
 * scale after its number (or after the second number of a range), a currency sign or 百分之 before
 * it, or to be a purity grade (5N). It only looks up phrase tables and allocates little, so hostile
 * text made of numbers stays fast.
 */
function mayBeFigure(ctx: ReadContext, token: NumberToken, anchor: number, minStart: number): boolean {
  const s = ctx.s;
  if (token.tail > 1) return true;
  const before = skipSpaceBackward(s, anchor, 1);
  if (before > minStart) {
    const b = s.charCodeAt(before - 1);
    if (MAY_PRECEDE_A_FIGURE.has(b) || (b >= 65 && b <= 90)) return true;
  }
  // Most bare numbers are followed by a digit, a space or punctuation: nothing to look up.
  const next = s.charCodeAt(skipSpaceForward(s, token.end, 2));
  if (next !== next || (next >= 48 && next <= 57) || ENDS_A_NUMBER.has(next)) return false;
  if (s[token.end] === 'N' && !token.cjk) return true;
  if (unitOrScaleAfter(ctx, token.end)) return true;
  // A range whose second number carries the unit: 1-2万吨, 8 to 10 million t, between $1 and $2 billion.
  const sepAt = skipSpaceForward(s, token.end, 2);
  const sep = RANGE_SEPARATOR_TABLE.matchAt(s, sepAt);
  if (!sep) return false;
  const q = skipSpaceForward(s, sep.end, 2);
  if (PREFIX_CURRENCY_TABLE.matchAt(s, q)) return true;
  const second = readNumberAt(s, q);
  if (!second) return false;
  return second.tail > 1 || unitOrScaleAfter(ctx, second.end);
}

/** Characters after a number that cannot begin a unit, scale, range separator or marker. */
const ENDS_A_NUMBER = new Set([...' \t\r\n\u00a0,.;:)]}"\'!?，。；：）】、'].map((c) => c.charCodeAt(0)));
/** The last characters of currency signs and of 百分之 (upper-case letters end codes like USD). */
const MAY_PRECEDE_A_FIGURE = new Set([...'$€£\u00a5币之'].map((c) => c.charCodeAt(0)));

export interface ParseOutcome {
  figure?: ParsedFigure;
  /** Where scanning may resume when there is no figure here. */
  skipTo: number;
}

/**
 * Reads the figure whose (first) number starts at `anchor`, looking no further back than
 * `minStart` (the end of the previous figure).
 */
export function parseFigureAt(ctx: ReadContext, anchor: number, minStart: number): ParseOutcome {
  const s = ctx.s;
  const prose = ctx.mode === 'prose';
  const prev = anchor > minStart ? s[anchor - 1] : undefined;
  const prev2 = anchor - 1 > minStart ? s[anchor - 2] : undefined;
  const cjkStart = !isDigit(s[anchor]);

  // What is glued before the number decides whether it can be an amount at all. These checks come
  // first because they are cheap and reject most non-figures.
  if (cjkStart) {
    if (isCjkNumeralChar(prev) || isAsciiAlnum(prev)) return { skipTo: anchor + 1 };
    for (const idiom of CJK_IDIOMS) if (s.startsWith(idiom, anchor)) return { skipTo: anchor + idiom.length };
  } else {
    if (isAsciiAlnum(prev) || prev === '_' || prev === '.' || prev === '#' || prev === '@' || prev === '^' || prev === '&') return { skipTo: anchor + 1 };
    if ((prev === ':' || prev === '/' || prev === '-') && isAsciiAlnum(prev2)) return { skipTo: anchor + 1 }; // 14:31, 8/26, F-35, 2025-08
  }
  const token = readNumberAt(s, anchor);
  if (!token) return { skipTo: anchor + 1 };
  const none: ParseOutcome = { skipTo: Math.max(anchor + 1, token.end) }; // shared: never mutated
  if (!Number.isFinite(token.value)) return none;
  if (prev === '[' && s[token.end] === ']') return none;

  if (prose && !mayBeFigure(ctx, token, anchor, minStart)) return none;
  // `000 t` is the tail of a number grouped with plain spaces (1 000 t), not zero tonnes.
  if (prose && !token.cjk && token.integer && s[anchor] === '0' && token.end - anchor > 1) return none;

  let negative = false;
  let start = anchor;
  if (prev === '-' && !token.cjk) {
    if (isAsciiAlnum(prev2) || prev2 === ']' || prev2 === ')') return none; // F-35, MP-2, 2025-08
    if (opensNumber(anchor - 2 >= minStart ? prev2 : undefined)) {
      negative = true;
      start = anchor - 1;
    }
  }

  let currency: { code: string; text: string } | undefined;
  if (!token.cjk && !negative) {
    const m = PREFIX_CURRENCY_TABLE.matchEndingAt(s, skipSpaceBackward(s, start, 1), minStart);
    if (m) {
      currency = { code: m.phrase.value, text: m.phrase.text };
      start = m.start;
    }
  }
  let percentWord = false;
  if (!currency && !negative && start - 3 >= minStart && s.startsWith('百分之', start - 3)) {
    percentWord = true;
    start -= 3;
  }

  const a = readAmount(ctx, start, token, negative, currency, percentWord);
  if (prose && (a.badTail || a.gluedLetters || a.blocked)) return none;
  const range = readRange(ctx, a, start, minStart);
  const first = range ? range.a : a;
  const last = range ? range.b : a;
  if (prose && !isFigure(first) && !isFigure(last)) return none;
  if (!prose && a.blocked) return none;
  if (prose && ID_LABEL_TABLE.matchEndingAt(s, skipSpaceBackward(s, start, 2), minStart)) return none;
  const between = range?.between;

  let figureStart = range && between ? between.start : start;
  const coreStart = figureStart;
  const coreEnd = last.end;

  // Before: a qualifier, then a rate marker (年产, 每年), possibly with a linking verb (年产量达).
  let preQualifier: Qualifier | undefined;
  const qualifierEnd = skipSpaceBackward(s, figureStart, 3);
  const pre = PRE_QUALIFIER_TABLE.matchEndingAt(s, qualifierEnd, minStart);
  if (pre && !(pre.phrase.text === '近' && NOT_NEARLY_BEFORE.has(s[pre.start - 1] ?? ''))) {
    preQualifier = pre.phrase.value;
    figureStart = pre.start;
  }
  let perYear = false;
  {
    const linker = RATE_LINKER_TABLE.matchEndingAt(s, figureStart, minStart);
    const rate = (linker && RATE_PREFIX_TABLE.matchEndingAt(s, linker.start, minStart)) || RATE_PREFIX_TABLE.matchEndingAt(s, figureStart, minStart);
    if (rate && !isDigit(s[rate.start - 1]) && !isCjkNumeralChar(s[rate.start - 1])) {
      perYear = true;
      figureStart = rate.start;
    }
  }

  // After: 左右 / 以上 / `or more`, a rate (`a year`, `/yr`, `/年`), a trailing `+`.
  let postQualifier: Qualifier | undefined;
  let rateSuffixSeen = false;
  let end = coreEnd;
  for (let round = 0; round < 3; round++) {
    if (!postQualifier) {
      let m = POST_QUALIFIER_TABLE.matchAt(s, end);
      if (!m) {
        const spaced = skipSpaceForward(s, end, 2);
        const w = spaced > end ? POST_QUALIFIER_TABLE.matchAt(s, spaced) : undefined;
        if (w && isAsciiLetter(w.phrase.text[0])) m = w;
      }
      if (m) {
        postQualifier = m.phrase.value;
        end = m.end;
        continue;
      }
      if (s[end] === '+' && !isAsciiAlnum(s[end + 1])) {
        postQualifier = 'over';
        end++;
        continue;
      }
    }
    if (!rateSuffixSeen) {
      let r = s[end] === '/' ? rateSuffixAt(s, end) : undefined;
      if (!r) {
        const spaced = skipSpaceForward(s, end, 2);
        if (spaced > end) {
          const w = rateSuffixAt(s, spaced);
          if (w && w.phrase.text[0] !== '/') r = w;
        }
      }
      if (r) {
        perYear = true;
        rateSuffixSeen = true;
        end = r.end;
        continue;
      }
    }
    break;
  }

  const measureA = range ? range.measureA : resolveMeasure(a, ctx.options);
  const measureB = range ? range.measureB : measureA;
  // A range's ends are the writer's own bounds: `1–2 Mt` is [1, 2] Mt, not widened by precision.
  const lowStated = stated(first, measureA);
  const highStated = range ? stated(last, measureB) : lowStated;
  if (range) {
    lowStated.lo = lowStated.hi = lowStated.value;
    highStated.lo = highStated.hi = highStated.value;
  }
  const qualifier = preQualifier ?? postQualifier ?? (a.midOver ? 'over' : undefined);
  const bounds = applyQualifier(qualifier, lowStated, highStated, ctx.options.approximation);
  const value = range ? clean((lowStated.value + highStated.value) / 2) : lowStated.value;
  if (!Number.isFinite(value)) return { skipTo: Math.max(anchor + 1, token.end) };

  const holder = last;
  let unitText = '';
  let writtenScale = holder.scale;
  if (holder.purity) unitText = '%';
  else if (holder.percentWord) unitText = '百分之';
  else if (holder.unit) {
    unitText = ctx.raw.slice(holder.unit.start, holder.unit.end);
    if (holder.currency && holder.unit.def?.kind !== 'currency') unitText = `${holder.currency.text} ${unitText}`;
    if (holder.scaleCjk && holder.scale > 1 && holder.unit.start === holder.scaleEnd && isCjk(s[holder.unit.start])) {
      unitText = holder.scaleText + unitText;
      writtenScale = 1;
    }
  } else if (holder.currency) unitText = holder.currency.text;

  const written: Quantity['written'] = {
    amount: first.negative ? -first.amount : first.amount,
    scale: writtenScale,
    unit: unitText,
    text: ctx.raw.slice(figureStart, end),
  };
  if (range) written.amountHi = last.negative ? -last.amount : last.amount;
  const quantity: Quantity = {
    dimension: measureA.dimension,
    canonicalUnit: measureA.canonicalUnit,
    value,
    lo: bounds.lo,
    hi: bounds.hi,
    written,
  };
  if (qualifier) quantity.qualifier = qualifier;
  if (perYear || measureA.perYear) quantity.perYear = true;
  const ambiguous = measureA.ambiguous ?? measureB.ambiguous;
  if (ambiguous) quantity.ambiguousUnit = ambiguous;

  return {
    figure: {
      start: figureStart,
      end,
      coreStart,
      coreEnd,
      quantity,
      hasUnit: holder.unit !== undefined || holder.currency !== undefined || holder.percentWord || holder.purity,
      rateInUnit: measureA.perYear,
    },
    skipTo: end,
  };
}
