// claimlint never touches the network: not to follow a source's url, a remote archive or
// bibliography, nor for anything else. The CLI and the language server run under a preload that
// turns every network API (and starting another program) into a recorded, thrown error; the
// tests read the record. The first tests prove the record catches a deliberate attempt.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonDiagnostic } from '../../server/cli/src/formatters/json';
import { CLI_BIN, REPO_ROOT, ensureBundlesBuilt } from '../cli/global-setup';
import { LspTestClient } from '../lsp/lsp-test-client';

const PRELOAD = join(__dirname, 'no-network-preload.cjs');
const FORMATS = ['stylish', 'json', 'sarif', 'github'];

interface LoggedEvent {
  event: 'loaded' | 'attempt';
  pid: number;
  api?: string;
  target?: string;
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

beforeAll(() => ensureBundlesBuilt(), 120_000);

function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

function workspace(files: Record<string, string>): string {
  const folder = tempFolder('claimlint-net-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), content);
  }
  return folder;
}

/** A fresh log file for the preload, and the environment that names it. */
function networkLog(): { file: string; env: NodeJS.ProcessEnv } {
  const file = join(tempFolder('claimlint-net-log-'), 'attempts.jsonl');
  return { file, env: { ...process.env, CLAIMLINT_NETWORK_LOG: file, FORCE_COLOR: '0' } };
}

function eventsIn(file: string): LoggedEvent[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LoggedEvent);
}

/** The preload ran in at least one process, and no process tried the network. */
function expectLoadedWithoutAttempts(file: string): void {
  const events = eventsIn(file);
  expect(events.some((e) => e.event === 'loaded'), 'the preload was loaded').toBe(true);
  expect(events.filter((e) => e.event === 'attempt')).toEqual([]);
}

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv, extraRequires: string[] = []) {
  const requires = [PRELOAD, ...extraRequires].flatMap((file) => ['--require', file]);
  return spawnSync(process.execPath, [...requires, CLI_BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
}

// Every place a workspace can name something remote: source urls, remote archives, remote
// bibliographies (front matter and config), BibTeX and CSL-JSON urls and DOIs, links and images.
const REMOTE_WORKSPACE = {
  'claimlint.yaml': [
    'sources: [sources.yaml, refs.bib, refs.json, "https://example.org/registry.yaml"]',
    'metrics:',
    '  re-production:',
    '    unit: t',
    '    aliases: ["mine production", "production"]',
    '',
  ].join('\n'),
  'sources.yaml': [
    'sources:',
    '  - id: usgs-2024',
    '    title: Rare earth statistics',
    '    url: https://example.org/usgs/2024.pdf',
    '    archive: https://example.org/usgs/2024.txt',
    '  - id: weekly-2024',
    '    title: A trade weekly',
    '    url: http://127.0.0.1:9/weekly',
    '    archive: http://localhost:9/weekly.txt',
    '',
  ].join('\n'),
  'refs.bib': '@report{iea-2024,\n  title = {Critical minerals outlook},\n  url = {https://example.org/iea/2024},\n  doi = {10.1000/xyz123},\n  year = {2024}\n}\n',
  'refs.json': JSON.stringify([{ id: 'csl-2024', type: 'report', title: 'Magnet supply', URL: 'https://example.org/csl/2024', DOI: '10.1000/abc' }]),
  'reports/remote.md': [
    '---',
    'bibliography: [https://example.org/remote.bib, "http://localhost:9/other.bib"]',
    '---',
    '',
    '# Remote sources',
    '',
    'China\'s mine production reached 270,000 t in 2024 [@usgs-2024].',
    'Myanmar\'s production was 31,000 t in 2024 [@weekly-2024; @iea-2024; @csl-2024].',
    'Australia\'s production was 13,000 t in 2024, per [the survey](https://example.org/survey).',
    'Laos mined 9 kt in 2024.',
    '',
    '![chart](https://example.org/chart.png) <https://example.org/autolink>',
    '',
  ].join('\n'),
  'claims/remote.claims.yaml': [
    'claims:',
    '  - subject: cn',
    '    metric: re-production',
    '    value: 270,000 t',
    '    as_of: 2024',
    '    sources: [{id: usgs-2024, locator: "https://example.org/usgs/2024.pdf#page=3"}]',
    '',
  ].join('\n'),
};

describe('the no-network preload', () => {
  it('records and refuses a deliberate fetch, socket, DNS lookup and HTTP request', () => {
    const log = networkLog();
    const script = [
      "const attempts = [() => fetch('https://example.org/'), () => require('node:net').connect(443, 'example.org'),",
      "  () => require('node:dns').lookup('example.org', () => {}), () => require('node:https').get('https://example.org/')];",
      'let refused = 0;',
      'for (const attempt of attempts) { try { attempt(); } catch { refused++; } }',
      'process.stdout.write(String(refused));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--require', PRELOAD, '-e', script], { env: log.env, encoding: 'utf8' });
    expect(run.stdout).toBe('4');
    const attempts = eventsIn(log.file).filter((e) => e.event === 'attempt');
    expect(attempts.map((e) => e.api)).toEqual(['fetch', 'net.connect', 'dns.lookup', 'https.get']);
    expect(attempts[0]!.target).toBe('https://example.org/');
  });

  it('makes the CLI check fail when something in the process fetches', () => {
    const log = networkLog();
    const fetcher = join(tempFolder('claimlint-net-fetcher-'), 'fetch-on-load.cjs');
    writeFileSync(fetcher, "try { fetch('https://example.org/telemetry'); } catch {}\n");
    const run = runCli(['check', '.', '--format', 'json'], join(REPO_ROOT, 'examples/rare-earths'), log.env, [fetcher]);
    expect(run.status).toBe(1);
    expect(() => expectLoadedWithoutAttempts(log.file)).toThrow();
    expect(eventsIn(log.file).filter((e) => e.event === 'attempt').map((e) => e.target)).toEqual(['https://example.org/telemetry']);
  });
});

describe('the CLI', () => {
  it('checks examples/rare-earths in every format without touching the network', () => {
    const log = networkLog();
    for (const format of FORMATS) {
      const run = runCli(['check', '.', '--format', format], join(REPO_ROOT, 'examples/rare-earths'), log.env);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout.length).toBeGreaterThan(0);
    }
    expectLoadedWithoutAttempts(log.file);
  });

  it('checks a workspace full of remote urls, archives and bibliographies without touching the network', () => {
    const log = networkLog();
    const cwd = workspace(REMOTE_WORKSPACE);
    for (const format of FORMATS) expect(runCli(['check', '--format', format], cwd, log.env).status).not.toBe(2);
    const run = runCli(['check', '--format', 'json'], cwd, log.env);
    const diagnostics = JSON.parse(run.stdout) as JsonDiagnostic[];
    // The check really ran: the one unsourced figure is reported, the linked and cited ones are not.
    const unsourced = diagnostics.filter((d) => d.rule === 'missing-source');
    expect(unsourced.map((d) => [d.file, d.line])).toEqual([['reports/remote.md', 10]]);
    expectLoadedWithoutAttempts(log.file);
  });
});

