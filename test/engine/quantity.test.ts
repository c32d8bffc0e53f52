// The quantity reader (SPEC §2): a table of figures in English and Chinese, the traps that are not
// figures, exact spans in whole sentences, YAML values, units, formatting and conversion.
import { describe, expect, it } from 'vitest';
import type { Qualifier, Quantity, QuantityOptions } from '../../server/engine/src/model';
import {
  DEFAULT_QUANTITY_OPTIONS,
  KNOWN_UNITS,
  convertWritten,
  findFigures,
  formatInterval,
  formatQuantity,
  formatValue,
  quantityFromAmount,
  ratio,
  readQuantity,
  unitInfo,
} from '../../server/engine/src/quantity';

interface Expected {
  dim: string;
  value: number;
  lo: number;
  hi: number;
  q?: Qualifier;
  perYear?: true;
  amb?: 'ton' | '$';
  /** The figure's text in the sentence; the whole input when omitted. */
  text?: string;
}

type Case = [input: string, expected: Expected | null, options?: Partial<QuantityOptions>];

const INF = Infinity;

function options(extra?: Partial<QuantityOptions>): QuantityOptions {
  return { ...DEFAULT_QUANTITY_OPTIONS, ...extra };
}

/** Relative comparison that also accepts equal infinities. */
function expectClose(actual: number, expected: number, what: string): void {
  if (!Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  const scale = Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThan(1e-9);
}

function expectQuantity(q: Quantity, e: Expected): void {
  expect(q.dimension).toBe(e.dim);
  expectClose(q.value, e.value, 'value');
  expectClose(q.lo, e.lo, 'lo');
  expectClose(q.hi, e.hi, 'hi');
  expect(q.qualifier).toBe(e.q);
  expect(q.perYear).toBe(e.perYear);
  expect(q.ambiguousUnit).toBe(e.amb);
}

const f = (dim: string, value: number, lo: number, hi: number, extra: Partial<Expected> = {}): Expected => ({ dim, value, lo, hi, ...extra });
const mass = (value: number, lo: number, hi: number, extra: Partial<Expected> = {}) => f('mass', value, lo, hi, extra);
const usd = (value: number, lo: number, hi: number, extra: Partial<Expected> = {}) => f('currency:USD', value, lo, hi, extra);
const pct = (value: number, lo: number, hi: number, extra: Partial<Expected> = {}) => f('percent', value, lo, hi, extra);
const LB = 0.00045359237;

// Prose: each input holds at most one figure; `text` is what its span must cover.
const PROSE_CASES: Case[] = [
  // Mass
  ['Russia holds 3.8 Mt of reserves.', mass(3.8e6, 3.75e6, 3.85e6, { text: '3.8 Mt' })],
  ['3.8Mt', mass(3.8e6, 3.75e6, 3.85e6)],
  ['about 44 million tonnes', mass(44e6, 43.5e6 * 0.9, 44.5e6 * 1.1, { q: 'approx' })],
  ['44 million t', mass(44e6, 43.5e6, 44.5e6)],
  ['380万吨', mass(3.8e6, 3.795e6, 3.805e6)],
  ['俄罗斯储量1000万吨。', mass(1e7, 9.995e6, 1.0005e7, { text: '1000万吨' })],
  ['3.1万吨', mass(31000, 30500, 31500)],
  ['十四万吨', mass(140000, 135000, 145000)],
  ['两万吨', mass(20000, 15000, 25000)],
  ['两千吨', mass(2000, 1999.5, 2000.5)],
  ['三千五百吨', mass(3500, 3499.5, 3500.5)],
  ['一万五千吨', mass(15000, 14999.5, 15000.5)],
  ['三点五万吨', mass(35000, 34500, 35500)],
  ['一亿三千万吨', mass(1.3e8, 1.3e8 - 5000, 1.3e8 + 5000)],
  ['1.2亿吨', mass(1.2e8, 1.15e8, 1.25e8)],
  ['一吨', mass(1, 0.5, 1.5)],
  ['240,000 t', mass(240000, 239999.5, 240000.5)],
  ['1,000,000 t', mass(1e6, 999999.5, 1000000.5)],
  ['240\u202f000 t', mass(240000, 239999.5, 240000.5)],
  ['1 000 t', null],
  ['31 kt', mass(31000, 30500, 31500)],
  ['8 kilotonnes', mass(8000, 7500, 8500)],
  ['2 Gt', mass(2e9, 1.5e9, 2.5e9)],
  ['The F-35 uses 417 kg of rare earths.', mass(0.417, 0.4165, 0.4175, { text: '417 kg' })],
  ['417kg', mass(0.417, 0.4165, 0.4175)],
  ['3 kilograms', mass(0.003, 0.0025, 0.0035)],
  ['500 g', mass(5e-4, 4.995e-4, 5.005e-4)],
  ['2,000 lb', mass(2000 * LB, 1999.5 * LB, 2000.5 * LB)],
  ['10 pounds', mass(10 * LB, 9.5 * LB, 10.5 * LB)],
  ['1.9 million tons', mass(1.9e6, 1.85e6, 1.95e6, { amb: 'ton' })],
  ['380,000 tons', mass(380000, 379999.5, 380000.5, { amb: 'ton' })],
  ['10 short tons', mass(10 * 0.90718474, 9.5 * 0.90718474, 10.5 * 0.90718474)],
  ['10 long tons', mass(10 * 1.0160469088, 9.5 * 1.0160469088, 10.5 * 1.0160469088)],
  ['5 metric tons', mass(5, 4.5, 5.5)],
  ['5 tonnes', mass(5, 4.5, 5.5)],
  ['5,000 MT', mass(5000, 4999.5, 5000.5)],
  ['a 40-tonne truck', mass(40, 39.5, 40.5, { text: '40-tonne' })],
  ['每架约417公斤', mass(0.417, 0.4165 * 0.9, 0.4175 * 1.1, { q: 'approx', text: '约417公斤' })],
  ['每架约需408公斤', mass(0.408, 0.4075 * 0.9, 0.4085 * 1.1, { q: 'approx', text: '约需408公斤' })],
  ['产量约达14万吨', mass(14e4, 13.5e4 * 0.9, 14.5e4 * 1.1, { q: 'approx', text: '约达14万吨' })],
  ['3千克', mass(0.003, 0.0025, 0.0035)],
  ['５００吨', mass(500, 499.5, 500.5)],
  ['３．８万吨', mass(38000, 37500, 38500)],
  // Currencies
  ['$8.5 billion', usd(8.5e9, 8.45e9, 8.55e9, { amb: '$' })],
  ['US$8.5 billion', usd(8.5e9, 8.45e9, 8.55e9)],
  ['USD 8.5 billion', usd(8.5e9, 8.45e9, 8.55e9)],
  ['8.5 billion USD', usd(8.5e9, 8.45e9, 8.55e9)],
  ['85亿美元', usd(8.5e9, 8.45e9, 8.55e9)],
  ['3亿美元', usd(3e8, 2.5e8, 3.5e8)],
  ['5 billion dollars', usd(5e9, 4.5e9, 5.5e9, { amb: '$' })],
  ['5 billion US dollars', usd(5e9, 4.5e9, 5.5e9)],
  ['$5m', usd(5e6, 4.5e6, 5.5e6, { amb: '$' })],
  ['$5M', usd(5e6, 4.5e6, 5.5e6, { amb: '$' })],
  ['$120mn', usd(1.2e8, 1.195e8, 1.205e8, { amb: '$' })],
  ['$3bn', usd(3e9, 2.5e9, 3.5e9, { amb: '$' })],
  ['$400 million', usd(4e8, 3.995e8, 4.005e8, { amb: '$' })],
  ['$126', usd(126, 125.5, 126.5, { amb: '$' })],
  ['€1.5 billion', f('currency:EUR', 1.5e9, 1.45e9, 1.55e9)],
  ['1.5 billion euros', f('currency:EUR', 1.5e9, 1.45e9, 1.55e9)],
  ['15亿欧元', f('currency:EUR', 1.5e9, 1.45e9, 1.55e9)],
  ['A$2 billion', f('currency:AUD', 2e9, 1.5e9, 2.5e9)],
  ['20亿澳元', f('currency:AUD', 2e9, 1.95e9, 2.05e9)],
  ['人民币85亿元', f('currency:CNY', 8.5e9, 8.45e9, 8.55e9)],
  ['85亿元人民币', f('currency:CNY', 8.5e9, 8.45e9, 8.55e9)],
  ['3000万元', f('currency:CNY', 3e7, 2.9995e7, 3.0005e7)],
  ['1万亿元', f('currency:CNY', 1e12, 0.5e12, 1.5e12)],
  ['五万亿元', f('currency:CNY', 5e12, 4.5e12, 5.5e12)],
  ['RMB 5 billion', f('currency:CNY', 5e9, 4.5e9, 5.5e9)],
  ['5 billion yuan', f('currency:CNY', 5e9, 4.5e9, 5.5e9)],
  ['\u00a5100', f('currency:CNY', 100, 99.5, 100.5)],
  ['£2 billion', f('currency:GBP', 2e9, 1.5e9, 2.5e9)],
  ['100 billion yen', f('currency:JPY', 1e11, 0.995e11, 1.005e11)],
  ['C$1 billion', f('currency:CAD', 1e9, 0.5e9, 1.5e9)],
  // Percent, purity, percentage points
  ['92%', pct(92, 91.5, 92.5)],
  ['92 percent', pct(92, 91.5, 92.5)],
  ['92 per cent', pct(92, 91.5, 92.5)],
  ['百分之九十', pct(90, 89.5, 90.5)],
  ['百分之三十五', pct(35, 34.5, 35.5)],
  ['百分之30', pct(30, 29.5, 30.5)],
  ['0.1%', pct(0.1, 0.05, 0.15)],
  ['1500%', pct(1500, 1499.5, 1500.5)],
  ['９０％', pct(90, 89.5, 90.5)],
  ['exports fell -5% in May', pct(-5, -5.5, -4.5, { text: '-5%' })],
  ['99.999%', pct(99.999, 99.9985, 99.9995)],
  ['5N', pct(99.999, 99.9985, 99.9995)],
  ['4N', pct(99.99, 99.985, 99.995)],
  ['6N', pct(99.9999, 99.99985, 99.99995)],
  ['4N5', pct(99.995, 99.9945, 99.9955)],
  ['3 pp', f('percentage-point', 3, 2.5, 3.5)],
  ['3 percentage points', f('percentage-point', 3, 2.5, 3.5)],
  ['1.5个百分点', f('percentage-point', 1.5, 1.45, 1.55)],
  ['三个百分点', f('percentage-point', 3, 2.5, 3.5)],
  ['50 basis points', f('percentage-point', 0.5, 0.495, 0.505)],
  ['25 bps', f('percentage-point', 0.25, 0.245, 0.255)],
  // Prices
  ['$126 per kilogram', f('price:USD/kg', 126, 125.5, 126.5, { amb: '$' })],
  ['$126/kg', f('price:USD/kg', 126, 125.5, 126.5, { amb: '$' })],
  ['US$126/kg', f('price:USD/kg', 126, 125.5, 126.5)],
  ['126 USD/kg', f('price:USD/kg', 126, 125.5, 126.5)],
  ['$12,000 per tonne', f('price:USD/kg', 12, 11.9995, 12.0005, { amb: '$' })],
  ['US$12,000/t', f('price:USD/kg', 12, 11.9995, 12.0005)],
  ['850美元/公斤', f('price:USD/kg', 850, 849.5, 850.5)],
  ['8000美元/吨', f('price:USD/kg', 8, 7.9995, 8.0005)],
  ['5万元/吨', f('price:CNY/kg', 50, 45, 55)],
  ['$5 per pound', f('price:USD/kg', 5 / (LB * 1000), 4.5 / (LB * 1000), 5.5 / (LB * 1000), { amb: '$' })],
  ['US$300 per ton', f('price:USD/kg', 0.3, 0.2995, 0.3005, { amb: 'ton' })],
  // Counts of declared nouns
  ['24 aircraft', f('count:aircraft', 24, 23.5, 24.5), { countNouns: { aircraft: 'count' } }],
  ['48 fighters', f('count:fighter', 48, 47.5, 48.5), { countNouns: { fighter: 'count' } }],
  ['2 batteries', f('count:battery', 2, 1.5, 2.5), { countNouns: { battery: 'count' } }],
  ['3 mines', f('count:mine', 3, 2.5, 3.5), { countNouns: { mine: 'count' } }],
  ['24 aircraft', null],
  // Bare scaled numbers
  ['1.2 billion', f('number', 1.2e9, 1.15e9, 1.25e9)],
  ['4.5 trillion', f('number', 4.5e12, 4.45e12, 4.55e12)],
  ['7 thousand', f('number', 7000, 6500, 7500)],
  ['3万', f('number', 3e4, 2.5e4, 3.5e4)],
  ['拿到3亿订单', f('number', 3e8, 2.5e8, 3.5e8, { text: '3亿' })],
  ['十四万人', f('number', 1.4e5, 1.35e5, 1.45e5, { text: '十四万' })],
  ['5m people', f('number', 5e6, 4.5e6, 5.5e6, { text: '5m' })],
  ['10k', f('number', 1e4, 9500, 10500)],
  // Rates
  ['240,000 t a year', mass(240000, 239999.5, 240000.5, { perYear: true })],
  ['240,000 t/a', mass(240000, 239999.5, 240000.5, { perYear: true })],
  ['240,000 tpa', mass(240000, 239999.5, 240000.5, { perYear: true })],
  ['3 Mtpa', mass(3e6, 2.5e6, 3.5e6, { perYear: true })],
  ['5 Mt per year', mass(5e6, 4.5e6, 5.5e6, { perYear: true })],
  ['5 Mt annually', mass(5e6, 4.5e6, 5.5e6, { perYear: true })],
  ['5 Mt per annum', mass(5e6, 4.5e6, 5.5e6, { perYear: true })],
  ['5 Mt each year', mass(5e6, 4.5e6, 5.5e6, { perYear: true })],
  ['5 Mt/yr', mass(5e6, 4.5e6, 5.5e6, { perYear: true })],
  ['$2 billion a year', usd(2e9, 1.5e9, 2.5e9, { perYear: true, amb: '$' })],
  ['美国年产3.1万吨', mass(31000, 30500, 31500, { perYear: true, text: '年产3.1万吨' })],
  ['实现年产量3.1万吨', mass(31000, 30500, 31500, { perYear: true, text: '年产量3.1万吨' })],
  ['年产量达3.1万吨', mass(31000, 30500, 31500, { perYear: true })],
  ['中国每年约14万吨的产量', mass(140000, 135000 * 0.9, 145000 * 1.1, { q: 'approx', perYear: true, text: '每年约14万吨' })],
  ['3万吨/年', mass(30000, 25000, 35000, { perYear: true })],
  ['output was 44 Mt a year ago', mass(44e6, 43.5e6, 44.5e6, { text: '44 Mt' })],
  ['美国2023年产量4.3万吨', mass(43000, 42500, 43500, { text: '4.3万吨' })],
  // Ranges: the writer's bounds, value at the midpoint
  ['1–2 Mt', mass(1.5e6, 1e6, 2e6)],
  ['1-2 Mt', mass(1.5e6, 1e6, 2e6)],
  ['5 to 6 Mt', mass(5.5e6, 5e6, 6e6)],
  ['8 to 10 million t', mass(9e6, 8e6, 10e6)],
  ['between 8 and 10 Mt', mass(9e6, 8e6, 10e6)],
  ['1-2万吨', mass(15000, 10000, 20000)],
  ['1至2万吨', mass(15000, 10000, 20000)],
  ['1万至2万吨', mass(15000, 10000, 20000)],
  ['10~20万吨', mass(150000, 100000, 200000)],
  ['3-4 percent', pct(3.5, 3, 4)],
  ['35%-40%', pct(37.5, 35, 40)],
  ['$1-2 billion', usd(1.5e9, 1e9, 2e9, { amb: '$' })],
  ['between $1 billion and $2 billion', usd(1.5e9, 1e9, 2e9, { amb: '$' })],
  ['about 1-2 Mt', mass(1.5e6, 0.9e6, 2.2e6, { q: 'approx' })],
  // Qualifiers: about…
  ['around 44 Mt', mass(44e6, 43.5e6 * 0.9, 44.5e6 * 1.1, { q: 'approx' })],
  ['approximately 60%', pct(60, 59.5 * 0.9, 60.5 * 1.1, { q: 'approx' })],
  ['roughly 5 Mt', mass(5e6, 4.5e6 * 0.9, 5.5e6 * 1.1, { q: 'approx' })],
  ['some 5 Mt', mass(5e6, 4.5e6 * 0.9, 5.5e6 * 1.1, { q: 'approx' })],
  ['~5 Mt', mass(5e6, 4.5e6 * 0.9, 5.5e6 * 1.1, { q: 'approx' })],
  ['约5万吨', mass(5e4, 4.5e4 * 0.9, 5.5e4 * 1.1, { q: 'approx' })],
  ['大约5万吨', mass(5e4, 4.5e4 * 0.9, 5.5e4 * 1.1, { q: 'approx' })],
  ['5万吨左右', mass(5e4, 4.5e4 * 0.9, 5.5e4 * 1.1, { q: 'approx' })],
  ['约14万吨左右', mass(14e4, 13.5e4 * 0.9, 14.5e4 * 1.1, { q: 'approx' })],
  ['about 44 Mt', mass(44e6, 43.5e6 * 0.8, 44.5e6 * 1.2, { q: 'approx' }), { approximation: 0.2 }],
  // …over / at least…
  ['over 90%', pct(90, 90, INF, { q: 'over' })],
  ['more than 90%', pct(90, 90, INF, { q: 'over' })],
  ['above 90%', pct(90, 90, INF, { q: 'over' })],
  ['exceeding 90%', pct(90, 90, INF, { q: 'over' })],
  ['超过90%', pct(90, 90, INF, { q: 'over' })],
  ['逾5000吨', mass(5000, 5000, INF, { q: 'over' })],
  ['90%以上', pct(90, 90, INF, { q: 'over' })],
  ['90%+', pct(90, 90, INF, { q: 'over' })],
  ['30多万吨', mass(3e5, 3e5, INF, { q: 'over' })],
  ['10余万吨', mass(1e5, 1e5, INF, { q: 'over' })],
  ['3万余吨', mass(3e4, 3e4, INF, { q: 'over' })],
  ['at least 15 Mt', mass(15e6, 14.5e6, INF, { q: 'at-least' })],
  ['至少15万吨', mass(15e4, 14.5e4, INF, { q: 'at-least' })],
  ['5 Mt or more', mass(5e6, 4.5e6, INF, { q: 'at-least' })],
  // …under / at most…
  ['under 5%', pct(5, -INF, 5, { q: 'under' })],
  ['less than 5%', pct(5, -INF, 5, { q: 'under' })],
  ['prices fell to below $8 [1]', usd(8, -INF, 8, { q: 'under', amb: '$', text: 'below $8' })],
  ['不到1%', pct(1, -INF, 1, { q: 'under' })],
  ['不足1%', pct(1, -INF, 1, { q: 'under' })],
  ['5%以下', pct(5, -INF, 5, { q: 'under' })],
  ['up to 5 Mt', mass(5e6, -INF, 5e6, { q: 'at-most' })],
  ['at most 5 Mt', mass(5e6, -INF, 5e6, { q: 'at-most' })],
  ['5 Mt or less', mass(5e6, -INF, 5e6, { q: 'at-most' })],
  ['3万吨以内', mass(3e4, -INF, 3e4, { q: 'at-most' })],
  // …nearly
  ['nearly 30%', pct(30, 27, 30, { q: 'nearly' })],
  ['almost 30%', pct(30, 27, 30, { q: 'nearly' })],
  ['close to 30%', pct(30, 27, 30, { q: 'nearly' })],
  ['近3000吨', mass(3000, 2700, 3000, { q: 'nearly' })],
  ['将近3000吨', mass(3000, 2700, 3000, { q: 'nearly' })],
  ['接近3000吨', mass(3000, 2700, 3000, { q: 'nearly' })],
  ['最近5万吨', mass(5e4, 4.5e4, 5.5e4, { text: '5万吨' })],
  // Not figures
  ['the F-35 fighter', null],
  ['F-35', null],
  ['F35', null],
  ['A380', null],
  ['the C919 airliner', null],
  ['5G base stations', null],
  ['MP-2', null],
  ['J-36', null],
  ['G7 members', null],
  ['the C5+1 framework', null],
  ['the 1980s', null],
  ['in 1980', null],
  ['2025', null],
  ['2025年', null],
  ['2025-08-26', null],
  ['8月26日', null],
  ['2025年8月', null],
  ['14:31', null],
  ['1st', null],
  ['the 21st-century economy', null],
  ['第3', null],
  ['第3个百分点', null],
  ['No. 4', null],
  ['No. 4 t', null],
  ['Group 1 - The core issue', null],
  ['[1][11]', null],
  ['version 1.2.3', null],
  ['v2.0', null],
  ['p. 4', null],
  ['555-123-4567', null],
  ['approximately 12,000 farmers', null],
  ['within 180 days', null],
  ['10 to 20 years', null],
  ['1. The first item', null],
  ['Top 10', null],
  ['3,4', null],
  ['a 100 m sprint', null],
  ['3M', null],
  ['in 2023 dollars', null],
  ['5 g/t gold', null],
  ['一些', null],
  ['万一', null],
  ['一带一路', null],
  ['统一', null],
  ['十万火急', null],
  ['千万不要', null],
  ['5国领导人', null],
  ['12种', null],
  ['十四五规划', null],
  ['上下游企业', null],
  ['二元结构', null],
  ['稀土元素', null],
  ['8 to 10 years', null],
];

describe('findFigures on one figure at a time', () => {
  it('has at least two hundred cases', () => {
    expect(PROSE_CASES.length).toBeGreaterThanOrEqual(200);
  });

  it.each(PROSE_CASES)('reads %j', (input, expected, extra) => {
    const figures = findFigures(input, options(extra));
    if (expected === null) {
      expect(figures.map((m) => input.slice(m.span.start, m.span.end))).toEqual([]);
      return;
    }
    expect(figures.map((m) => input.slice(m.span.start, m.span.end))).toEqual([expected.text ?? input]);
    expectQuantity(figures[0]!.quantity, expected);
  });
});

describe('findFigures on whole sentences', () => {
  const spans = (text: string, extra?: Partial<QuantityOptions>) =>
    findFigures(text, options(extra)).map((m) => text.slice(m.span.start, m.span.end));

  it('finds every figure of an English sentence, qualifiers inside the spans', () => {
    expect(spans('China holds about 44 million tonnes of reserves, over 90% of refining and 37% of reserves [3].')).toEqual([
      'about 44 million tonnes',
      'over 90%',
      '37%',
    ]);
  });

  it('finds glued Chinese figures separated by full-width commas', () => {
    expect(spans('俄罗斯稀土储量约1000万吨，美国190万吨，中国4400万吨。')).toEqual(['约1000万吨', '190万吨', '4400万吨']);
  });

  it('reads rate markers in Chinese and keeps the year out of them', () => {
    const text = '美国计划到2025年实现年产量3.1万吨，与中国每年约14万吨相比。';
    const found = findFigures(text, DEFAULT_QUANTITY_OPTIONS);
    expect(found.map((m) => text.slice(m.span.start, m.span.end))).toEqual(['年产量3.1万吨', '每年约14万吨']);
    expect(found.map((m) => m.quantity.perYear)).toEqual([true, true]);
  });

  it('reads mixed Chinese and English in one sentence', () => {
    expect(spans('The deal is worth $8.5 billion (约600亿元人民币) and targets 年产3万吨 of oxide.')).toEqual([
      '$8.5 billion',
      '约600亿元人民币',
      '年产3万吨',
    ]);
  });

  it('keeps figures apart when "from … to" describes a change', () => {
    expect(spans('Its share rose from 5% to 8% in a year.')).toEqual(['5%', '8%']);
    expect(spans('Prices rose from $8 to $126 per kilogram.')).toEqual(['$8', '$126 per kilogram']);
  });

  it('counts declared nouns and nothing else', () => {
    const text = 'The plan went from 48 to 24 aircraft, each using 417 kg, for 12,000 workers.';
    expect(spans(text, { countNouns: { aircraft: 'count' } })).toEqual(['24 aircraft', '417 kg']);
    expect(spans(text)).toEqual(['417 kg']);
  });

  it('skips identifiers, dates, times and citation markers around a real figure', () => {
    expect(spans('Group 1 - Exports fell 30% in September [1][11] - see No. 4, 2025-08-26 14:31 and the F-35.')).toEqual(['30%']);
  });

  it('reads only the last item of a comma list as carrying the unit', () => {
    expect(spans('Output was 3,4 and 5 Mt in three years.')).toEqual(['5 Mt']);
  });

  it('gives spans in the original text when digits are full-width', () => {
    const text = '产量３．８万吨，占比９０％。';
    expect(spans(text)).toEqual(['３．８万吨', '９０％']);
  });

  it('reads a between-range as one figure with both ends', () => {
    const [match] = findFigures('Reserves are between 8 and 10 Mt.', DEFAULT_QUANTITY_OPTIONS);
    expect(match!.quantity.written).toMatchObject({ amount: 8, amountHi: 10, unit: 'Mt' });
  });

  it('records what was written: amount, scale and unit', () => {
    const written = (text: string) => findFigures(text, DEFAULT_QUANTITY_OPTIONS)[0]!.quantity.written;
    expect(written('1000万吨')).toEqual({ amount: 1000, scale: 1, unit: '万吨', text: '1000万吨' });
    expect(written('3.8 million tonnes')).toEqual({ amount: 3.8, scale: 1e6, unit: 'tonnes', text: '3.8 million tonnes' });
    expect(written('$8.5 billion')).toEqual({ amount: 8.5, scale: 1e9, unit: '$', text: '$8.5 billion' });
    expect(written('十四万吨')).toEqual({ amount: 14, scale: 1, unit: '万吨', text: '十四万吨' });
  });
});

describe('assume: fixing ambiguous units', () => {
  const read = (text: string, assume: Record<string, string>) => readQuantity(text, options({ assume })) as Quantity;

  it('reads tons as short tons when assume.ton says so, without ambiguity', () => {
    const q = read('10 tons', { ton: 'short-ton' });
    expectClose(q.value, 9.0718474, 'value');
    expect(q.ambiguousUnit).toBeUndefined();
    expectClose(read('10 tons', { ton: 'short ton' }).value, 9.0718474, 'value');
  });

  it('reads tons as long tons or tonnes when assumed', () => {
    expectClose(read('10 tons', { ton: 'long-ton' }).value, 10.160469088, 'value');
    const tonne = read('10 tons', { ton: 'tonne' });
    expect(tonne.value).toBe(10);
    expect(tonne.ambiguousUnit).toBeUndefined();
  });

  it('keeps tons ambiguous when assume.ton is not a known meaning', () => {
    expect(read('10 tons', { ton: 'banana' }).ambiguousUnit).toBe('ton');
  });

  it('reads $ as the assumed currency', () => {
    const q = read('$5 billion', { $: 'AUD' });
    expect(q.dimension).toBe('currency:AUD');
    expect(q.ambiguousUnit).toBeUndefined();
    expect(read('$5 billion', { $: 'USD' }).ambiguousUnit).toBeUndefined();
    expect(read('$126/kg', { $: 'AUD' }).dimension).toBe('price:AUD/kg');
  });
});

describe('options from a user’s config', () => {
  it('falls back to the default approximation when the configured one is not a number', () => {
    const [figure] = findFigures('about 10 Mt', options({ approximation: Number.NaN }));
    expectClose(figure!.quantity.lo, 9.5e6 * 0.9, 'lo');
  });

  it('ignores assumptions that are not strings', () => {
    const q = readQuantity('10 tons', options({ assume: { ton: 42 as unknown as string } })) as Quantity;
    expect(q.ambiguousUnit).toBe('ton');
  });

  it('follows changes to the count nouns between calls', () => {
    const nouns: Record<string, string> = { aircraft: 'count' };
    expect(findFigures('24 aircraft and 3 mines', options({ countNouns: nouns }))).toHaveLength(1);
    nouns.mine = 'count';
    expect(findFigures('24 aircraft and 3 mines', options({ countNouns: nouns }))).toHaveLength(2);
  });
});

describe('readQuantity on whole YAML values', () => {
  const VALUES: Case[] = [
    ['3.8 Mt', mass(3.8e6, 3.75e6, 3.85e6)],
    ['380万吨', mass(3.8e6, 3.795e6, 3.805e6)],
    ['about 44 million t', mass(44e6, 43.5e6 * 0.9, 44.5e6 * 1.1, { q: 'approx' })],
    ['$8.5 billion', usd(8.5e9, 8.45e9, 8.55e9, { amb: '$' })],
    ['92%', pct(92, 91.5, 92.5)],
    ['1–2 Mt', mass(1.5e6, 1e6, 2e6)],
    ['240,000 t/a', mass(240000, 239999.5, 240000.5, { perYear: true })],
    ['  3.8 Mt  ', mass(3.8e6, 3.75e6, 3.85e6)],
    ['3.8 Mt.', mass(3.8e6, 3.75e6, 3.85e6)],
    ['2024', f('number', 2024, 2023.5, 2024.5)],
    ['-3.8 Mt', mass(-3.8e6, -3.85e6, -3.75e6)],
    ['百分之九十', pct(90, 89.5, 90.5)],
    ['一亿三千万美元', usd(1.3e8, 1.3e8 - 5000, 1.3e8 + 5000)],
    ['90%以上', pct(90, 90, INF, { q: 'over' })],
    ['between 8 and 10 Mt', mass(9e6, 8e6, 10e6)],
  ];
  it.each(VALUES)('reads %j', (input, expected, extra) => {
    const q = readQuantity(input, options(extra));
    if ('error' in q) throw new Error(q.error);
    expectQuantity(q, expected!);
  });

  it.each([
    ['3.8 furlongs', "unknown unit 'furlongs'"],
    ['3.8furlongs', "unknown unit 'furlongs'"],
    ['3.8 million furlongs', "unknown unit 'furlongs'"],
    ['3.8 Mt of reserves', "unexpected 'of reserves' after '3.8 Mt'"],
    ['furlongs', "no number in 'furlongs'"],
    ['', 'empty value: expected a quantity such as "3.8 Mt"'],
    ['roughly-ish 5 t', "cannot read 'roughly-ish' before the number in 'roughly-ish 5 t'"],
    ['5 t\n\nand more', "unexpected 'and more' after '5 t'"],
  ])('explains why %j cannot be read', (input, message) => {
    expect(readQuantity(input, DEFAULT_QUANTITY_OPTIONS)).toEqual({ error: message });
  });
});

describe('quantityFromAmount', () => {
  it('takes the precision from the written amount', () => {
    const q = quantityFromAmount(3.8, 'Mt', DEFAULT_QUANTITY_OPTIONS) as Quantity;
    expectQuantity(q, mass(3.8e6, 3.75e6, 3.85e6));
    expectQuantity(quantityFromAmount(1000, '万吨', DEFAULT_QUANTITY_OPTIONS) as Quantity, mass(1e7, 9.995e6, 1.0005e7));
    expectQuantity(quantityFromAmount(0.417, 't', DEFAULT_QUANTITY_OPTIONS) as Quantity, mass(0.417, 0.4165, 0.4175));
  });

  it('reads scales, currencies, percent, prices and rates in the unit', () => {
    expectQuantity(quantityFromAmount(8.5, 'billion USD', DEFAULT_QUANTITY_OPTIONS) as Quantity, usd(8.5e9, 8.45e9, 8.55e9));
    expectQuantity(quantityFromAmount(92, '%', DEFAULT_QUANTITY_OPTIONS) as Quantity, pct(92, 91.5, 92.5));
    expectQuantity(quantityFromAmount(126, '$/kg', DEFAULT_QUANTITY_OPTIONS) as Quantity, f('price:USD/kg', 126, 125.5, 126.5, { amb: '$' }));
    expectQuantity(quantityFromAmount(5, '$', DEFAULT_QUANTITY_OPTIONS) as Quantity, usd(5, 4.5, 5.5, { amb: '$' }));
    expectQuantity(quantityFromAmount(240000, 't/a', DEFAULT_QUANTITY_OPTIONS) as Quantity, mass(240000, 239999.5, 240000.5, { perYear: true }));
    expectQuantity(quantityFromAmount(24, 'aircraft', options({ countNouns: { aircraft: 'count' } })) as Quantity, f('count:aircraft', 24, 23.5, 24.5));
  });

  it('reports unknown units and bad amounts as errors', () => {
    expect(quantityFromAmount(1, 'furlongs', DEFAULT_QUANTITY_OPTIONS)).toEqual({ error: "unknown unit 'furlongs'" });
    expect(quantityFromAmount(Number.NaN, 't', DEFAULT_QUANTITY_OPTIONS)).toEqual({ error: 'the amount must be a finite number' });
    expect(quantityFromAmount(1, '左右', DEFAULT_QUANTITY_OPTIONS)).toEqual({ error: "unknown unit '左右'" });
  });
});

describe('unitInfo', () => {
  it.each([
    ['t', 'mass', 't', 1],
    ['Mt', 'mass', 't', 1e6],
    ['kt', 'mass', 't', 1e3],
    ['kg', 'mass', 't', 1e-3],
    ['万吨', 'mass', 't', 1e4],
    ['million t', 'mass', 't', 1e6],
    ['tonnes', 'mass', 't', 1],
    ['USD', 'currency:USD', 'USD', 1],
    ['$', 'currency:USD', 'USD', 1],
    ['亿美元', 'currency:USD', 'USD', 1e8],
    ['EUR', 'currency:EUR', 'EUR', 1],
    ['元', 'currency:CNY', 'CNY', 1],
    ['%', 'percent', '%', 1],
    ['pp', 'percentage-point', 'pp', 1],
    ['USD/kg', 'price:USD/kg', 'USD/kg', 1],
    ['US$/t', 'price:USD/kg', 'USD/kg', 0.001],
    ['', 'number', '', 1],
    ['billion', 'number', '', 1e9],
  ])('says %j measures %s in %j with factor %d', (unit, dimension, canonicalUnit, factor) => {
    const info = unitInfo(unit)!;
    expect(info.dimension).toBe(dimension);
    expect(info.canonicalUnit).toBe(canonicalUnit);
    expectClose(info.factor, factor, 'factor');
  });

  it('knows declared count nouns and the assumed dollar only through options', () => {
    expect(unitInfo('aircraft')).toBeUndefined();
    expect(unitInfo('aircraft', options({ countNouns: { aircraft: 'count' } }))).toEqual({ dimension: 'count:aircraft', canonicalUnit: 'aircraft', factor: 1 });
    expect(unitInfo('$', options({ assume: { $: 'AUD' } }))?.dimension).toBe('currency:AUD');
  });

  it('returns undefined for what it cannot read', () => {
    expect(unitInfo('furlongs')).toBeUndefined();
    expect(unitInfo('about')).toBeUndefined();
    expect(unitInfo('- 2 Mt')).toBeUndefined();
  });

  it('lists the units it knows for completion', () => {
    for (const unit of ['t', 'Mt', 'kt', 'kg', '万吨', '亿吨', 'USD', 'US$', '$', '美元', '亿美元', 'EUR', 'CNY', '元', 'AUD', '%', 'pp', '个百分点', 'USD/kg']) {
      expect(KNOWN_UNITS).toContain(unit);
    }
    for (const unit of KNOWN_UNITS) expect(unitInfo(unit), unit).toBeDefined();
  });
});

describe('formatValue', () => {
  it.each([
    [3.8e6, 't', '3.8 Mt'],
    [1e7, 't', '10 Mt'],
    [31000, 't', '31 kt'],
    [2600, 't', '2.6 kt'],
    [417 / 1000, 't', '417 kg'],
    [5, 't', '5 t'],
    [0, 't', '0 t'],
    [1.9e9, 't', '1.9 Gt'],
    [0.0005, 't', '500 g'],
    [-3.8e6, 't', '-3.8 Mt'],
    [8.5e9, 'USD', '8.5 billion USD'],
    [120e6, 'USD', '120 million USD'],
    [126, 'USD', '126 USD'],
    [1.5e9, 'EUR', '1.5 billion EUR'],
    [4.5e12, 'CNY', '4.5 trillion CNY'],
    [92, '%', '92%'],
    [99.999, '%', '99.999%'],
    [3, 'pp', '3 pp'],
    [126, 'USD/kg', '126 USD/kg'],
    [24, 'aircraft', '24 aircraft'],
    [1.2e9, '', '1.2 billion'],
    [30000, '', '30,000'],
    [0.1 + 0.2, '%', '0.3%'],
  ])('writes %d %j as %j', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });
});

