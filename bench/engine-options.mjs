// What the bench tools that drive the engine in process share: the options they hand it for a
// generated workspace on disk (its root, its claimlint.yaml, and a host that reads registries and
// archives from disk, undefined when missing), the documents they read, and the engine's bundle.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const diskHost = {
  readFile(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** `new ClaimWorkspace(engineOptions(workspace))` checks the workspace as the CLI would. */
export function engineOptions(workspace) {
  const configFile = join(workspace, 'claimlint.yaml');
  return { root: workspace, configText: readFileSync(configFile, 'utf8'), configFile, host: diskHost };
}

/** The checked documents of one folder of a workspace, in name order. */
export function documentsOf(workspace, folder) {
  return readdirSync(join(workspace, folder))
    .filter((name) => /\.(md|ya?ml)$/.test(name))
    .sort()
    .map((name) => join(workspace, folder, name));
}

/**
 * Bundles the engine (`server/engine/src`) into one CommonJS file, for `require`: its index, and
 * with `modules` (paths under server/engine/src) what they export too, such as `features/hover`.
 */
export async function bundleEngine(outfile, modules = []) {
  const { build } = await import('esbuild');
  const contents = ['index', ...modules].map((module) => `export * from ${JSON.stringify(`./server/engine/src/${module}`)};`).join('\n');
  await build({ stdin: { contents, resolveDir: REPO, loader: 'ts' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning' });
}

/** The engine from source, loaded in this process: bundled into a scratch folder, required, removed. */
export async function loadEngine(modules = []) {
  const scratch = mkdtempSync(join(tmpdir(), 'claimlint-engine-'));
  try {
    const bundle = join(scratch, 'engine.cjs');
    await bundleEngine(bundle, modules);
    return createRequire(import.meta.url)(bundle);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
