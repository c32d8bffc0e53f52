// `npm run bench`: claimlint against its floor and its peers, on generated workspaces of 1k, 10k
// and 100k claims. Every measurement is a fresh child process (nothing shared or warmed), runs
// are interleaved step by step, and a failed or timed-out step is reported and skipped.
//
//   node bench/run.mjs [--sizes 1000,10000,100000] [--runs N] [--out result.json]
//                      [--only floor,cli,markdownlint,lsp] [--workdir DIR] [--seed 1] [--timeout 300]
//                      [--reports structured|plain]
//
// Prints a table (per size: floor, CLI, markdownlint-cli2, language server), the machine and the
// targets of issue 4; --out writes everything as JSON. docs/benchmarks.md explains the columns.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { machineFacts } from './machine.mjs';
import { renderText } from './report.mjs';
import { plantedFound, STEPS } from './steps.mjs';
import { evaluateTargets } from './targets.mjs';
import { REPORT_LAYOUTS } from './generate-workspace.mjs';
import { ensureWorkspace } from './workspaces.mjs';

const USAGE =
  'usage: node bench/run.mjs [--sizes 1000,10000,100000] [--runs N] [--out FILE.json] [--only floor,cli,markdownlint,lsp] [--workdir DIR] [--seed N] [--timeout SECONDS] [--reports structured|plain]';

/** "10000", "10k" or "10K" claims. */
function parseSize(text) {
  const match = /^(\d+)(k?)$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: "${text}"`);
  return Number(match[1]) * (match[2] ? 1000 : 1);
}

function parseOptions(argv) {
  const options = {
    sizes: [1000, 10_000, 100_000],
    runs: undefined,
    out: undefined,
    only: STEPS.map((step) => step.name),
    workdir: join(tmpdir(), 'claimlint-bench'),
    seed: 1,
    timeoutSeconds: 300,
    reports: 'structured',
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--sizes') options.sizes = value().split(',').map(parseSize);
    else if (arg === '--runs') options.runs = Number(value());
    else if (arg === '--out') options.out = resolve(value());
    else if (arg === '--only') options.only = value().split(',').map((name) => name.trim());
    else if (arg === '--workdir') options.workdir = resolve(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--timeout') options.timeoutSeconds = Number(value());
    else if (arg === '--reports') options.reports = value();
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  const unknown = options.only.filter((name) => !STEPS.some((step) => step.name === name));
  if (unknown.length > 0) throw new Error(`--only: unknown step ${unknown.join(', ')} (known: ${STEPS.map((step) => step.name).join(', ')})`);
  if (options.runs !== undefined && !(Number.isInteger(options.runs) && options.runs > 0)) throw new Error('--runs must be a positive integer');
  if (!(options.timeoutSeconds > 0)) throw new Error('--timeout must be a positive number of seconds');
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be an integer');
  if (!REPORT_LAYOUTS.includes(options.reports)) throw new Error(`--reports must be one of ${REPORT_LAYOUTS.join(', ')}`);
  return options;
}

/** 5 runs up to 10k claims, 3 at 100k and above (each run there takes minutes). */
function runsFor(claims, options) {
  return options.runs ?? (claims >= 100_000 ? 3 : 5);
}

/** One-line progress on stderr, so stdout stays the report. */
function progressLine(step, sample) {
  const parts = [];
  const show = (label, ms) => ms !== undefined && parts.push(`${label} ${(ms / 1000).toFixed(2)} s`);
  if (step.name === 'floor') {
    show('read', sample.read?.wallMs);
    show('tokenise', sample.tokenise?.wallMs);
    show('markdown-it', sample.markdownIt?.wallMs);
  } else if (step.name === 'lsp') {
    show('first pass', sample.firstPass?.ms);
    if (sample.edit) parts.push(`${sample.edit.latencies.length} edits, ${sample.crossFile.latencies.length} cross-file, ${sample.hover.latencies.length} hovers, ${sample.codeAction.latencies.length} code actions, ${sample.documentSymbol.latencies.length} symbol lists`);
  } else show('wall', sample.wallMs);
  const failures = sample.failure ? [sample.failure] : Object.values(sample).map((part) => part?.failure).filter(Boolean);
  for (const failed of failures) parts.push(`FAILED (${failed.what}: ${failed.error})`);
  return parts.join(', ');
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  const steps = STEPS.filter((step) => options.only.includes(step.name));
  const context = { timeoutMs: options.timeoutSeconds * 1000 };
  const result = {
    startedAt: new Date().toISOString(),
    machine: machineFacts(),
    options: { sizes: options.sizes, runs: options.runs ?? 'default (5; 3 at 100k)', only: options.only, seed: options.seed, reports: options.reports, timeoutSeconds: options.timeoutSeconds, workdir: options.workdir },
    sizes: [],
  };
  for (const claims of options.sizes) {
    const workspace = ensureWorkspace(options.workdir, claims, options.seed, options.reports);
    const { markdownFigures, crossFilePairs, ...manifest } = workspace.manifest;
    console.error(`${claims} claims: ${workspace.dir}${workspace.generatedMs !== undefined ? ` (generated in ${(workspace.generatedMs / 1000).toFixed(1)} s)` : ' (cached)'}`);
    const runs = runsFor(claims, options);
    const samples = new Map(steps.map((step) => [step, []]));
    // Run by run, each step in turn: drift on a noisy machine spreads over every step alike.
    for (let run = 1; run <= runs; run++) {
      for (const step of steps) {
        const sample = await step.once(workspace.dir, context);
        samples.get(step).push(sample);
        console.error(`  run ${run}/${runs} ${step.name}: ${progressLine(step, sample)}`);
      }
    }
    const size = { claims, seed: options.seed, runs, workspace: { dir: workspace.dir, reports: options.reports, files: manifest.files, bytes: manifest.bytes, planted: manifest.planted } };
    for (const step of steps) size[step.name] = step.summarize(samples.get(step));
    if (size.cli) size.cli.plantedFound = plantedFound(size.cli.diagnosticsByRule, manifest.planted);
    result.sizes.push(size);
  }
  result.finishedAt = new Date().toISOString();
  result.targets = evaluateTargets(result);
  console.log(renderText(result));
  if (options.out) {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
    console.error(`wrote ${options.out}`);
  }
}

await main();
