// plainDecimal writes every canonical value in messages and JSON; its shortcut for whole numbers
// must give what the general path gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainDecimal } from '../../server/engine/src/quantity/read-number';

/** The general path alone: 15 significant digits, then plain notation. */
function generalPath(n: number): string {
  const text = String(Number(n.toPrecision(15)));
  return text.includes('e') ? plainDecimal(n) : text;
}

describe('plainDecimal', () => {
  it('writes whole numbers below 10^15 as the general path does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), (n) => {
        expect(plainDecimal(n)).toBe(generalPath(n));
      }),
      { numRuns: 5000 },
    );
    for (const n of [1, -1, 999_999_999_999_999, -999_999_999_999_999, 380_000, 10_000_000]) expect(plainDecimal(n)).toBe(generalPath(n));
  });

  it('keeps plain notation and 15 digits past the shortcut', () => {
    expect(plainDecimal(0)).toBe('0');
    expect(plainDecimal(-0)).toBe('0');
    expect(plainDecimal(1e15)).toBe('1000000000000000');
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(1234567890123456789)).toBe('1234567890123460000');
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(0.1 + 0.2)).toBe('0.3');
    expect(plainDecimal(6.28 * 1e6)).toBe('6280000');
  });
});