describe('the language server', () => {
  it('runs a session (initialize, diagnostics, hover, definition, completion, code actions) without touching the network', async () => {
    const log = networkLog();
    const client = new LspTestClient(workspace(REMOTE_WORKSPACE), { nodeArgs: ['--require', PRELOAD], env: log.env });
    try {
      await client.initialize();
      const report = client.uri('reports/remote.md');
      await client.waitFor(() => (client.diagnostics.get(report) ?? []).some((d) => d.code === 'missing-source'), 'the missing-source of the remote report');
      const at = (line: number, character: number) => ({ textDocument: { uri: report }, position: { line, character } });
      const figureHover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', at(6, 36));
      expect(figureHover?.contents.value).toContain('**270 kt**');
      const citationHover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', at(6, 56));
      expect(citationHover?.contents.value).toContain('https://example.org/usgs/2024.pdf');
      expect(await client.connection.sendRequest('textDocument/definition', at(6, 56))).not.toBeNull();
      await client.connection.sendRequest('textDocument/completion', at(7, 44));
      const actions = await client.connection.sendRequest<{ title: string }[]>('textDocument/codeAction', {
        textDocument: { uri: report },
        range: { start: { line: 9, character: 11 }, end: { line: 9, character: 15 } },
        context: { diagnostics: [] },
      });
      expect(actions.length).toBeGreaterThan(0);
      await client.connection.sendRequest('claimlint/checkWorkspace', {});
    } finally {
      await client.close();
    }
    expectLoadedWithoutAttempts(log.file);
  });
});
