// A/B of two builds of the engine on the same workspace, in one process, alternating rounds, so
// that the machine's drift (30–40% within an hour here) falls on both alike:
//
//   node --expose-gc bench/engine-ab.mjs <engine-a.cjs> <engine-b.cjs> <workspace> [--rounds 8]
//
// Each round hands every claim file and report of the workspace to a fresh ClaimWorkspace and asks
// for all diagnostics (read, index, rules). Build each engine from its checkout with
//   npx esbuild server/engine/src/index.ts --bundle --platform=node --format=cjs --outfile=<file>
// and keep the workspace a benchmark made (`$TMPDIR/claimlint-bench/claims-100000-seed-1`).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { engineOptions } from './engine-options.mjs';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 8;
const [bundleA, bundleB, workspace] = args;
if (!bundleA || !bundleB || !workspace || !(rounds > 0)) {
  console.error('usage: node --expose-gc bench/engine-ab.mjs <engine-a.cjs> <engine-b.cjs> <workspace> [--rounds 8]');
  process.exit(2);
}

const files = [];
for (const folder of ['claims', 'reports']) {
  for (const name of readdirSync(join(workspace, folder), { recursive: true })) if (/\.(md|ya?ml)$/.test(name)) files.push(join(workspace, folder, name));
}
const texts = files.map((file) => readFileSync(file, 'utf8'));
const options = engineOptions(workspace);
const engines = [];
for (const bundle of [bundleA, bundleB]) engines.push((await import(pathToFileURL(resolve(bundle)).href)).default.ClaimWorkspace);

const times = [[], []];
const diagnostics = [0, 0];
for (let round = 0; round < rounds; round++) {
  // A, B, then B, A: neither always runs first.
  for (const which of round % 2 === 0 ? [0, 1] : [1, 0]) {
    globalThis.gc?.();
    const started = performance.now();
    const check = new engines[which](options);
    for (let i = 0; i < files.length; i++) check.setDocument(files[i], texts[i]);
    diagnostics[which] = check.diagnostics().length;
    times[which].push(performance.now() - started);
  }
}
const median = (values) => [...values].sort((x, y) => x - y)[values.length >> 1];
for (const which of [0, 1]) {
  console.log(`${which === 0 ? 'A' : 'B'} ${[bundleA, bundleB][which]}: median ${median(times[which]).toFixed(0)} ms, min ${Math.min(...times[which]).toFixed(0)} ms, ${diagnostics[which]} diagnostics; rounds ${times[which].map((t) => t.toFixed(0)).join(' ')}`);
}
console.log(`B ÷ A (medians): ${(median(times[1]) / median(times[0])).toFixed(3)}`);
// The machine's speed can change by 2× between rounds; a ratio within each round (the two builds
// ran back to back) is steadier than the ratio of medians.
const ratios = times[1].map((time, round) => time / times[0][round]);
console.log(`B ÷ A (median of the rounds' ratios): ${median(ratios).toFixed(3)}; rounds ${ratios.map((ratio) => ratio.toFixed(2)).join(' ')}`);
if (diagnostics[0] !== diagnostics[1]) console.log('the two engines found different numbers of diagnostics');
