// `npm run fuzz`: the fuzzing campaign. Bundles the engine with the generators and checks
// (test/fuzz/fuzz-entry.ts) into a temp folder, runs every input in worker threads with a time
// budget, saves failing inputs under test/fuzz/regressions/, runs the CLI end to end on a few hostile
// files, prints counts, failures and the slowest inputs, and exits 1 when anything failed.
//
//   node test/fuzz/run.mjs [--count N] [--seed S] [--jobs J] [--no-cli] [--no-save] [--case GENERATOR:SEED]
import { spawnSync } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REGRESSIONS = join(REPO_ROOT, 'test/fuzz/regressions');
const CLI_BIN = join(REPO_ROOT, 'bin/claimlint.js');
/** Open bugs in code this campaign may not fix (see the file): reported, but they do not fail the run. */
const KNOWN_FAILURES = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fuzz/known-failures.json'), 'utf8'));
/** Inputs up to this size are saved as they are; bigger ones as their generator and seed. */
const MAX_SAVED_BYTES = 256 * 1024;
/** Examples kept per kind of failure (the smallest), so one bug does not flood the folder. */
const SAVED_PER_SIGNATURE = 3;
/** Time a worker may take to make an input (a 50 MB file takes a second or two). */
const GENERATION_BUDGET_MS = 120_000;
/** A timer may fire while a finished input's message waits in the queue: look again before calling it a hang. */
const HANG_GRACE_MS = 250;

const USAGE = `Usage: node test/fuzz/run.mjs [--count N] [--seed S] [--jobs J] [--no-cli] [--no-save] [--case GENERATOR:SEED]
  --count N                 inputs to run (default 100000)
  --seed S                  run seed, for reproducing a run (default: random, printed)
  --jobs J                  worker threads (default 2)
  --no-cli                  skip the CLI end-to-end checks
  --no-save                 do not write failing inputs to test/fuzz/regressions/
  --case GENERATOR:SEED     run just this input (as a failure's summary names it); may be repeated
`;

function parseArguments(argv) {
  const options = { count: 100_000, seed: randomInt(2 ** 31), jobs: 2, cli: true, save: true, cases: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const number = (name) => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) usage(`${name} needs a whole number`);
      return value;
    };
    if (arg === '--count') options.count = number('--count');
    else if (arg === '--seed') options.seed = number('--seed');
    else if (arg === '--jobs') options.jobs = Math.max(1, number('--jobs'));
    else if (arg === '--no-cli') options.cli = false;
    else if (arg === '--no-save') options.save = false;
    else if (arg === '--case') {
      const match = /^([a-z0-9-]+):(\d+)$/.exec(argv[++i] ?? '');
      if (!match) usage('--case needs GENERATOR:SEED, e.g. figure-storm:4268228110');
      options.cases.push({ generator: match[1], seed: Number(match[2]) });
    }
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else usage(`unknown argument ${arg}`);
  }
  return options;
}

function usage(message) {
  process.stderr.write(`fuzz: ${message}\n${USAGE}`);
  process.exit(2);
}

