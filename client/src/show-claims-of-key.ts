// "claimlint: Show the Claims of This Quantity": every claim of the key (subject + metric) of the
// figure at the cursor, across the workspace, in a picker; picking one opens it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClaimsOfKeyRequest } from './protocol';
import type { ClaimOfKey, ClaimsOfKeyResult } from './protocol';

export interface ClaimQuickPickItem extends vscode.QuickPickItem {
  claim: ClaimOfKey;
}

/** What the picker showed: the extension's API passes it on, so tests can see and drive the real picker. */
export interface ClaimsOfKeyShown {
  key: NonNullable<ClaimsOfKeyResult['key']>;
  items: readonly ClaimQuickPickItem[];
  quickPick: vscode.QuickPick<ClaimQuickPickItem>;
}

export class ClaimsOfKeyPicker implements vscode.Disposable {
  private readonly shown = new vscode.EventEmitter<ClaimsOfKeyShown>();
  readonly onDidShow = this.shown.event;

  constructor(private readonly getClient: () => Promise<LanguageClient | undefined>) {}

  /**
   * Arguments are optional: the palette passes none (the active editor's cursor is used), the editor
   * context menu passes the document's URI, and callers may pass a URI and a position.
   * Resolves with the claim that was opened, or undefined.
   */
  async run(uriArg?: vscode.Uri | string, positionArg?: vscode.Position): Promise<ClaimOfKey | undefined> {
    const target = resolveTarget(uriArg, positionArg);
    if (!target) {
      void vscode.window.showInformationMessage('claimlint: put the cursor on a figure or a claim first.');
      return undefined;
    }
    const client = await this.getClient();
    if (!client) return undefined;
    let result: ClaimsOfKeyResult;
    try {
      result = await client.sendRequest(ClaimsOfKeyRequest, {
        textDocument: { uri: client.code2ProtocolConverter.asUri(target.uri) },
        position: client.code2ProtocolConverter.asPosition(target.position),
      });
    } catch (error) {
      void vscode.window.showErrorMessage(`claimlint could not list the claims of this quantity: ${messageOf(error)}`);
      return undefined;
    }
    if (!result.key) {
      void vscode.window.showInformationMessage('claimlint: there is no figure or claim with a subject and a metric at the cursor.');
      return undefined;
    }
    const items = result.claims.map((claim) => toItem(claim, client, target));
    const picked = await this.pick(result.key, items);
    if (!picked) return undefined;
    await vscode.window.showTextDocument(client.protocol2CodeConverter.asUri(picked.claim.uri), {
      selection: client.protocol2CodeConverter.asRange(picked.claim.range),
    });
    return picked.claim;
  }

  dispose(): void {
    this.shown.dispose();
  }

  private pick(key: ClaimsOfKeyShown['key'], items: ClaimQuickPickItem[]): Promise<ClaimQuickPickItem | undefined> {
    const disagreeing = items.filter((item) => !item.claim.agrees).length;
    const quickPick = vscode.window.createQuickPick<ClaimQuickPickItem>();
    quickPick.title = `Claims of ${key.label}`;
    quickPick.placeholder =
      `${items.length} claim${items.length === 1 ? '' : 's'}` +
      (disagreeing ? `, ${disagreeing} in conflict` : ', all agree') +
      '. Pick one to open it.';
    quickPick.items = items;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    return new Promise((resolve) => {
      let picked: ClaimQuickPickItem | undefined;
      quickPick.onDidAccept(() => {
        picked = quickPick.selectedItems[0];
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        quickPick.dispose();
        resolve(picked);
      });
      quickPick.show();
      this.shown.fire({ key, items, quickPick });
    });
  }
}

function resolveTarget(uriArg: vscode.Uri | string | undefined, positionArg: vscode.Position | undefined): { uri: vscode.Uri; position: vscode.Position } | undefined {
  const editor = vscode.window.activeTextEditor;
  const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg ?? editor?.document.uri;
  if (!uri) return undefined;
  if (positionArg) return { uri, position: positionArg };
  if (editor && editor.document.uri.toString() === uri.toString()) return { uri, position: editor.selection.active };
  return undefined;
}

function toItem(claim: ClaimOfKey, client: LanguageClient, target: { uri: vscode.Uri; position: vscode.Position }): ClaimQuickPickItem {
  const uri = client.protocol2CodeConverter.asUri(claim.uri);
  const range = client.protocol2CodeConverter.asRange(claim.range);
  const here = uri.toString() === target.uri.toString() && range.contains(target.position);
  const description = [
    claim.asOf ? `as of ${claim.asOf}` : 'undated',
    claim.sources ? claim.sources : 'no source',
    claim.agrees ? 'agrees' : 'in conflict',
    ...(here ? ['(here)'] : []),
  ].join(' · ');
  const where = `${vscode.workspace.asRelativePath(uri)}:${range.start.line + 1}`;
  return {
    label: `${claim.agrees ? '$(pass)' : '$(error)'} ${claim.value}`,
    description,
    detail: claim.context ? `${where}  ${claim.context}` : where,
    claim,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
