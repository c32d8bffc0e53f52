// SourceLines finds line ends by indexOf when a text has no \r, and blanks front matter without a
// regular expression; both must give what the plain definitions give, on any mix of line breaks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceLines } from '../../server/engine/src/markdown/source-lines';

/** The definitions: lines split at \r\n, \r and \n; blanked ranges made spaces; \r\n and \r made \n. */
function reference(text: string, blanked: { start: number; end: number }[]) {
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const starts: number[] = [];
  const ends: number[] = [];
  const lineBreak = /\r\n|\r|\n/g;
  let lineStart = bomLength;
  lineBreak.lastIndex = bomLength;
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    starts.push(lineStart);
    ends.push(match.index);
    lineStart = match.index + match[0].length;
  }
  starts.push(lineStart);
  ends.push(text.length);
  let body = text.slice(bomLength);
  for (const range of blanked) {
    const from = Math.max(0, range.start - bomLength);
    const to = Math.max(from, range.end - bomLength);
    body = body.slice(0, from) + body.slice(from, to).replace(/[^\r\n]/g, ' ') + body.slice(to);
  }
  return { starts, ends, normalized: body.replace(/\r\n?/g, '\n') };
}

const PIECES = ['\n', '\r\n', '\r', '\n\n', 'a', '---', ' ', '\t', '中文', '3.8 Mt', '\ufeff', '\u2028'];

const textAndRange = fc
  .tuple(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), fc.boolean(), fc.nat(), fc.nat())
  .map(([pieces, bom, a, b]) => {
    const text = (bom ? '\ufeff' : '') + pieces.join('');
    const start = Math.min(a, b) % (text.length + 1);
    const end = Math.min(text.length, start + (Math.max(a, b) % (text.length + 1)));
    return { text, range: { start, end } };
  });

describe('SourceLines', () => {
  it('has the lines and the normalised text of the definitions, with and without a blanked range', () => {
    fc.assert(
      fc.property(textAndRange, fc.boolean(), ({ text, range }, blank) => {
        const blanked = blank ? [range] : [];
        const lines = new SourceLines(text, blanked);
        const expected = reference(text, blanked);
        expect(lines.starts).toEqual(expected.starts);
        expect(lines.ends).toEqual(expected.ends);
        expect(lines.normalized).toBe(expected.normalized);
        // Each line keeps its length in the normalised text.
        lines.starts.forEach((start, line) => {
          const at = lines.normalizedStarts[line]!;
          expect(lines.normalized.slice(at, at + lines.ends[line]! - start)).not.toContain('\n');
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('blanks front matter to spaces, line breaks kept, and leaves the rest as written', () => {
    const text = '---\r\ntitle: x\r\n---\r\nRussia holds 10 Mt.\n';
    const lines = new SourceLines(text, [{ start: 0, end: text.indexOf('Russia') - 2 }]);
    expect(lines.normalized).toBe('   \n        \n   \nRussia holds 10 Mt.\n');
    expect(lines.lineCount).toBe(5);
    expect(lines.lineText(3)).toBe('Russia holds 10 Mt.');
  });
});
