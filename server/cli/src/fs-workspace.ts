// The disk side of a check: finds the config, walks the checked paths, reads files (read-only) and
// hands their text to a ClaimWorkspace. The engine never touches the disk; this is its host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClaimWorkspace, type WorkspaceHost } from '../../engine/src/index';
import { UsageError } from './usage-error';

export const CONFIG_FILE_NAMES = ['claimlint.yaml', '.claimlint.yaml'] as const;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Like git, a NUL byte in the first 8 KB marks a file as binary. */
const BINARY_SNIFF_BYTES = 8 * 1024;
/** Folders never worth walking into, skipped before the include/exclude globs are even asked. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export type FileContent = { kind: 'text'; text: string } | { kind: 'unreadable'; reason: string } | { kind: 'missing' };

/**
 * Reads a file as text the way every checked file and registry is read: read-only, at most 20 MB,
 * binary files refused, invalid UTF-8 replaced by U+FFFD, a leading byte order mark removed
 * (UTF-16 files with a byte order mark are decoded as UTF-16).
 */
export function readTextFile(file: string): FileContent {
  let fd: number;
  let size: number;
  try {
    // Checked before opening: opening a FIFO (or a device) for reading can block forever.
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { kind: 'unreadable', reason: 'is a folder, not checked' };
    if (!stat.isFile()) return { kind: 'unreadable', reason: 'not a regular file, not checked' };
    if (stat.size > MAX_FILE_BYTES) return { kind: 'unreadable', reason: 'file is larger than 20 MB, not checked' };
    size = stat.size;
    fd = fs.openSync(file, 'r');
  } catch (error) {
    const code = errorCode(error);
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', reason: `cannot read file (${code}), not checked` };
  }
  try {
    const bytes = readOpenFile(fd, size);
    if (bytes === undefined) return { kind: 'unreadable', reason: 'file is larger than 20 MB, not checked' };
    return decode(bytes);
  } catch (error) {
    return { kind: 'unreadable', reason: `cannot read file (${errorCode(error)}), not checked` };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The bytes of an open file that measured `size` bytes, or undefined past 20 MB. One read where
 * the size still holds: readFileSync(fd) would ask for the size again, a system call per file of a
 * workspace. A file that grew since is read to its end, within the limit.
 */
export function readOpenFile(fd: number, size: number): Uint8Array | undefined {
  // One byte more than measured, so that a file that grew shows it in the first read.
  let buffer = Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
    if (length > MAX_FILE_BYTES) return undefined;
    // A short read of a regular file is its end; reading on would only be told so.
    if (length < buffer.length) {
      if (length >= size) break;
      continue;
    }
    const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
    buffer.copy(grown, 0, 0, length);
    buffer = grown;
  }
  return buffer.subarray(0, length);
}

/** Shared: one decoder made per file showed in the language server's profile of a 6,000-file first pass. */
const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function decode(bytes: Uint8Array): FileContent {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    try {
      return { kind: 'text', text: stripBom(new TextDecoder(utf16, { ignoreBOM: true }).decode(bytes)) };
    } catch {
      // A Node built without ICU has no UTF-16BE decoder: fall through to the binary check.
    }
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { kind: 'unreadable', reason: 'binary file, not checked' };
  // fatal: false replaces invalid sequences with U+FFFD instead of throwing.
  return { kind: 'text', text: stripBom(UTF8.decode(bytes)) };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown error';
}

/** Absolute path with '/' separators: the engine's document id. */
export function documentId(absolutePath: string): string {
  return absolutePath.split(path.sep).join('/');
}

export const diskHost: WorkspaceHost = {
  readFile(file: string): string | undefined {
    const content = readTextFile(file);
    return content.kind === 'text' ? content.text : undefined;
  },
};

/**
 * The disk as a workspace rooted at `root` sees it: registries, archives and bibliographies are read
 * only when they really lie inside the root. The engine already refuses paths that climb out of it
 * ("../../x"); this also refuses symbolic links that lead out, which only the disk can see. A
 * refused file reads as missing (the engine reports it) and is noted for the front end to show.
 */
export function createDiskHost(root: string, notes?: string[]): WorkspaceHost {
  const realRoot = realPathOrUndefined(root) ?? root;
  return {
    readFile(file: string): string | undefined {
      const real = realPathOrUndefined(file);
      if (real !== undefined && !isInside(real, realRoot)) {
        notes?.push(`not reading ${file}: it is a symbolic link to ${real}, outside the workspace`);
        return undefined;
      }
      return diskHost.readFile(file);
    },
  };
}

function realPathOrUndefined(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

export interface FsWorkspaceOptions {
  /** The PATH arguments as given (relative to cwd or absolute); empty means the current folder. */
  paths: readonly string[];
  /** `--config FILE`, as given. */
  config?: string;
  cwd: string;
}

export interface FsWorkspace {
  workspace: ClaimWorkspace;
  /** Document id of the folder the globs are relative to. */
  root: string;
  /** Document id of the config, when one was found or given. */
  configFile?: string;
  /** Document ids of the files handed to the workspace (read, or reported unreadable). */
  checkedFiles: string[];
  /** Things worth saying on stderr that do not stop the check (a folder that could not be listed). */
  notes: string[];
}

/** Builds the workspace for `claimlint check`. Throws UsageError for a missing path or an unreadable config. */
export function loadFsWorkspace(options: FsWorkspaceOptions): FsWorkspace {
  const given = options.paths.length > 0 ? options.paths : ['.'];
  const targets = given.map((arg) => {
    const absolute = path.resolve(options.cwd, arg);
    const stat = statOrUndefined(absolute);
    if (!stat) throw new UsageError(`no such file or directory: ${arg}`);
    return { arg, absolute, isFolder: stat.isDirectory() };
  });

  const startFolder = commonFolder(targets.map((t) => (t.isFolder ? t.absolute : path.dirname(t.absolute))));
  const configFile = options.config !== undefined ? path.resolve(options.cwd, options.config) : findConfig(startFolder);
  let configText: string | undefined;
  if (configFile !== undefined) {
    const content = readTextFile(configFile);
    const shown = options.config ?? path.relative(options.cwd, configFile);
    if (content.kind === 'missing') throw new UsageError(`cannot read config ${shown}: no such file`);
    if (content.kind === 'unreadable') throw new UsageError(`cannot read config ${shown}: ${content.reason.replace(/, not checked$/, '')}`);
    configText = content.text;
  }

  const rootFolder = configFile !== undefined ? path.dirname(configFile) : startFolder;
  const root = documentId(rootFolder);
  const configId = configFile !== undefined ? documentId(configFile) : undefined;
  const notes: string[] = [];
  const workspace = new ClaimWorkspace({ root, configText, configFile: configId, host: createDiskHost(rootFolder, notes) });

  const files = new Set<string>();
  for (const target of targets) {
    if (!target.isFolder) {
      // A file named on the command line is checked even when the globs would not pick it.
      files.add(documentId(target.absolute));
      continue;
    }
    if (!isInside(target.absolute, rootFolder)) {
      // Only possible with --config elsewhere: the globs are relative to the config's folder.
      notes.push(`${target.arg} is outside ${path.relative(options.cwd, rootFolder) || '.'}, the folder of the config, so its include globs match nothing there; name the files to check them`);
      continue;
    }
    for (const file of walkFolder(target.absolute, notes)) {
      const id = documentId(file);
      if (workspace.isIncluded(id)) files.add(id);
    }
  }

  for (const file of files) {
    const content = readTextFile(file);
    if (content.kind === 'text') workspace.setDocument(file, content.text);
    else workspace.reportUnreadable(file, content.kind === 'missing' ? 'file disappeared while checking, not checked' : content.reason);
  }
  // A named file of no kind claimlint reads would pass in silence, exit 0 and all: say so.
  for (const target of targets) {
    if (!target.isFolder && workspace.kindOf(documentId(target.absolute)) === 'other') {
      notes.push(`${target.arg} is not checked: claimlint reads Markdown (.md, .markdown), claim files (*.claims.yaml, *.claims.yml) and the source registries that claimlint.yaml or a report's front matter names`);
    }
  }

  return { workspace, root, configFile: configId, checkedFiles: [...files], notes };
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** The nearest claimlint.yaml (or .claimlint.yaml) in `folder` or an ancestor, up to the filesystem root. */
export function findConfig(folder: string): string | undefined {
  for (let current = folder; ; current = path.dirname(current)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      if (statOrUndefined(candidate)?.isFile()) return candidate;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/** The deepest folder holding all the given folders (the first one when they share none, as across Windows drives). */
export function commonFolder(folders: readonly string[]): string {
  const [first, ...rest] = folders.map((folder) => path.resolve(folder));
  let common = first!;
  for (const folder of rest) {
    while (!isInside(folder, common)) {
      const parent = path.dirname(common);
      if (parent === common) return first!;
      common = parent;
    }
  }
  return common;
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Every file under `folder`, sorted by path, without following symbolic links to folders (they
 * can loop). Folders that cannot be listed are noted and skipped.
 */
export function walkFolder(folder: string, notes: string[]): string[] {
  const files: string[] = [];
  const realFolder = realPathOrUndefined(folder) ?? folder;
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (error) {
      notes.push(`cannot read folder ${current} (${errorCode(error)}), skipped`);
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(full);
      } else if (entry.isFile()) {
        files.push(full);
      } else if (entry.isSymbolicLink() && statOrUndefined(full)?.isFile()) {
        // A link to a file elsewhere on the machine is not the workspace's to check.
        const real = realPathOrUndefined(full);
        if (real !== undefined && isInside(real, realFolder)) files.push(full);
        else notes.push(`skipped ${full}: a symbolic link to ${real ?? 'a missing file'}, outside ${folder}`);
      }
    }
  }
  // Code-unit order, so the order of checking (and of any output that follows it) is the same everywhere.
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
