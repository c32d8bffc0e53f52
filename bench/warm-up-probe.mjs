// How much of a check is V8 warming up? A CLI run reads every document once, so its early documents
// run in V8's interpreter and baseline code before the optimising compiler has caught up; the
// language server's first pass is the same. This measures it: in each fresh process the same
// documents are read several times, each pass by a fresh ClaimWorkspace, and the first (cold) pass
// is set against the later (warm) ones, slice by slice of documents, then the checks.
//
//   node bench/warm-up-probe.mjs <workspace> [--processes 3] [--passes 3] [--slice 500]
//                                [--folder reports] [--flags "--always-sparkplug"]...
//
// Each `--flags` adds a mode: processes started with those node options, alternating with the
// plain ones (and each other) process by process, so the machine's drift falls on all alike.
// docs/benchmarks.md has the results.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { bundleEngine, documentsOf, engineOptions } from './engine-options.mjs';
import { median } from './stats.mjs';

const SELF = fileURLToPath(import.meta.url);
const USAGE =
  'usage: node bench/warm-up-probe.mjs <workspace> [--processes N] [--passes N] [--slice N] [--folder reports] [--flags "NODE OPTIONS"]...';

/** One sample, in a child process: `passes` passes, each slice's reading timed, then the checks. */
function sampleInThisProcess({ engine, workspace, folder, passes, slice }) {
  const { ClaimWorkspace } = createRequire(SELF)(engine);
  const files = documentsOf(workspace, folder);
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const options = engineOptions(workspace);
  const result = [];
  for (let pass = 0; pass < passes; pass++) {
    // The last pass's workspace is garbage now: collected here, not inside the next pass's time.
    globalThis.gc?.();
    const slices = [];
    let started = performance.now();
    const check = new ClaimWorkspace(options);
    let claims = 0;
    for (let from = 0; from < files.length; from += slice) {
      for (let index = from; index < Math.min(files.length, from + slice); index++) {
        check.setDocument(files[index], texts[index]);
        check.read(files[index]);
        claims += check.claimsIn(files[index]).length;
      }
      const now = performance.now();
      slices.push(now - started);
      started = now;
    }
    const diagnostics = check.diagnostics().length;
    result.push({ slices, checksMs: performance.now() - started, claims, diagnostics });
  }
  return result;
}

/** A pass's whole time: its slices of reading, then the checks. */
function totalMs(pass) {
  return pass.slices.reduce((sum, ms) => sum + ms, 0) + pass.checksMs;
}

function pad(text, width) {
  return String(text).padEnd(width);
}

async function main(argv) {
  const take = (name, fallback) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv.splice(at, 2)[1] : fallback;
  };
  const processes = Number(take('--processes', 3));
  const passes = Number(take('--passes', 3));
  const slice = Number(take('--slice', 500));
  const folder = take('--folder', 'reports');
  const modes = [''];
  for (let at = argv.indexOf('--flags'); at >= 0; at = argv.indexOf('--flags')) modes.push(argv.splice(at, 2)[1] ?? '');
  const workspace = argv[0] && resolve(argv[0]);
  if (!workspace || !(processes > 0) || !(passes >= 2) || !(slice > 0)) {
    console.error(USAGE);
    process.exit(2);
  }
  const files = documentsOf(workspace, folder);
  const scratch = mkdtempSync(join(tmpdir(), 'claimlint-warm-up-probe-'));
  try {
    const engine = join(scratch, 'engine.cjs');
    await bundleEngine(engine);
    const samples = new Map(modes.map((mode) => [mode, []]));
    let found;
    for (let round = 0; round < processes; round++) {
      for (let k = 0; k < modes.length; k++) {
        const mode = modes[(round + k) % modes.length];
        const job = JSON.stringify({ engine, workspace, folder, passes, slice });
        const child = spawnSync(process.execPath, ['--expose-gc', ...mode.split(/\s+/).filter(Boolean), SELF, '--sample', job], { encoding: 'utf8', maxBuffer: 1 << 24 });
        if (child.status !== 0) throw new Error(`a sample${mode ? ` with ${mode}` : ''} failed:\n${child.stderr.slice(-2000)}`);
        const result = JSON.parse(child.stdout);
        // Every pass of every mode must read the same claims and find the same diagnostics.
        for (const pass of result) {
          const seen = `${pass.claims} claims, ${pass.diagnostics} diagnostics`;
          if (found !== undefined && seen !== found) throw new Error(`a pass found ${seen}, another ${found}`);
          found = seen;
        }
        samples.get(mode).push(result);
        process.stderr.write(`process ${round + 1}${mode ? ` (${mode})` : ''}: passes ${result.map((pass) => totalMs(pass).toFixed(0)).join(', ')} ms\n`);
      }
    }
    console.log(`${files.length} files of ${folder}/, ${found}; ${processes} processes per mode, ${passes} passes each; medians over the processes`);
    for (const mode of modes) {
      const results = samples.get(mode);
      const cold = (pick) => median(results.map((result) => pick(result[0])));
      // A process's warm figure is the median of its later passes; the row is the median over processes.
      const warm = (pick) => median(results.map((result) => median(result.slice(1).map(pick))));
      console.log(`\n${mode ? `node ${mode}` : 'node (no options)'}`);
      console.log(`${pad('documents', 16)}${pad('cold pass', 12)}${pad('warm passes', 12)}cold ÷ warm`);
      const slices = results[0][0].slices.length;
      for (let index = 0; index < slices; index++) {
        const first = index * slice;
        const last = Math.min(files.length, first + slice) - 1;
        const c = cold((pass) => pass.slices[index]);
        const w = warm((pass) => pass.slices[index]);
        console.log(`${pad(`${first}–${last}`, 16)}${pad(`${c.toFixed(0)} ms`, 12)}${pad(`${w.toFixed(0)} ms`, 12)}${(c / w).toFixed(1)}×`);
      }
      const c = cold((pass) => pass.checksMs);
      const w = warm((pass) => pass.checksMs);
      console.log(`${pad('checks', 16)}${pad(`${c.toFixed(0)} ms`, 12)}${pad(`${w.toFixed(0)} ms`, 12)}${(c / w).toFixed(1)}×`);
      const coldWhole = cold(totalMs);
      const warmWhole = warm(totalMs);
      console.log(`${pad('whole', 16)}${pad(`${coldWhole.toFixed(0)} ms`, 12)}${pad(`${warmWhole.toFixed(0)} ms`, 12)}${(coldWhole / warmWhole).toFixed(2)}×`);
      console.log(`warming up: ${(coldWhole - warmWhole).toFixed(0)} ms, ${((100 * (coldWhole - warmWhole)) / coldWhole).toFixed(0)}% of the cold pass`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--sample') {
  process.stdout.write(JSON.stringify(sampleInThisProcess(JSON.parse(process.argv[3]))));
} else {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`warm-up-probe: ${error.message}`);
    process.exit(1);
  });
}
