// A small LSP client for the tests: spawns the bundled server over stdio, records every published
// diagnostic and lets a test wait for a notification that satisfies a condition (no fixed sleeps).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const REPO_ROOT = resolve(__dirname, '../..');
const RAW_ID_PREFIX = 'raw-';
let rawRequestCount = 0;
/** The same freshness check as the CLI suites: one bundle step builds both. */
export { ensureBundlesBuilt as ensureServerBuilt } from '../cli/global-setup';
const SERVER_BUNDLE = join(REPO_ROOT, 'dist/server.js');

/** A fresh copy of examples/rare-earths in a temporary folder (tests edit it). */
export function copyExample(): string {
  const folder = mkdtempSync(join(tmpdir(), 'claimlint-lsp-'));
  cpSync(join(REPO_ROOT, 'examples/rare-earths'), folder, { recursive: true });
  return folder;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export interface LspTestClientOptions {
  /** Arguments for node before the server bundle (`--require <preload>`). */
  nodeArgs?: string[];
  /** The server's environment; the test's own by default. */
  env?: NodeJS.ProcessEnv;
  /** Keep the server's stderr in `stderr` instead of passing it through. */
  captureStderr?: boolean;
}

/** A JSON-RPC message as it came off the wire, for requests sent with `sendRawRequest`. */
export interface RawResponse {
  id: string;
  result?: unknown;
  error?: { code: number; message: string };
}

export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly progressTokens: unknown[] = [];
  readonly progress: unknown[] = [];
  /** The server's stderr, when `captureStderr` was asked for. */
  stderr = '';
  /** The server's exit code or signal, once it has exited. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => boolean>();
  private readonly rawResponses = new Map<string, RawResponse>();

  constructor(
    readonly folder: string,
    options: LspTestClientOptions = {},
  ) {
    const stderr = options.captureStderr ? 'pipe' : 'inherit';
    this.child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', stderr], env: options.env ?? process.env });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      this.notify();
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    // A second reader on the same stream sees the answers to raw requests, which the connection drops.
    new StreamMessageReader(this.child.stdout!).listen((message) => {
      const id = (message as { id?: unknown }).id;
      if (typeof id === 'string' && id.startsWith(RAW_ID_PREFIX)) {
        this.rawResponses.set(id, message as unknown as RawResponse);
        this.notify();
      }
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.notify();
    });
    this.connection.onRequest('window/workDoneProgress/create', (params: { token: unknown }) => {
      this.progressTokens.push(params.token);
      return null;
    });
    this.connection.onNotification('$/progress', (params: unknown) => {
      this.progress.push(params);
      this.notify();
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ enable: true, configPath: '' })));
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  async initialize(): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: fileUri(this.folder),
      workspaceFolders: [{ uri: fileUri(this.folder), name: 'example' }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
      initializationOptions: { configPath: '' },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  uri(relative: string): string {
    return fileUri(join(this.folder, relative));
  }

  /** Resolves once `condition` holds, checked now and after every notification. */
  waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const check = (): boolean => {
        if (!condition()) return false;
        clearTimeout(timer);
        resolvePromise();
        return true;
      };
      if (!check()) this.waiters.add(check);
    });
  }

  /** Writes bytes to the server's stdin as they are: no framing, no JSON. */
  writeRaw(bytes: string | Uint8Array): void {
    this.child.stdin!.write(bytes);
  }

  /** Writes one Content-Length frame around `body`, which need not be valid JSON-RPC or even JSON. */
  writeFrame(body: string): void {
    this.writeRaw(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
  }

  /**
   * Sends a request with `params` written verbatim (any JSON text, or none when undefined) and
   * resolves with the server's answer, error or result.
   */
  async sendRawRequest(method: string, params?: string): Promise<RawResponse> {
    const id = `${RAW_ID_PREFIX}${++rawRequestCount}`;
    const paramsPart = params === undefined ? '' : `,"params":${params}`;
    this.writeFrame(`{"jsonrpc":"2.0","id":${JSON.stringify(id)},"method":${JSON.stringify(method)}${paramsPart}}`);
    await this.waitFor(() => this.rawResponses.has(id), `the answer to raw ${method}`);
    return this.rawResponses.get(id)!;
  }

  async close(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.child.kill();
      rmSync(this.folder, { recursive: true, force: true });
    }
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) if (waiter()) this.waiters.delete(waiter);
  }
}