async function bundleEngine(folder) {
  const outfile = join(folder, 'fuzz.cjs');
  await build({
    entryPoints: [join(REPO_ROOT, 'test/fuzz/fuzz-entry.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    outfile,
  });
  return outfile;
}

// ---------------------------------------------------------------------------------------------
// The campaign

function runCampaign(options, bundle) {
  return new Promise((resolveRun) => {
    const fuzz = createRequire(import.meta.url)(bundle);
    const byGenerator = new Map();
    const byRole = new Map();
    const failures = [];
    const warnings = new Map();
    const timings = [];
    let next = 0;
    let finished = 0;
    let lastProgress = Date.now();
    const started = Date.now();
    const slots = [];

    const tally = (map, key, field, amount = 1) => {
      const entry = map.get(key) ?? { inputs: 0, failures: 0, ms: 0, maxMs: 0 };
      entry[field] += amount;
      map.set(key, entry);
      return entry;
    };

    const record = (slot, outcome) => {
      const current = slot.current;
      slot.current = undefined;
      clearTimeout(slot.timer);
      finished++;
      const role = current.role ?? '?';
      const generator = current.fuzzCase.generator;
      tally(byGenerator, generator, 'inputs');
      tally(byRole, role, 'inputs');
      if (outcome.ms !== undefined) {
        for (const entry of [byGenerator.get(generator), byRole.get(role)]) {
          entry.ms += outcome.ms;
          entry.maxMs = Math.max(entry.maxMs, outcome.ms);
        }
        timings.push({ ms: outcome.ms, fuzzCase: current.fuzzCase, role, length: current.length, budgetMs: current.budgetMs });
        if (timings.length > 200) {
          timings.sort((a, b) => b.ms - a.ms);
          timings.length = 20;
        }
      }
      if (outcome.failure) {
        tally(byGenerator, generator, 'failures');
        tally(byRole, role, 'failures');
        failures.push({ ...outcome.failure, fuzzCase: current.fuzzCase, role, length: current.length, ms: outcome.ms });
      }
      if (Date.now() - lastProgress > 10_000) {
        lastProgress = Date.now();
        process.stderr.write(`fuzz: ${finished}/${options.count} inputs, ${failures.length} failures, ${Math.round((Date.now() - started) / 1000)} s\n`);
      }
    };

    const dispatch = (slot) => {
      if (next >= options.count) {
        slot.worker.terminate();
        slot.done = true;
        if (slots.every((s) => s.done)) resolveRun({ byGenerator, byRole, failures, warnings, timings, seconds: (Date.now() - started) / 1000 });
        return;
      }
      const id = next++;
      slot.current = { id, fuzzCase: options.cases[id] ?? fuzz.caseAt(options.seed, id) };
      slot.timer = setTimeout(() => hang(slot, id, 'making the input'), GENERATION_BUDGET_MS);
      slot.worker.postMessage({ id, fuzzCase: slot.current.fuzzCase });
    };

    const hang = (slot, id, phase) => {
      // The worker's answer may already be queued behind this timer: give it a moment.
      slot.timer = setTimeout(() => {
        if (slot.current?.id !== id) return;
        const budget = slot.current.budgetMs ?? GENERATION_BUDGET_MS;
        record(slot, { failure: { kind: 'hang', message: `no answer within ${budget} ms (${phase}); worker terminated` } });
        restart(slot);
      }, HANG_GRACE_MS);
    };

    const restart = (slot) => {
      const old = slot.worker;
      old.removeAllListeners();
      old.on('error', () => {});
      old.terminate();
      spawn(slot);
      dispatch(slot);
    };

    const spawn = (slot) => {
      const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
        workerData: { bundle, repoRoot: REPO_ROOT },
        // A 50 MB report needs about 3.5 GB; more than twice that is a leak or an explosion.
        resourceLimits: { maxOldGenerationSizeMb: 8192 },
      });
      slot.worker = worker;
      worker.on('message', (message) => {
        const current = slot.current;
        if (!current || message.id !== current.id) return;
        if (message.type === 'started') {
          clearTimeout(slot.timer);
          Object.assign(current, { role: message.role, length: message.length, budgetMs: message.budgetMs });
          slot.timer = setTimeout(() => hang(slot, current.id, 'running the engine'), message.budgetMs);
          return;
        }
        if (message.type === 'done') {
          for (const warning of message.warnings) {
            // The quoted part is the user's text: blur it so one warning is one line.
            const kind = warning.replace(/".*"/s, '"…"');
            const entry = warnings.get(kind) ?? { count: 0, fuzzCase: current.fuzzCase };
            entry.count++;
            warnings.set(kind, entry);
          }
          const failure = message.problems.length > 0 ? { kind: 'invariant', message: message.problems[0], details: message.problems } : undefined;
          record(slot, { ms: message.ms, failure });
        } else {
          const kind = message.phase === 'generate' ? 'generator' : 'exception';
          record(slot, { ms: message.ms, failure: { kind, message: message.message, stack: message.stack } });
        }
        dispatch(slot);
      });
      worker.on('error', (error) => {
        if (slot.current) record(slot, { failure: { kind: 'crash', message: `worker died: ${error?.message ?? error}`, stack: String(error?.stack ?? '') } });
        restart(slot);
      });
      worker.on('exit', (code) => {
        if (slot.worker !== worker || slot.done) return;
        if (slot.current) record(slot, { failure: { kind: 'crash', message: `worker exited with code ${code}` } });
        restart(slot);
      });
    };

    for (let i = 0; i < Math.min(options.jobs, Math.max(1, options.count)); i++) {
      const slot = { worker: undefined, current: undefined, timer: undefined, done: false };
      slots.push(slot);
      spawn(slot);
      dispatch(slot);
    }
  });
}

