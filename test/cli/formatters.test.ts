// The four output formats, on diagnostics built by hand: exact text for each, Chinese and emoji in
// messages, and columns after CJK text and emoji counted in UTF-16 code units.
import { describe, expect, it } from 'vitest';
import { LineIndex, type Diagnostic, type RuleId, type Severity } from '../../server/engine/src/index';
import { escapeData, escapeProperty, formatGithub } from '../../server/cli/src/formatters/github';
import { formatJson } from '../../server/cli/src/formatters/json';
import { formatSarif } from '../../server/cli/src/formatters/sarif';
import { formatStylish } from '../../server/cli/src/formatters/stylish';
import { locateDiagnostics, type LocatedDiagnostic } from '../../server/cli/src/located-diagnostic';
import { shouldUseColor } from '../../server/cli/src/terminal-color';
import { displayWidth } from '../../server/cli/src/display-width';
import { sarifSchemaErrors } from './sarif-schema';

const CWD = '/work/ws';
const REPORT = '/work/ws/reports/稀土.md';
const CLAIMS = '/work/ws/claims/ru.claims.yaml';
const ROCKET = '/work/ws/notes/launch.md';

// Our own example documents: a Chinese report, a claim file and a note with an emoji before a figure.
const TEXTS = new Map<string, string>([
  [REPORT, '# 稀土\n\n俄罗斯稀土储量约1000万吨。\n'],
  [CLAIMS, 'claims:\n  - subject: russia\n    metric: re-reserves\n    value: 3.8 Mt\n'],
  [ROCKET, '🚀 Output rose to 240,000 t a year.\n'],
]);

function spanOf(file: string, needle: string): { start: number; end: number } {
  const start = TEXTS.get(file)!.indexOf(needle);
  if (start < 0) throw new Error(`${needle} is not in ${file}`);
  return { start, end: start + needle.length };
}

function diagnostic(file: string, needle: string, rule: RuleId, severity: Severity, message: string, related: Diagnostic['related'] = []): Diagnostic {
  return { file, span: spanOf(file, needle), rule, severity, message, related };
}

const positionOf = (file: string, offset: number) => new LineIndex(TEXTS.get(file) ?? '').positionAt(offset);

/** Handed to the formatters out of order, to prove they sort. */
const DIAGNOSTICS: Diagnostic[] = [
  diagnostic(ROCKET, '240,000 t a year', 'missing-source', 'warning', 'Output 240,000 t a year cites no source 📎'),
  diagnostic(REPORT, '1000万吨', 'scale-slip', 'error', '俄罗斯稀土储量: 1000万吨 (10 Mt) here vs 3.8 Mt in claims/ru.claims.yaml:4, a factor of 2.6', [
    { file: CLAIMS, span: spanOf(CLAIMS, '3.8 Mt'), message: 'the other claim: 3.8 Mt' },
  ]),
  diagnostic(REPORT, '1000万吨', 'missing-source', 'warning', 'Figure 1000万吨 cites no source'),
  diagnostic(CLAIMS, '3.8 Mt', 'contradiction', 'info', 'Note: 50% off, then: a\nsecond line'),
];

const located = locateDiagnostics(DIAGNOSTICS, positionOf, CWD);

