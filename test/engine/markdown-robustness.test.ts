// The Markdown reader never throws, keeps every offset inside the text, and stays linear on
// hostile input: random Markdown-ish garbage, random slices of the seed news summaries, 10 MB lines.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../server/engine/src/model';
import { parseMarkdown, type MarkdownDocument } from '../../server/engine/src/markdown';
import { DocumentReader } from '../../server/engine/src/markdown/document-reader';

const SEEDS = resolve(__dirname, '../../../shared/seeds');
const seedTexts = existsSync(SEEDS)
  ? readdirSync(SEEDS)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => readFileSync(join(SEEDS, name), 'utf8'))
  : [];

/** Pieces that mean something to Markdown or to the reader, to build hostile documents from. */
const PIECES = [
  '[', ']', '(', ')', '{', '}', '@', '^', ':', '|', '`', '``', '<', '>', '!', '*', '**', '_', '~~', '\\', '#', '## ',
  '-', '=', '.', '。', '！', ' ', '  ', '\n', '\n\n', '\r\n', '\r', '\t', '1', '3.8', ' Mt', '万吨', 'U.S.', 'e.g.',
  'a', 'Russia', 'https://example.org/x_(1)', 'www.example.org', '<https://example.org>', '<!--', '-->',
  '<!-- claimlint-disable-next-line missing-source -->', 'claimlint-enable', '---\n', '\uFEFF', '😀', '中国',
  '&amp;', '&#51;', 'Source: ', '来源：', '[^1]: ', '[^1]', '[1]: ', '[1]', '[2-4]', '[@key, p. 4]', '@key',
  'x@example.org', '> ', '- ', '1. ', '    ', '```\n', '| a | b |\n|---|---|\n', '| 1 | 2 |\n', '{subject=ru}',
  '{.c #i k="v"}', '<b>', '</b>', '<a href="x">', '![i](p.png)', '## References\n', '\u0000', '\uD800', '\u2028',
];

function isInside(span: Span, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length;
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char);
}

/** Every invariant a consumer relies on, as one list of violations (empty when all hold). */
function violations(text: string, document: MarkdownDocument): string[] {
  const found: string[] = [];
  const { prose } = document;
  if (prose.length !== text.length) found.push(`prose length ${prose.length} ≠ ${text.length}`);
  for (let i = 0; i < text.length && found.length < 5; i++) {
    const original = text[i];
    if (original === '\n' || original === '\r') {
      if (prose[i] !== original) found.push(`line break at ${i} not kept`);
    } else if (prose[i] !== original && prose[i] !== ' ') {
      found.push(`prose at ${i} is neither the text nor a space`);
    }
  }
  let previousEnd = 0;
  for (const sentence of document.sentences) {
    if (!isInside(sentence.span, text.length) || sentence.span.start === sentence.span.end) {
      found.push(`sentence span ${JSON.stringify(sentence.span)} outside the text or empty`);
      continue;
    }
    if (sentence.span.start < previousEnd) found.push(`sentence at ${sentence.span.start} overlaps the one before`);
    previousEnd = sentence.span.end;
    if (isSpace(prose[sentence.span.start]) || isSpace(prose[sentence.span.end - 1])) {
      found.push(`sentence ${JSON.stringify(sentence.span)} is not trimmed`);
    }
    for (const citation of sentence.citations) {
      if (!isInside(citation.span, text.length)) found.push(`citation span ${JSON.stringify(citation.span)} outside`);
      if (citation.idSpan && !isInside(citation.idSpan, text.length)) found.push(`citation idSpan outside`);
    }
  }
  for (const span of document.spans) {
    if (!isInside(span.span, text.length) || !isInside(span.attributesSpan, text.length)) found.push('Pandoc span outside');
    else if (span.span.end > span.attributesSpan.start) found.push('Pandoc span content after its attributes');
  }
  const frontMatter = document.frontMatter;
  if (frontMatter) {
    if (!isInside(frontMatter.span, text.length)) found.push('front matter span outside');
    if (frontMatter.error && !isInside(frontMatter.error.span, text.length)) found.push('front matter error span outside');
    for (const entry of frontMatter.bibliography) if (!isInside(entry.span, text.length)) found.push('bibliography span outside');
  }
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const suppression of document.suppressions) {
    if (suppression.fromLine < 0 || suppression.toLine > lineCount || suppression.fromLine > suppression.toLine + 1) {
      found.push(`suppression ${JSON.stringify(suppression)} outside ${lineCount} lines`);
    }
  }
  return found;
}

