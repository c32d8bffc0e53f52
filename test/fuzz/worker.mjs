// A campaign worker: loads the bundle, then for each case generates the input, says how long it may
// take, runs it and reports. The main thread terminates it when an input overruns its budget.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const fuzz = createRequire(import.meta.url)(workerData.bundle);

// The engine should not talk to stderr about user content (the CLI and the language server would
// pass it on): warnings are counted and reported with the input instead of printed.
let warnings = [];
process.removeAllListeners('warning');
process.on('warning', (warning) => warnings.push(`${warning.name}: ${warning.message}`.slice(0, 300)));
const corpus = fuzz.loadCorpus(workerData.repoRoot);

parentPort.on('message', ({ id, fuzzCase }) => {
  warnings = [];
  let input;
  try {
    input = fuzz.generate(fuzzCase, corpus);
  } catch (error) {
    parentPort.postMessage({ type: 'error', id, phase: 'generate', message: String(error?.message ?? error), stack: String(error?.stack ?? '') });
    return;
  }
  parentPort.postMessage({ type: 'started', id, role: input.role, length: input.text.length, budgetMs: input.budgetMs, tier: input.tier });
  const started = performance.now();
  try {
    const target = { role: input.role, text: input.text };
    const report = fuzz.runFuzzInput(target, fuzz.campaignRunOptions(target));
    const ms = performance.now() - started;
    // emitWarning delivers on the next tick: wait for it before reporting.
    setImmediate(() => parentPort.postMessage({ type: 'done', id, ms, warnings, ...report }));
  } catch (error) {
    parentPort.postMessage({ type: 'error', id, phase: 'run', ms: performance.now() - started, message: String(error?.message ?? error), stack: String(error?.stack ?? '') });
  }
});
