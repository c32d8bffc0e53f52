// vscode-languageclient restarts a server that dies (up to a few times in three minutes) but says
// nothing; a user whose squiggles vanish for a moment deserves to know why, and where to look.
import * as vscode from 'vscode';
import { CloseAction } from 'vscode-languageclient/node';
import type { BaseLanguageClient, CloseHandlerResult, ErrorHandler, ErrorHandlerResult, Message } from 'vscode-languageclient/node';

const MAX_RESTARTS = 4;

export class CrashNotifyingErrorHandler implements ErrorHandler, vscode.Disposable {
  private fallback: ErrorHandler | undefined;
  private readonly crashed = new vscode.EventEmitter<{ restarted: boolean }>();
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
    if (!restarted) return result; // the default message already says it gave up, and why
    void vscode.window
      .showWarningMessage('The claimlint language server stopped unexpectedly and was restarted.', 'Show Output')
      .then((choice) => {
        if (choice) this.outputChannel.show(true);
      });
    return { ...result, handled: true };
  }

  dispose(): void {
    this.crashed.dispose();
  }

  private requireFallback(): ErrorHandler {
    if (!this.fallback) throw new Error('CrashNotifyingErrorHandler used before attach()');
    return this.fallback;
  }
}
