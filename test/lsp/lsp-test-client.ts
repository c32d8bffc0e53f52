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

export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly progressTokens: unknown[] = [];
  readonly progress: unknown[] = [];
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => boolean>();

  constructor(readonly folder: string) {
    this.child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
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
