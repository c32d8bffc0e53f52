// Nothing lost: `claimlint check` only reads. A copy of examples/rare-earths with hostile files
// added (binary, CRLF, byte order marks, UTF-16, invalid UTF-8 and YAML, a read-only file, a
// symbolic link, a FIFO) is snapshotted (every entry's kind, size, modification time and content
// hash), checked in every format and with every option, and snapshotted again: the snapshots must
// be equal, and the home, cache and temp folders the CLI was given must still be empty.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, ensureBundlesBuilt } from '../cli/global-setup';

const FORMATS = ['stylish', 'json', 'sarif', 'github'];
const PAST = new Date('2001-02-03T04:05:06Z');

const HOSTILE_FILES: Record<string, string | Uint8Array> = {
  'reports/hostile/binary.md': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  'reports/hostile/crlf.md': '# Output\r\n\r\nChina mined 270,000 t of rare earths in 2024.\r\nLaos mined 9 kt.\r\n',
  'reports/hostile/bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# 产量\r\n\r\n中国稀土产量为27万吨。\r\n')]),
  'reports/hostile/utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Output\n\nMyanmar mined 31 kt in 2024.\n', 'utf16le')]),
  'reports/hostile/latin1.md': Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('\n\nVietnam holds 3.5 Mt.\n')]),
  'reports/hostile/read-only.md': '# Locked\n\nBrazil holds 21 Mt of reserves.\n',
  'claims/broken.claims.yaml': 'claims:\n  - subject: cn\n    value: [270,000 t\n   metric: : :\n\t- tab\n',
  'claims/not-a-list.claims.yaml': 'claims: 42\n',
  'claims/crlf-bom.claims.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('claims:\r\n  - subject: au\r\n    metric: re-production\r\n    value: 13 kt\r\n')]),
};

interface Entry {
  kind: 'file' | 'folder' | 'link' | 'other';
  size: number;
  mtimeMs: number;
  sha256?: string;
}

/** Every entry under `root` (links not followed), by path relative to it. */
function snapshot(root: string): Record<string, Entry> {
  const entries: Record<string, Entry> = {};
  const pending = [root];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const stat = lstatSync(path);
      const kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : stat.isSymbolicLink() ? 'link' : 'other';
      const entry: Entry = { kind, size: stat.size, mtimeMs: stat.mtimeMs };
      if (kind === 'file') entry.sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
      if (kind === 'folder') pending.push(path);
      entries[relative(root, path)] = entry;
    }
  }
  return entries;
}

let root: string;
let folder: string;
let env: NodeJS.ProcessEnv;
let emptyFolders: string[];

beforeAll(() => {
  ensureBundlesBuilt();
  root = mkdtempSync(join(tmpdir(), 'claimlint-never-writes-'));
  folder = join(root, 'workspace');
  cpSync(join(REPO_ROOT, 'examples/rare-earths'), folder, { recursive: true });
  for (const [name, content] of Object.entries(HOSTILE_FILES)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), content);
  }
  chmodSync(join(folder, 'reports/hostile/read-only.md'), 0o444);
  chmodSync(join(folder, 'reports/hostile'), 0o555);
  symlinkSync(join(folder, 'reports/global-outlook.md'), join(folder, 'reports/linked-outlook.md'));
  if (process.platform !== 'win32') spawnSync('mkfifo', [join(folder, 'reports/pipe.md')]);
  // Back-dated, so that any write, even within the clock's granularity, shows as a new mtime.
  for (const path of [folder, ...Object.keys(snapshot(folder)).map((name) => join(folder, name))]) {
    if (!lstatSync(path).isSymbolicLink()) utimesSync(path, PAST, PAST);
  }
  utimesSync(root, PAST, PAST);
  // Where a careless tool would put caches and temp files.
  emptyFolders = ['home', 'cache', 'tmp', 'config'].map((name) => mkdtempSync(join(tmpdir(), `claimlint-never-writes-${name}-`)));
  const [home, cache, tmp, config] = emptyFolders as [string, string, string, string];
  env = { ...process.env, HOME: home, USERPROFILE: home, XDG_CACHE_HOME: cache, XDG_CONFIG_HOME: config, TMPDIR: tmp, TMP: tmp, TEMP: tmp, FORCE_COLOR: '0' };
});

afterAll(() => {
  if (!root) return;
  chmodSync(join(folder, 'reports/hostile'), 0o755);
  for (const path of [root, ...emptyFolders]) rmSync(path, { recursive: true, force: true });
});

function claimlint(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI_BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('claimlint check', () => {
  it('creates, changes and touches nothing, in every format and with every option', () => {
    const before = snapshot(root);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['workspace/reports/hostile/binary.md', 'workspace/reports/linked-outlook.md', 'workspace/claims/broken.claims.yaml']));
    const runs: { args: string[]; cwd: string }[] = [];
    for (const format of FORMATS) {
      runs.push(
        { args: ['check', '--format', format], cwd: folder },
        { args: ['check', '.', 'reports/hostile/binary.md', 'reports/pipe.md', 'claims/broken.claims.yaml', '--format', format], cwd: folder },
        { args: ['check', 'workspace', '--config', 'workspace/claimlint.yaml', '--max-warnings', '0', '--quiet', '--format', format], cwd: root },
        { args: ['check', 'reports/hostile', '--format', format], cwd: folder },
      );
    }
    for (const { args, cwd } of runs) {
      const run = claimlint(args, cwd);
      // 1: the example has errors; never 2, an internal failure.
      expect(run.status, `${args.join(' ')}\n${run.stderr}`).toBe(1);
      expect(run.stdout.length).toBeGreaterThan(0);
    }
    // Usage errors write nothing either.
    expect(claimlint(['check', 'no-such-folder'], folder).status).toBe(2);
    expect(claimlint(['check', '--format', 'xml'], folder).status).toBe(2);
    expect(claimlint(['check', '--config', 'reports/hostile/binary.md'], folder).status).toBe(2);

    expect(snapshot(root)).toEqual(before);
    for (const empty of emptyFolders) expect(readdirSync(empty), empty).toEqual([]);
  }, 180_000);

  it('reports the hostile files instead of failing on them', () => {
    const run = claimlint(['check', 'reports/hostile', 'claims', '--format', 'json'], folder);
    const byFile = new Map<string, string[]>();
    for (const d of JSON.parse(run.stdout) as { file: string; rule: string }[]) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d.rule]);
    expect(byFile.get('reports/hostile/binary.md')).toEqual(['invalid-claim']);
    expect(byFile.get('claims/broken.claims.yaml')).toContain('invalid-claim');
    expect(byFile.get('claims/not-a-list.claims.yaml')).toContain('invalid-claim');
    // Decoded and checked: the Laos figure in the CRLF file, the Myanmar one in UTF-16.
    expect(byFile.get('reports/hostile/crlf.md')).toContain('missing-source');
    expect(byFile.get('reports/hostile/utf16.md')).toContain('missing-source');
  });
});
