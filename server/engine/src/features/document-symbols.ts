// Document symbols: one per claim, named by its key and value, so the outline lists a report's figures.
import type { Span } from '../model';
import type { ClaimWorkspace } from '../workspace/claim-workspace';

export interface ClaimSymbol {
  name: string;
  detail: string;
  span: Span;
}

export function claimSymbols(workspace: ClaimWorkspace, file: string): ClaimSymbol[] {
  const describe = workspace.describer();
  // The file's own claims, not the workspace's filtered: editors ask for symbols after every edit.
  return workspace.claimsIn(file).map((claim) => ({
    name: `${describe.label(claim)}: ${claim.quantity ? describe.value(claim.quantity) : '?'}${claim.id ? ` (${claim.id})` : ''}`,
    detail: describe.sources(claim),
    span: claim.span,
  }));
}
