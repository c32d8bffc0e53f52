// Bad input never crashes the engine: each broken file gets a located diagnostic (or none), and the
// rest of the workspace is still checked.
import { describe, expect, it } from 'vitest';
import { ClaimWorkspace, LineIndex } from '../../server/engine/src';

const root = '/ws';

function workspace(files: Record<string, string>, config?: string): ClaimWorkspace {
  const all = { ...files };
  const ws = new ClaimWorkspace({
    root,
    ...(config !== undefined ? { configText: config, configFile: `${root}/claimlint.yaml` } : {}),
    host: { readFile: (file) => all[file.slice(root.length + 1)] },
  });
  for (const [name, text] of Object.entries(files)) if (!name.endsWith('sources.yaml') && !name.endsWith('.bib')) ws.setDocument(`${root}/${name}`, text);
  return ws;
}

const SOURCES = 'sources:\n  - id: usgs\n    title: USGS\n';
const GOOD_MD = '# Report\n\nRussia holds 3.8 Mt of rare-earth reserves [@usgs].\n';

const BAD_INPUTS: Record<string, string> = {
  'malformed YAML': 'claims:\n  - value: [unclosed\n    subject: ru\n',
  'YAML of the wrong shape': '- just\n- a\n- list\n',
  'unknown keys': 'claims:\n  - value: 3.8 Mt\n    soruces: [usgs]\n',
  'an empty file': '',
  'only a BOM': '\uFEFF',
  'BOM and CRLF': '\uFEFFclaims:\r\n  - value: 3.8 Mt\r\n    subject: ru\r\n    sources: [usgs]\r\n',
  'CR-only line ends': 'claims:\r  - value: 3.8 Mt\r    sources: [usgs]\r',
  'NUL bytes': 'claims:\u0000\n  - value: 3.8\u0000 Mt\n',
  'a YAML alias bomb': 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nclaims: [*f]\n',
  'deep nesting': `claims: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  'lone surrogates': 'claims:\n  - value: "3.8 \uD800Mt"\n    sources: [usgs]\n',
};

const BAD_MARKDOWN: Record<string, string> = {
  'unclosed code fence': '```\n3.8 Mt\n',
  'broken front matter': '---\nas_of: [2024\n---\nRussia holds 3.8 Mt of reserves [@usgs].\n',
  'unclosed HTML comment': '<!-- claimlint-disable\nRussia holds 3.8 Mt [@usgs].\n',
  'unbalanced brackets': '[[[[[3.8 Mt]{subject= [@ [^ [1](\n',
  'random punctuation': '.,;:!?。！？[]{}()<>*_`~#|\\'.repeat(2000),
  'a 10 MB line': `Russia holds 3.8 Mt of reserves [@usgs]. ${'x'.repeat(10 * 1024 * 1024)}`,
  'thousands of figures in one sentence': `${Array.from({ length: 5000 }, (_, i) => `${i + 1}.5 Mt`).join(', ')} [@usgs].`,
  'BOM and CRLF': '\uFEFF# Title\r\n\r\nRussia holds 3.8 Mt of reserves [@usgs].\r\n',
};

const BAD_REGISTRIES: Record<string, string> = {
  'malformed BibTeX': '@article{usgs,\n  title = {Unclosed\n',
  'BibTeX with control characters and a broken entry': '\u0000\u0001\u0002\n@misc{{{{ %% not bibtex',
  'malformed registry YAML': 'sources:\n  - id: [x\n',
};

function expectLocated(ws: ClaimWorkspace): void {
  const diagnostics = ws.diagnostics();
  for (const d of diagnostics) {
    const text = ws.textOf(d.file) ?? '';
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.message).not.toMatch(/\n\s+at /); // no stack traces in messages
  }
}

