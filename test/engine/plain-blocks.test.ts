// The plain block reader (markdown/plain-blocks.ts) reads what it accepts as markdown-it does: every
// document reads the same with it and with markdown-it alone (`plainBlocks: false`), and it does
// accept what reports are made of, or the fast path would be a slow path in disguise.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../server/engine/src/markdown';
import { createLineContent, parseBlocks, type BlockToken } from '../../server/engine/src/markdown/block-structure';
import { readFrontMatter } from '../../server/engine/src/markdown/front-matter';
import { readPlainBlocks } from '../../server/engine/src/markdown/plain-blocks';
import { SourceLines } from '../../server/engine/src/markdown/source-lines';

const REPO = resolve(__dirname, '../..');
const SEEDS = resolve(REPO, '../shared/seeds');

function accepts(text: string): boolean {
  const frontMatter = readFrontMatter(text);
  const lines = new SourceLines(text, frontMatter ? [frontMatter.span] : []);
  return readPlainBlocks(lines, createLineContent(lines), 0, lines.lineCount) !== undefined;
}

/** The tokens' fields that document-reader.ts reads, and each line's recorded content. */
const READ_TOKENS = new Set(['heading_open', 'paragraph_open', 'table_open', 'table_close', 'thead_open', 'thead_close', 'th_open', 'tr_open']);
const LIST_TOKENS = new Set(['bullet_list_open', 'bullet_list_close', 'ordered_list_open', 'ordered_list_close', 'list_item_open', 'html_block']);

function structure(text: string, plainBlocks: boolean) {
  const frontMatter = readFrontMatter(text);
  const lines = new SourceLines(text, frontMatter ? [frontMatter.span] : []);
  const content = createLineContent(lines);
  const { tokens } = parseBlocks(lines, content, {}, 0, lines.lineCount, plainBlocks);
  const read = tokens.flatMap((token: BlockToken, index: number): Record<string, unknown>[] => {
    if (READ_TOKENS.has(token.type)) {
      const title = token.type === 'heading_open' ? { markup: token.markup, tag: token.tag, title: tokens[index + 1]!.content } : {};
      return [{ type: token.type, level: token.level, map: token.type === 'thead_open' || token.type.endsWith('_close') || token.type === 'th_open' ? null : token.map, ...title }];
    }
    if (LIST_TOKENS.has(token.type)) return [{ type: token.type, level: token.level, info: token.type === 'list_item_open' ? token.info : '' }];
    return [];
  });
  return { tokens: read, contentStart: [...content.contentStart], contentEnd: [...content.contentEnd] };
}

function expectSameReading(text: string): void {
  expect(parseMarkdown(text)).toStrictEqual(parseMarkdown(text, { plainBlocks: false }));
}

function markdownFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : markdownFiles(path);
    return /\.(md|markdown|txt)$/i.test(name) ? [path] : [];
  });
}

/** Lines of every kind the reader accepts or must decline, and their near misses. */
const LINES = [
  '',
  '   ',
  '\t',
  'In 2023, Russia held 3.8 Mt of rare-earth reserves [@usgs].',
  'China mined 270,000 t in 2024.[^n1]',
  '俄罗斯的稀土储量为1000万吨。',
  '  Indented a little, 12 Mt.',
  '    Indented as code, 5 t.',
  '\tA tab first, 7 t.',
  '# Reserves',
  '## Output in 2024 ##',
  '### Closing hashes#',
  '#NoSpace 4 t',
  '####### Seven',
  '#',
  '  # Indented heading',
  '- Brazil: 21 Mt [@a].',
  '* India: 6.9 Mt.',
  '+ Chile: 3 Mt.',
  '-',
  '- ',
  '-     Five spaces after the marker',
  '-\tTab after the marker',
  '- - nested',
  '- > quoted',
  '- # heading in an item',
  '- [a]: http://example.org',
  '  - an indented item',
  '1. First, 2 Mt.',
  '2. Second, 3 Mt.',
  '1) Paren, 4 Mt.',
  '10. Tenth',
  '1234567890. Too long',
  '2024. A year and a full stop',
  '> Quoted: 44 Mt [@b].',
  '>No space after the marker',
  '>',
  '> ',
  '>  Two spaces',
  '> # heading in a quote',
  '> - item in a quote',
  '> | a | b |',
  '> ---',
  ' > indented quote',
  '| Country | Reserves |',
  '|---|---|',
  '| :-- | --: |',
  '|---|',
  '| Russia | 3.8 Mt |',
  'Russia | 10 Mt',
  '--- | ---',
  '- | -',
  '|',
  '||',
  'a \\| b | c',
  'Source: the yearbook [@c].',
  '```',
  '```js',
  '``` a`b',
  '````',
  '~~~',
  '  ```',
  '---',
  '***',
  '___',
  '- - -',
  '* * *',
  '===',
  '--',
  '=',
  '**Bold** start, 9 t.',
  '_Emphasis_ start.',
  '<div>',
  '<!-- claimlint-disable -->',
  '[a]: http://example.org',
  '[^n1]: Source note [@d].',
  '[@e] says 8 Mt.',
  '[link](http://example.org) says 9 Mt.',
  '[multi',
  'line]: http://example.org',
  ': colon first',
  '\u3000Ideographic space first',
  '\u00a0No-break space first',
];

