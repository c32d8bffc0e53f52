// package.json is also the VS Code extension's manifest. VS Code reads it silently: a command that is
// contributed but never registered, a schema path that moved, or engines.vscode older than the
// @types/vscode the client compiles against (vsce then refuses to package) shows up only in the
// editor. These tests read the manifest against the client's source and the files it names.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const clientSource = readdirSync(join(root, 'client/src'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => readFileSync(join(root, 'client/src', name), 'utf8'))
  .join('\n');

function semver(range: string): number[] {
  return (/(\d+)\.(\d+)\.(\d+)/.exec(range) ?? []).slice(1).map(Number);
}

describe('the extension manifest', () => {
  it('starts the bundled client, and packages it with the server, grammar, schemas and icon', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    const packaged: string[] = manifest.files;
    for (const needed of ['dist/*.js', 'syntaxes', 'server/engine/schemas', 'images/icon.png', 'README.md', 'CHANGELOG.md']) {
      expect(packaged).toContain(needed);
    }
    expect(existsSync(join(root, manifest.icon))).toBe(true);
    expect(existsSync(join(root, '.vscodeignore')), 'vsce refuses a .vscodeignore next to "files"').toBe(false);
  });

  it('declares a VS Code version no older than the API types the client is compiled against', () => {
    const types = JSON.parse(readFileSync(join(root, 'node_modules/@types/vscode/package.json'), 'utf8'));
    const [major, minor] = semver(types.version);
    const [engineMajor, engineMinor] = semver(manifest.engines.vscode);
    expect(engineMajor).toBe(major);
    expect(engineMinor).toBeGreaterThanOrEqual(minor as number);
  });

  it('activates on claimlint workspaces and on Markdown and YAML, never on everything', () => {
    expect(manifest.activationEvents).toEqual([
      'workspaceContains:**/claimlint.yaml',
      'workspaceContains:**/*.claims.yaml',
      'onLanguage:markdown',
      'onLanguage:yaml',
    ]);
  });

  it('contributes exactly the commands the client registers', () => {
    const contributed = manifest.contributes.commands.map((command: { command: string }) => command.command).sort();
    const registered = [...clientSource.matchAll(/registerCommand\(\s*'([^']+)'/g)].map((match) => match[1]).sort();
    expect(contributed).toEqual(['claimlint.checkWorkspace', 'claimlint.restartServer', 'claimlint.showClaimsOfKey']);
    expect(registered).toEqual(contributed);
    for (const menu of Object.values(manifest.contributes.menus) as { command: string }[][]) {
      for (const item of menu) expect(contributed).toContain(item.command);
    }
  });

  it('declares the settings of the client–server contract with their defaults', () => {
    const properties = manifest.contributes.configuration.properties;
    expect(Object.keys(properties).sort()).toEqual(['claimlint.configPath', 'claimlint.enable', 'claimlint.trace.server']);
    expect(properties['claimlint.enable']).toMatchObject({ type: 'boolean', default: true });
    expect(properties['claimlint.configPath']).toMatchObject({ type: 'string', default: '' });
    expect(properties['claimlint.trace.server']).toMatchObject({ enum: ['off', 'messages', 'verbose'], default: 'off' });
    // vscode-languageclient reads `<client id>.trace.server`: the id must be the settings section.
    expect(clientSource).toMatch(/CLIENT_ID = 'claimlint'/);
  });

  it('points yamlValidation at the three schema files, which exist and parse', () => {
    const byFile = new Map<string, string>();
    for (const entry of manifest.contributes.yamlValidation as { fileMatch: string | string[]; url: string }[]) {
      for (const pattern of ([] as string[]).concat(entry.fileMatch)) byFile.set(pattern, entry.url);
      const schema = JSON.parse(readFileSync(join(root, entry.url), 'utf8'));
      expect(schema).toHaveProperty('$schema');
    }
    expect(byFile.get('claimlint.yaml')).toBe('./server/engine/schemas/claimlint.schema.json');
    expect(byFile.get('*.claims.yaml')).toBe('./server/engine/schemas/claims.schema.json');
    expect(byFile.get('*.claims.yml')).toBe('./server/engine/schemas/claims.schema.json');
    expect(byFile.get('sources.yaml')).toBe('./server/engine/schemas/sources.schema.json');
  });

  it('supports untrusted workspaces, because nothing in a workspace is ever run, but takes configPath only from user settings there', () => {
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    // A workspace's own .vscode/settings.json must not point claimlint at a config outside it.
    expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual(['claimlint.configPath']);
  });
});
