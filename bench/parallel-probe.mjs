// Does a second thread or process make reading a workspace faster on this machine? Reading
// (parsing every document into claims) is most of a check and the one part that could be split,
// so this measures only that: the same documents read by one thread, by two worker threads of one
// process, and by two processes, each half of them, started together once everything is loaded.
//
//   node bench/parallel-probe.mjs <workspace> [--rounds 6] [--folder reports]
//
// Every sample is a fresh process (nothing warmed across samples); the modes alternate round by
// round, so the machine's drift falls on all of them alike. It prints the median wall time of each
// mode and its speed-up over one thread (2.0 would be perfect scaling). With `taskset` on the PATH
// it also runs the two processes pinned to one core each. docs/benchmarks.md has the results.
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { bundleEngine, documentsOf, engineOptions } from './engine-options.mjs';
import { median } from './stats.mjs';

const SELF = fileURLToPath(import.meta.url);
const USAGE = 'usage: node bench/parallel-probe.mjs <workspace> [--rounds N] [--folder reports]';
const now = () => performance.timeOrigin + performance.now();

/** The documents of one share (every other file, so both halves hold English and Chinese alike). */
function shareOf(files, share, shares) {
  return files.filter((_, index) => index % shares === share);
}

/** Loads the engine and the share's texts, then returns a function that reads them all. */
function prepare({ engine, workspace, folder, share, shares }) {
  const files = shareOf(documentsOf(workspace, folder), share, shares);
  const { ClaimWorkspace } = createRequire(SELF)(engine);
  const check = new ClaimWorkspace(engineOptions(workspace));
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  return () => {
    const start = now();
    for (let index = 0; index < files.length; index++) {
      check.setDocument(files[index], texts[index]);
      check.read(files[index]);
    }
    return { start, end: now(), claims: files.reduce((sum, file) => sum + check.claimsIn(file).length, 0) };
  };
}

// ---- a worker thread of the 'threads' host ---------------------------------------------------
if (!isMainThread) {
  const read = prepare(workerData);
  parentPort.once('message', () => parentPort.postMessage(read()));
  parentPort.postMessage('ready');
}

/** One sample, in this (fresh) process: `one`, `threads`, or one `half` of the processes mode. */
async function host(mode, options) {
  const shares = mode === 'one' ? 1 : 2;
  if (mode === 'half') {
    const read = prepare({ ...options, shares: 2 });
    process.send('ready');
    process.once('message', () => process.send(read()));
    return;
  }
  let worker;
  let workerReady;
  if (mode === 'threads') {
    worker = new Worker(SELF, { workerData: { ...options, share: 1, shares: 2 } });
    workerReady = new Promise((resolveReady) => worker.once('message', resolveReady));
  }
  const read = prepare({ ...options, share: 0, shares });
  const parts = [];
  if (worker) {
    await workerReady;
    const theirs = new Promise((resolvePart) => worker.once('message', resolvePart));
    worker.postMessage('go');
    parts.push(read(), await theirs);
    await worker.terminate();
  } else parts.push(read());
  process.stdout.write(`${JSON.stringify(parts)}\n`);
}

/** Runs one sample of `mode` in fresh processes; its parts' start and end times. */
async function sample(mode, options) {
  const args = ['--host', mode, JSON.stringify(options)];
  if (mode === 'one' || mode === 'threads') {
    const result = spawnSync(process.execPath, [SELF, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (result.status !== 0) throw new Error(`${mode} failed: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return JSON.parse(result.stdout.trim().split('\n').pop());
  }
  const pinned = mode === 'processes-pinned';
  const children = [0, 1].map((share) => {
    const childArgs = ['--host', 'half', JSON.stringify({ ...options, share })];
    // Pinned: each process and all its threads (the garbage collector's helpers) on one core.
    return pinned
      ? fork(SELF, childArgs, { execPath: 'taskset', execArgv: ['-c', String(share), process.execPath] })
      : fork(SELF, childArgs);
  });
  const message = (child) => new Promise((resolveMessage, reject) => {
    child.once('message', resolveMessage);
    child.once('exit', (code) => code !== 0 && reject(new Error(`${mode} failed: exit ${code}`)));
  });
  await Promise.all(children.map(message));
  const parts = children.map(message);
  for (const child of children) child.send('go');
  const results = await Promise.all(parts);
  for (const child of children) if (child.connected) child.disconnect();
  return results;
}

async function main(argv) {
  if (argv[0] === '--host') return host(argv[1], JSON.parse(argv[2]));
  const roundsAt = argv.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Number(argv.splice(roundsAt, 2)[1]) : 6;
  const folderAt = argv.indexOf('--folder');
  const folder = folderAt >= 0 ? argv.splice(folderAt, 2)[1] : 'reports';
  const workspace = argv[0] && resolve(argv[0]);
  if (!workspace || !(rounds > 0)) {
    console.error(USAGE);
    process.exit(2);
  }
  const files = documentsOf(workspace, folder);
  const scratch = mkdtempSync(join(tmpdir(), 'claimlint-parallel-probe-'));
  try {
    const engine = join(scratch, 'engine.cjs');
    await bundleEngine(engine);
    const modes = ['one', 'threads', 'processes'];
    if (spawnSync('taskset', ['-c', '0', 'true']).status === 0) modes.push('processes-pinned');
    const options = { engine, workspace, folder };
    const walls = new Map(modes.map((mode) => [mode, []]));
    let claims;
    for (let round = 0; round < rounds; round++) {
      // Rotate the order, so that no mode always runs first.
      for (let k = 0; k < modes.length; k++) {
        const mode = modes[(round + k) % modes.length];
        const parts = await sample(mode, options);
        const total = parts.reduce((sum, part) => sum + part.claims, 0);
        if (claims !== undefined && total !== claims) throw new Error(`${mode} read ${total} claims, another mode ${claims}`);
        claims = total;
        walls.get(mode).push(Math.max(...parts.map((part) => part.end)) - Math.min(...parts.map((part) => part.start)));
        process.stderr.write(`round ${round + 1} ${mode}: ${walls.get(mode).at(-1).toFixed(0)} ms\n`);
      }
    }
    const one = median(walls.get('one'));
    console.log(`${files.length} files of ${folder}/, ${claims} claims, ${rounds} rounds; reading only (no checks), wall time from the start of the first part to the end of the last`);
    for (const mode of modes) {
      const times = walls.get(mode);
      console.log(`${mode.padEnd(17)} median ${median(times).toFixed(0).padStart(5)} ms  speed-up ${(one / median(times)).toFixed(2)}×  (${times.map((time) => time.toFixed(0)).join(' ')})`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (isMainThread) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`parallel-probe: ${error.message}`);
    process.exit(1);
  });
}
