import { describe, expect, it } from 'vitest';
import type { Finding, Span } from '../../server/engine/src/model';
import { parseClaimsFile } from '../../server/engine/src/yaml/claims-file';

const FILE = '/w/data/reserves.claims.yaml';

function slice(text: string, span: Span | undefined): string {
  expect(span).toBeDefined();
  return text.slice(span!.start, span!.end);
}

function messages(findings: Finding[]): string[] {
  return findings.map((finding) => finding.message);
}

describe('parseClaimsFile, well-formed claims', () => {
  const text = [
    'claims:',
    '  - id: ru-reserves-2024',
    '    subject: russia',
    '    metric: re-reserves',
    '    value: 3.80 Mt',
    '    as_of: 2024',
    '    sources: [usgs-mcs-2025, {id: cgs-2024, locator: p. 12, quote: "3.8 million tonnes"}]',
    '    text: Russia has about 3.8 Mt of rare-earth reserves.',
    '  - subject: cn',
    '    metric: re-output',
    '    value: 27万吨',
    '    as_of: 2024-05-17',
    '    sources:',
    '      - mof-2024',
    '',
  ].join('\n');
  const { claims, findings } = parseClaimsFile(text, FILE);

  it('reads every claim and reports nothing', () => {
    expect(findings).toEqual([]);
    expect(claims).toHaveLength(2);
  });

  it('locates each field on the text that wrote it', () => {
    const [first] = claims;
    expect(slice(text, first!.id?.span)).toBe('ru-reserves-2024');
    expect(first!.id?.value).toBe('ru-reserves-2024');
    expect(slice(text, first!.subject?.span)).toBe('russia');
    expect(slice(text, first!.metric?.span)).toBe('re-reserves');
    expect(slice(text, first!.value?.span)).toBe('3.80 Mt');
    expect(slice(text, first!.asOf?.span)).toBe('2024');
    expect(slice(text, first!.text?.span)).toBe('Russia has about 3.8 Mt of rare-earth reserves.');
  });

  it('keeps a plain value as written, trailing zero included', () => {
    expect(claims[0]!.value?.value).toBe('3.80 Mt');
    expect(claims[1]!.value?.value).toBe('27万吨');
  });

  it('gives a YAML number year as its text', () => {
    expect(claims[0]!.asOf?.value).toBe('2024');
    expect(claims[1]!.asOf?.value).toBe('2024-05-17');
  });

  it('spans the whole list item and gives its 0-based line', () => {
    expect(slice(text, claims[0]!.span)).toBe(text.split('\n').slice(1, 8).join('\n').replace(/^ {2}- /, ''));
    expect(claims[0]!.line).toBe(1);
    expect(claims[1]!.line).toBe(8);
    expect(slice(text, claims[1]!.span).endsWith('- mof-2024')).toBe(true);
  });

  it('reads sources given as ids and as {id, locator, quote}', () => {
    const sources = claims[0]!.sources;
    expect(sources.map((source) => source.id)).toEqual(['usgs-mcs-2025', 'cgs-2024']);
    expect(slice(text, sources[0]!.span)).toBe('usgs-mcs-2025');
    expect(slice(text, sources[0]!.idSpan)).toBe('usgs-mcs-2025');
    expect(slice(text, sources[1]!.span)).toBe('{id: cgs-2024, locator: p. 12, quote: "3.8 million tonnes"}');
    expect(slice(text, sources[1]!.idSpan)).toBe('cgs-2024');
    expect(sources[1]!.locator).toBe('p. 12');
    expect(sources[1]!.quote).toBe('3.8 million tonnes');
    expect(slice(text, claims[0]!.sourcesSpan)).toBe(
      '[usgs-mcs-2025, {id: cgs-2024, locator: p. 12, quote: "3.8 million tonnes"}]',
    );
  });

  it('reads a block list of sources and spans it without the trailing newline', () => {
    expect(claims[1]!.sources.map((source) => source.id)).toEqual(['mof-2024']);
    expect(slice(text, claims[1]!.sourcesSpan)).toBe('- mof-2024');
  });
});

