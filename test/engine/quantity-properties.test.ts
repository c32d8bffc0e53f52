// Properties of the quantity reader over many generated inputs: what formatValue writes reads back
// to the same value, nothing throws on garbage, spans and intervals stay well-formed, and reading
// stays linear on hostile 10 MB lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Quantity, QuantityOptions } from '../../server/engine/src/model';
import { DEFAULT_QUANTITY_OPTIONS, findFigures, formatValue, nextFigureStart, readQuantity } from '../../server/engine/src/quantity';

const WITH_AIRCRAFT: QuantityOptions = { ...DEFAULT_QUANTITY_OPTIONS, countNouns: { aircraft: 'count' } };

/** Values of realistic magnitudes, from a thousandth to a thousand trillion, both signs. */
const values = fc
  .tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: -6, max: 15 }), fc.boolean())
  .map(([mantissa, exponent, negative]) => (negative ? -1 : 1) * mantissa * Math.pow(10, exponent));

const CANONICAL_UNITS = ['t', 'USD', 'EUR', 'CNY', 'AUD', 'GBP', '%', 'pp', 'USD/kg', 'CNY/kg', '', 'aircraft'];

function expectSameValue(actual: number, expected: number): void {
  expect(Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300)).toBeLessThan(1e-12);
}

describe('formatValue and readQuantity', () => {
  it('read back every formatted value, in its canonical unit', () => {
    fc.assert(
      fc.property(values, fc.constantFrom(...CANONICAL_UNITS), (value, unit) => {
        const text = formatValue(value, unit);
        const read = readQuantity(text, WITH_AIRCRAFT);
        if ('error' in read) throw new Error(`${text}: ${read.error}`);
        expect(read.canonicalUnit).toBe(unit);
        expectSameValue(read.value, value);
      }),
      { numRuns: 600 },
    );
  });

  it('read back round numbers exactly', () => {
    for (const unit of CANONICAL_UNITS) {
      for (const value of [0, 1, 5, 10, 92, 417, 2600, 31000, 240000, 3.8e6, 1e7, 44e6, 8.5e9, 1.2e12, 0.417, 0.001]) {
        const read = readQuantity(formatValue(value, unit), WITH_AIRCRAFT) as Quantity;
        expect(read.value, `${value} ${unit}`).toBe(value);
      }
    }
  });
});

/** Pieces that make figure-like and trap-like garbage when strung together. */
const PIECES = [
  '0', '1', '3', '8', '44', '2025', '3.8', '1,000', '240,000', '.', ',', '-', '–', ' ', '  ', '\n', '%', '％', '$', 'US$', '€',
  't', 'Mt', 'kt', 'kg', 'tons', 'million', 'billion', 'k', 'm', 'N', '/', '/a', 'a year', 'per', 'kilogram', 'pp',
  'about', 'over', 'between', 'and', 'to', 'from', 'up to', 'nearly', 'F-', 'No.', 'Group', '[', ']', ':', '+', '~',
  '万', '亿', '千', '吨', '美元', '元', '一', '二', '两', '十', '百', '零', '点', '约', '超过', '以上', '左右', '多', '余',
  '年产', '每年', '年', '月', '第', '百分之', '个百分点', '至', '３', '．', '，', '。', 'aircraft', 'x', '😀',
];
const garbage = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

function checkFigures(text: string, options: QuantityOptions = WITH_AIRCRAFT): void {
  const figures = findFigures(text, options);
  let previousEnd = 0;
  for (const { span, quantity } of figures) {
    expect(span.start).toBeGreaterThanOrEqual(previousEnd);
    expect(span.end).toBeGreaterThan(span.start);
    expect(span.end).toBeLessThanOrEqual(text.length);
    expect(quantity.written.text).toBe(text.slice(span.start, span.end));
    checkInterval(quantity);
    previousEnd = span.end;
  }
}

function checkInterval(q: Quantity): void {
  expect(Number.isFinite(q.value)).toBe(true);
  expect(q.lo).toBeLessThanOrEqual(q.value);
  expect(q.value).toBeLessThanOrEqual(q.hi);
}

