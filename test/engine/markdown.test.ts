// The Markdown reader (SPEC §1.4): prose, sentences, citations, tables, Pandoc spans, front matter
// and suppressions. Expectations are drawn by slicing the original text with the reported spans.
import { describe, expect, it } from 'vitest';
import type { Citation } from '../../server/engine/src/model';
import { parseMarkdown, type MarkdownDocument } from '../../server/engine/src/markdown';

function sentencesOf(text: string, document: MarkdownDocument = parseMarkdown(text)): string[] {
  return document.sentences.map((sentence) => text.slice(sentence.span.start, sentence.span.end));
}

/** A citation as the text shows it: its kind, what it covers, and the id as written. */
function describeCitation(text: string, citation: Citation): Record<string, string> {
  const described: Record<string, string> = { kind: citation.kind, text: text.slice(citation.span.start, citation.span.end) };
  if (citation.id !== undefined) described.id = citation.id;
  if (citation.idSpan) described.idText = text.slice(citation.idSpan.start, citation.idSpan.end);
  if (citation.url !== undefined) described.url = citation.url;
  if (citation.locator !== undefined) described.locator = citation.locator;
  return described;
}

function citationsBySentence(text: string): [string, Record<string, string>[]][] {
  const document = parseMarkdown(text);
  return document.sentences.map((sentence) => [
    text.slice(sentence.span.start, sentence.span.end),
    sentence.citations.map((citation) => describeCitation(text, citation)),
  ]);
}

/** The prose of a document with runs of blanks collapsed, for reading what survived. */
function proseWords(text: string): string {
  return parseMarkdown(text).prose.replace(/\s+/g, ' ').trim();
}

describe('prose', () => {
  it('keeps the same length and line breaks as the text', () => {
    const text = '# Title\r\n\r\nSome `code 5 Mt` and <b>bold</b>.\r\n\r\n```\n44 Mt\n```\n';
    const { prose } = parseMarkdown(text);
    expect(prose.length).toBe(text.length);
    expect([...prose].map((char, index) => (char === '\n' || char === '\r' ? index : -1)).filter((i) => i >= 0)).toEqual(
      [...text].map((char, index) => (char === '\n' || char === '\r' ? index : -1)).filter((i) => i >= 0),
    );
  });

  it('blanks fenced and indented code but keeps paragraphs', () => {
    const text = 'Before 3 Mt.\n\n```text\nReserves: 44 Mt\n```\n\n    indented 5 Mt\n\nAfter 4 Mt.\n';
    expect(proseWords(text)).toBe('Before 3 Mt. After 4 Mt.');
  });

  it('blanks code spans, including ones with numbers', () => {
    const text = 'Run `export --limit 44` to list 3 Mt.';
    const { prose } = parseMarkdown(text);
    expect(prose).toBe('Run                     to list 3 Mt.');
  });

  it('blanks HTML comments, HTML blocks and inline HTML tags, but keeps the text between tags', () => {
    const text = '<div>\n44 Mt in a div\n</div>\n\nA <span class="x">3.8 Mt</span> figure <!-- 10 Mt --> here.\n';
    expect(proseWords(text)).toBe('A 3.8 Mt figure here.');
  });

  it('blanks front matter', () => {
    const text = '---\ntitle: 44 Mt\nas_of: 2024\n---\n\nBody 3 Mt.\n';
    expect(proseWords(text)).toBe('Body 3 Mt.');
  });

  it('blanks URLs with digits in links, autolinks and bare URLs', () => {
    const text =
      'See [the 2025 summary](https://example.org/mcs-2025/44mt.pdf "Summary 2"), <https://example.org/3.8> and https://example.org/report_10mt.html.';
    expect(proseWords(text)).toBe('See the 2025 summary , and .');
  });

  it('blanks image syntax with its alt text', () => {
    expect(proseWords('A chart ![44 Mt chart](chart-44.png) of 3 Mt.')).toBe('A chart of 3 Mt.');
  });

  it('blanks list and heading markers and heading numbering', () => {
    const text = '## 2.1. Reserves 3.8 Mt\n\n1. First 4 Mt\n2. Second 5 Mt\n\n- bullet 6 Mt\n\n### 三、中国储量\n';
    expect(proseWords(text)).toBe('Reserves 3.8 Mt First 4 Mt Second 5 Mt bullet 6 Mt 中国储量');
  });

  it('keeps a heading that starts with a figure or an initialism rather than numbering', () => {
    expect(proseWords('## 3.8 Mt in Russia\n')).toBe('3.8 Mt in Russia');
    expect(proseWords('## U.S. output 43 kt\n')).toBe('U.S. output 43 kt');
    expect(proseWords('## 2024 output 43 kt\n')).toBe('2024 output 43 kt');
  });

  it('blanks table pipes and the delimiter row', () => {
    const text = '| Country | Reserves |\n|:---|---:|\n| Russia | 3.8 Mt |\n';
    expect(parseMarkdown(text).prose).toBe('  Country   Reserves  \n           \n  Russia   3.8 Mt  \n');
  });

  it('blanks emphasis markers but keeps snake_case and a tilde meaning "about"', () => {
    expect(proseWords('**Russia** holds _about_ ~3.8 Mt in file_name ~~old~~.')).toBe('Russia holds about ~3.8 Mt in file_name old .');
  });

  it('blanks a byte order mark', () => {
    const text = '\uFEFF# Title 3 Mt\n';
    const document = parseMarkdown(text);
    expect(document.prose[0]).toBe(' ');
    expect(sentencesOf(text, document)).toEqual(['Title 3 Mt']);
  });

  it('keeps an escaped dollar sign in place with the backslash blanked', () => {
    const text = 'The deal is worth \\$8.5 billion.';
    const document = parseMarkdown(text);
    const at = text.indexOf('$8.5 billion');
    expect(document.prose.slice(at, at + '$8.5 billion'.length)).toBe('$8.5 billion');
    expect(document.prose[at - 1]).toBe(' ');
    expect(sentencesOf(text, document)).toEqual(['The deal is worth \\$8.5 billion.']);
  });

  it('blanks HTML entities and e-mail addresses', () => {
    expect(proseWords('Write to data@example.org for 3&nbsp;Mt.')).toBe('Write to for 3 Mt.');
  });
});

