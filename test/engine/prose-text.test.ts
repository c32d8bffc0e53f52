// blankOutside and proseOf build prose by joining slices or through a buffer, by how short the runs
// are; either way the result must be the plain definition, character by character.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankOutside, proseOf } from '../../server/engine/src/markdown/prose-text';

const CHARACTERS = ['a', 'b', ' ', '\n', '\r', '中', '\ud83d', '\ude00', '[', '@', '\t'];

/** Each character kept when its offset lies in a kept range, else a space; line breaks always kept. */
function blankOutsideByDefinition(text: string, keep: number[]): string {
  const kept = new Uint8Array(text.length);
  for (let k = 0; k + 1 < keep.length; k += 2) kept.fill(1, keep[k], keep[k + 1]);
  let prose = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    prose += kept[i] === 1 || char === '\n' || char === '\r' ? char : ' ';
  }
  return prose;
}

const textAndRanges = fc
  .tuple(fc.array(fc.constantFrom(...CHARACTERS), { maxLength: 120 }), fc.array(fc.tuple(fc.nat(), fc.nat(40)), { maxLength: 40 }))
  .map(([characters, ranges]) => {
    const text = characters.join('');
    // Ranges in order and apart, as the reader makes them (a few out of order, which it sorts).
    const keep: number[] = [];
    for (const [start, length] of ranges) {
      const from = text.length === 0 ? 0 : start % text.length;
      keep.push(from, Math.min(text.length, from + length));
    }
    return { text, keep };
  });

describe('blankOutside', () => {
  it('is the definition for runs long and short, in order or not', () => {
    fc.assert(
      fc.property(textAndRanges, fc.boolean(), ({ text, keep }, reversed) => {
        const disjoint = disjointSorted(keep);
        const given = reversed ? reversePairs(disjoint) : disjoint;
        expect(blankOutside(text, given)).toBe(blankOutsideByDefinition(text, disjoint));
      }),
      { numRuns: 3000 },
    );
  });

  it('is the definition on a long text of short runs (the buffer) and of long runs (the slices)', () => {
    const text = 'ab\\'.repeat(3000) + '\n' + 'In 2024 Russia held 3.8 Mt of reserves. '.repeat(300);
    const short: number[] = [];
    for (let i = 0; i < 9000; i += 3) short.push(i, i + 2);
    const long = [9001, 9001 + 400, 9001 + 500, 9001 + 5000];
    expect(blankOutside(text, short)).toBe(blankOutsideByDefinition(text, short));
    expect(blankOutside(text, long)).toBe(blankOutsideByDefinition(text, long));
  });
});

describe('proseOf', () => {
  it('blanks exactly the masked characters, whatever the mask is past the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CHARACTERS), { maxLength: 120 }), fc.array(fc.boolean(), { maxLength: 160 }), (characters, bits) => {
        const value = characters.join('');
        const mask = new Uint8Array(value.length + 40);
        bits.forEach((bit, k) => (mask[k] = bit ? 1 : 0));
        let expected = '';
        for (let k = 0; k < value.length; k++) expected += mask[k] === 1 ? ' ' : value[k];
        expect(proseOf(value, mask)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

/** The ranges as the reader keeps them: each at or after the previous one's end. */
function disjointSorted(keep: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let k = 0; k + 1 < keep.length; k += 2) pairs.push([keep[k]!, keep[k + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const result: number[] = [];
  let end = 0;
  for (const [start, stop] of pairs) {
    if (start < end || stop <= start) continue;
    result.push(start, stop);
    end = stop;
  }
  return result;
}

function reversePairs(keep: number[]): number[] {
  const reversed: number[] = [];
  for (let k = keep.length - 2; k >= 0; k -= 2) reversed.push(keep[k]!, keep[k + 1]!);
  return reversed;
}
