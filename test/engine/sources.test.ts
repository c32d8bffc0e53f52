import { describe, expect, it } from 'vitest';
import type { SourceEntry, Span } from '../../server/engine/src/model';
import { parseSourceRegistry, registryFormat } from '../../server/engine/src/sources';

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

function byId(sources: SourceEntry[], id: string): SourceEntry {
  const source = sources.find((entry) => entry.id === id);
  expect(source, `source ${id}`).toBeDefined();
  return source!;
}

describe('registryFormat', () => {
  it('chooses the format by extension', () => {
    expect(registryFormat('/w/refs/library.bib')).toBe('bibtex');
    expect(registryFormat('/w/refs/LIBRARY.BIB')).toBe('bibtex');
    expect(registryFormat('/w/refs/zotero.json')).toBe('csl-json');
    expect(registryFormat('/w/sources.yaml')).toBe('yaml');
    expect(registryFormat('/w/sources.yml')).toBe('yaml');
    expect(registryFormat('/w/sources')).toBe('yaml');
  });
});

describe('parseSourceRegistry, claimlint YAML', () => {
  const file = '/w/refs/sources.yaml';
  const text = [
    'sources:',
    '  - id: usgs-mcs-2025',
    '    title: Mineral Commodity Summaries 2025, Rare Earths',
    '    publisher: U.S. Geological Survey',
    '    url: https://example.org/mcs2025-rare-earths.pdf',
    '    published: 2025-01-31',
    '    archive: ../archive/usgs-mcs-2025.txt',
    '  - {id: mof-2024, title: 稀土行业年报, published: 2024}',
    '',
  ].join('\n');
  const { sources, findings } = parseSourceRegistry(text, file);

  it('reads every source with its fields and reports nothing', () => {
    expect(findings).toEqual([]);
    expect(sources.map((source) => source.id)).toEqual(['usgs-mcs-2025', 'mof-2024']);
    const usgs = byId(sources, 'usgs-mcs-2025');
    expect(usgs).toMatchObject({
      title: 'Mineral Commodity Summaries 2025, Rare Earths',
      publisher: 'U.S. Geological Survey',
      url: 'https://example.org/mcs2025-rare-earths.pdf',
      published: '2025-01-31',
      archive: '../archive/usgs-mcs-2025.txt',
      archivePath: '/w/archive/usgs-mcs-2025.txt',
      file,
      format: 'yaml',
    });
    expect(byId(sources, 'mof-2024').published).toBe('2024');
  });

  it('locates each source and its id', () => {
    const usgs = byId(sources, 'usgs-mcs-2025');
    expect(slice(text, usgs.idSpan)).toBe('usgs-mcs-2025');
    expect(slice(text, usgs.span).startsWith('id: usgs-mcs-2025')).toBe(true);
    expect(slice(text, usgs.span).endsWith('archive: ../archive/usgs-mcs-2025.txt')).toBe(true);
    const mof = byId(sources, 'mof-2024');
    expect(slice(text, mof.span)).toBe('{id: mof-2024, title: 稀土行业年报, published: 2024}');
    expect(slice(text, mof.idSpan)).toBe('mof-2024');
  });

  it('reports schema violations on their nodes and keeps the good sources', () => {
    const bad = [
      'sources:',
      '  - id: a',
      '    titel: Reserves',
      '    url: example.org/report',
      '    published: 2025-02-30',
      '  - title: no id here',
      '  - id: b',
      '',
    ].join('\n');
    const result = parseSourceRegistry(bad, file);
    expect(result.findings.map((finding) => [finding.message, slice(bad, finding.span)])).toEqual([
      ['unknown key "titel" in a source (did you mean "title"?)', 'titel'],
      ['url must be a full URL such as https://example.org/report.pdf (got "example.org/report")', 'example.org/report'],
      ['published must be YYYY, YYYY-MM or YYYY-MM-DD (got "2025-02-30")', '2025-02-30'],
      ['source has no id', 'title'],
    ]);
    expect(result.findings.every((finding) => finding.rule === 'invalid-claim')).toBe(true);
    expect(result.sources.map((source) => source.id)).toEqual(['a', 'b']);
    expect(result.sources[0]!.published).toBeUndefined();
  });

  it('returns duplicate ids as they are, for the workspace to report', () => {
    const result = parseSourceRegistry('sources:\n  - id: a\n  - id: a\n', file);
    expect(result.findings).toEqual([]);
    expect(result.sources.map((source) => source.id)).toEqual(['a', 'a']);
  });

  it('reports a registry that is not a mapping with a sources list', () => {
    const result = parseSourceRegistry('- id: a\n', file);
    expect(result.sources).toEqual([]);
    expect(result.findings.map((finding) => finding.message)).toEqual([
      'source registry must be a mapping with a "sources:" list (got a list)',
    ]);
  });

  it('reads empty and comment-only registries as nothing', () => {
    expect(parseSourceRegistry('', file)).toEqual({ sources: [], findings: [] });
    expect(parseSourceRegistry('# to do\n', file)).toEqual({ sources: [], findings: [] });
    expect(parseSourceRegistry('sources:\n', file)).toEqual({ sources: [], findings: [] });
  });

  it('reports a YAML syntax error with its place', () => {
    const bad = 'sources:\n  - id: a\n    title: [unclosed\n';
    const result = parseSourceRegistry(bad, file);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings[0]!.message).toMatch(/^YAML syntax error: /);
    expect(result.findings[0]!.span.start).toBeGreaterThanOrEqual(bad.indexOf('['));
  });
});

