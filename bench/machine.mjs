// Facts about the machine and the software measured, recorded with every result: numbers from
// different machines or versions do not compare.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { serverNodeArgs } from './server-node-args.mjs';
import { PEAK_RSS_METHOD } from './timed-process.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

function packageVersion(name) {
  try {
    const path = name === '.' ? new URL('../package.json', import.meta.url) : new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(path, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** The commit measured, with "+changes" when the working tree differs from it. */
function gitRevision() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'server', 'scripts', 'package.json'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return undefined;
  }
}

export function machineFacts() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim(),
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    claimlint: packageVersion('.'),
    claimlintRevision: gitRevision(),
    markdownlintCli2: packageVersion('markdownlint-cli2'),
    markdownlint: packageVersion('markdownlint'),
    md4x: packageVersion('md4x'),
    markdownWasm: packageVersion('markdown-wasm'),
    jsYaml: packageVersion('js-yaml'),
    markdownIt: packageVersion('markdown-it'),
    peakRssMethod: PEAK_RSS_METHOD,
    serverNodeArgs: serverNodeArgs(),
  };
}
