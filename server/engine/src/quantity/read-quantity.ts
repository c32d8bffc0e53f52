// Reading one whole value (a YAML `value:` scalar, or `{amount, unit}`), and what a unit means.

import type { Dimension, Quantity, QuantityOptions } from '../model';
import { scanFigures } from './find-figures';
import { plainDecimal } from './read-number';
import { isCjk } from './text-scan';
import { PREFIX_CURRENCIES } from './units';

export const DEFAULT_QUANTITY_OPTIONS: QuantityOptions = { approximation: 0.1, assume: {}, countNouns: {} };

function isBlank(c: string | undefined): boolean {
  return c !== undefined && /\s/.test(c);
}

/** Text for a one-line message: whitespace collapsed, long text shortened. */
function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `'${line.length > 60 ? `${line.slice(0, 57)}…` : line}'`;
}

/**
 * Reads one whole value as written in a YAML claim ("3.8 Mt", "380万吨", "about 44 million t",
 * "$8.5 billion", "1–2 Mt"). A bare number is a quantity of dimension `number`. Anything left over
 * is an error naming it: `unknown unit 'furlongs'`.
 */
export function readQuantity(text: string, options: QuantityOptions): Quantity | { error: string } {
  let lo = 0;
  let hi = text.length;
  while (lo < hi && isBlank(text[lo])) lo++;
  while (hi > lo && isBlank(text[hi - 1])) hi--;
  const shown = text.slice(lo, hi);
  if (shown === '') return { error: 'empty value: expected a quantity such as "3.8 Mt"' };
  const body = text.slice(0, hi);
  const [figure] = scanFigures(body, options, 'value', true);
  if (!figure) {
    return { error: /[0-9０-９一二两三四五六七八九十]/.test(shown) ? `cannot read a quantity in ${quote(shown)}` : `no number in ${quote(shown)}` };
  }
  if (figure.start > lo) {
    return { error: `cannot read ${quote(text.slice(lo, figure.start))} before the number in ${quote(shown)}` };
  }
  // A closing full stop is punctuation, not part of the value ("3.8 Mt." but also "1 p.p.").
  if (figure.end === hi - 1 && (text[hi - 1] === '.' || text[hi - 1] === '。')) hi--;
  if (figure.end < hi) {
    const rest = text.slice(figure.end, hi).trim();
    if (!figure.hasUnit && /^[\p{L}$€£¥/]/u.test(rest)) return { error: `unknown unit ${quote(rest)}` };
    return { error: `unexpected ${quote(rest)} after ${quote(text.slice(figure.start, figure.end))}` };
  }
  return figure.quantity;
}

const PREFIX_SIGNS = new Set(PREFIX_CURRENCIES.filter((p) => !/^[A-Z]{3}$/.test(p.text)).map((p) => p.text));

/** How an amount and a unit are written together: `$5`, `92%`, `380万吨`, `3.8 Mt`. */
export function joinAmountAndUnit(amount: string, unit: string): string {
  if (unit === '') return amount;
  if (PREFIX_SIGNS.has(unit)) return amount.startsWith('-') ? `-${unit}${amount.slice(1)}` : `${unit}${amount}`;
  if (unit === '%' || isCjk(unit[0])) return `${amount}${unit}`;
  return `${amount} ${unit}`;
}

/** Reads YAML's `{amount: 3.8, unit: Mt}`. The amount's written digits give its precision. */
export function quantityFromAmount(amount: number, unit: string, options: QuantityOptions): Quantity | { error: string } {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return { error: 'the amount must be a finite number' };
  const u = typeof unit === 'string' ? unit.trim() : '';
  const text = joinAmountAndUnit(plainDecimal(amount), u);
  const read = readQuantity(text, options);
  if ('error' in read) return { error: u === '' ? read.error : `unknown unit ${quote(u)}` };
  if (read.qualifier !== undefined || read.written.amountHi !== undefined) return { error: `unknown unit ${quote(u)}` };
  return read;
}

/**
 * What a unit as declared for a metric (`unit: t`, `USD`, `%`, `万吨`, `million t`) measures, and
 * how many canonical units one of it is. Undefined when it cannot be read.
 */
export function unitInfo(unit: string, options: QuantityOptions = DEFAULT_QUANTITY_OPTIONS): UnitInfo | undefined {
  if (typeof unit !== 'string') return undefined;
  // Asked for every figure near a metric alias: remember the answer per options object.
  let known = unitInfoCache.get(options);
  if (!known) unitInfoCache.set(options, (known = new Map()));
  if (known.has(unit)) return known.get(unit);
  const read = quantityFromAmount(1, unit, options);
  const info = 'error' in read ? undefined : { dimension: read.dimension, canonicalUnit: read.canonicalUnit, factor: read.value };
  if (known.size < 10_000) known.set(unit, info);
  return info;
}

export interface UnitInfo {
  dimension: Dimension;
  canonicalUnit: string;
  factor: number;
}

const unitInfoCache = new WeakMap<QuantityOptions, Map<string, UnitInfo | undefined>>();

/** a.value / b.value: how far apart two figures are, for scale-slip detection. */
export function ratio(a: Quantity, b: Quantity): number {
  return a.value / b.value;
}
