// Configuration is data: claimlint.yaml, nothing else. A workspace full of JavaScript configs and a
// plugin package, each of which leaves a marker file when run, is checked by the CLI and the
// language server; no marker may appear. claimlint.yaml asks for plugins, extends a JS config and
// uses js-yaml's code-carrying tags: each is refused with an invalid-claim diagnostic.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonDiagnostic } from '../../server/cli/src/formatters/json';
import { CLI_BIN, ensureBundlesBuilt } from '../cli/global-setup';
import { LspTestClient } from '../lsp/lsp-test-client';

const MARKER_PREFIX = 'executed-';

/** Files that leave `executed-<name>` next to themselves when Node runs them. */
const EXECUTABLE_FILES: Record<string, string> = {
  'claimlint.config.js': cjsMarker('claimlint.config.js'),
  '.claimlintrc.js': cjsMarker('.claimlintrc.js'),
  '.claimlintrc.cjs': cjsMarker('.claimlintrc.cjs'),
  'claimlint.config.mjs': `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./${MARKER_PREFIX}claimlint.config.mjs', import.meta.url), 'ran');\nexport default { plugins: ['x'] };\n`,
  'node_modules/claimlint-plugin-x/index.js': cjsMarker('claimlint-plugin-x'),
  'node_modules/claimlint-plugin-x/package.json': '{ "name": "claimlint-plugin-x", "version": "1.0.0", "main": "index.js" }\n',
};

function cjsMarker(name: string): string {
  return `require('node:fs').writeFileSync(require('node:path').join(__dirname, '${MARKER_PREFIX}${name}'), 'ran');\nmodule.exports = { rules: {} };\n`;
}

const HOSTILE_CONFIG = [
  'plugins: ["claimlint-plugin-x"]', // line 1
  'extends: ./claimlint.config.js', // line 2
  `approximation: !!js/function "function () { require('fs').writeFileSync('${MARKER_PREFIX}tag', 'ran'); return 0.5; }"`, // line 3
  "tolerance: !<tag:yaml.org,2002:js/undefined> ''", // line 4
  'exclude: [!!js/regexp /drafts/]', // line 5
  'metrics:',
  '  re-production:',
  '    unit: t',
  '    aliases: ["production"]',
  '',
].join('\n');

const REPORT = '# Output\n\nChina production was 270,000 t in 2024.\n';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

beforeAll(() => ensureBundlesBuilt(), 120_000);

function workspace(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'claimlint-decl-'));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), content);
  }
  return folder;
}

function markersIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((path) => path.split(/[\\/]/).pop()!.startsWith(MARKER_PREFIX));
}

function checkJson(cwd: string): { status: number | null; diagnostics: JsonDiagnostic[]; stderr: string } {
  const run = spawnSync(process.execPath, [CLI_BIN, 'check', '--format', 'json'], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, diagnostics: run.status === 2 ? [] : (JSON.parse(run.stdout) as JsonDiagnostic[]), stderr: run.stderr };
}

describe('the marker files of the test', () => {
  it('appear when Node runs each config and the plugin, so their absence means nothing ran', () => {
    const folder = workspace(EXECUTABLE_FILES);
    for (const file of ['claimlint.config.js', '.claimlintrc.js', '.claimlintrc.cjs', 'claimlint.config.mjs', 'node_modules/claimlint-plugin-x']) {
      expect(spawnSync(process.execPath, [join(folder, file)]).status, file).toBe(0);
    }
    expect(markersIn(folder).sort()).toEqual(
      ['.claimlintrc.cjs', '.claimlintrc.js', 'claimlint.config.js', 'claimlint.config.mjs', 'node_modules/claimlint-plugin-x/claimlint-plugin-x']
        .map((name) => (name.includes('/') ? name.replace(/[^/]+$/, `${MARKER_PREFIX}$&`) : `${MARKER_PREFIX}${name}`))
        .sort(),
    );
  });
});

