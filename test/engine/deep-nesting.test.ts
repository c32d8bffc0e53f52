// Deeply nested YAML (and BibTeX) is reported before it reaches its parser. yaml reads nesting by
// recursion; where its stack runs out while V8 compiles a regular expression, the process aborts with
// "RegExpCompiler Allocation failed", past any catch. That killed a CI test worker, and yaml alone,
// called on these texts at 400 successive stack depths in a fresh Node, aborted every time
// (docs/robustness.md). So the check must never depend on where the caller's stack happens to be.
import { describe, expect, it } from 'vitest';
import { ClaimWorkspace } from '../../server/engine/src';
import { MAX_YAML_NESTING, nestsDeeperThan } from '../../server/engine/src/yaml/nesting-depth';

const root = '/ws';

// Deeper than yaml can read: it ran out of stack at about 1,200 flow and 1,700 indented levels.
const DEEP: Record<string, number> = { 'flow lists': 5000, 'flow mappings': 5000, 'compact block lists': 5000, 'indented mappings': 2000 };
const NESTINGS: Record<string, (levels: number) => string> = {
  'flow lists': (n) => `claims: ${'['.repeat(n)}${']'.repeat(n)}\n`,
  'flow mappings': (n) => `claims: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`,
  'compact block lists': (n) => `claims:\n${'- '.repeat(n)}x\n`,
  'indented mappings': (n) => `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`,
};

function diagnosticsOf(files: Record<string, string>, config?: string): { file: string; message: string }[] {
  const ws = new ClaimWorkspace({
    root,
    ...(config !== undefined ? { configText: config, configFile: `${root}/claimlint.yaml` } : {}),
    host: { readFile: (file) => files[file.slice(root.length + 1)] },
  });
  for (const [name, text] of Object.entries(files)) if (!name.endsWith('sources.yaml') && !name.endsWith('.bib')) ws.setDocument(`${root}/${name}`, text);
  return ws.diagnostics().map((d) => ({ file: d.file.slice(root.length + 1), message: d.message }));
}

/** Runs `work` with `depth` more frames on the stack, so that yaml (if reached) overflows at a different point each time. */
function atStackDepth<T>(depth: number, work: () => T): T {
  return depth === 0 ? work() : atStackDepth(depth - 1, work);
}

describe('YAML nested deeper than claimlint reads', () => {
  for (const [kind, nest] of Object.entries(NESTINGS)) {
    it(`is reported in a claim file, a config and a registry (${kind}), at any depth of the caller's stack`, () => {
      const deep = nest(DEEP[kind]!);
      const expected = [
        { file: 'a.claims.yaml', message: `YAML nested too deeply to be read (more than ${MAX_YAML_NESTING} levels); claimlint files are a few levels deep` },
        { file: 'claimlint.yaml', message: `YAML nested too deeply to be read (more than ${MAX_YAML_NESTING} levels); claimlint files are a few levels deep` },
        { file: 'sources.yaml', message: `YAML nested too deeply to be read (more than ${MAX_YAML_NESTING} levels); claimlint files are a few levels deep` },
      ];
      // Indented text grows with the square of its depth (2 MB here): fewer rounds of it.
      for (let depth = 0; depth < 300; depth += kind === 'indented mappings' ? 50 : 10) {
        const found = atStackDepth(depth, () => diagnosticsOf({ 'a.claims.yaml': deep, 'sources.yaml': deep }, deep));
        expect(found.filter((d) => d.message.includes('nested too deeply')).sort((a, b) => a.file.localeCompare(b.file))).toEqual(expected);
      }
    });
  }

  it('is reported in front matter, at the front matter', () => {
    for (const [kind, nest] of Object.entries(NESTINGS)) {
      for (let depth = 0; depth < 300; depth += 100) {
        const found = atStackDepth(depth, () => diagnosticsOf({ 'a.md': `---\n${nest(DEEP[kind]!)}---\n# Report\n` }));
        expect(found.map((d) => d.message)).toContain(`Front matter is nested too deeply to be read (more than ${MAX_YAML_NESTING} levels); front matter is a few levels deep`);
      }
    }
  });

  it('leaves nesting up to the limit to yaml, which reads it', () => {
    for (const [kind, nest] of Object.entries(NESTINGS)) {
      // A compact list's level is two columns, so the bound counts it twice.
      const text = nest(MAX_YAML_NESTING / 2 - 2);
      expect(nestsDeeperThan(text), kind).toBe(false);
      expect(diagnosticsOf({ 'a.claims.yaml': text }).some((d) => d.message.includes('nested too deeply')), kind).toBe(false);
    }
  });

  it('counts no brackets in quoted text, comments or block scalars, nor a block scalar indented far right', () => {
    const brackets = '['.repeat(2 * MAX_YAML_NESTING);
    const text = [
      'claims:',
      '  - value: 3.8 Mt',
      '    subject: Russia',
      `    note: "${brackets}"`,
      `    other: '${'{'.repeat(2 * MAX_YAML_NESTING)}'`,
      `    # ${brackets}`,
      '    text: |',
      `      ${brackets}`,
      `${' '.repeat(2 * MAX_YAML_NESTING)}still the block scalar`,
      '',
    ].join('\n');
    expect(nestsDeeperThan(text)).toBe(false);
    expect(diagnosticsOf({ 'a.claims.yaml': text }).some((d) => d.message.includes('nested too deeply'))).toBe(false);
  });

  it('finds deep nesting that the quick bound alone would also find, whatever lies around it', () => {
    for (const nest of Object.values(NESTINGS)) {
      expect(nestsDeeperThan(nest(MAX_YAML_NESTING + 1))).toBe(true);
      expect(nestsDeeperThan(`# [[[[\nnote: "]]]]"\n${nest(MAX_YAML_NESTING + 1)}`)).toBe(true);
    }
  });
});

describe('BibTeX braces nested deeper than claimlint reads', () => {
  const cited = 'Russia holds 3.8 Mt of reserves [@usgs].\n';
  const config = 'sources: [refs.bib]\n';

  it('are reported at the entry, at any depth of the caller\'s stack, and the other entries still count', () => {
    const bib = `@misc{deep, title = {${'{'.repeat(20000)}x${'}'.repeat(20000)}}}\n\n@misc{usgs, title = {Mineral Commodity Summaries}}\n`;
    for (let depth = 0; depth < 300; depth += 30) {
      const found = atStackDepth(depth, () => diagnosticsOf({ 'refs.bib': bib, 'a.md': cited }, config));
      expect(found).toEqual([{ file: 'refs.bib', message: 'BibTeX entry "deep" nests braces too deeply to be read (more than 256 levels); entries nest a few' }]);
    }
  });

  it('are read up to the limit', () => {
    const bib = `@misc{usgs, title = {${'{'.repeat(200)}Mineral Commodity Summaries${'}'.repeat(200)}}}\n`;
    expect(diagnosticsOf({ 'refs.bib': bib, 'a.md': cited }, config)).toEqual([]);
  });
});