/** A plain line of a paragraph or an item: sentences with figures, citations and inline syntax. */
const PLAIN = fc.constantFrom(
  'In 2023, Russia held 3.8 Mt of rare-earth reserves [@usgs].',
  'China mined 270,000 t in 2024, up 6%.[^n1]',
  '俄罗斯的稀土储量为1000万吨。',
  '**Output** was 2,600 t; see [the yearbook](https://example.org/y).',
  'About `44 Mt` in code, then 12 Mt in prose.',
  'Brazil | 21 Mt',
  'Prices fell to $400 million <em>nominal</em>.',
  '#NoSpace 4 t and 2024. A year.',
);

/** Report blocks as writers separate them; the reader should accept nearly all of their documents. */
const BLOCK = fc.oneof(
  fc.array(PLAIN, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
  fc
    .tuple(fc.constantFrom('#', '##', '###'), fc.oneof(PLAIN, fc.constantFrom('References', '参考文献', '2. Sources')), fc.constantFrom('', ' #', ' ##', '#'))
    .map(([hashes, text, closing]) => `${hashes} ${text}${closing}`),
  fc
    .tuple(fc.constantFrom('- ', '* ', '+ ', '1. ', '3) ', '-  '), fc.array(PLAIN, { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([marker, items, loose]) =>
      items.map((item, k) => (/\d/.test(marker) ? marker.replace(/\d+/, String(Number.parseInt(marker, 10) + k)) : marker) + item).join(loose ? '\n\n' : '\n'),
    ),
  fc.array(fc.tuple(fc.constantFrom('> ', '>'), PLAIN), { minLength: 1, maxLength: 3 }).map((lines) => lines.map(([marker, line]) => marker + line).join('\n')),
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.array(PLAIN, { maxLength: 3 }), fc.boolean(), fc.constantFrom('|---|---|---|', '| :-- | --: | :-: |', '---|---|---'))
    .map(([columns, rows, source, delimiter]) => {
      const header = `| ${['Country', 'Reserves', 'Year'].slice(0, columns).join(' | ')} |`;
      const cells = delimiter.split('|').filter((cell) => cell.trim() !== '');
      const delimiterRow = (delimiter.startsWith('|') ? '|' : '') + cells.slice(0, columns).join('|') + (delimiter.startsWith('|') ? '|' : '');
      const body = rows.map((row) => `| ${row} | 3.8 Mt |`);
      return [header, delimiterRow, ...body, ...(source ? ['Source: the yearbook [@c].'] : [])].join('\n');
    }),
  fc
    .tuple(fc.constantFrom('```', '~~~', '````', '```js'), fc.array(fc.constantFrom('# not a heading', '- not an item', '12 Mt of code', '', '```', '~~~~'), { maxLength: 4 }), fc.boolean())
    .map(([fence, body, closed]) => [fence, ...body, ...(closed ? [fence.replace(/js$/, '')] : [])].join('\n')),
  fc.constantFrom('---', '***', '___', '* * *'),
  fc.constantFrom('[^n1]: Source note [@e].', '[^n2]: 数据见[@f]。\n[^n3]: Another note.', '[@e] says 8 Mt.', '1、 Yearbook 2024, https://example.org/a', '[1] Survey, https://example.org/b'),
);

describe('the plain block reader', () => {
  it('reads like markdown-it: documents of report blocks, separated or run together', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(BLOCK, fc.constantFrom('\n\n', '\n\n', '\n\n\n', '\n')), { minLength: 1, maxLength: 8 }), (blocks) => {
        expectSameReading(blocks.map(([block, separator]) => block + separator).join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives, where it accepts, the tokens and line content that markdown-it gives', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.array(BLOCK, { minLength: 1, maxLength: 8 }), (blocks) => {
        const text = blocks.join('\n\n');
        if (!accepts(text)) return;
        compared++;
        expect(structure(text, true)).toStrictEqual(structure(text, false));
      }),
      { numRuns: 2000 },
    );
    expect(compared).toBeGreaterThan(1000);
  });

  it('accepts nearly every document of report blocks separated by blank lines', () => {
    const documents = fc.sample(fc.array(BLOCK, { minLength: 1, maxLength: 8 }), { numRuns: 500, seed: 42 });
    const accepted = documents.filter((blocks) => accepts(blocks.join('\n\n'))).length;
    expect(accepted / documents.length).toBeGreaterThan(0.9);
  });

  it('reads like markdown-it: random documents of report lines and near misses', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 24 }), fc.constantFrom('\n', '\r\n'), (lines, lineBreak) => {
        expectSameReading(lines.join(lineBreak));
      }),
      { numRuns: 4000 },
    );
  });

  it('reads like markdown-it: documents of only the kinds it accepts', () => {
    const accepted = LINES.filter((line) => !/^(?:\t| {4}|<|\[a\]|\[multi|line\]|===|--$|=$| > | {2}[-#`])/.test(line));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...accepted), { minLength: 1, maxLength: 30 }), (lines) => {
        expectSameReading(lines.join('\n'));
      }),
      { numRuns: 4000 },
    );
  });

  it.each(markdownFiles(SEEDS).concat(markdownFiles(join(REPO, 'examples')), markdownFiles(join(REPO, 'docs')), markdownFiles(join(REPO, 'test/fixtures'))))(
    'reads %s like markdown-it',
    (file) => {
      expectSameReading(readFileSync(file, 'utf8'));
    },
  );

  it('accepts what a report is made of', () => {
    const report = [
      '---',
      'title: "Minerals brief"',
      '---',
      '',
      '# Minerals brief',
      '',
      'Russia holds 3.8 Mt of rare-earth reserves [@usgs]. Output was **2,600 t** in 2023.',
      'A second line of the paragraph.',
      '',
      '## 1. Reserves and output',
      '',
      '- In 2023, Brazil reported 21 Mt [@a].',
      '- In 2024, India reported 6.9 Mt [@b].',
      '',
      '1. First figure, 2 Mt.',
      '2. Second figure, 3 Mt.',
      '',
      '> In 2024, Chile reported 3 Mt [@c].',
      '',
      '| Country | Reserves |',
      '|---|---:|',
      '| Russia | 3.8 Mt |',
      'Source: the yearbook [@d].',
      '',
      '```',
      'not prose: 12 Mt',
      '```',
      '',
      '---',
      '',
      'A footnote.[^n1]',
      '',
      '[^n1]: Source note [@e].',
      '',
    ].join('\n');
    expect(accepts(report)).toBe(true);
    expectSameReading(report);
    expect(parseMarkdown(report).sentences.length).toBeGreaterThan(8);
  });

  it.each([
    ['a setext heading', 'Reserves\n========\n'],
    ['a lazy continuation of a list item', '- Brazil: 21 Mt\nand more\n'],
    ['a lazy continuation of a quote', '> Chile: 3 Mt\nand more\n'],
    ['indented code', 'Text.\n\n    code 5 t\n'],
    ['an HTML block', '<div>\n3 Mt\n</div>\n'],
    ['a link reference definition', '[usgs]: https://example.org\n\nSee [usgs].\n'],
    ['a list that interrupts a paragraph', 'Text 3 Mt\n- item 4 Mt\n'],
    ['a nested list', '- a 1 t\n  - b 2 t\n'],
  ])('declines %s, which markdown-it reads', (_name, text) => {
    expect(accepts(text)).toBe(false);
    expectSameReading(text);
  });
});
