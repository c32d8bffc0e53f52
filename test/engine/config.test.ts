import { describe, expect, it } from 'vitest';
import type { Span } from '../../server/engine/src/model';
import { DEFAULT_CONFIG, parseConfig } from '../../server/engine/src/yaml/config';

const FILE = '/w/claimlint.yaml';

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

describe('DEFAULT_CONFIG', () => {
  it('has the defaults the spec names', () => {
    expect(DEFAULT_CONFIG).toEqual({
      include: ['**/*.md', '**/*.claims.yaml', '**/*.claims.yml'],
      exclude: ['node_modules/**', '.git/**'],
      sources: ['sources.yaml'],
      approximation: 0.1,
      tolerance: 0,
      assume: {},
      units: {},
      subjects: {},
      metrics: {},
      rules: {},
    });
  });

  it('cannot be changed by changing a parsed config', () => {
    const { config } = parseConfig('', FILE);
    config.include.push('extra/**');
    config.rules['missing-source'] = 'off';
    expect(DEFAULT_CONFIG.include).toHaveLength(3);
    expect(DEFAULT_CONFIG.rules).toEqual({});
  });
});

describe('parseConfig, a complete config', () => {
  const text = [
    'include: ["reports/**/*.md", "**/*.claims.yaml"]',
    'exclude: ["drafts/**"]',
    'sources: ["sources.yaml", "refs/library.bib", "refs/zotero.json"]',
    'approximation: 0.05',
    'tolerance: 0.01',
    'assume: { ton: tonne, $: USD }',
    'units: { aircraft: count }',
    'subjects:',
    '  ru: { aliases: ["俄"] }',
    '  f-35: { aliases: ["F-35", "F-35 fighter"], name: F-35 }',
    'metrics:',
    '  re-reserves:',
    '    unit: t',
    '    name: rare-earth reserves',
    '    aliases: ["rare earth reserves", "稀土储量"]',
    '    tolerance: 0.02',
    'rules:',
    '  ambiguous-unit: warning',
    '  source-mismatch: off',
    '',
  ].join('\n');
  const { config, findings } = parseConfig(text, FILE);

  it('reads every part and reports nothing', () => {
    expect(findings).toEqual([]);
    expect(config).toEqual({
      include: ['reports/**/*.md', '**/*.claims.yaml'],
      exclude: ['drafts/**'],
      sources: ['sources.yaml', 'refs/library.bib', 'refs/zotero.json'],
      approximation: 0.05,
      tolerance: 0.01,
      assume: { ton: 'tonne', $: 'USD' },
      units: { aircraft: 'count' },
      subjects: { ru: { aliases: ['俄'] }, 'f-35': { aliases: ['F-35', 'F-35 fighter'], name: 'F-35' } },
      metrics: {
        're-reserves': {
          unit: 't',
          name: 'rare-earth reserves',
          aliases: ['rare earth reserves', '稀土储量'],
          tolerance: 0.02,
        },
      },
      rules: { 'ambiguous-unit': 'warning', 'source-mismatch': 'off' },
    });
  });
});

