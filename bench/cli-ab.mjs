// Two builds of the CLI, as processes, on the same folder: which is faster, and do they agree?
//
//   node bench/cli-ab.mjs <a/cli.js> <b/cli.js> <folder> [--rounds 10] [--format json]
//
// Each round runs A then B (`node <cli.js> check <folder> --format json`), so a change of the
// machine's speed between rounds falls on both; the paired ratio B ÷ A per round is what to read
// (its median), not the ratio of the medians. The runs' outputs must be byte-identical, else it
// says where they first differ: a speed-up that changes findings is not one. Before changing the
// code, copy a build aside: `bin/`, `dist/` and package.json, and give its `bin/claimlint.js`, which
// starts the bundle with the code cache the build made (bin/run-bundle.js). A bare `dist/cli.js`
// runs too, without the cache; only the version number, read from package.json beside it, may
// differ. docs/benchmarks.md has the results.
import { resolve } from 'node:path';
import { runNode } from './timed-process.mjs';
import { median } from './stats.mjs';

const USAGE = 'usage: node bench/cli-ab.mjs <a/cli.js> <b/cli.js> <folder> [--rounds N] [--format json|sarif|text]';

function parseArguments(argv) {
  const positional = [];
  const options = { rounds: 10, format: 'json' };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--rounds') options.rounds = Number(argv[++k]);
    else if (arg === '--format') options.format = argv[++k];
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  if (positional.length !== 3) throw new Error(USAGE);
  if (!(Number.isInteger(options.rounds) && options.rounds > 0)) throw new Error('--rounds must be a positive integer');
  return { a: resolve(positional[0]), b: resolve(positional[1]), folder: resolve(positional[2]), ...options };
}

function firstDifference(x, y) {
  let k = 0;
  while (k < x.length && k < y.length && x[k] === y[k]) k++;
  return k;
}

async function main() {
  const { a, b, folder, rounds, format } = parseArguments(process.argv.slice(2));
  const walls = { a: [], b: [] };
  const ratios = [];
  let outputs;
  for (let round = 1; round <= rounds; round++) {
    const results = {};
    for (const [name, cli] of [['a', a], ['b', b]]) {
      // Exit 1 means findings, which a benchmark workspace has on purpose.
      const result = await runNode([cli, 'check', folder, '--format', format], { timeoutMs: 600_000, okExitCodes: [0, 1] });
      if (!result.ok) throw new Error(`${name} (${cli}) failed: ${result.error ?? result.stderrTail}`);
      results[name] = result;
      walls[name].push(result.wallMs);
    }
    ratios.push(results.b.wallMs / results.a.wallMs);
    outputs ??= { a: results.a.stdout, b: results.b.stdout };
    console.error(`round ${round}/${rounds}: a ${Math.round(results.a.wallMs)} ms, b ${Math.round(results.b.wallMs)} ms`);
  }
  const fmt = (values) => values.map((value) => Math.round(value)).join(' ');
  console.log(`a ${a}: median ${Math.round(median(walls.a))} ms (${fmt(walls.a)})`);
  console.log(`b ${b}: median ${Math.round(median(walls.b))} ms (${fmt(walls.b)})`);
  console.log(`b ÷ a, round by round: median ${median(ratios).toFixed(3)} (${ratios.map((r) => r.toFixed(2)).join(' ')})`);
  const versionless = (text) => text.replace(/"(?:semanticV|v)ersion": "[^"]*"/g, '"version": ""');
  if (versionless(outputs.a) === versionless(outputs.b)) console.log(`outputs identical (${outputs.a.length} characters)`);
  else {
    const at = firstDifference(outputs.a, outputs.b);
    console.log(`OUTPUTS DIFFER at character ${at}:\n  a: …${outputs.a.slice(Math.max(0, at - 80), at + 120)}\n  b: …${outputs.b.slice(Math.max(0, at - 80), at + 120)}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