describe('the reader on generated garbage', () => {
  it('findFigures never throws and returns ordered spans with well-formed intervals', () => {
    fc.assert(fc.property(garbage, (text) => checkFigures(text)), { numRuns: 3000 });
  });

  it('findFigures copes with arbitrary Unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => checkFigures(text)), { numRuns: 1000 });
  });

  it('readQuantity never throws and returns a quantity or a one-line error', () => {
    fc.assert(
      fc.property(garbage, (text) => {
        const read = readQuantity(text, WITH_AIRCRAFT);
        if ('error' in read) {
          expect(read.error.length).toBeGreaterThan(0);
          expect(read.error).not.toMatch(/\n/);
        } else {
          checkInterval(read);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('applies the configured approximation to every approximate figure', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer({ min: 1, max: 999 }), (approximation, n) => {
        const [figure] = findFigures(`about ${n} Mt`, { ...DEFAULT_QUANTITY_OPTIONS, approximation });
        expect(figure!.quantity.lo).toBeCloseTo((n - 0.5) * 1e6 * (1 - approximation), 3);
        expect(figure!.quantity.hi).toBeCloseTo((n + 0.5) * 1e6 * (1 + approximation), 3);
      }),
      { numRuns: 200 },
    );
  });
});

describe('findFigures on hostile input', () => {
  const MB = 1_000_000;
  const hostile: Record<string, string> = {
    'digits': '1',
    'spaced digits': '1 ',
    'comma runs': '1,',
    'thousands groups': '1,000',
    'dot runs': '1.',
    'dash runs': '1-',
    'minus signs': '-1 ',
    'times': '1:',
    'slashes': '1/',
    'citation markers': '[1]',
    'model names': 'F-35 ',
    'hyphenated words': '1-a ',
    'unfinished ranges': '1 to ',
    'years': '2025年',
    'Chinese ones': '一',
    'Chinese tens': '十',
    'in case': '万一',
    'percent words': '百分之',
    'between words': 'between ',
    'qualifiers': 'about ',
    'dollar signs': '$',
    'glued letters': '1a',
    'figures': '1 t ',
    'Chinese figures': '一万吨',
    'dollar figures': '$1 ',
    'ranges': '1-2 Mt ',
  };

  for (const [name, piece] of Object.entries(hostile)) {
    it(`stays linear on a line of ${name}`, () => {
      const time = (size: number): number => {
        const text = piece.repeat(Math.ceil(size / piece.length));
        const started = performance.now();
        checkCount(findFigures(text, DEFAULT_QUANTITY_OPTIONS).length, text);
        return performance.now() - started;
      };
      time(MB / 8); // warm up
      const small = time(MB / 4);
      const large = time(MB);
      // Four times the input: linear is ×4, quadratic ×16. Allow for noise on small timings.
      expect(large).toBeLessThan(10 * small + 300);
    });
  }

  function checkCount(count: number, text: string): void {
    expect(count).toBeLessThanOrEqual(text.length);
  }

  it('reads a 10 MB single line of report prose in a few seconds at most', () => {
    const sentence =
      'China holds about 44 million tonnes of rare-earth reserves (约4400万吨), over 90% of refining capacity and 37% of reserves [3]; ' +
      'the 2025 deal is worth $8.5 billion, and the F-35 needs 417 kg. ';
    const text = sentence.repeat(Math.ceil(10 * MB / sentence.length));
    const started = performance.now();
    const figures = findFigures(text, DEFAULT_QUANTITY_OPTIONS);
    const elapsed = performance.now() - started;
    expect(figures.length).toBe(6 * Math.ceil(10 * MB / sentence.length));
    // Typically well under two seconds; the bound leaves room for a busy CI machine.
    expect(elapsed).toBeLessThan(8000);
  });
});

describe('nextFigureStart, which lets the Markdown reader skip sentences', () => {
  const PIECES = ['about ', 'Mt', '万吨', '亿', '约', ' ', '.', ',', '$', '¥', '%', 'tons', '３', '８', '０', '3', '0', '四', '十', '两', '百', '千', 'k', 'bn', '-', '~', '〜', '（', '）'];

  it('finds none only in text where findFigures finds no figure', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const start = nextFigureStart(text, 0);
        const figures = findFigures(text, DEFAULT_QUANTITY_OPTIONS);
        if (start < 0) expect(figures).toEqual([]);
        else for (const figure of figures) expect(figure.span.end).toBeGreaterThan(start);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds full-width digits and Chinese numerals, and searches from where it is told', () => {
    expect(nextFigureStart('储量为３８０万吨', 0)).toBe(3);
    expect(nextFigureStart('约四十万吨', 0)).toBe(1);
    expect(nextFigureStart('In 2023, 5 Mt', 4)).toBe(4);
    expect(nextFigureStart('In 2023, 5 Mt', 8)).toBe(9);
    expect(nextFigureStart('no figure here', 0)).toBe(-1);
  });
});
