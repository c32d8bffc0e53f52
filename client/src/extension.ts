// The claimlint extension: starts the bundled language server and adds what LSP has no words for:
// the restart and whole-workspace commands, the claims-of-a-quantity picker and the status bar.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { checkWorkspace } from './check-workspace';
import { CLIENT_ID, createFileWatchers, createLanguageClient } from './create-language-client';
import type { CreatedClient } from './create-language-client';
import { DiagnosticStatusBar } from './diagnostic-status-bar';
import { ClaimsOfKeyPicker } from './show-claims-of-key';
import type { ClaimsOfKeyShown } from './show-claims-of-key';
import type { CheckWorkspaceResult, ClaimOfKey } from './protocol';

/** What `activate` returns: for other extensions, and for the extension's own tests. */
export interface ClaimlintApi {
  /** The running client, or undefined while `claimlint.enable` is false. */
  readonly client: LanguageClient | undefined;
  readonly statusBarItem: vscode.StatusBarItem;
  /** Fires when the claims-of-a-quantity picker opens, with its items. */
  readonly onDidShowClaimsOfKey: vscode.Event<ClaimsOfKeyShown>;
  /** Fires when the server died on its own; `restarted` says whether it was started again. */
  readonly onDidCrash: vscode.Event<{ restarted: boolean }>;
}

let running: CreatedClient | undefined;

export function activate(context: vscode.ExtensionContext): ClaimlintApi {
  const outputChannel = vscode.window.createOutputChannel('claimlint', { log: true });
  const statusBar = new DiagnosticStatusBar();
  const crashes = new vscode.EventEmitter<{ restarted: boolean }>();
  const fileWatchers = createFileWatchers();
  const serverModule = context.asAbsolutePath('dist/server.js');
  let clientSubscriptions: vscode.Disposable[] = [];
  context.subscriptions.push(outputChannel, statusBar, crashes, ...fileWatchers);

  const isEnabled = () => vscode.workspace.getConfiguration(CLIENT_ID).get<boolean>('enable', true);

  async function startClient(): Promise<void> {
    if (running) return;
    running = createLanguageClient(serverModule, outputChannel, fileWatchers);
    const { client, errorHandler } = running;
    clientSubscriptions = [
      errorHandler,
      client.onDidChangeState((event) => statusBar.setServerState(event.newState)),
      errorHandler.onDidCrash((event) => crashes.fire(event)),
    ];
    statusBar.setVisible(true);
    try {
      await client.start();
    } catch (error) {
      // The client has logged the details; the status bar shows it stopped and offers a restart.
      outputChannel.error(`claimlint: the language server did not start: ${String(error)}`);
    }
  }

  async function stopClient(): Promise<void> {
    const stopping = running;
    running = undefined;
    statusBar.setVisible(false);
    if (!stopping) return;
    try {
      if (stopping.client.needsStop()) await stopping.client.stop();
    } finally {
      for (const subscription of clientSubscriptions) subscription.dispose();
      clientSubscriptions = [];
    }
  }

  /** The client, started if it had stopped; undefined (after telling the user) when disabled. */
  async function requireClient(): Promise<LanguageClient | undefined> {
    if (!running) {
      void vscode.window.showWarningMessage('claimlint is disabled in this workspace (setting claimlint.enable).');
      return undefined;
    }
    await running.client.start();
    return running.client;
  }

  const picker = new ClaimsOfKeyPicker(requireClient);
  context.subscriptions.push(
    picker,
    vscode.commands.registerCommand('claimlint.restartServer', async (): Promise<boolean> => {
      if (!running) return Boolean(await requireClient());
      outputChannel.info('Restarting the claimlint language server.');
      // After the client gave up on a crashing server it is stopped (or failed to start), and
      // restart() would refuse to stop it first.
      if (running.client.needsStop()) await running.client.restart();
      else await running.client.start();
      return true;
    }),
    vscode.commands.registerCommand('claimlint.checkWorkspace', async (): Promise<CheckWorkspaceResult | undefined> => {
      const client = await requireClient();
      return client ? checkWorkspace(client) : undefined;
    }),
    vscode.commands.registerCommand(
      'claimlint.showClaimsOfKey',
      (uri?: vscode.Uri | string, position?: vscode.Position): Promise<ClaimOfKey | undefined> => picker.run(uri, position),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('claimlint.enable')) return;
      void (isEnabled() ? startClient() : stopClient());
    }),
    { dispose: () => void stopClient() },
  );

  if (isEnabled()) void startClient();

  return {
    get client() {
      return running?.client;
    },
    statusBarItem: statusBar.item,
    onDidShowClaimsOfKey: picker.onDidShow,
    onDidCrash: crashes.event,
  };
}

export async function deactivate(): Promise<void> {
  const stopping = running;
  running = undefined;
  if (stopping?.client.needsStop()) await stopping.client.stop();
}
