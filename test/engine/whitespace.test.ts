// collapseWhitespace replaces a regular expression on a hot path; it must give the same string.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace, isSpaceCode } from '../../server/engine/src/text/whitespace';

const viaRegExp = (text: string): string => text.replace(/\s+/g, ' ').trim();

const SPACES = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u1680', '\u2003', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\v', '\f'];
const WORDS = ['a', 'Mt', '3.8', '万吨', '\u200b', '\u180e', '\u0085', '中国', 'x'];

describe('collapseWhitespace', () => {
  it('is text.replace(/\\s+/g, " ").trim() on mixed whitespace and words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SPACES, ...WORDS), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(collapseWhitespace(text)).toBe(viaRegExp(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('is the same on any UTF-16 text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(collapseWhitespace(text)).toBe(viaRegExp(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives back the text itself when there is nothing to collapse', () => {
    const text = 'In 2023 the output was 3.8 Mt.';
    expect(collapseWhitespace(text)).toBe(text);
    expect(collapseWhitespace('')).toBe('');
    expect(collapseWhitespace(' \n\t ')).toBe('');
  });
});

describe('isSpaceCode', () => {
  it('agrees with \\s on every code unit', () => {
    const disagreements: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (isSpaceCode(code) !== /\s/.test(String.fromCharCode(code))) disagreements.push(`U+${code.toString(16)}`);
    }
    expect(disagreements).toEqual([]);
  });
});