describe('parseConfig, defaults', () => {
  it('gives the defaults for an empty file', () => {
    expect(parseConfig('', FILE)).toEqual({ config: DEFAULT_CONFIG, findings: [], usable: true });
  });

  it('gives the defaults for a file of only comments', () => {
    expect(parseConfig('# nothing configured yet\n', FILE)).toEqual({ config: DEFAULT_CONFIG, findings: [], usable: true });
  });

  it('keeps the defaults for keys that are not given', () => {
    const { config } = parseConfig('tolerance: 0.02\n', FILE);
    expect(config).toEqual({ ...DEFAULT_CONFIG, tolerance: 0.02 });
  });

  it('accepts empty sections', () => {
    const { config, findings } = parseConfig('metrics:\nrules:\n', FILE);
    expect(findings).toEqual([]);
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('accepts a single string where a list is expected', () => {
    const { config, findings } = parseConfig('sources: refs.bib\nsubjects:\n  us: {aliases: America}\n', FILE);
    expect(findings).toEqual([]);
    expect(config.sources).toEqual(['refs.bib']);
    expect(config.subjects.us).toEqual({ aliases: ['America'] });
  });

  it('reads an entry with no settings as an empty entry', () => {
    const { config, findings } = parseConfig('subjects:\n  f-35:\n', FILE);
    expect(findings).toEqual([]);
    expect(config.subjects).toEqual({ 'f-35': {} });
  });
});

describe('parseConfig, bad parts fall back alone', () => {
  it('reports an unknown rule id with a suggestion and keeps the other rules and the metrics', () => {
    const text = 'rules:\n  ambigous-unit: off\n  contradiction: warning\nmetrics:\n  re-reserves: {unit: t}\n';
    const { config, findings } = parseConfig(text, FILE);
    expect(findings.map((finding) => finding.message)).toEqual([
      'unknown rule "ambigous-unit" (did you mean "ambiguous-unit"?)',
    ]);
    expect(findings[0]!.rule).toBe('invalid-claim');
    expect(slice(text, findings[0]!.span)).toBe('ambigous-unit');
    expect(config.rules).toEqual({ contradiction: 'warning' });
    expect(config.metrics).toEqual({ 're-reserves': { unit: 't' } });
  });

  it('reports a bad rule setting with a suggestion and drops only that rule', () => {
    const text = 'rules:\n  missing-source: warn\n  unknown-source: off\n';
    const { config, findings } = parseConfig(text, FILE);
    expect(findings.map((finding) => finding.message)).toEqual([
      'rule "missing-source" must be off, info, warning or error (got "warn"; did you mean "warning"?)',
    ]);
    expect(slice(text, findings[0]!.span)).toBe('warn');
    expect(config.rules).toEqual({ 'unknown-source': 'off' });
  });

  it('reports an unknown top-level key with a suggestion and applies the rest', () => {
    const text = 'tolerence: 0.01\napproximation: 0.2\n';
    const { config, findings } = parseConfig(text, FILE);
    expect(findings.map((finding) => finding.message)).toEqual([
      'unknown key "tolerence" in claimlint.yaml (did you mean "tolerance"?)',
    ]);
    expect(slice(text, findings[0]!.span)).toBe('tolerence');
    expect(config.tolerance).toBe(0);
    expect(config.approximation).toBe(0.2);
  });

  it('reports out-of-range numbers and keeps their defaults', () => {
    const text = 'approximation: 1.5\ntolerance: -0.1\n';
    const { config, findings } = parseConfig(text, FILE);
    expect(findings.map((finding) => [finding.message, slice(text, finding.span)])).toEqual([
      ['approximation must be less than 1 (got 1.5)', '1.5'],
      ['tolerance must be at least 0 (got -0.1)', '-0.1'],
    ]);
    expect(config.approximation).toBe(0.1);
    expect(config.tolerance).toBe(0);
  });

  it('drops one bad field of a metric and keeps the metric', () => {
    const text = 'metrics:\n  re-reserves:\n    unit: t\n    tolerance: lots\n    aliases: [reserves, 3]\n    tolerence: 0.1\n';
    const { config, findings } = parseConfig(text, FILE);
    expect(findings.map((finding) => [finding.message, slice(text, finding.span)])).toEqual([
      ['tolerance of metric "re-reserves" must be a number (got "lots")', 'lots'],
      ['aliases entry 2 of metric "re-reserves" must be text (got 3)', '3'],
      ['unknown key "tolerence" in metric "re-reserves" (did you mean "tolerance"?)', 'tolerence'],
    ]);
    expect(config.metrics).toEqual({ 're-reserves': { unit: 't' } });
  });

  it('drops a metric that is not a mapping and keeps the others', () => {
    const text = 'metrics:\n  bad: [t]\n  good: {unit: USD}\n';
    const { config, findings } = parseConfig(text, FILE);
    expect(findings.map((finding) => finding.message)).toEqual(['metric "bad" must be a mapping (got a list)']);
    expect(slice(text, findings[0]!.span)).toBe('[t]');
    expect(config.metrics).toEqual({ good: { unit: 'USD' } });
  });

  it('reports include that is not a glob or a list of globs', () => {
    const text = 'include: 3\nexclude: [vendor/**]\n';
    const { config, findings } = parseConfig(text, FILE);
    expect(findings.map((finding) => finding.message)).toEqual(['include must be a glob or a list of globs (got 3)']);
    expect(config.include).toEqual(DEFAULT_CONFIG.include);
    expect(config.exclude).toEqual(['vendor/**']);
  });

  it('reports an assume value that is not text and keeps the others', () => {
    const text = 'assume: {ton: tonne, $: 1}\n';
    const { config, findings } = parseConfig(text, FILE);
    expect(findings.map((finding) => finding.message)).toEqual(['assume.$ must be text (got 1)']);
    expect(config.assume).toEqual({ ton: 'tonne' });
  });

  it('reports a config that is a list, and gives the defaults', () => {
    const text = '- include: "**/*.md"\n';
    const { config, findings } = parseConfig(text, FILE);
    expect(findings.map((finding) => finding.message)).toEqual(['claimlint.yaml must be a mapping (got a list)']);
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('reports a YAML syntax error with a span and keeps what parsed', () => {
    const text = 'tolerance: 0.02\nrules: {missing-source: off\n';
    const { config, findings } = parseConfig(text, FILE);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]!.message).toMatch(/^YAML syntax error: /);
    expect(findings[0]!.span.start).toBeGreaterThan(text.indexOf('rules'));
    expect(config.tolerance).toBe(0.02);
  });

  it('explains an unquoted glob that YAML reads as an alias, and keeps the rest', () => {
    const text = 'include: **/*.md\ntolerance: 0.02\n';
    const { config, findings } = parseConfig(text, FILE);
    expect(findings.map((finding) => [finding.message, slice(text, finding.span)])).toEqual([
      ['unknown alias "**/*.md": in YAML a value that starts with "*" names an anchor; quote it if it is text', '**/*.md'],
    ]);
    expect(config.include).toEqual(DEFAULT_CONFIG.include);
    expect(config.tolerance).toBe(0.02);
  });

  it('follows anchors and aliases', () => {
    const { config, findings } = parseConfig('metrics:\n  a: &m {unit: t}\n  b: *m\n', FILE);
    expect(findings).toEqual([]);
    expect(config.metrics).toEqual({ a: { unit: 't' }, b: { unit: 't' } });
  });

  it('reports a duplicate key', () => {
    const text = 'tolerance: 0.02\ntolerance: 0.03\n';
    const { findings } = parseConfig(text, FILE);
    expect(findings.map((finding) => finding.message)).toEqual([
      'duplicate key "tolerance": each key may appear once in a mapping',
    ]);
    expect(findings[0]!.span.start).toBe(text.lastIndexOf('tolerance'));
  });

  it('treats __proto__ as an ordinary subject id', () => {
    const { config } = parseConfig('subjects:\n  __proto__: {aliases: [x]}\n', FILE);
    expect(Object.getPrototypeOf(config.subjects)).toBe(Object.prototype);
    expect(Object.keys(config.subjects)).toEqual(['__proto__']);
  });

  it('turns an alias bomb into a finding and gives the defaults', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 10; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const { config, findings } = parseConfig(`${lines.join('\n')}\n`, FILE);
    expect(findings.map((finding) => finding.message)).toEqual([
      'too many YAML aliases: they would expand to a huge document, so it is not read',
    ]);
    expect(config).toEqual(DEFAULT_CONFIG);
  });
});