describe('parseSourceRegistry, BibTeX', () => {
  const file = '/w/refs/library.bib';
  const text = [
    '% Sources for the rare-earth brief',
    '@string{usgs = "U.S. Geological Survey"}',
    '',
    '@techreport{usgs-mcs-2025,',
    '  title = {Mineral {Commodity} Summaries 2025},',
    '  institution = usgs # " (USGS)",',
    '  url = {https://example.org/mcs_2025%20rare.pdf},',
    '  year = 2025,',
    '  month = jan,',
    '  archive = {../archive/usgs_mcs.txt},',
    '}',
    '',
    '@comment{ an aside that is not an entry }',
    '',
    '@Article{Wang2024,',
    '  Title = "Rare-earth supply in {Baotou} and {M\\\'{e}xico}",',
    '  Journal = {Resources Policy},',
    '  DOI = {10.1000/xyz123},',
    '  date = {2024-03-05}',
    '}',
    '',
    '@misc{ministry-2023, howpublished = {\\url{https://example.org/stats}}, year = {2023}}',
    '',
  ].join('\n');
  const { sources, findings } = parseSourceRegistry(text, file);

  it('reads every entry and reports nothing', () => {
    expect(findings).toEqual([]);
    expect(sources.map((source) => source.id)).toEqual(['usgs-mcs-2025', 'Wang2024', 'ministry-2023']);
    expect(sources.every((source) => source.format === 'bibtex' && source.file === file)).toBe(true);
  });

  it('expands @string macros, month macros and braces', () => {
    expect(byId(sources, 'usgs-mcs-2025')).toMatchObject({
      title: 'Mineral Commodity Summaries 2025',
      publisher: 'U.S. Geological Survey (USGS)',
      url: 'https://example.org/mcs_2025%20rare.pdf',
      published: '2025-01',
      archive: '../archive/usgs_mcs.txt',
      archivePath: '/w/archive/usgs_mcs.txt',
    });
  });

  it('reads accents, the journal as publisher, a DOI as URL and a biblatex date', () => {
    expect(byId(sources, 'Wang2024')).toMatchObject({
      title: 'Rare-earth supply in Baotou and México',
      publisher: 'Resources Policy',
      url: 'https://doi.org/10.1000/xyz123',
      published: '2024-03-05',
    });
  });

  it('takes a URL from \\url in howpublished', () => {
    expect(byId(sources, 'ministry-2023')).toMatchObject({ url: 'https://example.org/stats', published: '2023' });
  });

  it('spans the key and the whole entry', () => {
    const usgs = byId(sources, 'usgs-mcs-2025');
    expect(slice(text, usgs.idSpan)).toBe('usgs-mcs-2025');
    expect(slice(text, usgs.span).startsWith('@techreport{usgs-mcs-2025,')).toBe(true);
    expect(slice(text, usgs.span).endsWith('archive = {../archive/usgs_mcs.txt},\n}')).toBe(true);
    const wang = byId(sources, 'Wang2024');
    expect(slice(text, wang.idSpan)).toBe('Wang2024');
    const ministry = byId(sources, 'ministry-2023');
    expect(slice(text, ministry.span)).toBe(
      '@misc{ministry-2023, howpublished = {\\url{https://example.org/stats}}, year = {2023}}',
    );
  });

  it('reports a broken entry and keeps the entries around it, with exact spans', () => {
    const broken = [
      '@string{pub = "Ministry of Industry"}',
      '@misc{first, title = {First}, publisher = pub}',
      '@misc{unclosed, title = {Second}',
      '@misc{third title = {Third}}',
      '@misc{fourth, title = {Fourth}, year = 2021}',
      '',
    ].join('\n');
    const result = parseSourceRegistry(broken, file);
    expect(result.sources.map((source) => source.id)).toEqual(['first', 'fourth']);
    expect(byId(result.sources, 'first').publisher).toBe('Ministry of Industry');
    const fourth = byId(result.sources, 'fourth');
    expect(slice(broken, fourth.idSpan)).toBe('fourth');
    expect(slice(broken, fourth.span)).toBe('@misc{fourth, title = {Fourth}, year = 2021}');
    expect(result.findings.map((finding) => [finding.message, slice(broken, finding.span)])).toEqual([
      ['BibTeX entry "unclosed" is not closed (a "}" is missing?)', '@misc{unclosed'],
      ['BibTeX syntax error in entry "third": Expected "," or "=" but "t" found.', 't'],
    ]);
    expect(result.findings[1]!.span.start).toBe(broken.indexOf('title = {Third}'));
  });

  it('reports an entry without a citation key', () => {
    const bad = '@misc{, title = {Nameless}}\n';
    const result = parseSourceRegistry(bad, file);
    expect(result.sources).toEqual([]);
    expect(result.findings.map((finding) => finding.message)).toEqual([
      'BibTeX entry has no citation key, so nothing can cite it',
    ]);
  });

  it('returns duplicate keys as they are', () => {
    const result = parseSourceRegistry('@misc{a, title={A}}\n@misc{a, title={B}}\n', file);
    expect(result.sources.map((source) => source.title)).toEqual(['A', 'B']);
  });

  it('reads an empty file and a file of comments as nothing', () => {
    expect(parseSourceRegistry('', file)).toEqual({ sources: [], findings: [] });
    expect(parseSourceRegistry('% just a comment\n', file)).toEqual({ sources: [], findings: [] });
  });

  it('reports hostile nesting instead of throwing', () => {
    const deep = `@misc{deep, title = ${'{'.repeat(200_000)}${'}'.repeat(200_000)}}\n@misc{ok, title={Fine}}\n`;
    const result = parseSourceRegistry(deep, file);
    expect(result.sources.map((source) => source.id)).toEqual(['ok']);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.message).toBe('BibTeX entry "deep" nests braces too deeply to be read (more than 256 levels); entries nest a few');
  });

  it('reads CRLF line ends with exact spans', () => {
    const crlf = '@misc{a,\r\n  title = {A},\r\n}\r\n';
    const result = parseSourceRegistry(crlf, file);
    expect(slice(crlf, result.sources[0]!.span)).toBe('@misc{a,\r\n  title = {A},\r\n}');
    expect(slice(crlf, result.sources[0]!.idSpan)).toBe('a');
  });
});