describe('the engine on bad input', () => {
  it.each(Object.entries(BAD_INPUTS))('survives a claim file with %s, and still checks the rest', (_name, text) => {
    const ws = workspace({ 'bad.claims.yaml': text, 'report.md': GOOD_MD, 'sources.yaml': SOURCES });
    expect(() => ws.diagnostics()).not.toThrow();
    expectLocated(ws);
    expect(ws.claims().some((c) => c.file === `${root}/report.md`)).toBe(true);
  });

  it.each(Object.entries(BAD_MARKDOWN))('survives Markdown with %s', (_name, text) => {
    const ws = workspace({ 'bad.md': text, 'sources.yaml': SOURCES });
    expect(() => ws.diagnostics()).not.toThrow();
    expectLocated(ws);
  });

  it.each(Object.entries(BAD_REGISTRIES))('survives a registry with %s and reports it there', (_name, text) => {
    const bib = _name.includes('BibTeX');
    const ws = workspace(
      { [bib ? 'refs.bib' : 'sources.yaml']: text, 'report.md': GOOD_MD },
      bib ? 'sources: [refs.bib]\n' : undefined,
    );
    const diagnostics = ws.diagnostics();
    expectLocated(ws);
    expect(diagnostics.some((d) => d.rule === 'invalid-claim' && d.file.endsWith(bib ? 'refs.bib' : 'sources.yaml'))).toBe(true);
  });

  it.each(Object.entries(BAD_INPUTS))('survives a config with %s', (_name, text) => {
    const ws = workspace({ 'report.md': GOOD_MD, 'sources.yaml': SOURCES }, text);
    expect(() => ws.diagnostics()).not.toThrow();
    expectLocated(ws);
  });

  it('reports a broken config on the config file, with a line and column', () => {
    const config = 'approximation: lots\nrules:\n  contradicton: error\n';
    const ws = workspace({ 'report.md': GOOD_MD, 'sources.yaml': SOURCES }, config);
    const onConfig = ws.diagnostics().filter((d) => d.file === `${root}/claimlint.yaml`);
    expect(onConfig.map((d) => new LineIndex(config).positionAt(d.span.start).line).sort()).toEqual([0, 2]);
    expect(onConfig.find((d) => d.message.includes('contradicton'))?.message).toMatch(/did you mean "contradiction"/);
  });
});

describe('bad input found by the fuzzer (npm run fuzz)', () => {
  it('never underlines half of an emoji when it widens a YAML error to one character', () => {
    const ws = workspace({ 'a.claims.yaml': 'claims:\n  - value: "3.8 Mt\n\u{1F600}' });
    for (const d of ws.diagnostics()) {
      const text = ws.textOf(d.file)!;
      for (const at of [d.span.start, d.span.end]) {
        const code = text.charCodeAt(at);
        expect(code >= 0xdc00 && code <= 0xdfff && at > 0, `${d.message} at ${at}`).toBe(false);
      }
    }
  });

  it('reports YAML nested thousands deep once, at the start, the same way on every call', () => {
    const text = `${'- '.repeat(1)}${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    const messages = () => workspace({ 'a.claims.yaml': text }).diagnostics().map((d) => `${d.span.start}:${d.message}`);
    const first = messages();
    expect(first.length).toBeGreaterThan(0);
    expect(messages()).toEqual(first);
  });

  it('names at most three sources of a figure in a message, however many its sentence cites', () => {
    const cites = Array.from({ length: 40 }, (_, i) => `@s${i}`).join('; ');
    const ws = workspace({ 'a.md': `Russia holds 3.8 Mt of reserves [${cites}].\n\nRussia holds 9.9 Mt of reserves [@usgs].\n`, 'sources.yaml': SOURCES }, 'sources: [sources.yaml]\nmetrics:\n  reserves: {name: reserves, unit: t, aliases: [reserves]}\n');
    const contradiction = ws.diagnostics().find((d) => d.rule === 'contradiction' && d.message.startsWith('Russia') && d.message.includes('s0'));
    expect(contradiction?.message).toContain('s0, s1, s2 and 37 more');
  });
});

describe('YAML that once took seconds (found by npm run fuzz)', () => {
  it.each([
    ['an explicit key in a list item', 'claims:\n  - ? {a: 1}\n    : x\n'],
    ['a pair inside a flow list', 'claims: [[a]: 1]\n'],
    ['a key of a key', '? {[a]: 1}\n: x\n'],
  ])('reports a collection used as a key wherever it is: %s', (_name, text) => {
    const diagnostics = workspace({ 'a.claims.yaml': text }).diagnostics();
    expect(diagnostics.map((d) => d.message)).toContain('a YAML mapping key must be plain text, not a list or mapping');
  });

  it('reports a list used as a mapping key instead of turning it into a string', () => {
    const text = `claims:\n  ${'['.repeat(200)}${']'.repeat(200)}: x\n`;
    const diagnostics = workspace({ 'a.claims.yaml': text }).diagnostics();
    expect(diagnostics.map((d) => d.message)).toContain('a YAML mapping key must be plain text, not a list or mapping');
  });

  it('reports each of many duplicate keys at its own key', () => {
    const text = `claims:\n${Array.from({ length: 300 }, () => '  - value: 3 Mt\n    value: 4 Mt\n').join('')}`;
    const duplicates = workspace({ 'a.claims.yaml': text }).diagnostics().filter((d) => d.message.startsWith('duplicate key'));
    expect(duplicates).toHaveLength(300);
    expect(new Set(duplicates.map((d) => d.span.start)).size).toBe(300);
  });
});