function checked(text: string): MarkdownDocument {
  const document = parseMarkdown(text);
  expect(violations(text, document)).toEqual([]);
  return document;
}

describe('the Markdown reader on random input', () => {
  it('never throws and keeps every offset inside the text for Markdown-ish garbage', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }), (pieces) => {
        checked(pieces.join(''));
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on arbitrary strings, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checked(text);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a document in chunks exactly as in one piece', () => {
    // Chunks of one character split the document at every line where no block can continue.
    const blocks = [
      '# Head 1 Mt', 'Para with [ref link][r] and 3.8 Mt [@a].', '```\ncode 5 Mt\n\nstill code\n```', '<!--\nhidden 44 Mt\n\nstill hidden\n-->',
      '<pre>\n6 Mt\n\nx\n</pre>', '- item 1 Mt\n\n- item 2 Mt\n\n  more', '> quote 2 Mt\n\n> again', '| a | b |\n|---|---|\n| 1 Mt | 2 Mt |',
      'Source: USGS', '[^1]: Note @b.', 'Body.[^1] See [1].', '## References', '1. USGS https://example.org/u', '[r]: https://example.org/r',
      '    indented 7 Mt', '~~~\nfenced 8 Mt\n\n~~~', 'Setext 9 Mt\n---', '<!-- claimlint-disable missing-source -->', 'Tail 10 Mt.',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...blocks), { maxLength: 25 }), fc.constantFrom('\n\n', '\n', '\r\n\r\n'), (chosen, gap) => {
        const text = chosen.join(gap);
        const whole = new DocumentReader(text, Infinity).read();
        const chunked = new DocumentReader(text, 1).read();
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it.skipIf(seedTexts.length === 0)('never throws on random slices of the seed summaries mixed with Markdown', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: seedTexts.length - 1 }),
        fc.nat(),
        fc.nat({ max: 4000 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PIECES)), { maxLength: 20 }),
        (which, from, length, insertions) => {
          const seed = seedTexts[which]!;
          const start = from % Math.max(1, seed.length);
          let text = seed.slice(start, start + length);
          for (const [at, piece] of insertions) {
            const position = at % (text.length + 1);
            text = text.slice(0, position) + piece + text.slice(position);
          }
          checked(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.skipIf(seedTexts.length === 0)('reads every whole seed summary as prose, in trimmed sentences', () => {
    for (const seed of seedTexts) {
      const document = checked(seed);
      expect(document.sentences.length).toBeGreaterThan(5);
      // Plain-text summaries are almost all prose; only markers like [1] and URLs are blanked.
      const visible = (text: string): number => text.replace(/\s+/g, '').length;
      expect(visible(document.prose) / visible(seed)).toBeGreaterThan(0.9);
      const endings = new Set(document.sentences.map((s) => seed[s.span.end - 1]));
      expect([...endings].some((char) => char === '。' || char === '.')).toBe(true);
    }
  });
});