describe('locating diagnostics', () => {
  it('counts columns in UTF-16 code units after CJK text and an emoji', () => {
    const report = located.find((d) => d.file === 'reports/稀土.md')!;
    // 俄罗斯稀土储量约 is 8 code units, so the figure starts in column 9 of line 3.
    expect([report.line, report.column, report.endLine, report.endColumn]).toEqual([3, 9, 3, 15]);
    const rocket = located.find((d) => d.file === 'notes/launch.md')!;
    // The rocket is a surrogate pair: 2 code units, then " Output rose to " (16).
    expect([rocket.line, rocket.column, rocket.endColumn]).toEqual([1, 19, 35]);
  });

  it('sorts by file, then line, column and rule', () => {
    expect(located.map((d) => `${d.file} ${d.rule}`)).toEqual([
      'claims/ru.claims.yaml contradiction',
      'notes/launch.md missing-source',
      'reports/稀土.md missing-source',
      'reports/稀土.md scale-slip',
    ]);
  });

  it('gives related locations 1-based positions relative to the current folder', () => {
    const slip = located.find((d) => d.rule === 'scale-slip')!;
    expect(slip.related).toEqual([{ file: 'claims/ru.claims.yaml', line: 4, column: 12, message: 'the other claim: 3.8 Mt' }]);
  });

  it('shows files outside the current folder with ../', () => {
    const outside = locateDiagnostics([{ ...DIAGNOSTICS[0]!, file: '/work/other/x.md', span: { start: 0, end: 0 } }], () => ({ line: 0, character: 0 }), CWD);
    expect(outside[0]!.file).toBe('../other/x.md');
  });
});

