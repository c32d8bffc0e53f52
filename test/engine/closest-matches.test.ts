import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestMatches, editDistance } from '../../server/engine/src/text/closest-matches';

/** The textbook dynamic programme, kept deliberately plain, to check the fast one against. */
function referenceDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([]);
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) rows[i]!.push(i + j);
      else rows[i]!.push(Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
  }
  return rows[a.length]![b.length]!;
}

const word = fc.array(fc.constantFrom('a', 'b', 'c', '-', '1', '稀', '\ud83d', '\ude00'), { maxLength: 12 }).map((units) => units.join(''));

describe('edit distance', () => {
  it('equals the textbook distance, and with a limit is exact up to it and over it beyond', () => {
    fc.assert(
      fc.property(word, word, fc.nat(6), (a, b, max) => {
        const exact = referenceDistance(a, b);
        expect(editDistance(a, b)).toBe(exact);
        const limited = editDistance(a, b, max);
        if (exact <= max) expect(limited).toBe(exact);
        else expect(limited).toBeGreaterThan(max);
      }),
      { numRuns: 3000 },
    );
  });

  it('suggests the registered ids nearest to a typo, nearest first', () => {
    // Two substitutions each for the years: a tie, broken alphabetically.
    expect(closestMatches('usgs-2042', ['usgs-2024', 'usgs-2023', 'iea-2024', 'USGS-2042b'])).toEqual(['USGS-2042b', 'usgs-2023', 'usgs-2024']);
    expect(closestMatches('zzzz', ['usgs-2024'])).toEqual([]);
  });
});
