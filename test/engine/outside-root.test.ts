// A workspace someone else wrote must not make claimlint read files outside it: archive:,
// bibliography: and config sources: that climb out are refused with a diagnostic (engine), and
// symbolic links that lead out are not followed (disk host, CLI).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClaimWorkspace, type WorkspaceHost } from '../../server/engine/src/index';

const ROOT = '/work/space';
const REPO = join(__dirname, '..', '..');

function workspaceWith(files: Record<string, string>, config: string): { workspace: ClaimWorkspace; asked: string[] } {
  const asked: string[] = [];
  const host: WorkspaceHost = {
    readFile(file) {
      asked.push(file);
      return files[file] ?? (file.startsWith(ROOT) ? undefined : 'SECRET 42 Mt');
    },
  };
  const workspace = new ClaimWorkspace({ root: ROOT, configText: config, configFile: `${ROOT}/claimlint.yaml`, host });
  for (const [file, text] of Object.entries(files)) if (/\.(md|claims\.yaml)$/.test(file)) workspace.setDocument(file, text);
  return { workspace, asked };
}

describe('paths that lead out of the workspace', () => {
  const files = {
    [`${ROOT}/sources.yaml`]: 'sources:\n  - id: usgs\n    title: Minerals\n    archive: ../../etc/secret.txt\n  - id: inside\n    title: Local copy\n    archive: archive/copy.txt\n',
    [`${ROOT}/archive/copy.txt`]: 'Reserves stood at 44 Mt.\n',
    [`${ROOT}/report.md`]: '---\nbibliography: [../../home/someone/library.bib, refs.bib]\n---\n\nChina holds reserves of 44 Mt [@usgs].\n',
    [`${ROOT}/refs.bib`]: '@book{refbook, title={A book}}\n',
  };
  const config = 'include: ["**/*.md"]\nsources: [sources.yaml, ../other-project/sources.yaml]\n';

  it('are never read through the host', () => {
    const { workspace, asked } = workspaceWith(files, config);
    workspace.diagnostics();
    expect(asked.filter((file) => !file.startsWith(`${ROOT}/`))).toEqual([]);
    expect(asked).toContain(`${ROOT}/archive/copy.txt`);
    expect(asked).toContain(`${ROOT}/refs.bib`);
  });

  it('are reported where they are written: the archive on its source, the bibliography in front matter, the registry in the config', () => {
    const { workspace } = workspaceWith(files, config);
    const refused = workspace.diagnostics().filter((d) => d.message.includes('outside the workspace'));
    const where = refused.map((d) => `${d.file.slice(ROOT.length + 1)}: ${workspace.textOf(d.file)!.slice(d.span.start, d.span.end)}`);
    expect(where).toEqual([
      'claimlint.yaml: ../other-project/sources.yaml',
      'report.md: ../../home/someone/library.bib',
      'sources.yaml: usgs',
    ]);
    expect(refused.every((d) => d.rule === 'invalid-claim')).toBe(true);
  });
});

describe('symbolic links that lead out of the workspace', () => {
  const folder = mkdtempSync(join(tmpdir(), 'claimlint-links-'));
  const outside = mkdtempSync(join(tmpdir(), 'claimlint-outside-'));
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('are not followed by claimlint check, which says so', () => {
    writeFileSync(join(outside, 'secret.txt'), 'Reserves stood at 12 Mt.\n');
    writeFileSync(join(outside, 'secret.md'), 'Russia holds reserves of 99 Mt.\n');
    mkdirSync(join(folder, 'archive'));
    mkdirSync(join(folder, 'reports'));
    symlinkSync(join(outside, 'secret.txt'), join(folder, 'archive', 'copy.txt'));
    symlinkSync(join(outside, 'secret.md'), join(folder, 'reports', 'linked.md'));
    writeFileSync(join(folder, 'claimlint.yaml'), 'include: ["reports/**/*.md"]\nsources: [sources.yaml]\n');
    writeFileSync(join(folder, 'sources.yaml'), 'sources:\n  - id: usgs\n    title: Minerals\n    archive: archive/copy.txt\n');
    writeFileSync(join(folder, 'reports', 'own.md'), 'China holds reserves of 44 Mt [@usgs].\n');
    const run = spawnSync(process.execPath, [join(REPO, 'bin', 'claimlint.js'), 'check', folder, '--format', 'json'], { encoding: 'utf8' });
    const diagnostics = JSON.parse(run.stdout) as { file: string; rule: string; message: string }[];
    expect(diagnostics.some((d) => d.file.endsWith('linked.md'))).toBe(false);
    expect(diagnostics.some((d) => d.rule === 'source-mismatch' && d.message.includes('cannot be read'))).toBe(true);
    expect(run.stderr).toContain('linked.md');
    expect(run.stderr).toContain('copy.txt');
    expect(run.stderr).toContain('outside');
  });
});

describe('registries the config names but that cannot be read', () => {
  it('are reported on the config, and a URL is told that claimlint never fetches', () => {
    const { workspace } = workspaceWith({ [`${ROOT}/report.md`]: 'China holds reserves of 44 Mt [@usgs].\n' }, 'sources: [missing.yaml, "https://example.org/sources.yaml"]\n');
    const onConfig = workspace.diagnostics().filter((d) => d.file === `${ROOT}/claimlint.yaml`);
    expect(onConfig.map((d) => d.message)).toEqual([
      'the source registry "missing.yaml" cannot be read',
      'the source registry "https://example.org/sources.yaml" cannot be read; claimlint never fetches URLs, so keep a local copy in the workspace',
    ]);
  });
});