describe('the Markdown reader on hostile input', () => {
  const MB = 1_000_000;
  const hostile: Record<string, (size: number) => string> = {
    'sentences with markers': (size) => 'Russia holds 3.8 Mt [1]. '.repeat(size / 25),
    'unclosed brackets': (size) => '['.repeat(size),
    'bracket pairs': (size) => '[a]'.repeat(size / 3),
    'links without a closing parenthesis': (size) => '[a](b'.repeat(size / 5),
    'unclosed tags': (size) => '<a b="'.repeat(size / 6),
    'unclosed comments': (size) => '<!--'.repeat(size / 4),
    'backtick runs': (size) => '`a``b'.repeat(size / 5),
    'at signs': (size) => '@a'.repeat(size / 2),
    'e-mail-like runs': (size) => 'a.b@c.d '.repeat(size / 8),
    'initialisms': (size) => 'U.S. '.repeat(size / 5),
    'periods': (size) => '.'.repeat(size),
    'span openers': (size) => '[a]{'.repeat(size / 4),
    'unclosed attribute values': (size) => '[x]{a="'.repeat(size / 7),
    'emphasis runs': (size) => '*a'.repeat(size / 2),
    'URL schemes': (size) => 'http://'.repeat(size / 7),
    'CJK sentences': (size) => '稀土。'.repeat(size / 3),
    'table pipes': (size) => '| a |\n|---|\n|' + '|'.repeat(size),
    'citation groups without a close': (size) => '[@a;'.repeat(size / 4),
    'footnote references': (size) => '[^1]'.repeat(size / 4),
    'backslashes': (size) => '\\'.repeat(size),
    'image openers': (size) => '![a]['.repeat(size / 5),
    'unbalanced parentheses after a URL': (size) => 'see https://example.org/a' + ')'.repeat(size),
    'empty citation items': (size) => '[@a' + ';'.repeat(size) + '@b]',
    'lines that open a label': (size) => '[a\n'.repeat(size / 3),
    'fences': (size) => '```\n\nx\n'.repeat(size / 8),
  };

  for (const [name, make] of Object.entries(hostile)) {
    it(`stays linear on a line of ${name}`, { timeout: 60_000 }, () => {
      const time = (size: number): number => {
        const text = make(size);
        const started = performance.now();
        const document = parseMarkdown(text);
        const elapsed = performance.now() - started;
        expect(document.prose.length).toBe(text.length);
        return elapsed;
      };
      time(MB / 4); // warm up
      const small = time(MB / 2);
      const large = time(2 * MB);
      // Four times the input: linear is ×4, quadratic ×16. Allow for noise on small timings.
      expect(large).toBeLessThan(10 * small + 300);
    });
  }

  it('reads a 10 MB single line of sentences with markers, every sentence and citation', { timeout: 60_000 }, () => {
    const line = 'Russia holds 3.8 Mt [1]. '.repeat(400_000);
    const text = `${line}\n\n## References\n\n1. USGS https://example.org/usgs\n`;
    const document = parseMarkdown(text);
    expect(document.sentences).toHaveLength(400_001);
    expect(document.sentences[399_999]!.citations.map((c) => c.url)).toEqual(['https://example.org/usgs']);
  });

  it('reads thousands of citations and footnotes, each to its own sentence', () => {
    const count = 5000;
    const body = Array.from({ length: count }, (_, i) => `Figure ${i} is ${i}.5 Mt [@k${i}; @j${i}, p. ${i}][^n${i}].`).join(' ');
    const notes = Array.from({ length: count }, (_, i) => `[^n${i}]: See <https://example.org/${i}>.`).join('\n');
    const text = `${body}\n\n${notes}\n`;
    const document = parseMarkdown(text);
    const bodySentences = document.sentences.slice(0, count);
    expect(bodySentences.map((s) => s.citations.length)).toEqual(Array(count).fill(3));
    expect(bodySentences[4321]!.citations.map((c) => c.id ?? c.url)).toEqual(['k4321', 'j4321', 'https://example.org/4321']);
  });

  it('reads a 50 MB report in one piece', { timeout: 180_000 }, () => {
    const section = (i: number): string =>
      [
        `## ${i % 100}. Supply in year ${2000 + (i % 25)}`,
        '',
        `Russia holds about 3.8 Mt of rare-earth reserves [@usgs${i}, p. 4], while China reports 44 Mt. ` +
          `The U.S. Geological Survey, e.g. in its summary, gives 1.9 Mt for the U.S. and $8.5 billion in deals.[^n${i}] ` +
          `美国计划年产3.1万吨。中国约14万吨，超过全球产量的60%。[${(i % 9) + 1}] Prices rose 12% in the quarter.`,
        '',
        '> Analysts expect output of 240,000 t a year [see @kx, pp. 3-4]. See [the report](https://example.org/r).',
        '',
        '| Country | Reserves | Output |',
        '|---|---:|---:|',
        '| China | 44 Mt | 270 kt |',
        '| Russia | 3.8 Mt | 2.6 kt |',
        '',
        'Source: USGS Mineral Commodity Summaries',
        '',
        `[^n${i}]: Reuters, <https://example.org/news/${i}>.`,
        '',
      ].join('\n');
    const references = '## References\n\n' + Array.from({ length: 9 }, (_, k) => `${k + 1}. Source ${k + 1} https://example.org/${k + 1}`).join('\n') + '\n';
    const parts: string[] = [];
    let length = 0;
    for (let i = 0; length < 50 * MB; i++) {
      const part = section(i);
      parts.push(part);
      length += part.length;
    }
    const count = parts.length;
    const text = parts.join('') + references;
    const document = parseMarkdown(text);
    expect(document.prose.length).toBe(text.length);
    // Per section: a heading, five sentences, two quoted, nine cells, one in the footnote.
    expect(document.sentences.length).toBe(count * 18 + 1);
    const last = document.sentences.slice(-19, -1).map((s) => [text.slice(s.span.start, s.span.end), s.citations.length]);
    expect(last[4]).toEqual(['中国约14万吨，超过全球产量的60%。', 1]);
    expect(last[11]).toEqual(['China', 1]);
    expect(last[17]).toEqual([`Reuters, <https://example.org/news/${count - 1}>.`, 1]);
  });
});