describe('sentences', () => {
  it('split at full stops, question and exclamation marks', () => {
    expect(sentencesOf('Russia holds 3.8 Mt. Is that right? Yes! It is.')).toEqual([
      'Russia holds 3.8 Mt.',
      'Is that right?',
      'Yes!',
      'It is.',
    ]);
  });

  it('do not end inside abbreviations, decimals, money or ellipses', () => {
    const text =
      'The U.S. Geological Survey, e.g. its 2025 summary, puts reserves at 3.5 Mt vs. 44 Mt in China, i.e. less. ' +
      'Mr. Smith of Lynas Ltd. said No. 4 (see Fig. 2 on p. 4) costs $8.5 billion... or more. Exports to the U.S. The end.';
    expect(sentencesOf(text)).toEqual([
      'The U.S. Geological Survey, e.g. its 2025 summary, puts reserves at 3.5 Mt vs. 44 Mt in China, i.e. less.',
      'Mr. Smith of Lynas Ltd. said No. 4 (see Fig. 2 on p. 4) costs $8.5 billion... or more.',
      'Exports to the U.S.',
      'The end.',
    ]);
  });

  it('end at etc. only when a new sentence follows', () => {
    expect(sentencesOf('Magnets, motors etc. are made in China. Rare earths, etc. The end.')).toEqual([
      'Magnets, motors etc. are made in China.',
      'Rare earths, etc.',
      'The end.',
    ]);
  });

  it('split Chinese text at 。！？ immediately', () => {
    expect(sentencesOf('美国年产3.1万吨。中国约14万吨！差距大吗？是的')).toEqual(['美国年产3.1万吨。', '中国约14万吨！', '差距大吗？', '是的']);
  });

  it('include closing quotes and brackets after the full stop', () => {
    expect(sentencesOf('He said "it is 3.8 Mt." Then he left. (Reserves fell.) 他说：“约14万吨。”然后走了。')).toEqual([
      'He said "it is 3.8 Mt."',
      'Then he left.',
      '(Reserves fell.)',
      '他说：“约14万吨。”',
      '然后走了。',
    ]);
  });

  it('end at a period directly before Chinese text', () => {
    expect(sentencesOf('Output was 3.1 Mt.中国约14万吨。')).toEqual(['Output was 3.1 Mt.', '中国约14万吨。']);
  });

  it('always end at a block boundary and exclude surrounding whitespace', () => {
    const text = '# Rare earths\n\n  First paragraph without a stop\n\n- item one\n- item two\n';
    const document = parseMarkdown(text);
    expect(sentencesOf(text, document)).toEqual(['Rare earths', 'First paragraph without a stop', 'item one', 'item two']);
    expect(document.sentences.map((sentence) => sentence.inHeading)).toEqual([true, false, false, false]);
  });

  it('run across soft line breaks within a paragraph', () => {
    expect(sentencesOf('Russia holds\n3.8 Mt of reserves. China\nholds 44 Mt.')).toEqual([
      'Russia holds\n3.8 Mt of reserves.',
      'China\nholds 44 Mt.',
    ]);
  });

  it('mark setext and ATX headings', () => {
    const text = 'Reserves 3.8 Mt\n===============\n\n## Output 44 Mt ##\n\nBody.\n';
    const document = parseMarkdown(text);
    expect(sentencesOf(text, document)).toEqual(['Reserves 3.8 Mt', 'Output 44 Mt', 'Body.']);
    expect(document.sentences.map((sentence) => sentence.inHeading)).toEqual([true, true, false]);
  });

  it('have exact offsets in blockquotes and nested lists', () => {
    const text = '> Quoted 3.8 Mt here.\n> Still quoted.\n\n- Outer 1 Mt.\n  - Inner 2 Mt.\n    > Deep 3 Mt.\n';
    expect(sentencesOf(text)).toEqual(['Quoted 3.8 Mt here.', 'Still quoted.', 'Outer 1 Mt.', 'Inner 2 Mt.', 'Deep 3 Mt.']);
  });

  it('have exact UTF-16 offsets after emoji and CJK text', () => {
    const text = '🚀🇨🇳 稀土 news: 中国 holds 44 Mt. Next 😀 3.8 Mt.';
    const document = parseMarkdown(text);
    expect(sentencesOf(text, document)).toEqual(['🚀🇨🇳 稀土 news: 中国 holds 44 Mt.', 'Next 😀 3.8 Mt.']);
    const figure = text.indexOf('44 Mt');
    expect(document.prose.slice(figure, figure + 5)).toBe('44 Mt');
  });

  it('work with CRLF and CR-only line ends', () => {
    for (const lineEnd of ['\r\n', '\r']) {
      const text = ['# Head 1 Mt', '', '> Quote 3.8 Mt. Two', '> lines.', '', '| a | b |', '|---|---|', '| 2 Mt | x |', ''].join(lineEnd);
      const document = parseMarkdown(text);
      expect(sentencesOf(text, document)).toEqual(['Head 1 Mt', 'Quote 3.8 Mt.', `Two${lineEnd}> lines.`, 'a', 'b', '2 Mt', 'x']);
      expect(document.prose.length).toBe(text.length);
    }
  });
});

