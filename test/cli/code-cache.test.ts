// The CLI's V8 code cache (bin/run-bundle.js, made by scripts/bundle.mjs): the build makes one that
// V8 accepts, a check run with it says exactly what a run without it says, and a cache that does
// not belong to the bundle beside it is never used, even where V8 itself would take it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, ensureCliBuilt } from './global-setup';

const runBundleModule = createRequire(__filename)(join(REPO_ROOT, 'bin/run-bundle.js')) as {
  readCodeCache(bundle: string, source: string): Buffer | undefined;
  cacheFileOf(bundle: string): string;
};
const BUNDLE = join(REPO_ROOT, 'dist/cli.js');
const EXAMPLE = join(REPO_ROOT, 'examples/rare-earths');

beforeAll(() => ensureCliBuilt(), 120_000);

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function scratchFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'claimlint-cache-'));
  folders.push(folder);
  return folder;
}

/** A one-line launcher in `folder` that starts `bundle` through bin/run-bundle.js, as bin/claimlint.js does. */
function launcherFor(folder: string, bundle: string): string {
  copyFileSync(join(REPO_ROOT, 'package.json'), join(folder, 'package.json'));
  const launcher = join(folder, 'launch.js');
  writeFileSync(launcher, `require(${JSON.stringify(join(REPO_ROOT, 'bin/run-bundle.js'))}).runBundle(${JSON.stringify(bundle)});\n`);
  return launcher;
}

function run(script: string, args: string[], cwd = EXAMPLE) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the CLI code cache', () => {
  it('is made by the build for the bundle as built, and V8 accepts it', () => {
    const source = readFileSync(BUNDLE, 'utf8');
    const cachedData = runBundleModule.readCodeCache(BUNDLE, source);
    expect(cachedData).toBeDefined();
    const script = new Script(wrap(source), { filename: BUNDLE, cachedData });
    expect(script.cachedDataRejected).toBe(false);
  });

  it.each([['json'], ['stylish'], ['sarif']])('changes nothing a check prints (%s)', (format) => {
    const withCache = run(CLI_BIN, ['check', '.', '--format', format]);
    const withoutCache = run(BUNDLE, ['check', '.', '--format', format]);
    expect(withCache.stdout.length).toBeGreaterThan(100);
    expect(withCache).toEqual(withoutCache);
  });

  it('is not used for a bundle that differs from the one it was made from, even by the same length', () => {
    // V8 checks only a source's length: given this cache, it would run the old bundle's code.
    const folder = scratchFolder();
    const copy = join(folder, 'cli.js');
    const source = readFileSync(BUNDLE, 'utf8');
    const changed = source.replace('no such file or directory: ', 'NO SUCH FILE OR DIRECTORY: ');
    expect(changed.length).toBe(source.length);
    expect(changed).not.toBe(source);
    writeFileSync(copy, changed);
    copyFileSync(runBundleModule.cacheFileOf(BUNDLE), runBundleModule.cacheFileOf(copy));
    const launcher = launcherFor(folder, copy);

    const result = run(launcher, ['check', 'missing-folder'], folder);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('claimlint: NO SUCH FILE OR DIRECTORY: missing-folder\n');
  });

  it('is not used when the cached data is damaged', () => {
    const folder = scratchFolder();
    const copy = join(folder, 'cli.js');
    copyFileSync(BUNDLE, copy);
    const source = readFileSync(copy, 'utf8');
    const cache = readFileSync(runBundleModule.cacheFileOf(BUNDLE));
    writeFileSync(runBundleModule.cacheFileOf(copy), cache);
    expect(runBundleModule.readCodeCache(copy, source)).toBeDefined();
    // One byte of the data changed, well past the two header lines.
    const damaged = Buffer.from(cache);
    damaged[damaged.length >> 1] ^= 0xff;
    writeFileSync(runBundleModule.cacheFileOf(copy), damaged);
    expect(runBundleModule.readCodeCache(copy, source)).toBeUndefined();
    writeFileSync(runBundleModule.cacheFileOf(copy), cache.subarray(0, 60));
    expect(runBundleModule.readCodeCache(copy, source)).toBeUndefined();
  });

  it('is used only by the Node that made it', () => {
    const folder = scratchFolder();
    const copy = join(folder, 'cli.js');
    copyFileSync(BUNDLE, copy);
    const source = readFileSync(copy, 'utf8');
    const data = runBundleModule.readCodeCache(BUNDLE, readFileSync(BUNDLE, 'utf8'))!;
    const sha1 = (value: string | Uint8Array) => createHash('sha1').update(value).digest('hex');
    const labelled = (node: string) => Buffer.concat([Buffer.from(`${node}\n${sha1(source)}\n${sha1(data)}\n`, 'latin1'), data]);
    writeFileSync(runBundleModule.cacheFileOf(copy), labelled(`${process.version} ${process.arch}`));
    expect(runBundleModule.readCodeCache(copy, source)).toEqual(data);
    writeFileSync(runBundleModule.cacheFileOf(copy), labelled(`v0.0.1 ${process.arch}`));
    expect(runBundleModule.readCodeCache(copy, source)).toBeUndefined();
  });

  it('is not needed: without it the bundle runs the ordinary way', () => {
    const folder = scratchFolder();
    copyFileSync(BUNDLE, join(folder, 'cli.js'));
    const launcher = launcherFor(folder, join(folder, 'cli.js'));
    const viaLauncher = run(launcher, ['check', '.', '--format', 'json']);
    expect(viaLauncher.status).toBe(1);
    expect(viaLauncher).toEqual(run(BUNDLE, ['check', '.', '--format', 'json']));
  });
});
