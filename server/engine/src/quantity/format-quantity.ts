// Writing quantities for people: canonical values ("3.8 Mt", "8.5 billion USD"), intervals for
// hovers, and the text of a "convert unit" code action. Everything written here reads back.

import type { Quantity, Qualifier } from '../model';
import { scanFigures } from './find-figures';
import { plainDecimal } from './read-number';
import { DEFAULT_QUANTITY_OPTIONS, joinAmountAndUnit, quantityFromAmount } from './read-quantity';

/** A number in plain decimals with thousands separators from 10,000 up (2600, 31,000, 1,234.5). */
export function formatNumber(n: number): string {
  const text = plainDecimal(n);
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  const fraction = dot < 0 ? '' : body.slice(dot);
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  return (negative ? '-' : '') + grouped + fraction;
}

interface Display {
  divisor: number;
  render(numbers: string): string;
}

const spaced = (divisor: number, unit: string): Display => ({ divisor, render: (n) => `${n} ${unit}` });

/** How a magnitude of a canonical unit is best shown: t → Mt/kt/t/kg/g, USD → million/billion USD. */
function displayFor(magnitude: number, canonicalUnit: string): Display {
  const m = Math.abs(magnitude);
  if (canonicalUnit === 't') {
    if (m >= 1e9) return spaced(1e9, 'Gt');
    if (m >= 1e6) return spaced(1e6, 'Mt');
    if (m >= 1e3) return spaced(1e3, 'kt');
    if (m >= 1 || m === 0) return spaced(1, 't');
    if (m >= 1e-3) return spaced(1e-3, 'kg');
    return spaced(1e-6, 'g');
  }
  if (canonicalUnit === '%') return { divisor: 1, render: (n) => `${n}%` };
  const words = (suffix: string): Display => {
    const tail = suffix ? ` ${suffix}` : '';
    if (m >= 1e12) return { divisor: 1e12, render: (n) => `${n} trillion${tail}` };
    if (m >= 1e9) return { divisor: 1e9, render: (n) => `${n} billion${tail}` };
    if (m >= 1e6) return { divisor: 1e6, render: (n) => `${n} million${tail}` };
    return { divisor: 1, render: (n) => `${n}${tail}` };
  };
  if (canonicalUnit === '') return words('');
  if (/^[A-Z]{3}$/.test(canonicalUnit)) return words(canonicalUnit);
  return spaced(1, canonicalUnit);
}

function infinity(n: number): string {
  return n > 0 ? '∞' : '−∞';
}

/**
 * A value in a canonical unit, as a person would write it: 3.8e6 t → "3.8 Mt", 31000 t → "31 kt",
 * 0.417 t → "417 kg", 8.5e9 USD → "8.5 billion USD", 92 % → "92%", 3 pp → "3 pp".
 * readQuantity reads it back to the same value.
 */
export function formatValue(value: number, canonicalUnit: string): string {
  if (!Number.isFinite(value)) return infinity(value);
  const display = displayFor(value, canonicalUnit);
  return display.render(formatNumber(value / display.divisor));
}

/** "3.75–3.85 Mt", "≥ 90%", "≤ 5 Mt", or one value when the bounds meet. */
export function formatInterval(q: Quantity): string {
  const { lo, hi } = q;
  if (lo === -Infinity && hi === Infinity) return 'any value';
  if (hi === Infinity) return `≥ ${formatValue(lo, q.canonicalUnit)}`;
  if (lo === -Infinity) return `≤ ${formatValue(hi, q.canonicalUnit)}`;
  if (lo === hi) return formatValue(lo, q.canonicalUnit);
  const magnitude = q.value !== 0 ? q.value : Math.max(Math.abs(lo), Math.abs(hi));
  const display = displayFor(magnitude, q.canonicalUnit);
  return display.render(`${formatNumber(lo / display.divisor)}–${formatNumber(hi / display.divisor)}`);
}

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  approx: 'about ',
  over: 'over ',
  'at-least': 'at least ',
  under: 'under ',
  'at-most': 'at most ',
  nearly: 'nearly ',
};

/** For hovers: "3.8 Mt [3.75–3.85 Mt]", "about 44 Mt a year [39.15–48.95 Mt]". */
export function formatQuantity(q: Quantity): string {
  const qualifier = q.qualifier ? QUALIFIER_WORDS[q.qualifier] : '';
  const rate = q.perYear ? ' a year' : '';
  return `${qualifier}${formatValue(q.value, q.canonicalUnit)}${rate} [${formatInterval(q)}]`;
}

/**
 * The figure's text rewritten in `targetUnit`, keeping its qualifier and rate words:
 * "1000万吨" → "10 Mt", "约14万吨" → "约0.14 Mt". When the target is the canonical unit itself the
 * figure is written the canonical way (formatValue: "1000万吨" to "t" → "10 Mt"). Undefined when
 * the units do not convert.
 */
export function convertWritten(q: Quantity, targetUnit: string): string | undefined {
  const target = typeof targetUnit === 'string' ? targetUnit.trim() : '';
  const unitOne = quantityFromAmount(1, target, DEFAULT_QUANTITY_OPTIONS);
  if ('error' in unitOne || unitOne.dimension !== q.dimension || unitOne.value === 0) return undefined;
  const text = q.written.text;
  const [parsed] = scanFigures(text, DEFAULT_QUANTITY_OPTIONS, 'value', true);
  if (!parsed) return undefined;
  if (unitOne.perYear && !parsed.rateInUnit) return undefined;

  const { amount, amountHi } = q.written;
  const middle = amountHi === undefined ? amount : (amount + amountHi) / 2;
  const perWritten = middle === 0 ? 0 : q.value / middle;
  const low = amount * perWritten;
  const high = amountHi === undefined ? undefined : amountHi * perWritten;

  let core: string;
  if (target === q.canonicalUnit && q.dimension !== 'number') {
    const display = displayFor(q.value, q.canonicalUnit);
    const numbers = formatNumber(low / display.divisor) + (high === undefined ? '' : `–${formatNumber(high / display.divisor)}`);
    core = display.render(numbers);
  } else {
    const numbers = formatNumber(low / unitOne.value) + (high === undefined ? '' : `–${formatNumber(high / unitOne.value)}`);
    core = joinAmountAndUnit(numbers, target);
  }
  if (parsed.rateInUnit && !unitOne.perYear) core += ' a year';
  return text.slice(0, parsed.coreStart) + core + text.slice(parsed.coreEnd);
}