/** The known bug a failure is an instance of, if any: every field an entry gives must match. */
function knownBugOf(failure) {
  return KNOWN_FAILURES.find(
    (entry) =>
      entry.kind === failure.kind &&
      (entry.generator === undefined || entry.generator === failure.fuzzCase.generator) &&
      (entry.message === undefined || new RegExp(entry.message).test(failure.message)) &&
      (entry.stack === undefined || new RegExp(entry.stack).test(failure.stack ?? '')),
  );
}

/** What makes two failures the same bug: their kind and message with numbers and paths' details blurred. */
function signatureOf(failure) {
  const message = failure.message.replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"').slice(0, 140);
  const frame = (failure.stack ?? '').split('\n').find((line) => /^\s+at /.test(line) && !line.includes('node:')) ?? '';
  return `${failure.kind}: ${message} ${frame.trim().replace(/:\d+:\d+\)?$/, '')}`;
}

function saveRegressions(failures, bundle) {
  const fuzz = createRequire(import.meta.url)(bundle);
  const corpus = fuzz.loadCorpus(REPO_ROOT);
  const groups = new Map();
  for (const failure of failures) {
    const signature = signatureOf(failure);
    const group = groups.get(signature) ?? [];
    group.push(failure);
    groups.set(signature, group);
  }
  mkdirSync(REGRESSIONS, { recursive: true });
  const saved = new Map();
  for (const [signature, group] of groups) {
    group.sort((a, b) => (a.length ?? Infinity) - (b.length ?? Infinity));
    const names = [];
    for (const failure of group.slice(0, SAVED_PER_SIGNATURE)) {
      const input = fuzz.generate(failure.fuzzCase, corpus);
      const bytes = Buffer.byteLength(input.text, 'utf8');
      let name;
      let content;
      if (bytes > MAX_SAVED_BYTES) {
        const hash = createHash('sha1').update(`${failure.fuzzCase.generator}:${failure.fuzzCase.seed}`).digest('hex').slice(0, 12);
        name = `${input.role}-${hash}.case.json`;
        content = `${JSON.stringify({ generator: failure.fuzzCase.generator, seed: failure.fuzzCase.seed }, null, 2)}\n`;
      } else {
        const hash = createHash('sha1').update(`${input.role}\u0000${input.text}`).digest('hex').slice(0, 12);
        // Lone surrogates do not survive UTF-8: such texts are kept as JSON strings.
        if (input.text.isWellFormed()) {
          name = `${input.role}-${hash}.${fuzz.ROLE_EXTENSIONS[input.role]}`;
          content = input.text;
        } else {
          name = `${input.role}-${hash}.text.json`;
          content = `${JSON.stringify({ role: input.role, text: input.text })}\n`;
        }
      }
      if (!existsSync(join(REGRESSIONS, name))) writeFileSync(join(REGRESSIONS, name), content);
      names.push(name);
    }
    saved.set(signature, names);
  }
  return saved;
}

