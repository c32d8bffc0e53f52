// Builds the LanguageClient that runs the bundled server (dist/server.js) over stdio, with the document selector, settings and file watchers the server expects.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CrashNotifyingErrorHandler } from './crash-notifying-error-handler';
// Node options for the server process: a young generation of 8 MiB semi-spaces instead of 16, which
// lowers the peak RSS of a 100k-claim session by 22–25 MiB at the same speed (docs/benchmarks.md,
// session 6). Only a process's start can set it; the benchmark starts the server with these too.
import SERVER_NODE_ARGS from '../server-node-args.json';

export const CLIENT_ID = 'claimlint';

/**
 * Files the server reads from disk besides open documents: configs, claim files, reports, registries
 * (YAML, BibTeX, CSL-JSON) and archive copies. Their changes go to the server as
 * workspace/didChangeWatchedFiles, so a registry edited outside the editor still updates diagnostics.
 */
export const WATCHED_GLOBS = [
  '**/claimlint.yaml',
  '**/*.claims.{yaml,yml}',
  '**/*.md',
  '**/*.bib',
  '**/*.json',
  '**/sources.yaml',
  '**/*.txt',
] as const;

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'yaml' },
  // Unsaved drafts are checked too; other schemes (git's side of a diff, virtual files) are not.
  { scheme: 'untitled', language: 'markdown' },
];

export interface CreatedClient {
  client: LanguageClient;
  /** Fires when the server died on its own; `restarted` says whether the client started it again. */
  errorHandler: CrashNotifyingErrorHandler;
}

/** One set of watchers for the extension's lifetime, shared by every client it starts. */
export function createFileWatchers(): vscode.FileSystemWatcher[] {
  return WATCHED_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
}

export function createLanguageClient(
  serverModule: string,
  outputChannel: vscode.LogOutputChannel,
  fileWatchers: vscode.FileSystemWatcher[],
): CreatedClient {
  // TransportKind.stdio spawns `node <SERVER_NODE_ARGS> dist/server.js --stdio` with the extension host's Node.
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: SERVER_NODE_ARGS } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6019'] } },
  };
  const errorHandler = new CrashNotifyingErrorHandler(outputChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel,
    // Read at every (re)start, so a restart picks up a changed claimlint.configPath.
    initializationOptions: () => ({ configPath: readConfigPath() }),
    synchronize: { configurationSection: CLIENT_ID, fileEvents: fileWatchers },
    errorHandler,
  };
  // The id makes vscode-languageclient honour the `claimlint.trace.server` setting.
  const client = new LanguageClient(CLIENT_ID, 'claimlint', serverOptions, clientOptions);
  errorHandler.attach(client);
  return { client, errorHandler };
}

function readConfigPath(): string {
  return vscode.workspace.getConfiguration(CLIENT_ID).get<string>('configPath', '');
}