describe('citations', () => {
  it('read Pandoc citations with keys, locators and prefixes', () => {
    const text = 'A 3.8 Mt [@usgs2025]. B 44 Mt [@a; @b, p. 4]. C 1 Mt [see @c, pp. 3-4]. D 2 Mt per @d.';
    expect(citationsBySentence(text)).toEqual([
      ['A 3.8 Mt [@usgs2025].', [{ kind: 'pandoc', text: '[@usgs2025]', id: 'usgs2025', idText: 'usgs2025' }]],
      [
        'B 44 Mt [@a; @b, p. 4].',
        [
          { kind: 'pandoc', text: '[@a; @b, p. 4]', id: 'a', idText: 'a' },
          { kind: 'pandoc', text: '[@a; @b, p. 4]', id: 'b', idText: 'b', locator: 'p. 4' },
        ],
      ],
      ['C 1 Mt [see @c, pp. 3-4].', [{ kind: 'pandoc', text: '[see @c, pp. 3-4]', id: 'c', idText: 'c', locator: 'pp. 3-4' }]],
      ['D 2 Mt per @d.', [{ kind: 'pandoc', text: '@d', id: 'd', idText: 'd' }]],
    ]);
  });

  it('do not read e-mail addresses as citations', () => {
    expect(citationsBySentence('Ask analyst@usgs.gov about 3 Mt.')).toEqual([['Ask analyst@usgs.gov about 3 Mt.', []]]);
  });

  it('read bare keys in Chinese text up to the next Chinese character', () => {
    expect(citationsBySentence('据@usgs2025报道，储量为380万吨。')).toEqual([
      ['据@usgs2025报道，储量为380万吨。', [{ kind: 'pandoc', text: '@usgs2025', id: 'usgs2025', idText: 'usgs2025' }]],
    ]);
  });

  it('belong to the sentence whose full stop they follow', () => {
    const text = 'Russia holds 3.8 Mt. [@usgs] China holds 44 Mt.[1][11] 美国年产3.1万吨。[^2]Next.\n\n[1]: https://example.org/one\n[11]: https://example.org/eleven\n[^2]: See @sohu.\n';
    const bySentence = citationsBySentence(text);
    expect(bySentence.slice(0, 4)).toEqual([
      ['Russia holds 3.8 Mt.', [{ kind: 'pandoc', text: '[@usgs]', id: 'usgs', idText: 'usgs' }]],
      [
        'China holds 44 Mt.',
        [
          { kind: 'numbered', text: '[1]', url: 'https://example.org/one' },
          { kind: 'numbered', text: '[11]', url: 'https://example.org/eleven' },
        ],
      ],
      ['美国年产3.1万吨。', [{ kind: 'footnote', text: '[^2]', id: 'sohu', idText: 'sohu' }]],
      ['Next.', []],
    ]);
  });

  it('inside a sentence belong to it', () => {
    expect(citationsBySentence('Russia [@usgs] holds 3.8 Mt. China holds 44 Mt.')).toEqual([
      ['Russia [@usgs] holds 3.8 Mt.', [{ kind: 'pandoc', text: '[@usgs]', id: 'usgs', idText: 'usgs' }]],
      ['China holds 44 Mt.', []],
    ]);
  });

  it('read links, autolinks and bare URLs, and a figure in link text is sourced by its link', () => {
    const text = 'Russia holds [3.8 Mt](https://example.org/usgs). China holds 44 Mt <https://example.org/cn>. India 6.9 Mt https://example.org/in.';
    expect(citationsBySentence(text)).toEqual([
      ['Russia holds [3.8 Mt](https://example.org/usgs).', [{ kind: 'link', text: '[3.8 Mt](https://example.org/usgs)', url: 'https://example.org/usgs' }]],
      ['China holds 44 Mt <https://example.org/cn>.', [{ kind: 'link', text: '<https://example.org/cn>', url: 'https://example.org/cn' }]],
      ['India 6.9 Mt https://example.org/in.', [{ kind: 'link', text: 'https://example.org/in', url: 'https://example.org/in' }]],
    ]);
  });

  it('treat links to anything but http(s) as no source', () => {
    expect(citationsBySentence('See [the annex](annex.md#t2) for 3 Mt.')).toEqual([['See [the annex](annex.md#t2) for 3 Mt.', []]]);
  });

  it('read reference-style links from their definitions', () => {
    const text = 'Russia holds [3.8 Mt][usgs] and China [44 Mt][].\n\n[usgs]: https://example.org/usgs\n[44 Mt]: https://example.org/cn\n';
    expect(citationsBySentence(text)).toEqual([
      [
        'Russia holds [3.8 Mt][usgs] and China [44 Mt][].',
        [
          { kind: 'link', text: '[3.8 Mt][usgs]', url: 'https://example.org/usgs' },
          { kind: 'link', text: '[44 Mt][]', url: 'https://example.org/cn' },
        ],
      ],
    ]);
  });

  it('join a trailing link-only fragment to the sentence before it', () => {
    expect(citationsBySentence('Russia holds 3.8 Mt. [USGS 2025](https://example.org/usgs). China holds 44 Mt.')).toEqual([
      ['Russia holds 3.8 Mt. [USGS 2025](https://example.org/usgs).', [{ kind: 'link', text: '[USGS 2025](https://example.org/usgs)', url: 'https://example.org/usgs' }]],
      ['China holds 44 Mt.', []],
    ]);
  });
});

