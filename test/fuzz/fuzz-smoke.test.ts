// The fuzzing campaign as CI runs it: 2,000 inputs with a fixed seed, and the CLI end to end on
// hostile files. `npm run fuzz` runs the full 100,000 with a random seed.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ensureBundlesBuilt, REPO_ROOT } from '../cli/global-setup';

describe('the fuzzing campaign', () => {
  it('runs 2,000 inputs and the CLI on hostile files with no crash, hang, exception or broken invariant', { timeout: 240_000 }, () => {
    ensureBundlesBuilt(); // the CLI end-to-end part runs dist/cli.js
    // --no-save: a test does not write into the source tree; the summary names generator and seed to reproduce.
    const run = spawnSync(process.execPath, ['test/fuzz/run.mjs', '--count', '2000', '--seed', '20250517', '--jobs', '2', '--no-save'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 230_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.stdout).toMatch(/^2000 inputs in [\d.]+ s/m);
    expect(run.stdout).toMatch(/CLI end to end: \d+ hostile files, exit [01], \d+ diagnostics, [\d.]+ s, 0 failures/);
    expect(run.stdout).toMatch(/^Failures: 0$/m);
    expect(run.status, run.stdout).toBe(0);
  });
});
