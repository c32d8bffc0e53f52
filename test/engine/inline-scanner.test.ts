// The inline scanner skips its passes for a text in which a pre-check finds nothing they could act
// on. Differential test: the same text with " *" after it (a lone asterisk, which is no emphasis and
// changes nothing before it) always takes the passes; both must read the text alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanSegment } from '../../server/engine/src/markdown/inline-scanner';
import { SegmentText } from '../../server/engine/src/markdown/segment-text';

/** Near misses of syntax and bare URLs, and syntax of every kind the pre-check must let through. */
const PIECES = [
  '\\', '`', '<', '>', '[', ']', '!', '@', '*', '_', '~~', '&amp;', '<!-- c -->', '[@src-1]', 'a@b.org',
  'h', 't', 'p', 's', 'f', 'w', 'W', 'H', 'F', '.', ':', '/', ' ', '\n', '中', '3.8 Mt',
  'http:/', 'https:', 'ftp:', 'ww.', 'www', 'htp://', 'http://example.org/a', 'WWW.Example.org', 'ftp://x.org',
  'see https://x.org/a.', 'Mt.', 'US$', '%', '(', ')', '{', '}', '#', '=', '"',
];

function scan(text: string) {
  const result = scanSegment(new SegmentText(text, [{ start: 0, end: text.length }]), {});
  return {
    mask: Array.from(result.mask.subarray(0, text.length)),
    citations: result.citations.map((scanned) => ({ at: scanned.at, url: scanned.citation.url, span: scanned.citation.span })),
    spans: result.spans.length,
    linkTexts: result.linkTexts,
    comments: result.comments.length,
  };
}

describe('scanSegment without syntax', () => {
  it('reads a text as it reads the same text when the passes must run', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const alone = scan(text);
        const forced = scan(`${text} *`);
        expect(alone.mask).toEqual(forced.mask.slice(0, text.length));
        expect(alone.citations).toEqual(forced.citations);
        expect([alone.spans, alone.linkTexts, alone.comments]).toEqual([forced.spans, forced.linkTexts, forced.comments]);
      }),
      { numRuns: 3000 },
    );
  });

  it('still finds a bare URL in a text with no other syntax', () => {
    expect(scan('Output data: www.example.org/stats').citations.map((c) => c.url)).toEqual(['http://www.example.org/stats']);
    expect(scan('Output data: FTP://example.org/stats').citations.map((c) => c.url)).toEqual([]);
    expect(scan('Output data: FTP://example.org/stats').mask.includes(1)).toBe(true);
  });
});

describe('scanSegment brackets', () => {
  it('passes over brackets inside code, escapes and autolinks', () => {
    expect(scan('see [the `]` table](https://x.org/t) here').citations.map((c) => c.url)).toEqual(['https://x.org/t']);
    expect(scan('\\[1] and [data](https://x.org/d)').citations.map((c) => c.url)).toEqual(['https://x.org/d']);
    expect(scan('[a <https://x.org/]> b](https://y.org)').citations.map((c) => c.url)).toEqual(['https://y.org']);
  });

  it('pairs nested and unbalanced brackets as a stack does', () => {
    expect(scan('[[@src-1]] and ]] [x](https://x.org) [').citations.map((c) => c.url ?? 'key')).toEqual(['key', 'https://x.org']);
  });
});
