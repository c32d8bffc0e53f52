// The built `claimlint` executable, run as a child process on temp workspaces: argv handling, exit
// statuses, the shape of every format, hostile files, and that nothing checked is ever written.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonDiagnostic } from '../../server/cli/src/formatters/json';
import { CLI_BIN, REPO_ROOT, ensureCliBuilt } from './global-setup';
import { sarifSchemaErrors } from './sarif-schema';

beforeAll(() => ensureCliBuilt(), 120_000);

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function workspace(files: Record<string, string | Uint8Array>): string {
  const folder = mkdtempSync(join(tmpdir(), 'claimlint-cli-'));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), content);
  }
  return folder;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function claimlint(args: string[], cwd: string, extraEnv: Record<string, string> = {}, nodeOptions: string[] = []): Run {
  const env: Record<string, string | undefined> = { ...process.env, ...extraEnv };
  if (!('FORCE_COLOR' in extraEnv)) delete env['FORCE_COLOR'];
  const result = spawnSync(process.execPath, [...nodeOptions, CLI_BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const NO_STACK = /^\s+at /m;

// Our own example prose; each file's figures are what the engine-backed tests count on.
const QUIET_NOTE = '# Notes\n\nThe meeting moved to Thursday.\n';
const UNSOURCED = '# Output\n\nChina mined 270,000 t of rare-earth oxide in 2024.\n\nAustralia produced 13,000 t in 2024.\n';
const UNKNOWN_CITATION = '# Exports\n\nMyanmar exported 31,000 t of concentrate in 2023 [@nowhere-2023].\n';
const BINARY = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const INVALID_UTF8 = Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('\n\nNothing measured here.\n')]);
const BOM_CRLF = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# 稀土\r\n\r\n中国稀土产量为27万吨。\r\n')]);

describe('the command line', () => {
  const folder = () => workspace({ 'note.md': QUIET_NOTE });

  it('prints usage on stdout for --help and exits 0', () => {
    const run = claimlint(['--help'], folder());
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: claimlint check \[PATH\.\.\.\] \[options\]/);
    for (const option of ['--config', '--format', '--max-warnings', '--quiet', '--help', '--version']) expect(run.stdout).toContain(option);
    expect(run.stderr).toBe('');
  });

  it('prints the version from package.json for --version', () => {
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const run = claimlint(['--version'], folder());
    expect(run).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('refuses an unknown option with exit 2 and one line on stderr, no stack trace', () => {
    const run = claimlint(['check', '--frobnicate'], folder());
    expect(run).toEqual({ status: 2, stdout: '', stderr: "claimlint: unknown option '--frobnicate' (see claimlint --help)\n" });
  });

  it('refuses an unknown format and a bad --max-warnings with exit 2', () => {
    const cwd = folder();
    expect(claimlint(['check', '--format', 'xml'], cwd)).toMatchObject({ status: 2, stdout: '' });
    expect(claimlint(['check', '--max-warnings', 'lots'], cwd)).toMatchObject({ status: 2, stdout: '' });
  });

  it('exits 2 naming a PATH that does not exist', () => {
    const run = claimlint(['check', 'note.md', 'reports/missing.md'], folder());
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'claimlint: no such file or directory: reports/missing.md\n' });
  });

  it('exits 2 with one line when --config names a file that does not exist', () => {
    const run = claimlint(['check', '--config', 'ci/claimlint.yaml'], folder());
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('claimlint: cannot read config ci/claimlint.yaml: no such file\n');
  });

  it('exits 2 when --config names a folder', () => {
    const cwd = workspace({ 'note.md': QUIET_NOTE, 'conf/readme.md': '' });
    const run = claimlint(['check', '--config', 'conf'], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(NO_STACK);
  });

  it('turns an internal failure into one line and exit 2, with the stack only under --debug', () => {
    // A preloaded script breaks process.cwd(), which claimlint calls only inside its top-level guard.
    const cwd = workspace({ 'note.md': QUIET_NOTE, 'break-cwd.cjs': "process.cwd = () => { throw new Error('disk on fire'); };\n" });
    const preload = ['--require', join(cwd, 'break-cwd.cjs')];
    expect(claimlint(['check'], cwd, {}, preload)).toEqual({ status: 2, stdout: '', stderr: 'claimlint: internal error: disk on fire\n' });
    const debug = claimlint(['check', '--debug'], cwd, {}, preload);
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/^claimlint: internal error: disk on fire\nError: disk on fire\n\s+at /);
  });

  it('does not treat a config that parses but breaks its schema as a usage error', () => {
    const cwd = workspace({ 'claimlint.yaml': 'approximation: lots\nno_such_key: 1\n', 'note.md': QUIET_NOTE });
    const run = claimlint(['check', 'note.md'], cwd);
    expect(run.status).not.toBe(2);
    expect(run.stderr).not.toContain('internal error');
  });
});