describe('parseClaimsFile, value forms', () => {
  it('reads a flow-style claim', () => {
    const text = 'claims:\n  - {value: 3.8 Mt, subject: ru, as_of: 2024-05, sources: [usgs]}\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(findings).toEqual([]);
    expect(claims).toHaveLength(1);
    expect(slice(text, claims[0]!.span)).toBe('{value: 3.8 Mt, subject: ru, as_of: 2024-05, sources: [usgs]}');
    expect(slice(text, claims[0]!.value?.span)).toBe('3.8 Mt');
    expect(claims[0]!.asOf?.value).toBe('2024-05');
    expect(claims[0]!.sources[0]!.id).toBe('usgs');
  });

  it('reads value: {amount, unit} as a number and a unit', () => {
    const text = 'claims:\n  - value: {amount: 3.8, unit: Mt}\n    sources: [usgs]\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(findings).toEqual([]);
    expect(claims[0]!.value?.value).toEqual({ amount: 3.8, unit: 'Mt' });
    expect(slice(text, claims[0]!.value?.span)).toBe('{amount: 3.8, unit: Mt}');
  });

  it('gives a bare number value as its text', () => {
    const { claims } = parseClaimsFile('claims:\n  - value: 3.8\n', FILE);
    expect(claims[0]!.value?.value).toBe('3.8');
  });

  it('keeps the quotes of a quoted value inside its span but not in its text', () => {
    const text = 'claims:\n  - value: "380万吨"\n';
    const { claims } = parseClaimsFile(text, FILE);
    expect(claims[0]!.value?.value).toBe('380万吨');
    expect(slice(text, claims[0]!.value?.span)).toBe('"380万吨"');
  });

  it('accepts a single source id without a list', () => {
    const text = 'claims:\n  - value: 3.8 Mt\n    sources: usgs-mcs-2025\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(findings).toEqual([]);
    expect(claims[0]!.sources.map((source) => source.id)).toEqual(['usgs-mcs-2025']);
    expect(slice(text, claims[0]!.sourcesSpan)).toBe('usgs-mcs-2025');
  });

  it('places an empty sources: just after its colon, and has no sources', () => {
    const text = 'claims:\n  - value: 3.8 Mt\n    sources:\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(findings).toEqual([]);
    expect(claims[0]!.sources).toEqual([]);
    const span = claims[0]!.sourcesSpan!;
    expect(span.start).toBe(span.end);
    expect(text.slice(span.start - 8, span.start)).toBe('sources:');
  });

  it('leaves sourcesSpan undefined when the claim has no sources key', () => {
    const { claims } = parseClaimsFile('claims:\n  - value: 3.8 Mt\n', FILE);
    expect(claims[0]!.sourcesSpan).toBeUndefined();
    expect(claims[0]!.sources).toEqual([]);
  });
});