describe('the CLI', () => {
  it('ignores JavaScript configs and plugins in a workspace without claimlint.yaml, and checks with the defaults', () => {
    const cwd = workspace({ ...EXECUTABLE_FILES, 'report.md': REPORT });
    const run = checkJson(cwd);
    expect(run.status).toBe(0);
    // The defaults: an unsourced figure is a warning (the JS configs would have said otherwise).
    expect(run.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([['report.md', 'missing-source', 'warning']]);
    expect(markersIn(cwd)).toEqual([]);
  });

  it('refuses plugins and extends in claimlint.yaml as unknown keys, and runs nothing', () => {
    const cwd = workspace({ ...EXECUTABLE_FILES, 'claimlint.yaml': HOSTILE_CONFIG, 'report.md': REPORT });
    const run = checkJson(cwd);
    expect(run.status).toBe(1);
    const configErrors = run.diagnostics.filter((d) => d.file === 'claimlint.yaml' && d.rule === 'invalid-claim' && d.severity === 'error');
    expect(configErrors.find((d) => d.line === 1)?.message).toMatch(/unknown key "plugins"/);
    expect(configErrors.find((d) => d.line === 2)?.message).toMatch(/unknown key "extends"/);
    // The metric still works: the rest of the config is data as usual.
    expect(run.diagnostics.find((d) => d.file === 'report.md')?.message).toMatch(/^China production: 270 kt cites no source/);
    expect(markersIn(cwd)).toEqual([]);
  });

  it('never runs the code in a js/function tag, and reports the tagged values as invalid', () => {
    const cwd = workspace({ 'claimlint.yaml': HOSTILE_CONFIG, 'report.md': REPORT });
    const run = checkJson(cwd);
    const configErrors = run.diagnostics.filter((d) => d.file === 'claimlint.yaml' && d.rule === 'invalid-claim');
    // Besides the tag itself, the tagged text is not the number these settings need.
    expect(configErrors.some((d) => d.line === 3 && /^approximation must be a number/.test(d.message))).toBe(true);
    expect(configErrors.some((d) => d.line === 4 && /^tolerance must be a number/.test(d.message))).toBe(true);
    expect(markersIn(cwd)).toEqual([]);
  });

  // The YAML reader takes an unknown tag's value as plain text (`!!js/regexp /drafts/` would be the
  // glob "/drafts/"), so each tag gets an invalid-claim error of its own that names it.
  it('reports each js-yaml code tag in claimlint.yaml by name', () => {
    const cwd = workspace({ 'claimlint.yaml': HOSTILE_CONFIG, 'report.md': REPORT });
    const configErrors = checkJson(cwd).diagnostics.filter((d) => d.file === 'claimlint.yaml' && d.rule === 'invalid-claim');
    for (const [line, tag] of [
      [3, 'js/function'],
      [4, 'js/undefined'],
      [5, 'js/regexp'],
    ] as const) {
      expect(configErrors.some((d) => d.line === line && d.message.includes(tag)), `line ${line}: ${tag}`).toBe(true);
    }
  });
});

describe('the language server', () => {
  it('reports plugins and extends on claimlint.yaml and runs none of the workspace\'s JavaScript', async () => {
    const folder = workspace({ ...EXECUTABLE_FILES, 'claimlint.yaml': HOSTILE_CONFIG, 'report.md': REPORT });
    const client = new LspTestClient(folder);
    try {
      await client.initialize();
      const config = client.uri('claimlint.yaml');
      await client.waitFor(() => (client.diagnostics.get(config) ?? []).length >= 2 && client.diagnostics.has(client.uri('report.md')), 'the diagnostics of claimlint.yaml');
      const messages = (client.diagnostics.get(config) ?? []).filter((d) => d.code === 'invalid-claim').map((d) => [d.range.start.line, d.message]);
      expect(messages).toEqual(expect.arrayContaining([[0, expect.stringMatching(/unknown key "plugins"/)], [1, expect.stringMatching(/unknown key "extends"/)]]));
      // Opening the JS config and plugin as buffers runs them no more than reading them from disk.
      for (const file of ['claimlint.config.js', 'claimlint.config.mjs', 'node_modules/claimlint-plugin-x/index.js']) {
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: client.uri(file), languageId: 'javascript', version: 1, text: EXECUTABLE_FILES[file] } });
      }
      await client.connection.sendRequest('claimlint/checkWorkspace', {});
      expect(markersIn(folder)).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
