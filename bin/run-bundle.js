'use strict';
// Runs a bundle of dist/ with the V8 code cache that the build made for it (scripts/bundle.mjs), so
// that a check does not parse and compile claimlint's JavaScript again on every run: with the
// cache, a check of the bundled example takes a fifth less time (0.19 → 0.16 s), the benchmark's
// 10k workspace 3% and its 100k reports 2% (docs/benchmarks.md). Node 20 has no compile cache of
// its own (module.enableCompileCache came in Node 22); this one is made once at build time, never
// written at run time.
//
// The cache is used only for the exact bundle it was made from: V8 itself checks only the length
// of the source, so the file starts with a SHA-1 of the bundle, and then one of the cached data, so
// that a damaged file is never handed to V8. Anything else (no cache, a stale or damaged one,
// another Node's, which V8 rejects) runs the bundle the ordinary way.
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/** The code cache file of a bundle. */
function cacheFileOf(bundle) {
  return `${bundle}.cache`;
}

function sha1(data) {
  return crypto.createHash('sha1').update(data).digest('hex');
}

/** The file's first two lines: SHA-1s of the bundle's source and of the cached data after them. */
const HEADER_LENGTH = 2 * 41;

/** The cached data made for exactly this source, or undefined. */
function readCodeCache(bundle, source) {
  let bytes;
  try {
    bytes = fs.readFileSync(cacheFileOf(bundle));
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER_LENGTH) return undefined;
  const header = bytes.toString('latin1', 0, HEADER_LENGTH);
  const data = bytes.subarray(HEADER_LENGTH);
  return header === `${sha1(source)}\n${sha1(data)}\n` ? data : undefined;
}

function codeCacheFile(source, data) {
  return Buffer.concat([Buffer.from(`${sha1(source)}\n${sha1(data)}\n`, 'latin1'), data]);
}

/**
 * Compiles the bundle as Node's CommonJS loader would (same wrapper, same require), with cached
 * data when there is some. `onExit`, if given, is called with the script as the process exits.
 */
function runBundle(bundle, onExit) {
  const source = fs.readFileSync(bundle, 'utf8');
  const cachedData = onExit ? undefined : readCodeCache(bundle, source);
  if (cachedData === undefined && !onExit) return require(bundle);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  bundleModule.paths = Module._nodeModulePaths(path.dirname(bundle));
  if (onExit) process.on('exit', () => onExit(script, source));
  const wrapper = script.runInThisContext();
  const bundleRequire = Module.createRequire(bundle);
  wrapper.call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, bundle, path.dirname(bundle));
  bundleModule.loaded = true;
  return bundleModule.exports;
}

/**
 * For the build: runs the bundle on the arguments given (a check of the bundled example), then
 * writes its code cache, which then holds every function that the run compiled.
 */
function writeCodeCache(bundle, args) {
  process.argv = [process.argv[0], bundle, ...args];
  return runBundle(bundle, (script, source) => {
    fs.writeFileSync(cacheFileOf(bundle), codeCacheFile(source, script.createCachedData()));
  });
}

module.exports = { runBundle, writeCodeCache, readCodeCache, cacheFileOf };