describe('parseSourceRegistry, CSL-JSON', () => {
  const file = '/w/refs/zotero.json';
  const text = `[
  {
    "id": "usgs-mcs-2025",
    "type": "report",
    "title": "Mineral Commodity Summaries 2025",
    "publisher": "U.S. Geological Survey",
    "URL": "https://example.org/mcs2025.pdf",
    "issued": { "date-parts": [[2025, 1, 31]] }
  },
  {
    "id": 42,
    "title": "Rare earths monthly",
    "container-title": "Metals Weekly",
    "issued": { "date-parts": [["2024", "5"]] }
  },
  {
    "id": "raw-date",
    "DOI": "10.1000/abc",
    "issued": { "raw": "2023-07" }
  }
]
`;
  const { sources, findings } = parseSourceRegistry(text, file);

  it('reads every item with its fields and reports nothing', () => {
    expect(findings).toEqual([]);
    expect(sources.map((source) => source.id)).toEqual(['usgs-mcs-2025', '42', 'raw-date']);
    expect(byId(sources, 'usgs-mcs-2025')).toMatchObject({
      title: 'Mineral Commodity Summaries 2025',
      publisher: 'U.S. Geological Survey',
      url: 'https://example.org/mcs2025.pdf',
      published: '2025-01-31',
      format: 'csl-json',
      file,
    });
    expect(byId(sources, '42')).toMatchObject({ publisher: 'Metals Weekly', published: '2024-05' });
    expect(byId(sources, 'raw-date')).toMatchObject({ url: 'https://doi.org/10.1000/abc', published: '2023-07' });
  });

  it('locates each item and its id', () => {
    const usgs = byId(sources, 'usgs-mcs-2025');
    expect(slice(text, usgs.idSpan)).toBe('"usgs-mcs-2025"');
    expect(slice(text, usgs.span).startsWith('{\n    "id": "usgs-mcs-2025"')).toBe(true);
    expect(slice(text, usgs.span).endsWith('"issued": { "date-parts": [[2025, 1, 31]] }\n  }')).toBe(true);
    expect(slice(text, byId(sources, '42').idSpan)).toBe('42');
  });

  it('reads {items: [...]} as well as a bare array', () => {
    const wrapped = '{"items": [{"id": "a", "title": "A"}]}';
    const result = parseSourceRegistry(wrapped, file);
    expect(result.findings).toEqual([]);
    expect(result.sources.map((source) => source.id)).toEqual(['a']);
    expect(slice(wrapped, result.sources[0]!.span)).toBe('{"id": "a", "title": "A"}');
  });

  it('reads tab-indented JSON', () => {
    const tabbed = '[\n\t{\n\t\t"id": "a",\n\t\t"title": "A"\n\t}\n]\n';
    const result = parseSourceRegistry(tabbed, file);
    expect(result.findings).toEqual([]);
    expect(result.sources.map((source) => source.id)).toEqual(['a']);
  });

  it('reports one located finding for a syntax error and keeps the items before it', () => {
    const broken = '[\n  {"id": "a", "title": "A"},\n  {"id": "b" "title": "B"},\n  {"id": "c"}\n]\n';
    const result = parseSourceRegistry(broken, file);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.rule).toBe('invalid-claim');
    expect(result.findings[0]!.message).toMatch(/^JSON syntax error: /);
    const start = result.findings[0]!.span.start;
    expect(start).toBeGreaterThan(broken.indexOf('{"id": "b"'));
    expect(start).toBeLessThan(broken.indexOf('{"id": "c"}'));
    expect(result.sources.map((source) => source.id)).toContain('a');
  });

  it('reports an unclosed array once', () => {
    const broken = '[{"id": "a"}, {"id": "b"}';
    const result = parseSourceRegistry(broken, file);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.message).toMatch(/^JSON syntax error: /);
  });

  it('reports items without an id and items that are not objects', () => {
    const bad = '[{"title": "no id"}, "usgs", {"id": "ok"}]';
    const result = parseSourceRegistry(bad, file);
    expect(result.sources.map((source) => source.id)).toEqual(['ok']);
    expect(result.findings.map((finding) => [finding.message, slice(bad, finding.span)])).toEqual([
      ['CSL-JSON item has no id, so nothing can cite it', '"title"'],
      ['a CSL-JSON item must be an object (got "usgs")', '"usgs"'],
    ]);
  });

  it('reports a document that is neither an array nor {items}', () => {
    const result = parseSourceRegistry('{"id": "a"}', file);
    expect(result.sources).toEqual([]);
    expect(result.findings.map((finding) => finding.message)).toEqual([
      'a CSL-JSON registry must be a list of items, or {"items": [...]}',
    ]);
  });

  it('reads an empty file as nothing', () => {
    expect(parseSourceRegistry('', file)).toEqual({ sources: [], findings: [] });
  });
});

describe('parseSourceRegistry, format override', () => {
  it('reads text in the format it is told, whatever the extension', () => {
    const result = parseSourceRegistry('@misc{a, title={A}}', '/w/refs/library.txt', 'bibtex');
    expect(result.sources.map((source) => source.id)).toEqual(['a']);
  });
});