describe('footnotes', () => {
  it('take the first key and the first link of their definition', () => {
    const text = [
      'Russia holds 3.8 Mt.[^usgs] China 44 Mt.[^web] India 6.9 Mt.[^both]',
      '',
      '[^usgs]: USGS, Mineral Commodity Summaries [@usgs2025, p. 4].',
      '[^web]: A news report, <https://example.org/news>.',
      '[^both]: See @ibm and [a page](https://example.org/page).',
      '',
    ].join('\n');
    const citations = parseMarkdown(text).sentences.slice(0, 3).map((sentence) => sentence.citations.map((c) => describeCitation(text, c)));
    expect(citations).toEqual([
      [{ kind: 'footnote', text: '[^usgs]', id: 'usgs2025', idText: 'usgs2025' }],
      [{ kind: 'footnote', text: '[^web]', url: 'https://example.org/news' }],
      [{ kind: 'footnote', text: '[^both]', id: 'ibm', idText: 'ibm', url: 'https://example.org/page' }],
    ]);
  });

  it('hold their source when the definition has no space in it, which CommonMark reads as a link reference definition', () => {
    // `[^1]: https://…` and `[^2]: 数据见[@key]。` are `[label]: destination` to CommonMark: taken out
    // of the text as reference definitions, they lost the footnote and its source.
    const text = [
      'Russia holds 3.8 Mt.[^1] China 44 Mt.[^2] India 6.9 Mt.[^3]',
      '',
      '中国稀土产量为27万吨[^4]。',
      '',
      '[^1]: https://example.org/usgs',
      '[^2]: <https://example.org/news>',
      '[^3]: [@usgs2025]',
      '[^4]: 数据见[@sohu2025]。',
      '',
    ].join('\n');
    expect(citationsBySentence(text).slice(0, 4)).toEqual([
      ['Russia holds 3.8 Mt.', [{ kind: 'footnote', text: '[^1]', url: 'https://example.org/usgs' }]],
      ['China 44 Mt.', [{ kind: 'footnote', text: '[^2]', url: 'https://example.org/news' }]],
      ['India 6.9 Mt.', [{ kind: 'footnote', text: '[^3]', id: 'usgs2025', idText: 'usgs2025' }]],
      ['中国稀土产量为27万吨[^4]。', [{ kind: 'footnote', text: '[^4]', id: 'sohu2025', idText: 'sohu2025' }]],
    ]);
    // A link reference definition is still one, and a reference-style link still finds it.
    const links = 'Russia holds 3.8 Mt [USGS][u].\n\n[u]: https://example.org/usgs\n';
    expect(citationsBySentence(links)).toEqual([['Russia holds 3.8 Mt [USGS][u].', [{ kind: 'link', text: '[USGS][u]', url: 'https://example.org/usgs' }]]]);
  });

  it('without a source in the definition give a footnote citation with no id or url', () => {
    const text = '中国约14万吨。[^1]\n\n[^1]: 作者的估计。\n';
    const first = parseMarkdown(text).sentences[0]!;
    expect(first.citations.map((c) => describeCitation(text, c))).toEqual([{ kind: 'footnote', text: '[^1]' }]);
  });

  it('find their definition whatever the case of the label', () => {
    const text = 'Russia holds 3.8 Mt.[^USGS]\n\n[^usgs]: See @usgs2025.\n';
    expect(parseMarkdown(text).sentences[0]!.citations.map((c) => c.id)).toEqual(['usgs2025']);
  });

  it('without any definition give a footnote citation with no id or url', () => {
    const text = 'Russia holds 3.8 Mt.[^missing]';
    expect(citationsBySentence(text)).toEqual([['Russia holds 3.8 Mt.', [{ kind: 'footnote', text: '[^missing]' }]]]);
  });

  it('definitions are prose without their labels, and source their own sentences', () => {
    const text = 'Body.[^1]\n\n[^1]: USGS reports 3.8 Mt. See [the summary](https://example.org/s).\n';
    const document = parseMarkdown(text);
    expect(proseWords(text)).toBe('Body. USGS reports 3.8 Mt. See the summary .');
    const inDefinition = document.sentences.slice(1).map((sentence) => [
      text.slice(sentence.span.start, sentence.span.end),
      sentence.citations.map((c) => c.url),
    ]);
    expect(inDefinition).toEqual([
      ['USGS reports 3.8 Mt.', ['https://example.org/s']],
      ['See [the summary](https://example.org/s).', ['https://example.org/s']],
    ]);
  });
});

