// The CLI's own name, version and home page, read from the root package.json at run time (the
// bundle is dist/cli.js, so the file is one folder up) so `--version` and SARIF never disagree
// with what was published.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PackageInfo {
  version: string;
  /** Absolute home page URI, when package.json declares one. */
  homepage?: string;
  /** Absolute URI of the folder holding docs/rules/<id>.md, when it can be derived from the home page. */
  ruleDocsUri?: string;
}

export function readPackageInfo(startFolder: string): PackageInfo {
  for (let folder = startFolder; ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'package.json');
    const manifest = readManifest(candidate);
    if (manifest?.name === 'claimlint') return packageInfoOf(manifest);
    if (path.dirname(folder) === folder) return { version: '0.0.0' };
  }
}

interface Manifest {
  name?: unknown;
  version?: unknown;
  homepage?: unknown;
}

function readManifest(file: string): Manifest | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

export function packageInfoOf(manifest: Manifest): PackageInfo {
  const info: PackageInfo = { version: typeof manifest.version === 'string' ? manifest.version : '0.0.0' };
  if (typeof manifest.homepage === 'string' && /^https?:\/\//.test(manifest.homepage)) {
    const homepage = manifest.homepage.replace(/#.*$/, '');
    info.homepage = homepage;
    // A GitHub repository page serves files under /blob/<ref>/; HEAD follows the default branch.
    const github = /^https:\/\/github\.com\/[^/]+\/[^/]+/.exec(homepage);
    info.ruleDocsUri = github ? `${github[0]}/blob/HEAD/docs/rules/` : `${homepage.replace(/\/?$/, '/')}docs/rules/`;
  }
  return info;
}