// ---------------------------------------------------------------------------------------------
// The CLI end to end on hostile files

function cliChecks() {
  const folder = mkdtempSync(join(tmpdir(), 'claimlint-fuzz-cli-'));
  const failures = [];
  const MB = 1024 * 1024;
  try {
    const files = {
      'claimlint.yaml': 'sources: [sources.yaml]\n',
      'sources.yaml': 'sources:\n  - id: survey-2024\n    title: Survey\n',
      'huge.md': Buffer.alloc(50 * MB, 'Russia holds 3.8 Mt of reserves [@survey-2024]. '),
      'long-line.md': `Russia holds 3.8 Mt of reserves. ${'1,'.repeat(5 * MB)}\n`,
      'invalid-utf8.md': Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9, 0xff, 0xfe, 0xc0, 0x80]), Buffer.from('\n\nRussia holds 3.8 Mt\xff of reserves.\n', 'latin1')]),
      'binary.md': Buffer.concat([Buffer.from('Russia holds 3.8 Mt.\n'), Buffer.from([0, 1, 2, 3])]),
      'bom-cr.md': `\ufeff# 稀土\r\r中国稀土产量为27万吨。\rRussia holds 3.8 Mt [@survey-2024].\r`,
      'utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Russia holds 3.8 Mt of reserves [@survey-2024].\n', 'utf16le')]),
      'nul-late.md': `${'x'.repeat(9000)}\u0000 Russia holds 3.8 Mt.\n`,
      'bomb.claims.yaml': `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nclaims: *e\n`,
      'deep.claims.yaml': `claims:\n${Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i + 1)}- `).join('\n')}value: 3.8 Mt\n`,
      'deep.md': `${'> '.repeat(10_000)}Russia holds 3.8 Mt of reserves.\n`,
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
    const started = Date.now();
    const run = spawnSync(process.execPath, [CLI_BIN, 'check', '.', '--format', 'json'], { cwd: folder, encoding: 'utf8', timeout: 180_000, maxBuffer: 256 * MB });
    const seconds = (Date.now() - started) / 1000;
    const fail = (message) => failures.push({ kind: 'cli', message, fuzzCase: { generator: 'cli-end-to-end', seed: 0 }, role: 'cli' });
    if (run.error) fail(`the CLI did not finish: ${run.error.message}`);
    if (run.status !== 0 && run.status !== 1) fail(`the CLI exited with ${run.status}: ${run.stderr.split('\n')[0]}`);
    if (/^\s+at /m.test(run.stderr)) fail('the CLI printed a stack trace');
    let diagnostics = [];
    try {
      diagnostics = JSON.parse(run.stdout);
    } catch {
      fail('the CLI printed no JSON array');
    }
    const on = (file) => diagnostics.filter((d) => d.file === file);
    if (!on('huge.md').some((d) => /larger than 20 MB, not checked/.test(d.message))) fail('the 50 MB file was not reported as too large to check');
    if (!on('binary.md').some((d) => /binary file, not checked/.test(d.message))) fail('the binary file was not reported as binary');
    if (on('utf16.md').some((d) => /binary|not checked/.test(d.message))) fail('the UTF-16 file with a byte order mark was not read as text');
    for (const d of diagnostics) {
      if (!(d.line >= 1 && d.column >= 1 && d.endLine >= d.line)) fail(`a diagnostic in ${d.file} has position ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
    }
    return { failures, seconds, diagnostics: diagnostics.length, status: run.status, files: Object.keys(files).length };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

