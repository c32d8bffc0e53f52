// The custom requests the claimlint language server implements (server/lsp/). Both sides keep to
// the shapes below exactly; the client only calls them.
import { RequestType } from 'vscode-languageclient/node';
import type { Position, Range } from 'vscode-languageclient/node';

export interface ClaimsOfKeyParams {
  textDocument: { uri: string };
  position: Position;
}

/** One claim of a key (subject + metric), wherever it is written in the workspace. */
export interface ClaimOfKey {
  uri: string;
  range: Range;
  /** The figure as written ("3.8 Mt", "1000万吨"). */
  value: string;
  asOf?: string;
  /** The claim's sources, ready to show ("usgs-mcs-2025", or "" when it cites none). */
  sources: string;
  /** False when the claim is in a contradiction, scale slip or unit mismatch. */
  agrees: boolean;
  /** The sentence or YAML text around the claim, for the picker's detail line. */
  context?: string;
}

export interface ClaimsOfKeyResult {
  key: { subject: string; metric: string; label: string } | null;
  claims: ClaimOfKey[];
}

export const ClaimsOfKeyRequest = new RequestType<ClaimsOfKeyParams, ClaimsOfKeyResult, void>('claimlint/claimsOfKey');

export interface CheckWorkspaceResult {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

export const CheckWorkspaceRequest = new RequestType<Record<string, never>, CheckWorkspaceResult, void>('claimlint/checkWorkspace');
