// vscode-languageclient restarts a server that dies (up to a few times in three minutes) but says
// nothing; a user whose squiggles vanish for a moment deserves to know why, and where to look.
// When it gives up, its own message offers no way back: ours offers a restart.
import * as vscode from 'vscode';
import { CloseAction } from 'vscode-languageclient/node';
import type { BaseLanguageClient, CloseHandlerResult, ErrorHandler, ErrorHandlerResult, Message } from 'vscode-languageclient/node';

const MAX_RESTARTS = 4;
export const SHOW_OUTPUT = 'Show Output';
export const RESTART_SERVER = 'Restart Server';
export const RESTARTED_MESSAGE = 'The claimlint language server stopped unexpectedly and is being restarted.';
const GAVE_UP_MESSAGE = 'The claimlint language server stopped unexpectedly and will not be restarted.';

export class CrashNotifyingErrorHandler implements ErrorHandler, vscode.Disposable {
  private fallback: ErrorHandler | undefined;
  private readonly crashed = new vscode.EventEmitter<{ restarted: boolean }>();
  /** Whether a restart notice is still on screen: a crash loop shows one, not a stack of them. */
  private restartNoticeShown = false;
  /** Fires each time the server's connection closed without the client asking for it. */
  readonly onDidCrash = this.crashed.event;

  constructor(private readonly outputChannel: vscode.OutputChannel) {}

  /** The default handler needs the client, which needs this handler: wire them after construction. */
  attach(client: BaseLanguageClient): void {
    this.fallback = client.createDefaultErrorHandler(MAX_RESTARTS);
  }

  error(error: Error, message: Message | undefined, count: number | undefined): ErrorHandlerResult | Promise<ErrorHandlerResult> {
    return this.requireFallback().error(error, message, count);
  }

  async closed(): Promise<CloseHandlerResult> {
    const result = await this.requireFallback().closed();
    const restarted = result.action === CloseAction.Restart;
    this.crashed.fire({ restarted });
    if (restarted) this.noticeRestart();
    else this.noticeGaveUp(result.message ?? GAVE_UP_MESSAGE);
    // Handled: the client logs its message to the output channel and shows no notice of its own.
    return { ...result, handled: true };
  }

  dispose(): void {
    this.crashed.dispose();
  }

  private noticeRestart(): void {
    if (this.restartNoticeShown) return;
    this.restartNoticeShown = true;
    void Promise.resolve(vscode.window.showWarningMessage(RESTARTED_MESSAGE, SHOW_OUTPUT)).then((choice) => {
      this.restartNoticeShown = false;
      if (choice === SHOW_OUTPUT) this.outputChannel.show(true);
    });
  }

  private noticeGaveUp(message: string): void {
    void Promise.resolve(vscode.window.showErrorMessage(message, RESTART_SERVER, SHOW_OUTPUT)).then((choice) => {
      if (choice === SHOW_OUTPUT) this.outputChannel.show(true);
      if (choice === RESTART_SERVER) void vscode.commands.executeCommand('claimlint.restartServer');
    });
  }

  private requireFallback(): ErrorHandler {
    if (!this.fallback) throw new Error('CrashNotifyingErrorHandler used before attach()');
    return this.fallback;
  }
}
