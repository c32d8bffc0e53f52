// Builds dist/ (CLI and language server) when a bundle is missing or older than the sources, so the
// end-to-end tests run the bundles of the code under test, also when vitest runs without
// `npm run build`. Usable as a vitest globalSetup file; the suites also call it from beforeAll.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
export const CLI_BIN = join(REPO_ROOT, 'bin/claimlint.js');
const BUNDLES = ['dist/cli.js', 'dist/cli.js.cache', 'dist/server.js'].map((bundle) => join(REPO_ROOT, bundle));
const SOURCES = ['server/cli/src', 'server/lsp/src', 'server/engine/src', 'server/engine/schemas', 'package.json', 'scripts/bundle.mjs', 'bin/run-bundle.js'];

function newestModification(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestModification(join(path, name))));
}

/** Bundles dist/ (the CLI and the language server) when a bundle is missing or older than its sources. */
export function ensureBundlesBuilt(): void {
  const built = Math.min(...BUNDLES.map((bundle) => statSync(bundle, { throwIfNoEntry: false })?.mtimeMs ?? 0));
  const newest = Math.max(...SOURCES.map((source) => newestModification(join(REPO_ROOT, source))));
  if (built >= newest) return;
  // Bundling only: type-checking is `tsc -b`'s job and would double the time.
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export const ensureCliBuilt = ensureBundlesBuilt;

export default function setup(): void {
  ensureBundlesBuilt();
}
