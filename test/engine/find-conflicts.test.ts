// findConflicts against the definition it implements, pair by pair: two claims of a key conflict
// when one's widened interval lies wholly above or below the other's, and they share a date or one
// of them has none. Small groups, so that every conflict is listed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../server/engine/src/model';
import { findConflicts } from '../../server/engine/src/workspace/key-index';

interface Drawn {
  lo: number;
  width: number;
  date: string;
}

function claimOf({ lo, width, date }: Drawn, index: number): Claim {
  const hi = lo + width;
  return { file: `/w/${index}.md`, quantity: { lo, hi, value: (lo + hi) / 2, dimension: 'mass' }, ...(date ? { asOf: { id: date } } : {}) } as unknown as Claim;
}

function expected(claims: Claim[], tolerance: number): Set<string> {
  const widened = claims.map((claim) => {
    const { lo, hi } = claim.quantity!;
    return { lo: lo >= 0 ? lo * (1 - tolerance) : lo * (1 + tolerance), hi: hi >= 0 ? hi * (1 + tolerance) : hi * (1 - tolerance) };
  });
  const pairs = new Set<string>();
  claims.forEach((a, i) =>
    claims.forEach((b, j) => {
      const dateA = a.asOf?.id ?? '';
      const dateB = b.asOf?.id ?? '';
      if (dateA !== dateB && dateA !== '' && dateB !== '') return;
      if (widened[j]!.lo > widened[i]!.hi || widened[j]!.hi < widened[i]!.lo) pairs.add(`${i}>${j}`);
    }),
  );
  return pairs;
}

describe('findConflicts', () => {
  it('finds exactly the pairs whose intervals lie apart, in groups that agree and groups that do not', () => {
    const drawn = fc.record({ lo: fc.integer({ min: -50, max: 200 }), width: fc.integer({ min: 0, max: 30 }), date: fc.constantFrom('', '2023', '2023', '2024') });
    fc.assert(
      fc.property(fc.array(drawn, { maxLength: 8 }), fc.constantFrom(0, 0.05, 0.1), (items, tolerance) => {
        const claims = items.map(claimOf);
        const found = findConflicts(claims, tolerance);
        const pairs = new Set<string>();
        for (const [claim, conflicts] of found) for (const conflict of conflicts.listed) pairs.add(`${claims.indexOf(claim)}>${claims.indexOf(conflict.other)}`);
        expect(pairs).toEqual(expected(claims, tolerance));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds nothing among claims that all agree, and a conflict when one lies apart', () => {
    const agreeing = [{ lo: 10, width: 2, date: '2023' }, { lo: 11, width: 2, date: '2023' }, { lo: 9, width: 3, date: '2023' }].map(claimOf);
    expect(findConflicts(agreeing, 0).size).toBe(0);
    const apart = [...agreeing, claimOf({ lo: 30, width: 1, date: '2023' }, 3)];
    expect(findConflicts(apart, 0).size).toBe(4);
  });
});