describe('parseClaimsFile, schema violations', () => {
  it('reports a claim with no value on the claim, and does not return it', () => {
    const text = 'claims:\n  - subject: ru\n    metric: re-reserves\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(claims).toEqual([]);
    expect(messages(findings)).toEqual(['claim has no value']);
    expect(findings[0]!.rule).toBe('invalid-claim');
    expect(findings[0]!.file).toBe(FILE);
    expect(slice(text, findings[0]!.span)).toBe('subject');
  });

  it('reports a month that does not exist on the as_of value, and drops the as_of', () => {
    const text = 'claims:\n  - value: 3.8 Mt\n    as_of: 2024-13\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(messages(findings)).toEqual(['as_of must be YYYY, YYYY-MM or YYYY-MM-DD (got "2024-13")']);
    expect(slice(text, findings[0]!.span)).toBe('2024-13');
    expect(claims).toHaveLength(1);
    expect(claims[0]!.asOf).toBeUndefined();
  });

  it('reports a day that does not exist in its month (no 29 February in 2023)', () => {
    const text = 'claims:\n  - value: 3.8 Mt\n    as_of: 2023-02-29\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(messages(findings)).toEqual(['as_of must be YYYY, YYYY-MM or YYYY-MM-DD (got "2023-02-29")']);
    expect(slice(text, findings[0]!.span)).toBe('2023-02-29');
    expect(claims[0]!.asOf).toBeUndefined();
  });

  it('accepts 29 February in a leap year', () => {
    const { claims, findings } = parseClaimsFile('claims:\n  - value: 3.8 Mt\n    as_of: 2024-02-29\n', FILE);
    expect(findings).toEqual([]);
    expect(claims[0]!.asOf?.value).toBe('2024-02-29');
  });

  it('reports other as_of shapes with the same message', () => {
    const text = 'claims:\n  - value: 1 t\n    as_of: May 2024\n  - value: 2 t\n    as_of: 20245\n';
    const { findings } = parseClaimsFile(text, FILE);
    expect(messages(findings)).toEqual([
      'as_of must be YYYY, YYYY-MM or YYYY-MM-DD (got "May 2024")',
      'as_of must be YYYY, YYYY-MM or YYYY-MM-DD (got 20245)',
    ]);
    expect(findings.map((finding) => slice(text, finding.span))).toEqual(['May 2024', '20245']);
  });

  it('reports an unknown key with a suggestion, on the key, and still returns the claim', () => {
    const text = 'claims:\n  - value: 3.8 Mt\n    soruces: [usgs]\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(messages(findings)).toEqual(['unknown key "soruces" in a claim (did you mean "sources"?)']);
    expect(slice(text, findings[0]!.span)).toBe('soruces');
    expect(claims).toHaveLength(1);
    expect(claims[0]!.sources).toEqual([]);
  });

  it('reports an unknown key without a suggestion when nothing is close', () => {
    const { findings } = parseClaimsFile('claims:\n  - value: 3.8 Mt\n    confidence: high\n', FILE);
    expect(messages(findings)).toEqual(['unknown key "confidence" in a claim']);
  });

  it('reports wrong types on the offending node', () => {
    const text = [
      'claims:',
      '  - value: [3.8, Mt]',
      '    subject: {name: ru}',
      '  - value: 4 Mt',
      '    sources: [usgs, 42, {locator: p. 3}]',
      '',
    ].join('\n');
    const { claims, findings } = parseClaimsFile(text, FILE);
    const located = findings.map((finding) => [finding.message, slice(text, finding.span)]);
    expect(located).toEqual([
      ['value must be a quantity such as "3.8 Mt", or {amount: 3.8, unit: Mt} (got a list)', '[3.8, Mt]'],
      ['subject must be text (got a mapping)', '{name: ru}'],
      ['source must be an id or {id, locator, quote} (got 42)', '42'],
      ['source has no id', '{locator: p. 3}'],
    ]);
    // The first claim has no usable value; the second keeps its one good source.
    expect(claims).toHaveLength(1);
    expect(claims[0]!.sources.map((source) => source.id)).toEqual(['usgs']);
  });

  it('reports an {amount, unit} value with a missing unit and a text amount', () => {
    const text = 'claims:\n  - value: {amount: "3.8"}\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(messages(findings).sort()).toEqual(['value amount must be a number (got "3.8")', 'value has no unit'].sort());
    const amount = findings.find((finding) => finding.message.startsWith('value amount'))!;
    expect(slice(text, amount.span)).toBe('"3.8"');
    expect(claims).toEqual([]);
  });

  it('reports an empty value', () => {
    const text = 'claims:\n  - value: ""\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(messages(findings)).toEqual(['value must not be empty']);
    expect(slice(text, findings[0]!.span)).toBe('""');
    expect(claims).toEqual([]);
  });

  it('reports a top-level list instead of a mapping', () => {
    const text = '- value: 3.8 Mt\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(claims).toEqual([]);
    expect(messages(findings)).toEqual(['claims file must be a mapping with a "claims:" list (got a list)']);
    expect(slice(text, findings[0]!.span)).toBe('- value: 3.8 Mt');
  });

  it('reports claims: that is not a list', () => {
    const text = 'claims:\n  value: 3.8 Mt\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(claims).toEqual([]);
    expect(messages(findings)).toEqual(['claims must be a list of claims (got a mapping)']);
    expect(slice(text, findings[0]!.span)).toBe('value: 3.8 Mt');
  });

  it('reports a misspelt top-level key with a suggestion', () => {
    const text = 'claim:\n  - value: 3.8 Mt\n';
    const { findings } = parseClaimsFile(text, FILE);
    expect(messages(findings)).toEqual(['unknown key "claim" in a claims file (did you mean "claims"?)']);
    expect(slice(text, findings[0]!.span)).toBe('claim');
  });

  it('reports a list item that is not a mapping', () => {
    const text = 'claims:\n  - 3.8 Mt\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(claims).toEqual([]);
    expect(messages(findings)).toEqual(['claim must be a mapping (got "3.8 Mt")']);
    expect(slice(text, findings[0]!.span)).toBe('3.8 Mt');
  });
});

