// The status bar item: claimlint's own error and warning counts (not the editor's total), the
// server's state while it starts or after it stopped, and a click that opens the Problems panel.
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';

export const DIAGNOSTIC_SOURCE = 'claimlint';

interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export class DiagnosticStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** Counts per document, so a change to one document re-counts only that document. */
  private readonly perDocument = new Map<string, Counts>();
  private serverState: State = State.Stopped;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem('claimlint.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'claimlint';
    for (const [uri] of vscode.languages.getDiagnostics()) this.recount(uri);
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics((event) => {
        for (const uri of event.uris) this.recount(uri);
        this.render();
      }),
    );
    this.render();
  }

  setServerState(state: State): void {
    this.serverState = state;
    this.render();
  }

  /** Hidden while claimlint is disabled. */
  setVisible(visible: boolean): void {
    if (visible) this.item.show();
    else this.item.hide();
  }

  totals(): Counts & { files: number } {
    const total = { errors: 0, warnings: 0, infos: 0, files: 0 };
    for (const counts of this.perDocument.values()) {
      total.errors += counts.errors;
      total.warnings += counts.warnings;
      total.infos += counts.infos;
      total.files += 1;
    }
    return total;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }

  private recount(uri: vscode.Uri): void {
    const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
    for (const diagnostic of vscode.languages.getDiagnostics(uri)) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      if (diagnostic.severity === vscode.DiagnosticSeverity.Error) counts.errors += 1;
      else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) counts.warnings += 1;
      else counts.infos += 1;
    }
    const key = uri.toString();
    if (counts.errors + counts.warnings + counts.infos === 0) this.perDocument.delete(key);
    else this.perDocument.set(key, counts);
  }

  private render(): void {
    const item = this.item;
    item.backgroundColor = undefined;
    if (this.serverState === State.Starting) {
      item.text = '$(sync~spin) claimlint';
      item.tooltip = 'claimlint: starting the language server…';
      item.command = undefined;
      return;
    }
    if (this.serverState !== State.Running) {
      item.text = '$(circle-slash) claimlint';
      item.tooltip = 'claimlint: the language server is not running. Click to restart it.';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      item.command = 'claimlint.restartServer';
      return;
    }
    const { errors, warnings, infos, files } = this.totals();
    item.text = `$(error) ${errors} $(warning) ${warnings} claimlint`;
    item.tooltip =
      `claimlint: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}` +
      ` in ${plural(files, 'file')}. Click to open the Problems panel.`;
    item.command = 'workbench.actions.view.problems';
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
