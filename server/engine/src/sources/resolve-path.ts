// Posix-style path arithmetic on document ids (absolute paths with '/'), without Node's `path`:
// the engine runs on text and ids only. Windows ids keep their drive ("C:/reports/a.md").

/** The folder of a file: "/w/reports/a.md" → "/w/reports"; "/a.md" → "/"; "C:/a.md" → "C:/". */
export function dirname(file: string): string {
  const normal = file.replace(/\\/g, '/');
  const slash = normal.lastIndexOf('/');
  if (slash < 0) return '.';
  const root = rootOf(normal);
  if (slash < root.length) return root || '/';
  return normal.slice(0, slash) || '/';
}

/**
 * `relative` resolved against the folder of `fromFile`, normalised: '.' and '..' segments applied,
 * repeated slashes collapsed, backslashes turned into '/'. An absolute `relative` is only normalised.
 * '..' never climbs above the root ("/a/../../b" → "/b").
 */
export function resolvePath(fromFile: string, relative: string): string {
  const target = relative.replace(/\\/g, '/');
  if (rootOf(target) !== '') return normalise(target);
  return normalise(`${dirname(fromFile)}/${target}`);
}

/**
 * Whether `path` is `folder` or lies under it (both absolute ids, compared after normalising).
 * A workspace's registries, archives and bibliographies must: a hostile workspace must not make
 * claimlint read `/etc/passwd` or another project's files.
 */
export function isWithin(folder: string, path: string): boolean {
  const base = normalise(folder);
  const target = normalise(path);
  if (target === base) return true;
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return target.startsWith(prefix);
}

/** Normalises an absolute or relative '/' path. */
export function normalise(path: string): string {
  const text = path.replace(/\\/g, '/');
  const root = rootOf(text);
  const segments: string[] = [];
  for (const segment of text.slice(root.length).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
      else if (root === '') segments.push('..'); // a relative path may climb; an absolute one stops at its root
      continue;
    }
    segments.push(segment);
  }
  const joined = segments.join('/');
  if (root !== '') return root + joined;
  return joined === '' ? '.' : joined;
}

/** "/" for posix absolute paths, "C:/" for drive paths, "" for relative ones. */
function rootOf(path: string): string {
  if (path.startsWith('/')) return '/';
  const drive = /^[A-Za-z]:\//.exec(path);
  return drive ? drive[0] : '';
}