describe('the json format', () => {
  const parsed = JSON.parse(formatJson(located)) as Record<string, unknown>[];

  it('prints one array whose objects have exactly the documented keys, in order', () => {
    expect(Array.isArray(parsed)).toBe(true);
    for (const object of parsed) {
      expect(Object.keys(object)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message', 'related']);
    }
  });

  it('prints the exact text, one line, sorted', () => {
    expect(formatJson(located)).toBe(
      '[' +
        '{"file":"claims/ru.claims.yaml","line":4,"column":12,"endLine":4,"endColumn":18,"rule":"contradiction","severity":"info","message":"Note: 50% off, then: a\\nsecond line","related":[]},' +
        '{"file":"notes/launch.md","line":1,"column":19,"endLine":1,"endColumn":35,"rule":"missing-source","severity":"warning","message":"Output 240,000 t a year cites no source 📎","related":[]},' +
        '{"file":"reports/稀土.md","line":3,"column":9,"endLine":3,"endColumn":15,"rule":"missing-source","severity":"warning","message":"Figure 1000万吨 cites no source","related":[]},' +
        '{"file":"reports/稀土.md","line":3,"column":9,"endLine":3,"endColumn":15,"rule":"scale-slip","severity":"error","message":"俄罗斯稀土储量: 1000万吨 (10 Mt) here vs 3.8 Mt in claims/ru.claims.yaml:4, a factor of 2.6","related":[{"file":"claims/ru.claims.yaml","line":4,"column":12,"message":"the other claim: 3.8 Mt"}]}' +
        ']\n',
    );
  });

  it('prints an empty array when there is nothing to report', () => {
    expect(formatJson([])).toBe('[]\n');
  });

  it('keeps the documented key order even when the input objects have another', () => {
    const shuffled = { message: 'm', rule: 'missing-source', related: [], severity: 'warning', file: 'a.md', endColumn: 2, endLine: 1, column: 1, line: 1 } as LocatedDiagnostic;
    expect(Object.keys((JSON.parse(formatJson([shuffled])) as object[])[0]!)).toEqual([
      'file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message', 'related',
    ]);
  });
});

describe('the stylish format', () => {
  it('groups by file, aligns the columns (CJK counted two cells wide) and ends with a summary', () => {
    expect(formatStylish(located, { color: false })).toBe(
      [
        'claims/ru.claims.yaml',
        '  4:12  info  Note: 50% off, then: a second line  contradiction',
        '',
        'notes/launch.md',
        '  1:19  warning  Output 240,000 t a year cites no source 📎  missing-source',
        '',
        'reports/稀土.md',
        // The longer message is 91 cells wide (7 + 2 Chinese characters count twice), the shorter 31.
        `  3:9  warning  Figure 1000万吨 cites no source${' '.repeat(91 - 31)}  missing-source`,
        '  3:9  error    俄罗斯稀土储量: 1000万吨 (10 Mt) here vs 3.8 Mt in claims/ru.claims.yaml:4, a factor of 2.6  scale-slip',
        '',
        '✖ 4 problems (1 error, 2 warnings, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing when there are no problems', () => {
    expect(formatStylish([], { color: false })).toBe('');
  });

  it('copes with more problems in one file than a function call takes arguments', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => ({ ...located[1]!, line: i + 1 }));
    expect(formatStylish(many, { color: false })).toMatch(/\n✖ 300000 problems \(0 errors, 300000 warnings, 0 infos\)\n$/);
  });

  it('says 1 problem in the singular', () => {
    expect(formatStylish(located.slice(0, 1), { color: false })).toMatch(/\n✖ 1 problem \(0 errors, 0 warnings, 1 info\)\n$/);
  });

  it('colours severities and the summary only when asked to', () => {
    const coloured = formatStylish(located, { color: true });
    expect(coloured).toContain('\u001b[31merror  \u001b[39m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m');
    expect(coloured).toContain('\u001b[4mreports/稀土.md\u001b[24m');
    expect(coloured).toContain('\u001b[1m\u001b[31m✖ 4 problems (1 error, 2 warnings, 1 info)\u001b[39m\u001b[22m');
    expect(formatStylish(located, { color: false })).not.toContain('\u001b[');
  });
});

describe('colour support', () => {
  it('colours a terminal unless NO_COLOR is set, and FORCE_COLOR decides when set', () => {
    expect(shouldUseColor({}, true)).toBe(true);
    expect(shouldUseColor({}, false)).toBe(false);
    expect(shouldUseColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(shouldUseColor({ NO_COLOR: '' }, true)).toBe(true);
    expect(shouldUseColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(shouldUseColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
    expect(shouldUseColor({ FORCE_COLOR: '0' }, true)).toBe(false);
  });

  it('measures Chinese and emoji as two cells and combining marks as none', () => {
    expect(displayWidth('万吨')).toBe(4);
    expect(displayWidth('📎')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('Mt')).toBe(2);
  });
});

describe('the github format', () => {
  it('prints one workflow command per diagnostic, notice for info, with GitHub escaping', () => {
    expect(formatGithub(located)).toBe(
      [
        '::notice file=claims/ru.claims.yaml,line=4,col=12,endLine=4,endColumn=18,title=claimlint (contradiction)::Note: 50%25 off, then: a%0Asecond line',
        '::warning file=notes/launch.md,line=1,col=19,endLine=1,endColumn=35,title=claimlint (missing-source)::Output 240,000 t a year cites no source 📎',
        '::warning file=reports/稀土.md,line=3,col=9,endLine=3,endColumn=15,title=claimlint (missing-source)::Figure 1000万吨 cites no source',
        '::error file=reports/稀土.md,line=3,col=9,endLine=3,endColumn=15,title=claimlint (scale-slip)::俄罗斯稀土储量: 1000万吨 (10 Mt) here vs 3.8 Mt in claims/ru.claims.yaml:4, a factor of 2.6',
        '',
      ].join('\n'),
    );
  });

  it('escapes % CR LF in messages and also : and , in properties', () => {
    expect(escapeData('100%\r\nnext: a, b')).toBe('100%25%0D%0Anext: a, b');
    expect(escapeProperty('dir:a,b/100%.md')).toBe('dir%3Aa%2Cb/100%25.md');
  });

  it('prints nothing when there is nothing to report', () => {
    expect(formatGithub([])).toBe('');
  });
});

describe('the sarif format', () => {
  const options = { version: '1.2.3', cwd: CWD, informationUri: 'https://github.com/example/claimlint', ruleDocsUri: 'https://github.com/example/claimlint/blob/HEAD/docs/rules/' };
  const log = JSON.parse(formatSarif(located, options)) as any;

  it('validates against the SARIF 2.1.0 schema, with and without results and home page', () => {
    expect(sarifSchemaErrors(log)).toBe('');
    expect(sarifSchemaErrors(JSON.parse(formatSarif([], { version: '0.1.0', cwd: CWD })))).toBe('');
  });

  it('is checked by a validator that does refuse a broken log', () => {
    expect(sarifSchemaErrors({ ...log, version: '2.0.0' })).not.toBe('');
    const relativeHelp = JSON.parse(formatSarif([], { version: '0.1.0', cwd: CWD, ruleDocsUri: 'docs/rules/' }));
    expect(sarifSchemaErrors(relativeHelp)).toMatch(/helpUri/);
  });

  it('describes the tool and every rule, and says columns are UTF-16 code units', () => {
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/ws/');
    expect(run.tool.driver).toMatchObject({ name: 'claimlint', version: '1.2.3', informationUri: 'https://github.com/example/claimlint' });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'missing-source', 'unknown-source', 'contradiction', 'scale-slip', 'unit-mismatch',
      'ambiguous-unit', 'unknown-unit', 'invalid-claim', 'duplicate-id', 'source-mismatch',
    ]);
    expect(run.tool.driver.rules[3]).toMatchObject({
      id: 'scale-slip',
      defaultConfiguration: { level: 'error' },
      helpUri: 'https://github.com/example/claimlint/blob/HEAD/docs/rules/scale-slip.md',
    });
    for (const rule of run.tool.driver.rules) expect(rule.shortDescription.text.length).toBeGreaterThan(10);
  });

  it('reports each result with its rule index, level, relative percent-encoded location and region', () => {
    const results = log.runs[0].results;
    expect(results.map((r: { level: string }) => r.level)).toEqual(['note', 'warning', 'warning', 'error']);
    const slip = results[3];
    expect(slip.ruleId).toBe('scale-slip');
    expect(log.runs[0].tool.driver.rules[slip.ruleIndex].id).toBe('scale-slip');
    expect(slip.message.text).toBe(DIAGNOSTICS[1]!.message);
    expect(slip.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'reports/%E7%A8%80%E5%9C%9F.md', uriBaseId: '%SRCROOT%' },
          region: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 15 },
        },
      },
    ]);
    expect(slip.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'the other claim: 3.8 Mt' },
        physicalLocation: { artifactLocation: { uri: 'claims/ru.claims.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 12 } },
      },
    ]);
    expect(results[1].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 19, endLine: 1, endColumn: 35 });
  });

  it('fingerprints by rule, file and message, so moving a line keeps the fingerprint', () => {
    const fingerprint = (diagnostics: LocatedDiagnostic[]) =>
      (JSON.parse(formatSarif(diagnostics, options)) as any).runs[0].results.map((r: any) => r.partialFingerprints['claimlint/v1']);
    const [original] = fingerprint([located[1]!]);
    const [moved] = fingerprint([{ ...located[1]!, line: 40, endLine: 40 }]);
    const [reworded] = fingerprint([{ ...located[1]!, message: 'Output 250,000 t a year cites no source' }]);
    expect(original).toMatch(/^[0-9a-f]{32}:1$/);
    expect(moved).toBe(original);
    expect(reworded).not.toBe(original);
  });

  it('tells identical findings in one file apart by their order', () => {
    const twice = (JSON.parse(formatSarif([located[1]!, { ...located[1]!, line: 9, endLine: 9 }], options)) as any).runs[0].results;
    const [first, second] = twice.map((r: any) => r.partialFingerprints['claimlint/v1'] as string);
    expect(first.split(':')[0]).toBe(second.split(':')[0]);
    expect([first.split(':')[1], second.split(':')[1]]).toEqual(['1', '2']);
  });

  it('leaves out informationUri and helpUri when no absolute home page is known', () => {
    const driver = (JSON.parse(formatSarif([], { version: '0.1.0', cwd: CWD })) as any).runs[0].tool.driver;
    expect(driver.informationUri).toBeUndefined();
    expect(driver.rules[0].helpUri).toBeUndefined();
  });
});
