// sources.yaml is read on js-yaml's fast path when it parses cleanly and fits the schema, and with
// the `yaml` document otherwise. Whichever path reads a registry, its entries, their spans and the
// findings must be the same.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlRegistry, parseYamlRegistryFromDocument } from '../../server/engine/src/sources/yaml-registry';
import { validateSourceRegistry } from '../../server/engine/src/yaml/schema-validators';
import { readClean } from '../../server/engine/src/yaml/yaml-tree';

const root = resolve(__dirname, '../..');
const exampleRegistry = join(root, 'examples/rare-earths/sources.yaml');
const benchRegistry = '/tmp/claimlint-bench/claims-100000-seed-1/sources.yaml';

/** Reads a registry both ways, after checking that the fast path really takes it. */
function bothPaths(text: string, file = '/w/sources.yaml') {
  expect(readClean(text, validateSourceRegistry), 'the fast path reads this registry').toBeDefined();
  return { fast: parseYamlRegistry(text, file), document: parseYamlRegistryFromDocument(text, file) };
}

describe('the source registry read on the fast path and on the yaml path', () => {
  it('gives the same entries and spans for the example workspace registry', () => {
    const { fast, document } = bothPaths(readFileSync(exampleRegistry, 'utf8'), exampleRegistry);
    expect(fast.sources.length).toBeGreaterThan(3);
    expect(fast.sources.some((source) => source.archivePath !== undefined)).toBe(true);
    expect(fast).toEqual(document);
  });

  it.skipIf(!existsSync(benchRegistry))('gives the same entries and spans for the 100k bench registry', () => {
    const { fast, document } = bothPaths(readFileSync(benchRegistry, 'utf8'), benchRegistry);
    expect(fast.sources.length).toBeGreaterThan(100);
    expect(fast).toEqual(document);
  });

  it('gives the same entries and spans for flow entries, quoted and multi-line text, numbers and CRLF', () => {
    const text = [
      '# a registry written every way the schema allows',
      'sources:',
      '  - {id: mof-2024, title: 稀土行业年报, published: 2024}',
      '  - id: "quoted-id"',
      "    title: 'It''s a title: with a colon'",
      '    publisher: An office whose name',
      '      runs over two lines',
      '    url: https://example.org/a?b=c#d',
      '    published: 2025-05',
      '    archive: ../archive/quoted.txt   # a comment after a value',
      '  - id:   spaced   ',
      '    title: "  padded  "',
      '    published: "2023-02-01"',
      '  -',
      '    id: late-mapping',
      '',
    ].join('\r\n');
    const { fast, document } = bothPaths(text, '/w/refs/sources.yaml');
    expect(fast.sources.map((source) => source.id)).toEqual(['mof-2024', 'quoted-id', 'spaced', 'late-mapping']);
    const quoted = fast.sources[1]!;
    expect(text.slice(quoted.idSpan.start, quoted.idSpan.end)).toBe('"quoted-id"');
    expect(quoted.publisher).toBe('An office whose name runs over two lines');
    expect(quoted.archivePath).toBe('/w/archive/quoted.txt');
    expect(fast).toEqual(document);
  });

  it('reports a well-formed date that is not a real day at the same place on both paths', () => {
    const text = 'sources:\n  - id: leap\n    published: 2023-02-29\n';
    const { fast, document } = bothPaths(text);
    expect(fast.findings).toHaveLength(1);
    const [found] = fast.findings;
    expect(text.slice(found!.span.start, found!.span.end)).toBe('2023-02-29');
    expect(fast.sources[0]!.published).toBeUndefined();
    expect(fast).toEqual(document);
  });

  it('falls back to the yaml path, findings and all, for a registry that breaks the schema', () => {
    const text = 'sources:\n  - id: a\n    titel: A typo\n';
    expect(readClean(text, validateSourceRegistry)).toBeUndefined();
    const result = parseYamlRegistry(text, '/w/sources.yaml');
    expect(result.findings.map((found) => text.slice(found.span.start, found.span.end))).toEqual(['titel']);
    expect(result).toEqual(parseYamlRegistryFromDocument(text, '/w/sources.yaml'));
  });
});