describe('numbered markers', () => {
  it('are citations under a References heading', () => {
    const text = 'Russia holds 3.8 Mt [1, 3]. China 44 Mt [2-4].\n\n## References\n\n1. USGS https://example.org/usgs\n2. Sohu\n3. [@ibm2024]\n4. Xinhua\n';
    const document = parseMarkdown(text);
    expect(document.sentences.slice(0, 2).map((s) => s.citations.map((c) => describeCitation(text, c)))).toEqual([
      [
        { kind: 'numbered', text: '[1, 3]', url: 'https://example.org/usgs' },
        { kind: 'numbered', text: '[1, 3]', id: 'ibm2024', idText: 'ibm2024' },
      ],
      [
        { kind: 'numbered', text: '[2-4]' },
        { kind: 'numbered', text: '[2-4]', id: 'ibm2024', idText: 'ibm2024' },
        { kind: 'numbered', text: '[2-4]' },
      ],
    ]);
    // The reference list itself is not prose.
    expect(sentencesOf(text, document)).toEqual(['Russia holds 3.8 Mt [1, 3].', 'China 44 Mt [2-4].', 'References']);
  });

  it('are citations under a Chinese heading with [n] lines', () => {
    const text = '俄罗斯储量1000万吨[1]。\n\n### 参考文献\n\n[1] 搜狐，2025年5月17日。\n[2] 新华社。\n';
    const document = parseMarkdown(text);
    expect(document.sentences[0]!.citations.map((c) => describeCitation(text, c))).toEqual([{ kind: 'numbered', text: '[1]' }]);
    expect(proseWords(text)).toBe('俄罗斯储量1000万吨 。 参考文献');
  });

  it('are citations with [n]: lines anywhere', () => {
    const text = 'Russia holds 3.8 Mt.[1]\n\n[1]: USGS, Mineral Commodity Summaries 2025.\n';
    const document = parseMarkdown(text);
    expect(document.sentences[0]!.citations.map((c) => describeCitation(text, c))).toEqual([{ kind: 'numbered', text: '[1]' }]);
    expect(proseWords(text)).toBe('Russia holds 3.8 Mt.');
  });

  it('are not citations without a reference list, but are still not prose', () => {
    const text = 'Russia holds 3.8 Mt [1]. China 44 Mt [2][3].\n\n## Notes on method\n\nNothing numbered here.\n';
    const document = parseMarkdown(text);
    expect(document.sentences.slice(0, 2).map((s) => s.citations)).toEqual([[], []]);
    expect(document.prose.slice(0, 25)).toBe('Russia holds 3.8 Mt    . ');
  });
});

