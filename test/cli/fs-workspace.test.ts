// Reading the disk: how files are decoded or refused, where the config is found, how folders are
// walked, and which mistakes are usage errors. Temp folders live in os.tmpdir() and are removed.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commonFolder, documentId, findConfig, loadFsWorkspace, readOpenFile, readTextFile, walkFolder } from '../../server/cli/src/fs-workspace';
import { UsageError } from '../../server/cli/src/usage-error';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(files: Record<string, string | Uint8Array> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'claimlint-fs-'));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), content);
  }
  return folder;
}

describe('reading a file', () => {
  it('removes a leading byte order mark and keeps CRLF line ends as they are', () => {
    const folder = tempFolder({ 'bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# 稀土\r\nOutput: 3.1万吨\r\n')]) });
    expect(readTextFile(join(folder, 'bom.md'))).toEqual({ kind: 'text', text: '# 稀土\r\nOutput: 3.1万吨\r\n' });
  });

  it('replaces invalid UTF-8 with U+FFFD instead of failing', () => {
    const folder = tempFolder({ 'latin1.md': Buffer.from([0x34, 0x34, 0x20, 0x4d, 0x74, 0x20, 0xe9, 0xff, 0x2e]) });
    expect(readTextFile(join(folder, 'latin1.md'))).toEqual({ kind: 'text', text: '44 Mt \ufffd\ufffd.' });
  });

  it('refuses a file with a NUL byte in its first 8 KB as binary', () => {
    const folder = tempFolder({ 'image.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) });
    expect(readTextFile(join(folder, 'image.md'))).toEqual({ kind: 'unreadable', reason: 'binary file, not checked' });
  });

  it('reads a file whose first NUL byte comes after 8 KB', () => {
    const folder = tempFolder({ 'late.md': Buffer.concat([Buffer.alloc(8192, 0x61), Buffer.from([0])]) });
    const content = readTextFile(join(folder, 'late.md'));
    expect(content.kind).toBe('text');
  });

  it('refuses a file larger than 20 MB without reading it', () => {
    const folder = tempFolder({ 'huge.md': '' });
    truncateSync(join(folder, 'huge.md'), 20 * 1024 * 1024 + 1); // sparse: no 20 MB written
    expect(readTextFile(join(folder, 'huge.md'))).toEqual({ kind: 'unreadable', reason: 'file is larger than 20 MB, not checked' });
  });

  it('reads a file of exactly 20 MB', () => {
    const folder = tempFolder({ 'big.md': '' });
    truncateSync(join(folder, 'big.md'), 20 * 1024 * 1024);
    // All NUL bytes, so it is read and then refused as binary, not as too large.
    expect(readTextFile(join(folder, 'big.md'))).toEqual({ kind: 'unreadable', reason: 'binary file, not checked' });
  });

  it('decodes UTF-16 with a byte order mark (as Windows editors save "Unicode")', () => {
    const text = '俄罗斯 3.8 Mt\n';
    const folder = tempFolder({ 'utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) });
    expect(readTextFile(join(folder, 'utf16.md'))).toEqual({ kind: 'text', text });
  });

  it.skipIf(process.platform === 'win32')('refuses a named pipe instead of waiting on it forever', () => {
    const folder = tempFolder();
    execFileSync('mkfifo', [join(folder, 'pipe.md')]);
    expect(readTextFile(join(folder, 'pipe.md'))).toEqual({ kind: 'unreadable', reason: 'not a regular file, not checked' });
  });

  it('reads an open file to its end when it grew or shrank after it was measured, and stops past 20 MB', () => {
    const text = 'Output: 3.1万吨\n'.repeat(1000);
    const folder = tempFolder({ 'moving.md': text });
    const bytes = Buffer.byteLength(text);
    for (const measured of [0, 1, bytes - 1, bytes, bytes + 1, 2 * bytes]) {
      const fd = openSync(join(folder, 'moving.md'), 'r');
      try {
        expect(Buffer.from(readOpenFile(fd, measured)!).toString('utf8'), `measured ${measured} bytes`).toBe(text);
      } finally {
        closeSync(fd);
      }
    }
    truncateSync(join(folder, 'moving.md'), 20 * 1024 * 1024 + 1);
    const huge = openSync(join(folder, 'moving.md'), 'r');
    try {
      expect(readOpenFile(huge, 10)).toBeUndefined();
    } finally {
      closeSync(huge);
    }
  });

  it('says a missing file is missing, and a folder is not a file', () => {
    const folder = tempFolder();
    expect(readTextFile(join(folder, 'nope.md'))).toEqual({ kind: 'missing' });
    expect(readTextFile(folder)).toEqual({ kind: 'unreadable', reason: 'is a folder, not checked' });
  });
});

describe('finding the config', () => {
  it('finds claimlint.yaml in the nearest ancestor folder', () => {
    const folder = tempFolder({ 'claimlint.yaml': 'tolerance: 0\n', 'reports/2025/a.md': '' });
    expect(findConfig(join(folder, 'reports/2025'))).toBe(join(folder, 'claimlint.yaml'));
  });

  it('finds .claimlint.yaml, and prefers claimlint.yaml next to it', () => {
    const hidden = tempFolder({ '.claimlint.yaml': '', 'docs/a.md': '' });
    expect(findConfig(join(hidden, 'docs'))).toBe(join(hidden, '.claimlint.yaml'));
    const both = tempFolder({ '.claimlint.yaml': '', 'claimlint.yaml': '' });
    expect(findConfig(both)).toBe(join(both, 'claimlint.yaml'));
  });

  it('takes the nearer of two configs', () => {
    const folder = tempFolder({ 'claimlint.yaml': '', 'sub/claimlint.yaml': '', 'sub/deeper/a.md': '' });
    expect(findConfig(join(folder, 'sub/deeper'))).toBe(join(folder, 'sub/claimlint.yaml'));
  });

  it('ignores a folder named claimlint.yaml', () => {
    const folder = tempFolder({ 'claimlint.yaml/readme.md': '', '.claimlint.yaml': '' });
    expect(findConfig(folder)).toBe(join(folder, '.claimlint.yaml'));
  });
});

describe('walking folders', () => {
  it('lists files in name order and skips node_modules and .git', () => {
    const folder = tempFolder({
      'b.md': '',
      'a/z.claims.yaml': '',
      'a/y.md': '',
      'node_modules/pkg/readme.md': '',
      '.git/description.md': '',
      'sub/node_modules/x.md': '',
    });
    const notes: string[] = [];
    expect(walkFolder(folder, notes).map((file) => file.slice(folder.length + 1))).toEqual(['a/y.md', 'a/z.claims.yaml', 'b.md']);
    expect(notes).toEqual([]);
  });

  it('follows a symbolic link to a file but not to a folder, so a loop ends', () => {
    const folder = tempFolder({ 'real/a.md': '' });
    symlinkSync(join(folder, 'real/a.md'), join(folder, 'link.md'));
    symlinkSync(folder, join(folder, 'real/loop'));
    expect(walkFolder(folder, []).map((file) => file.slice(folder.length + 1))).toEqual(['link.md', 'real/a.md']);
  });

  it('finds the deepest folder that holds all the checked paths', () => {
    expect(commonFolder(['/w/reports/2025', '/w/reports/2024/q1'])).toBe('/w/reports');
    expect(commonFolder(['/w/reports'])).toBe('/w/reports');
    expect(commonFolder(['/w/a', '/x/b'])).toBe('/');
  });
});

describe('loading a workspace from disk', () => {
  it('roots the workspace at the config folder and checks a named file', () => {
    const folder = tempFolder({ 'claimlint.yaml': 'tolerance: 0\n', 'reports/a.md': '# A\n' });
    const loaded = loadFsWorkspace({ paths: ['reports/a.md'], cwd: folder });
    expect(loaded.root).toBe(documentId(folder));
    expect(loaded.configFile).toBe(documentId(join(folder, 'claimlint.yaml')));
    expect(loaded.checkedFiles).toEqual([documentId(join(folder, 'reports/a.md'))]);
  });

  it('roots the workspace at the common folder of the checked paths when there is no config', () => {
    const folder = tempFolder({ 'reports/2024/a.md': '', 'reports/2025/b.md': '' });
    const loaded = loadFsWorkspace({ paths: ['reports/2024/a.md', 'reports/2025/b.md'], cwd: folder });
    expect(loaded.root).toBe(documentId(join(folder, 'reports')));
    expect(loaded.configFile).toBeUndefined();
  });

  it('uses --config over the nearest claimlint.yaml, rooted at its folder', () => {
    const folder = tempFolder({ 'claimlint.yaml': '', 'ci/strict.yaml': 'tolerance: 0\n', 'a.md': '' });
    const loaded = loadFsWorkspace({ paths: ['a.md'], config: 'ci/strict.yaml', cwd: folder });
    expect(loaded.configFile).toBe(documentId(join(folder, 'ci/strict.yaml')));
    expect(loaded.root).toBe(documentId(join(folder, 'ci')));
  });

  it('notes a checked folder outside the config folder instead of silently finding nothing', () => {
    const folder = tempFolder({ 'ci/strict.yaml': '', 'docs/a.md': '' });
    const loaded = loadFsWorkspace({ paths: ['docs'], config: 'ci/strict.yaml', cwd: folder });
    expect(loaded.checkedFiles).toEqual([]);
    expect(loaded.notes).toEqual(['docs is outside ci, the folder of the config, so its include globs match nothing there; name the files to check them']);
  });

  it('makes a missing path a usage error naming the path as given', () => {
    const folder = tempFolder();
    expect(() => loadFsWorkspace({ paths: ['reports/missing.md'], cwd: folder })).toThrow(new UsageError('no such file or directory: reports/missing.md'));
  });

  it('makes a --config that does not exist, or is a folder, a usage error', () => {
    const folder = tempFolder({ 'a.md': '', 'conf/x.md': '' });
    expect(() => loadFsWorkspace({ paths: [], config: 'nope.yaml', cwd: folder })).toThrow(new UsageError('cannot read config nope.yaml: no such file'));
    expect(() => loadFsWorkspace({ paths: [], config: 'conf', cwd: folder })).toThrow(new UsageError('cannot read config conf: is a folder'));
  });
});