describe('a folder with nothing to check', () => {
  it('says so on stderr and exits 0', () => {
    const run = claimlint(['check'], workspace({ 'notes.txt': UNSOURCED }));
    expect(run).toEqual({ status: 0, stdout: '', stderr: 'claimlint: no files to check in . (the include globs matched nothing)\n' });
  });
});

describe('a named file that claimlint does not read', () => {
  it('says so on stderr, checks the files it does read, and exits as they do', () => {
    const cwd = workspace({ 'notes.txt': UNSOURCED, 'data/output.yaml': 'claims:\n  - value: 3.8 Mt\n', 'note.md': UNSOURCED });
    const run = claimlint(['check', 'notes.txt', 'data/output.yaml', 'note.md', '--format', 'json'], cwd);
    // note.md's figures lack sources: warnings, so 0; the notes do not change the status.
    expect(run.status).toBe(0);
    const reasons = 'claimlint reads Markdown (.md, .markdown), claim files (*.claims.yaml, *.claims.yml) and the source registries that claimlint.yaml or a report\'s front matter names';
    expect(run.stderr).toBe(`claimlint: notes.txt is not checked: ${reasons}\nclaimlint: data/output.yaml is not checked: ${reasons}\n`);
    const files = (JSON.parse(run.stdout) as JsonDiagnostic[]).map((d) => d.file);
    expect(new Set(files)).toEqual(new Set(['note.md']));
  });

  it('is a source registry when claimlint.yaml names it, and then says nothing', () => {
    const cwd = workspace({ 'claimlint.yaml': 'sources: [refs/list.yaml]\n', 'refs/list.yaml': 'sources:\n  - id: usgs\n    title: USGS\n' });
    const run = claimlint(['check', 'refs/list.yaml'], cwd);
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('the formats on a workspace without problems', () => {
  it('prints an empty JSON array and exits 0', () => {
    const run = claimlint(['check', 'note.md', '--format', 'json'], workspace({ 'note.md': QUIET_NOTE }));
    expect(run).toEqual({ status: 0, stdout: '[]\n', stderr: '' });
  });

  it('prints a valid SARIF 2.1.0 log with the tool and its rules', () => {
    const run = claimlint(['check', 'note.md', '--format', 'sarif'], workspace({ 'note.md': QUIET_NOTE }));
    expect(run.status).toBe(0);
    const log = JSON.parse(run.stdout) as { runs: { tool: { driver: { name: string; rules: unknown[] } }; results: unknown[] }[] };
    expect(sarifSchemaErrors(log)).toBe('');
    expect(log.runs[0]!.tool.driver.name).toBe('claimlint');
    expect(log.runs[0]!.tool.driver.rules).toHaveLength(10);
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('prints nothing in the stylish and github formats', () => {
    const cwd = workspace({ 'note.md': QUIET_NOTE });
    expect(claimlint(['check', 'note.md'], cwd)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(claimlint(['check', 'note.md', '--format', 'github'], cwd)).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('hostile files', () => {
  it('checks a binary file, invalid UTF-8 and a BOM+CRLF file without failing', () => {
    const cwd = workspace({ 'image.md': BINARY, 'latin1.md': INVALID_UTF8, 'bom.md': BOM_CRLF });
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const run = claimlint(['check', 'image.md', 'latin1.md', 'bom.md', '--format', format], cwd);
      expect([0, 1]).toContain(run.status);
      expect(run.stderr).not.toContain('internal error');
      expect(run.stderr).not.toMatch(NO_STACK);
    }
  });

  it('skips a file larger than 20 MB without failing', () => {
    const cwd = workspace({ 'huge.md': '' });
    truncateSync(join(cwd, 'huge.md'), 20 * 1024 * 1024 + 10);
    const run = claimlint(['check', 'huge.md', '--format', 'json'], cwd);
    expect([0, 1]).toContain(run.status);
    expect(Array.isArray(JSON.parse(run.stdout))).toBe(true);
  });
});

describe('the files it checks', () => {
  it('are never written: contents and modification times are the same afterwards', () => {
    const cwd = workspace({
      'claimlint.yaml': 'sources: ["sources.yaml"]\n',
      'sources.yaml': 'sources:\n  - id: usgs-2025\n    title: Mineral summaries\n    archive: archive/usgs.txt\n',
      'archive/usgs.txt': 'Production 270,000 t.\n',
      'reports/output.md': UNSOURCED,
      'reports/exports.md': UNKNOWN_CITATION,
      'claims/cn.claims.yaml': 'claims:\n  - subject: cn\n    metric: production\n    value: 270,000 t\n    sources: [usgs-2025]\n',
      'image.md': BINARY,
      'latin1.md': INVALID_UTF8,
      'bom.md': BOM_CRLF,
    });
    const files = listFiles(cwd);
    // Back-dated, so any write (even within the clock's granularity) shows as a new mtime.
    const past = new Date('2001-02-03T04:05:06Z');
    for (const file of files) utimesSync(file, past, past);
    const before = files.map((file) => ({ file, mtime: statSync(file).mtimeMs, bytes: readFileSync(file) }));

    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      expect(claimlint(['check', '--format', format], cwd).status).not.toBe(2);
      expect(claimlint(['check', 'reports/output.md', 'image.md', 'latin1.md', 'bom.md', '--format', format], cwd).status).not.toBe(2);
    }

    expect(listFiles(cwd)).toEqual(files);
    for (const { file, mtime, bytes } of before) {
      expect(statSync(file).mtimeMs, file).toBe(mtime);
      expect(readFileSync(file).equals(bytes), file).toBe(true);
    }
  });
});

function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

// ---------------------------------------------------------------------------------------------
// With the engine's rules


function json(run: Run): JsonDiagnostic[] {
  return JSON.parse(run.stdout) as JsonDiagnostic[];
}

describe('with the engine rules', () => {
  const mixed = () => workspace({ 'reports/output.md': UNSOURCED, 'reports/exports.md': UNKNOWN_CITATION, 'notes.txt': UNSOURCED });

  it('prints JSON objects with exactly the documented keys, paths relative to the current folder', () => {
    const run = claimlint(['check', '--format', 'json'], mixed());
    expect(run.status).toBe(1);
    const diagnostics = json(run);
    expect(diagnostics.length).toBeGreaterThanOrEqual(3);
    for (const d of diagnostics) {
      expect(Object.keys(d)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message', 'related']);
      expect(['error', 'warning', 'info']).toContain(d.severity);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
    expect(diagnostics.filter((d) => d.rule === 'missing-source').map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      'reports/output.md:3:13',
      'reports/output.md:5:20',
    ]);
    expect(diagnostics.find((d) => d.rule === 'unknown-source')).toMatchObject({ file: 'reports/exports.md', severity: 'error', line: 3 });
  });

  it('reports paths relative to the current folder, not the checked one', () => {
    const cwd = mixed();
    const fromParent = json(claimlint(['check', 'reports', '--format', 'json'], cwd));
    const fromInside = json(claimlint(['check', '.', '--format', 'json'], join(cwd, 'reports')));
    expect(fromInside.map((d) => d.file)).toEqual(fromParent.map((d) => d.file.replace(/^reports\//, '')));
  });

  it('walks folders with the include globs, skipping node_modules, but checks a named file', () => {
    const cwd = workspace({ 'a.md': UNSOURCED, 'node_modules/pkg/readme.md': UNSOURCED, 'notes.txt': UNSOURCED });
    expect(new Set(json(claimlint(['check', '--format', 'json'], cwd)).map((d) => d.file))).toEqual(new Set(['a.md']));
    expect(new Set(json(claimlint(['check', 'a.md', 'node_modules/pkg/readme.md', '--format', 'json'], cwd)).map((d) => d.file))).toEqual(
      new Set(['a.md', 'node_modules/pkg/readme.md']),
    );
  });

  it('prints a SARIF log that validates and carries every result', () => {
    const cwd = mixed();
    const count = json(claimlint(['check', '--format', 'json'], cwd)).length;
    const run = claimlint(['check', '--format', 'sarif'], cwd);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarifSchemaErrors(log)).toBe('');
    expect(log.runs[0]!.results).toHaveLength(count);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^reports\//);
  });

  it('prints github workflow commands, one per line, that follow the command grammar', () => {
    const run = claimlint(['check', '--format', 'github'], mixed());
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning|notice) file=[^,:\r\n]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=claimlint \([a-z-]+\)::[^\r\n]*$/);
    }
  });

  it('prints stylish output grouped by file with a summary line', () => {
    const run = claimlint(['check'], mixed(), { NO_COLOR: '1' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^reports\/exports\.md\n {2}3:\d+ {2}error/);
    expect(run.stdout).toMatch(/\n✖ \d+ problems \(1 error, 2 warnings, 0 infos\)\n$/);
    expect(run.stdout).not.toContain('\u001b[');
    expect(claimlint(['check'], mixed(), { FORCE_COLOR: '1' }).stdout).toContain('\u001b[31m');
  });

  it('exits 1 when warnings exceed --max-warnings, and 0 at or under it', () => {
    const cwd = workspace({ 'output.md': UNSOURCED }); // two warnings, no errors
    expect(claimlint(['check'], cwd).status).toBe(0);
    expect(claimlint(['check', '--max-warnings', '-1'], cwd).status).toBe(0);
    expect(claimlint(['check', '--max-warnings', '2'], cwd).status).toBe(0);
    const over = claimlint(['check', '--max-warnings', '1'], cwd);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe('claimlint: too many warnings (2; the maximum is 1)\n');
  });

  it('drops warnings from the output and from the count with --quiet', () => {
    const onlyWarnings = workspace({ 'output.md': UNSOURCED });
    expect(claimlint(['check', '--quiet', '--max-warnings', '0', '--format', 'json'], onlyWarnings)).toEqual({ status: 0, stdout: '[]\n', stderr: '' });
    const run = claimlint(['check', '--quiet', '--format', 'json'], mixed());
    expect(run.status).toBe(1);
    expect(json(run).map((d) => d.severity)).toEqual(['error']);
  });

  it('reports a binary file and a file over 20 MB as not checked, at line 1', () => {
    const cwd = workspace({ 'image.md': BINARY, 'huge.md': '' });
    truncateSync(join(cwd, 'huge.md'), 20 * 1024 * 1024 + 10);
    const diagnostics = json(claimlint(['check', 'image.md', 'huge.md', '--format', 'json'], cwd));
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      ['huge.md', 1, 1, expect.stringContaining('file is larger than 20 MB, not checked')],
      ['image.md', 1, 1, expect.stringContaining('binary file, not checked')],
    ]);
  });

  it('counts columns in a BOM+CRLF file without the BOM', () => {
    const cwd = workspace({ 'bom.md': BOM_CRLF });
    const [first] = json(claimlint(['check', 'bom.md', '--format', 'json'], cwd));
    // 中国稀土产量为 is 7 code units: the figure starts in column 8 of line 3.
    expect(first).toMatchObject({ file: 'bom.md', line: 3, column: 8, rule: 'missing-source' });
  });

  it('finds claimlint.yaml in an ancestor of the checked folder, and --config overrides it', () => {
    const cwd = workspace({
      'claimlint.yaml': 'rules:\n  missing-source: off\n',
      'ci/strict.yaml': 'include: ["**/*.md"]\nrules:\n  missing-source: error\n',
      'docs/output.md': UNSOURCED,
    });
    expect(claimlint(['check', 'docs', '--format', 'json'], cwd)).toMatchObject({ status: 0, stdout: '[]\n' });
    expect(claimlint(['check', '.', '--format', 'json'], join(cwd, 'docs'))).toMatchObject({ status: 0, stdout: '[]\n' });
    const strict = claimlint(['check', 'docs/output.md', '--config', 'ci/strict.yaml', '--format', 'json'], cwd);
    expect(strict.status).toBe(1);
    expect(json(strict).map((d) => d.severity)).toEqual(['error', 'error']);
  });

  it('reports a config that breaks its schema as invalid-claim on the config, exit 1', () => {
    const cwd = workspace({ 'claimlint.yaml': 'approximation: lots\n', 'note.md': QUIET_NOTE });
    const run = claimlint(['check', '--format', 'json'], cwd);
    expect(run.status).toBe(1);
    expect(json(run)).toEqual([expect.objectContaining({ file: 'claimlint.yaml', rule: 'invalid-claim', severity: 'error', line: 1 })]);
  });
});