describe('tables', () => {
  const table = '| Country | Reserves |\n|---|---|\n| Russia | 3.8 Mt |\n| China | 44 Mt |\n';

  it('make each cell a sentence, header cells too', () => {
    const document = parseMarkdown(table);
    expect(sentencesOf(table, document)).toEqual(['Country', 'Reserves', 'Russia', '3.8 Mt', 'China', '44 Mt']);
    expect(document.sentences.every((sentence) => sentence.inTable && !sentence.inHeading)).toBe(true);
    expect(document.sentences.every((sentence) => sentence.citations.length === 0)).toBe(true);
  });

  for (const [name, gap] of [
    ['right under', ''],
    ['after a blank line', '\n'],
  ] as const) {
    it(`are covered by a Source line ${name} the table`, () => {
      const text = `${table}${gap}Source: USGS [@usgs2025], [web](https://example.org/t)\n\nAfter 5 Mt.\n`;
      const document = parseMarkdown(text);
      const cells = document.sentences.filter((sentence) => sentence.inTable);
      expect(cells).toHaveLength(6);
      for (const cell of cells) {
        expect(cell.citations.map((c) => describeCitation(text, c))).toEqual([
          { kind: 'pandoc', text: '[@usgs2025]', id: 'usgs2025', idText: 'usgs2025' },
          { kind: 'link', text: '[web](https://example.org/t)', url: 'https://example.org/t' },
        ]);
      }
      expect(sentencesOf(text, document).at(-1)).toBe('After 5 Mt.');
      expect(proseWords(text)).not.toContain('Source');
    });
  }

  it('are covered by a plain-named Chinese source line as a table-source citation', () => {
    const text = `${table}\n资料来源：美国地质调查局\n`;
    const cell = parseMarkdown(text).sentences[3]!;
    expect(cell.citations.map((c) => describeCitation(text, c))).toEqual([{ kind: 'table-source', text: '美国地质调查局' }]);
  });

  it('are not covered by a Source line further down', () => {
    const text = `${table}\nA paragraph.\n\nSource: USGS\n`;
    const document = parseMarkdown(text);
    expect(document.sentences.filter((s) => s.inTable).every((s) => s.citations.length === 0)).toBe(true);
    expect(sentencesOf(text, document).slice(-2)).toEqual(['A paragraph.', 'Source: USGS']);
  });

  it('rows are covered by their Source column', () => {
    const text = '| Country | Reserves | Source |\n|---|---|---|\n| Russia | 3.8 Mt | [@usgs] |\n| China | 44 Mt | Xinhua |\n';
    const document = parseMarkdown(text);
    const byCell = document.sentences.map((s) => [text.slice(s.span.start, s.span.end), s.citations.map((c) => describeCitation(text, c))]);
    expect(byCell).toEqual([
      ['Country', []],
      ['Reserves', []],
      ['Source', []],
      ['Russia', [{ kind: 'pandoc', text: '[@usgs]', id: 'usgs', idText: 'usgs' }]],
      ['3.8 Mt', [{ kind: 'pandoc', text: '[@usgs]', id: 'usgs', idText: 'usgs' }]],
      ['China', [{ kind: 'table-source', text: 'Xinhua' }]],
      ['44 Mt', [{ kind: 'table-source', text: 'Xinhua' }]],
    ]);
  });

  it('keep citations inside a cell on that cell, whose span is its prose', () => {
    const text = '| Country | Reserves |\n|---|---|\n| Russia | 3.8 Mt [@usgs] |\n';
    const cells = citationsBySentence(text);
    expect(cells[3]).toEqual(['3.8 Mt', [{ kind: 'pandoc', text: '[@usgs]', id: 'usgs', idText: 'usgs' }]]);
    expect(cells[2]).toEqual(['Russia', []]);
  });

  it('split cells on unescaped pipes only, even inside code spans as GFM does, and drop extra cells', () => {
    expect(sentencesOf('| a | b |\n|---|---|\n| x \\| y | `z|` 2 Mt |\n')).toEqual(['a', 'b', 'x \\| y', '`z']);
  });
});

