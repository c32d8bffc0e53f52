// Runs one Node script as a fresh child process and measures it from the outside: wall time from
// spawn to exit, and peak RSS (GNU time's %M when /usr/bin/time exists, else a preload that
// reports process.resourceUsage().maxRSS on exit). Never throws: a crash or a timeout is a result.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const RSS_PRELOAD = fileURLToPath(new URL('./peak-rss-preload.cjs', import.meta.url));
const STDERR_TAIL_CHARS = 4000;
/** Enough for the CLI's JSON at 100k claims; a runaway child is cut off here instead of filling memory. */
const STDOUT_LIMIT_CHARS = 512 * 1024 * 1024;

function hasGnuTime() {
  if (process.env.CLAIMLINT_BENCH_NO_GNU_TIME === '1') return false;
  try {
    accessSync(GNU_TIME, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How peak RSS is measured on this machine (for the report's machine facts). */
export const PEAK_RSS_METHOD = hasGnuTime() ? `${GNU_TIME} -f %M` : 'process.resourceUsage().maxRSS (preload)';

/**
 * Runs `node <args…>` in `cwd`. Resolves to { ok, exitCode, signal, timedOut, wallMs, peakRssKb,
 * stdout, stderrTail, error }. `ok` means it exited by itself, with a code in `okExitCodes`.
 */
export function runNode(args, { cwd, timeoutMs, okExitCodes = [0], env = process.env } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'claimlint-bench-rss-'));
  const rssFile = join(scratch, 'peak-rss');
  const gnuTime = hasGnuTime();
  const [command, commandArgs, childEnv] = gnuTime
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args], env]
    : [process.execPath, ['--require', RSS_PRELOAD, ...args], { ...env, CLAIMLINT_BENCH_RSS_FILE: rssFile }];

  return new Promise((resolve) => {
    const started = performance.now();
    let exitedAt;
    let stdout = '';
    let stdoutTruncated = false;
    let stderrTail = '';
    let timedOut = false;
    // A process group of its own, so a timeout kills the grandchildren too (GNU time's child, the
    // language server under the LSP session).
    const child = spawn(command, commandArgs, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      if (stdout.length + chunk.length > STDOUT_LIMIT_CHARS) stdoutTruncated = true;
      else stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = timeoutMs ? setTimeout(() => { timedOut = true; killGroup(); }, timeoutMs) : undefined;
    child.on('exit', () => { exitedAt = performance.now(); });
    child.on('error', (error) => {
      clearTimeout(timer);
      rmSync(scratch, { recursive: true, force: true });
      resolve({ ok: false, exitCode: null, signal: null, timedOut: false, wallMs: undefined, stdout, stderrTail, error: `cannot start: ${error.message}` });
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (timedOut) killGroup();
      const wallMs = (exitedAt ?? performance.now()) - started;
      const peakRssKb = readPeakRss(rssFile);
      rmSync(scratch, { recursive: true, force: true });
      const ok = !timedOut && signal === null && okExitCodes.includes(exitCode) && !stdoutTruncated;
      let error;
      if (timedOut) error = `timed out after ${Math.round(timeoutMs / 1000)} s`;
      else if (signal !== null) error = `killed by ${signal}`;
      else if (stdoutTruncated) error = `stdout exceeded ${STDOUT_LIMIT_CHARS} characters`;
      else if (!okExitCodes.includes(exitCode)) error = `exit code ${exitCode}`;
      resolve({ ok, exitCode, signal, timedOut, wallMs, peakRssKb, stdout, stderrTail, ...(error ? { error } : {}) });
    });
  });
}

/** GNU time writes "Command exited with non-zero status N" before the %M line; the preload writes a number. */
function readPeakRss(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.trim().split('\n');
  const value = Number(lines[lines.length - 1]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
