// A small LSP client for the benchmark: spawns the language server over stdio, timestamps every
// publishDiagnostics and $/progress on arrival, and waits for conditions without fixed sleeps.
// (The same ideas as test/lsp/lsp-test-client.ts, kept separate: bench/ is plain ESM, no build.)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { serverNodeArgs } from './server-node-args.mjs';

const STDERR_TAIL_CHARS = 4000;

/** USER_HZ: the unit of utime and stime in /proc/<pid>/stat, 100 on Linux everywhere that matters. */
const CLOCK_TICKS_PER_SECOND = 100;

export class LspClient {
  /** publishDiagnostics received so far; each publish's `seq` is the count when it arrived. */
  publishCount = 0;
  /** The latest publish per URI: { seq, diagnostics, at }. */
  latest = new Map();
  /** $/progress notifications in order: { token, kind, at }. */
  progress = [];
  lastPublishAt = undefined;
  stderrTail = '';
  exited = false;
  #waiters = new Set();

  constructor(serverScript) {
    // CLAIMLINT_BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server
    // (NODE_OPTIONS refuses --cpu-prof).
    const nodeArgs = (process.env.CLAIMLINT_BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
    this.child = spawn(process.execPath, [...serverNodeArgs(), ...nodeArgs, serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    this.child.on('exit', () => {
      this.exited = true;
      this.#notify();
    });
    // A server that dies mid-write must not crash the session with EPIPE: it shows as timeouts.
    this.child.stdin.on('error', () => undefined);
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = performance.now();
      this.publishCount += 1;
      this.lastPublishAt = at;
      this.latest.set(params.uri, { seq: this.publishCount, diagnostics: params.diagnostics, at });
      this.#notify();
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', (params) => {
      this.progress.push({ token: params.token, kind: params.value?.kind, at: performance.now() });
      this.#notify();
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  get pid() {
    return this.child.pid;
  }

  /** Sends a request and resolves to { result, ms }, or { error, ms } when it fails or takes longer than timeoutMs. */
  async request(method, params, timeoutMs) {
    const started = performance.now();
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ error: `no answer to ${method} within ${timeoutMs} ms` }), timeoutMs);
    });
    const answer = this.connection.sendRequest(method, params).then(
      (result) => ({ result }),
      (error) => ({ error: String(error?.message ?? error) }),
    );
    const outcome = await Promise.race([answer, timeout]);
    clearTimeout(timer);
    return { ...outcome, ms: performance.now() - started };
  }

  /**
   * Resolves once every message the server wrote before reading this point has arrived. The server
   * answers requests in order and publishes a batch in one synchronous loop, so the answer to a
   * request sent after one publish of a batch comes after the rest of that batch. The method is
   * unknown on purpose: the "method not found" answer costs the server nothing.
   */
  async barrier(timeoutMs) {
    const answer = await this.request('$/claimlintBench/barrier', null, timeoutMs);
    return !answer.error?.startsWith('no answer');
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  /** Resolves true once `condition()` holds (checked now and after every message), false after timeoutMs or when the server exits. */
  waitFor(condition, timeoutMs) {
    return new Promise((resolve) => {
      const finish = (value) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(value);
      };
      const check = () => {
        if (condition()) finish(true);
        else if (this.exited) finish(false);
      };
      const timer = setTimeout(() => finish(false), Math.max(0, timeoutMs));
      this.#waiters.add(check);
      check();
    });
  }

  /** Resolves once no publishDiagnostics has arrived for `quietMs` (or after `timeoutMs`). */
  async waitForQuiet(quietMs, timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const since = performance.now() - (this.lastPublishAt ?? 0);
      if (since >= quietMs || performance.now() >= deadline || this.exited) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(quietMs - since, deadline - performance.now()) + 1));
    }
  }

  /** Peak resident set of the server process (VmHWM, kB), read from /proc; undefined where there is no /proc. */
  peakRssKb() {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const match = /^VmHWM:\s*(\d+)\s*kB/m.exec(status);
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * CPU time the server process has used so far (user + system, ms, all its threads), read from
   * /proc; undefined where there is no /proc. Less sensitive than wall time to what else the
   * machine runs, the client included.
   */
  cpuMs() {
    try {
      const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      return Number.isFinite(ticks) ? ticks * (1000 / CLOCK_TICKS_PER_SECOND) : undefined;
    } catch {
      return undefined;
    }
  }

  /** shutdown + exit; kills the server if it does not leave within timeoutMs. Resolves to how it ended. */
  async close(timeoutMs) {
    let how = 'exited after shutdown';
    if (!this.exited) {
      const shutdown = await this.request('shutdown', null, timeoutMs);
      if (shutdown.error) how = `shutdown failed (${shutdown.error})`;
      void this.notify('exit', null).catch(() => undefined);
      const left = await this.waitFor(() => this.exited, timeoutMs);
      if (!left) {
        this.child.kill('SIGKILL');
        how = 'killed: did not exit after shutdown/exit';
      }
    } else {
      how = 'had exited before shutdown';
    }
    this.connection.dispose();
    return how;
  }

  #notify() {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