describe('Pandoc spans', () => {
  it('give their attributes and keep their content as prose', () => {
    const text = 'Russia holds [3.8 Mt]{subject=russia metric=re-reserves as_of=2024} of reserves.';
    const document = parseMarkdown(text);
    expect(document.spans).toHaveLength(1);
    const span = document.spans[0]!;
    expect(text.slice(span.span.start, span.span.end)).toBe('3.8 Mt');
    expect(text.slice(span.attributesSpan.start, span.attributesSpan.end)).toBe('{subject=russia metric=re-reserves as_of=2024}');
    expect(span.attributes).toEqual({ subject: 'russia', metric: 're-reserves', as_of: '2024' });
    expect(proseWords(text)).toBe('Russia holds 3.8 Mt of reserves.');
  });

  it('read quoted values and ignore classes and identifiers', () => {
    const text = "The [$1 billion]{.deal #d1 subject=\"United States\" metric='deal value'} deal.";
    expect(parseMarkdown(text).spans.map((s) => s.attributes)).toEqual([{ subject: 'United States', metric: 'deal value' }]);
  });

  it('leave brackets without a valid attribute list as prose', () => {
    expect(proseWords('A [3.8 Mt]{not valid} figure and [sic] here.')).toBe('A [3.8 Mt]{not valid} figure and [sic] here.');
  });
});

describe('front matter', () => {
  it('gives as_of as a string and the bibliography with spans', () => {
    const text = '---\nas_of: 2024\nbibliography:\n  - refs.bib\n  - "more refs.json"\n---\nBody.\n';
    const frontMatter = parseMarkdown(text).frontMatter!;
    expect(frontMatter.asOf).toBe('2024');
    expect(frontMatter.bibliography.map((b) => [b.path, text.slice(b.span.start, b.span.end)])).toEqual([
      ['refs.bib', 'refs.bib'],
      ['more refs.json', 'more refs.json'],
    ]);
    expect(text.slice(frontMatter.span.start, frontMatter.span.end)).toBe(text.slice(0, text.indexOf('---\nBody') + 3));
    expect(frontMatter.error).toBeUndefined();
  });

  it('reads a single bibliography string and a dated as_of', () => {
    const text = '---\r\nas_of: 2024-05\r\nbibliography: refs.bib\r\n...\r\n\r\nBody.\r\n';
    const frontMatter = parseMarkdown(text).frontMatter!;
    expect(frontMatter.asOf).toBe('2024-05');
    expect(frontMatter.bibliography.map((b) => text.slice(b.span.start, b.span.end))).toEqual(['refs.bib']);
  });

  it('reports unparsable YAML with a span inside the front matter', () => {
    const text = '---\ntitle: [unclosed\nas_of: 2024\n---\n\nBody 3 Mt.\n';
    const document = parseMarkdown(text);
    const error = document.frontMatter!.error!;
    expect(error.message).toMatch(/YAML/);
    expect(error.span.start).toBeGreaterThanOrEqual(4);
    expect(error.span.end).toBeLessThanOrEqual(document.frontMatter!.span.end);
    expect(sentencesOf(text, document)).toEqual(['Body 3 Mt.']);
  });

  it('is only front matter at the very start and when closed', () => {
    expect(parseMarkdown('Intro.\n\n---\nas_of: 2024\n---\n').frontMatter).toBeUndefined();
    expect(parseMarkdown('---\nas_of: 2024\n').frontMatter).toBeUndefined();
    expect(parseMarkdown('\uFEFF---\nas_of: 2023\n---\n').frontMatter?.asOf).toBe('2023');
  });
});