describe('formatInterval and formatQuantity', () => {
  const read = (text: string) => readQuantity(text, DEFAULT_QUANTITY_OPTIONS) as Quantity;

  it('shows the interval in the value’s own scale', () => {
    expect(formatInterval(read('3.8 Mt'))).toBe('3.75–3.85 Mt');
    expect(formatInterval(read('1000万吨'))).toBe('9.995–10.005 Mt');
    expect(formatInterval(read('$8.5 billion'))).toBe('8.45–8.55 billion USD');
    expect(formatInterval(read('92%'))).toBe('91.5–92.5%');
  });

  it('shows one-sided intervals with ≥ and ≤', () => {
    expect(formatInterval(read('over 90%'))).toBe('≥ 90%');
    expect(formatInterval(read('under 5 Mt'))).toBe('≤ 5 Mt');
  });

  it('puts qualifier, value, rate and interval together for hovers', () => {
    expect(formatQuantity(read('3.8 Mt'))).toBe('3.8 Mt [3.75–3.85 Mt]');
    expect(formatQuantity(read('about 44 million t'))).toBe('about 44 Mt [39.15–48.95 Mt]');
    expect(formatQuantity(read('年产3.1万吨'))).toBe('31 kt a year [30.5–31.5 kt]');
  });
});

describe('convertWritten', () => {
  const read = (text: string) => readQuantity(text, DEFAULT_QUANTITY_OPTIONS) as Quantity;

  it.each([
    ['1000万吨', 'Mt', '10 Mt'],
    ['1000万吨', 't', '10 Mt'],
    ['约14万吨', 'Mt', '约0.14 Mt'],
    ['1-2万吨', 'kt', '10–20 kt'],
    ['3.8 million tonnes', '万吨', '380万吨'],
    ['$8.5 billion', '亿美元', '85亿美元'],
    ['85亿美元', 'USD', '8.5 billion USD'],
    ['44 million tons', 'Mt', '44 Mt'],
    ['240,000 tpa', 'Mt', '0.24 Mt a year'],
    ['年产3.1万吨', 'kt', '年产31 kt'],
    ['5 percent', '%', '5%'],
    ['over 90%', '%', 'over 90%'],
    ['1.2亿吨', 'million t', '120 million t'],
    ['百分之九十', '%', '90%'],
  ])('rewrites %j in %j as %j', (text, target, expected) => {
    expect(convertWritten(read(text), target)).toBe(expected);
  });

  it('returns undefined when the units do not convert', () => {
    expect(convertWritten(read('92%'), 'Mt')).toBeUndefined();
    expect(convertWritten(read('$5'), 'EUR')).toBeUndefined();
    expect(convertWritten(read('3 Mt'), 'furlongs')).toBeUndefined();
    expect(convertWritten(read('3 Mt'), 'tpa')).toBeUndefined();
  });
});

describe('ratio', () => {
  it('divides the values, showing a 万 / million slip as a factor of ten', () => {
    expect(ratio(readQuantity('1000万吨', DEFAULT_QUANTITY_OPTIONS) as Quantity, readQuantity('1 million tons', DEFAULT_QUANTITY_OPTIONS) as Quantity)).toBe(10);
    expectClose(ratio(readQuantity('3.8 Mt', DEFAULT_QUANTITY_OPTIONS) as Quantity, readQuantity('380,000 t', DEFAULT_QUANTITY_OPTIONS) as Quantity), 10, 'ratio');
  });
});