describe('parseClaimsFile, YAML syntax', () => {
  it('reports a duplicate key in one mapping on the second key', () => {
    const text = 'claims:\n  - value: 3.8 Mt\n    value: 4 Mt\n';
    const { findings } = parseClaimsFile(text, FILE);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toBe('duplicate key "value": each key may appear once in a mapping');
    expect(findings[0]!.span.start).toBe(text.lastIndexOf('value'));
  });

  it('reports a syntax error where it is', () => {
    const text = 'claims:\n  - value: [3.8 Mt\n    subject: ru\n';
    const { findings } = parseClaimsFile(text, FILE);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.rule === 'invalid-claim')).toBe(true);
    expect(findings[0]!.message).toMatch(/^YAML syntax error: /);
    expect(findings[0]!.span.start).toBeGreaterThanOrEqual(text.indexOf('['));
  });

  it('reports tab indentation as a finding', () => {
    const text = 'claims:\n\t- value: 3.8 Mt\n';
    const { findings } = parseClaimsFile(text, FILE);
    expect(findings.map((finding) => finding.message)).toContain(
      'tabs are not allowed as indentation in YAML; indent with spaces',
    );
    const tab = findings.find((finding) => finding.message.startsWith('tabs'))!;
    expect(slice(text, tab.span)).toBe('\t');
  });

  it('accepts tabs inside values', () => {
    const { claims, findings } = parseClaimsFile('claims:\n  - value: "3.8\tMt"\n', FILE);
    expect(findings).toEqual([]);
    expect(claims[0]!.value?.value).toBe('3.8\tMt');
  });

  it('reports a second YAML document', () => {
    const text = 'claims: []\n---\nclaims: []\n';
    const { findings } = parseClaimsFile(text, FILE);
    expect(messages(findings)).toEqual(['a claimlint file holds one YAML document; remove the extra "---"']);
  });

  it('turns an alias bomb into a finding instead of a hang', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 10; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const text = `${levels.join('\n')}\nclaims:\n  - value: *j\n`;
    const started = Date.now();
    const { findings } = parseClaimsFile(text, FILE);
    expect(Date.now() - started).toBeLessThan(2000);
    const bomb = findings.find((finding) => finding.message.startsWith('too many YAML aliases'));
    expect(bomb).toBeDefined();
    expect(slice(text, bomb!.span)).toMatch(/^\*[a-j]$/);
  });

  it('reads a claim given as an alias of another, spanned at the alias', () => {
    const text = 'claims:\n  - &base {value: 3.8 Mt, sources: [usgs]}\n  - *base\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(findings).toEqual([]);
    expect(claims.map((claim) => slice(text, claim.span))).toEqual(['{value: 3.8 Mt, sources: [usgs]}', '*base']);
    expect(claims[1]!.value?.value).toBe('3.8 Mt');
  });

  it('reads a file with a byte order mark and CRLF line ends with exact spans', () => {
    const text = '\ufeffclaims:\r\n  - value: 3.8 Mt\r\n    as_of: 2024\r\n    sources: [usgs]\r\n';
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(findings).toEqual([]);
    expect(slice(text, claims[0]!.value?.span)).toBe('3.8 Mt');
    expect(slice(text, claims[0]!.asOf?.span)).toBe('2024');
    expect(slice(text, claims[0]!.sources[0]!.idSpan)).toBe('usgs');
    expect(slice(text, claims[0]!.span)).toBe('value: 3.8 Mt\r\n    as_of: 2024\r\n    sources: [usgs]');
    expect(claims[0]!.line).toBe(1);
  });

  it('reads an empty file as no claims and no findings', () => {
    expect(parseClaimsFile('', FILE)).toEqual({ claims: [], findings: [], suppressions: [] });
  });

  it('reads a file of only comments as no claims and no findings', () => {
    const { claims, findings } = parseClaimsFile('# reserves\n# to be filled in\n', FILE);
    expect(claims).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('reads an empty claims list as no claims and no findings', () => {
    const { claims, findings } = parseClaimsFile('claims: []\n', FILE);
    expect(claims).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('finishes on a 10 MB string value and keeps it', () => {
    const big = 'x'.repeat(10_000_000);
    const text = `claims:\n  - value: 3.8 Mt\n    text: ${big}\n`;
    const started = Date.now();
    const { claims, findings } = parseClaimsFile(text, FILE);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(findings).toEqual([]);
    expect(claims[0]!.text?.value.length).toBe(10_000_000);
  });

  it('keeps messages short when the offending value is huge', () => {
    const big = 'y'.repeat(1_000_000);
    const { findings } = parseClaimsFile(`claims:\n  - value: 3.8 Mt\n    as_of: ${big}\n`, FILE);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message.length).toBeLessThan(200);
  });

  it('does not throw on deeply nested flow collections', () => {
    const text = `claims: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(() => parseClaimsFile(text, FILE)).not.toThrow();
  });
});

describe('parseClaimsFile, suppression comments', () => {
  it('reads disable-next-line, disable-line and disable … enable with 0-based lines', () => {
    const text = [
      '# claimlint-disable-next-line missing-source unknown-unit', // 0
      'claims:', // 1
      '  - value: 3.8 tons # claimlint-disable-line ambiguous-unit', // 2
      '  # claimlint-disable contradiction', // 3
      '  - value: 4 Mt', // 4
      '  # claimlint-enable contradiction', // 5
      '  - value: 5 Mt # claimlint-disable-line', // 6
      '',
    ].join('\n');
    const { suppressions } = parseClaimsFile(text, FILE);
    expect(suppressions).toEqual([
      { rules: ['missing-source', 'unknown-unit'], fromLine: 1, toLine: 1 },
      { rules: ['ambiguous-unit'], fromLine: 2, toLine: 2 },
      { rules: ['contradiction'], fromLine: 3, toLine: 5 },
      { rules: [], fromLine: 6, toLine: 6 },
    ]);
  });

  it('runs an unclosed disable to the end of the file', () => {
    const text = 'claims:\n  # claimlint-disable\n  - value: 3.8 Mt\n  - value: 4 Mt\n';
    const { suppressions } = parseClaimsFile(text, FILE);
    expect(suppressions).toEqual([{ rules: [], fromLine: 1, toLine: 4 }]);
  });

  it('accepts commas between rules and a reason after --', () => {
    const text = '# claimlint-disable-next-line missing-source, unknown-unit -- figures from a draft\nclaims: []\n';
    expect(parseClaimsFile(text, FILE).suppressions).toEqual([
      { rules: ['missing-source', 'unknown-unit'], fromLine: 1, toLine: 1 },
    ]);
  });

  it('ignores directive look-alikes inside strings and block scalars', () => {
    const text = [
      'claims:',
      '  - value: 3.8 Mt',
      '    text: "see # claimlint-disable-line missing-source"',
      '  - value: 4 Mt',
      '    text: |',
      '      # claimlint-disable-next-line missing-source',
      '',
    ].join('\n');
    expect(parseClaimsFile(text, FILE).suppressions).toEqual([]);
  });

  it('reads suppressions even when the YAML does not parse', () => {
    const text = '# claimlint-disable-next-line invalid-claim\nclaims: [\n';
    const { suppressions, findings } = parseClaimsFile(text, FILE);
    expect(findings.length).toBeGreaterThan(0);
    expect(suppressions).toEqual([{ rules: ['invalid-claim'], fromLine: 1, toLine: 1 }]);
  });
});
