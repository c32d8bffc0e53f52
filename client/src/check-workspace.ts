// "claimlint: Check Whole Workspace": the server re-reads every included file from disk and
// republishes every diagnostic; the user gets the totals and a way to the Problems panel.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CheckWorkspaceRequest } from './protocol';
import type { CheckWorkspaceResult } from './protocol';

/** Resolves with the server's counts, or undefined (after telling the user) when the request failed. */
export async function checkWorkspace(client: LanguageClient): Promise<CheckWorkspaceResult | undefined> {
  let result: CheckWorkspaceResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'claimlint: checking the workspace…' },
      () => client.sendRequest(CheckWorkspaceRequest, {}),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`claimlint could not check the workspace: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const summary =
    `claimlint checked ${count(result.files, 'file')}: ` +
    `${count(result.errors, 'error')}, ${count(result.warnings, 'warning')}, ${count(result.infos, 'info')}.`;
  // Not awaited: the message stays until dismissed, the command's result should not wait for that.
  void vscode.window.showInformationMessage(summary, 'Open Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return result;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
