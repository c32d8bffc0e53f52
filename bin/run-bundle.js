'use strict';
// Runs a bundle of dist/ so that a check does not parse and compile claimlint's JavaScript again on
// every run. With the V8 code cache that the build made for it (scripts/bundle.mjs), a check of the
// bundled example takes a fifth less time (0.19 → 0.16 s), the benchmark's 10k workspace 3% and its
// 100k reports 2% (docs/benchmarks.md).
//
// That cache is used only for the exact bundle it was made from, by the Node that made it: V8
// itself checks only the length of the source, so the file starts with the Node version, a SHA-1
// of the bundle and one of the cached data (a damaged file is never handed to V8). Without such a
// cache (another Node than the build's, a stale or damaged file), Node 22.1 and later keep a
// compile cache of their own in the system's temporary folder (module.enableCompileCache;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off), and Node 20, which has none, compiles as usual.
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

/** Which Node made a cache: V8 rejects another's data (after compiling the bundle to find out). */
const NODE_BUILD = `${process.version} ${process.arch}`;

function header(source, data) {
  return `${NODE_BUILD}\n${sha1(source)}\n${sha1(data)}\n`;
}

/** The header's length: the Node version and two SHA-1s, a line each (ASCII). */
const HEADER_LENGTH = NODE_BUILD.length + 1 + 2 * 41;

/**
 * The cache file's bytes when this Node made it, else undefined. Checked before the bundle is
 * read at all: on another Node than the build's, the bundle is then read once, by `require`, and
 * nothing is hashed.
 */
function readCacheOfThisNode(bundle) {
  let bytes;
  try {
    bytes = fs.readFileSync(cacheFileOf(bundle));
  } catch {
    return undefined;
  }
  return bytes.length > HEADER_LENGTH && bytes.toString('latin1', 0, NODE_BUILD.length + 1) === `${NODE_BUILD}\n` ? bytes : undefined;
}

/** The cached data of a cache file's bytes when they were made for exactly this source, or undefined. */
function dataFor(bytes, source) {
  const data = bytes.subarray(HEADER_LENGTH);
  return bytes.toString('latin1', 0, HEADER_LENGTH) === header(source, data) ? data : undefined;
}

/** The cached data made for exactly this source by this Node, or undefined. */
function readCodeCache(bundle, source) {
  const bytes = readCacheOfThisNode(bundle);
  return bytes && dataFor(bytes, source);
}

function codeCacheFile(source, data) {
  return Buffer.concat([Buffer.from(header(source, data), 'latin1'), data]);
}

/**
 * Compiles the bundle as Node's CommonJS loader would (same wrapper, same require), with cached
 * data when there is some. `onExit`, if given, is called with the script as the process exits.
 */
function runBundle(bundle, onExit) {
  const bytes = onExit ? undefined : readCacheOfThisNode(bundle);
  if (!bytes && !onExit) return requireWithNodesCache(bundle);
  const source = fs.readFileSync(bundle, 'utf8');
  const cachedData = bytes && dataFor(bytes, source);
  if (cachedData === undefined && !onExit) return requireWithNodesCache(bundle);
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

/** The ordinary way, with Node's own compile cache where it has one (Node 22.1 and later). */
function requireWithNodesCache(bundle) {
  try {
    Module.enableCompileCache?.();
  } catch {
    // A cache folder that cannot be made only costs the compiling.
  }
  return require(bundle);
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