function table(title, map) {
  const lines = [title];
  const rows = [...map.entries()].sort((a, b) => b[1].inputs - a[1].inputs);
  for (const [name, entry] of rows) {
    const mean = entry.inputs > 0 ? entry.ms / entry.inputs : 0;
    lines.push(`  ${name.padEnd(18)} ${String(entry.inputs).padStart(7)} inputs ${String(entry.failures).padStart(5)} failures   mean ${mean.toFixed(1).padStart(7)} ms   max ${Math.round(entry.maxMs).toString().padStart(6)} ms`);
  }
  return lines.join('\n');
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (options.cases.length > 0) options.count = options.cases.length;
  process.setSourceMapsEnabled?.(true);
  const folder = mkdtempSync(join(tmpdir(), 'claimlint-fuzz-'));
  try {
    const bundle = await bundleEngine(folder);
    process.stdout.write(`claimlint fuzz: ${options.count} inputs, seed ${options.seed}, ${options.jobs} jobs\n`);
    const result = await runCampaign(options, bundle);
    const cli = options.cli ? cliChecks() : undefined;
    const all = [...result.failures, ...(cli?.failures ?? [])];
    for (const failure of all) failure.known = knownBugOf(failure);
    const failures = all.filter((failure) => !failure.known);
    const known = all.filter((failure) => failure.known);
    const saved = options.save ? saveRegressions(result.failures, bundle) : new Map();

    const out = [];
    out.push(`\n${options.count} inputs in ${result.seconds.toFixed(1)} s (seed ${options.seed}, ${options.jobs} jobs)`);
    out.push(table('\nBy generator:', result.byGenerator));
    out.push(table('\nBy role (the file the input stands in for):', result.byRole));
    out.push('\nSlowest inputs:');
    for (const t of result.timings.sort((a, b) => b.ms - a.ms).slice(0, 10)) {
      out.push(`  ${Math.round(t.ms).toString().padStart(6)} ms of ${t.budgetMs} ms  ${t.fuzzCase.generator} seed ${t.fuzzCase.seed} (${t.role}, ${t.length} chars)`);
    }
    if (result.warnings.size > 0) {
      out.push('\nProcess warnings the engine emitted (not failures, but the CLI and the server would print them):');
      for (const [warning, entry] of result.warnings) out.push(`  ${entry.count} × ${warning} (e.g. ${entry.fuzzCase.generator} seed ${entry.fuzzCase.seed})`);
    }
    if (cli) out.push(`\nCLI end to end: ${cli.files} hostile files, exit ${cli.status}, ${cli.diagnostics} diagnostics, ${cli.seconds.toFixed(1)} s, ${cli.failures.length} failures`);
    const describeGroups = (list) => {
      const groups = new Map();
      for (const failure of list) {
        const signature = signatureOf(failure);
        groups.set(signature, [...(groups.get(signature) ?? []), failure]);
      }
      for (const [signature, group] of groups) {
        const first = group[0];
        out.push(`  ${group.length} × ${first.kind}: ${first.message.slice(0, 300)}`);
        if (first.known) out.push(`      known: ${first.known.reason}`);
        out.push(`      e.g. ${first.fuzzCase.generator} seed ${first.fuzzCase.seed} (${first.role}, ${first.length ?? '?'} chars)`);
        if (first.kind !== 'cli') out.push(`      rerun: node test/fuzz/run.mjs --no-cli --case ${first.fuzzCase.generator}:${first.fuzzCase.seed}`);
        const frames = (first.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 4);
        for (const frame of frames) out.push(`      ${frame.trim()}`);
        const names = saved.get(signature);
        if (names?.length) out.push(`      saved: ${names.map((n) => `test/fuzz/regressions/${n}`).join(', ')}`);
      }
      return groups.size;
    };
    if (known.length > 0) {
      out.push(`\nKnown failures (open bugs listed in test/fuzz/known-failures.json; they do not fail the run): ${known.length}`);
      describeGroups(known);
    }
    out.push(`\nFailures: ${failures.length}`);
    describeGroups(failures);
    process.stdout.write(`${out.join('\n')}\n`);
    process.exitCode = failures.length > 0 ? 1 : 0;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