describe('suppressions', () => {
  it('disable-next-line covers the line after the comment', () => {
    const text = 'Line 0.\n\n<!-- claimlint-disable-next-line missing-source unit-mismatch -->\nLine 3 has 3 Mt.\n';
    expect(parseMarkdown(text).suppressions).toEqual([{ rules: ['missing-source', 'unit-mismatch'], fromLine: 3, toLine: 3 }]);
  });

  it('disable-next-line after a multi-line comment covers the line after its last line', () => {
    const text = '<!--\nclaimlint-disable-next-line\n-->\nLine 3.\n';
    expect(parseMarkdown(text).suppressions).toEqual([{ rules: [], fromLine: 3, toLine: 3 }]);
  });

  it('disable … enable covers the lines between, per rule', () => {
    const text = [
      '<!-- claimlint-disable contradiction -->',
      'A 3 Mt.',
      '<!-- claimlint-enable contradiction -->',
      'B.',
      '<!-- claimlint-disable -->',
      'C.',
      '<!-- claimlint-enable -->',
      'D.',
    ].join('\n');
    expect(parseMarkdown(text).suppressions).toEqual([
      { rules: ['contradiction'], fromLine: 0, toLine: 2 },
      { rules: [], fromLine: 4, toLine: 6 },
    ]);
  });

  it('an unclosed disable runs to the end', () => {
    const text = 'A.\n\n<!-- claimlint-disable missing-source -->\n\nB.\n\nC.\n';
    expect(parseMarkdown(text).suppressions).toEqual([{ rules: ['missing-source'], fromLine: 2, toLine: 7 }]);
  });

  it('enabling one rule inside a disable-everything range keeps the others disabled', () => {
    const text = '<!-- claimlint-disable -->\nA.\n<!-- claimlint-enable missing-source -->\nB.\n';
    const suppressions = parseMarkdown(text).suppressions;
    expect(suppressions[0]).toEqual({ rules: [], fromLine: 0, toLine: 2 });
    const rest = suppressions.slice(1);
    expect(rest.map((s) => s.rules[0])).not.toContain('missing-source');
    expect(rest.map((s) => s.rules[0])).toContain('contradiction');
    expect(rest.every((s) => s.fromLine === 3 && s.toLine === 4)).toBe(true);
  });

  it('disable-line covers the comment’s own line, also inline at the end of a paragraph', () => {
    const text = 'First.\n\nRussia holds 3.8 Mt. <!-- claimlint-disable-line missing-source -->\n';
    expect(parseMarkdown(text).suppressions).toEqual([{ rules: ['missing-source'], fromLine: 2, toLine: 2 }]);
  });

  it("takes front matter's YAML comments, for the front matter's lines only", () => {
    const text = '---\n# claimlint-disable-next-line invalid-claim\nas_of: 2024-13\n# claimlint-disable missing-source\ntitle: "<!-- claimlint-disable -->"\n---\n\nRussia holds 3.8 Mt.\n';
    expect(parseMarkdown(text).suppressions).toEqual([
      { rules: ['invalid-claim'], fromLine: 2, toLine: 2 },
      { rules: ['missing-source'], fromLine: 3, toLine: 5 },
    ]);
  });

  it('disable-file covers the whole document', () => {
    const text = 'A 3 Mt.\n\nB 4 Mt.\n\n<!-- claimlint-disable-file unit-mismatch, contradiction -->\n';
    expect(parseMarkdown(text).suppressions).toEqual([{ rules: ['unit-mismatch', 'contradiction'], fromLine: 0, toLine: 5 }]);
  });

  it('ignore comments inside code and unrelated comments', () => {
    const text = '```\n<!-- claimlint-disable -->\n```\n\n`<!-- claimlint-disable -->`\n\n<!-- a note -->\n';
    expect(parseMarkdown(text).suppressions).toEqual([]);
  });

  it('count lines the same way with CRLF line ends', () => {
    const text = 'A.\r\n\r\n<!-- claimlint-disable-next-line missing-source -->\r\nB 3 Mt.\r\n';
    expect(parseMarkdown(text).suppressions).toEqual([{ rules: ['missing-source'], fromLine: 3, toLine: 3 }]);
  });
});
