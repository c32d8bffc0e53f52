// Every claim of the key (subject + metric) of the figure at an offset, side by side: the data of
// the hover's table and of the `claimlint/claimsOfKey` request.
import type { Claim, Diagnostic } from '../model';
import type { ClaimWorkspace } from '../workspace/claim-workspace';
import { claimAt, claimsOfSameKey, conflictsByClaim, spanId, type FileSpan } from './locate';

export interface KeyedClaim extends FileSpan {
  claim: Claim;
  value: string;
  asOf?: string;
  sources: string;
  /** False when the claim is in a contradiction, scale slip or unit mismatch. */
  agrees: boolean;
  /** The rules that disagree with it. */
  conflicts: string[];
  context?: string;
}

export interface ClaimsOfKey {
  key: { subject: string; metric: string; label: string } | null;
  claim: Claim;
  claims: KeyedClaim[];
}

export function claimsOfKeyAt(workspace: ClaimWorkspace, diagnostics: readonly Diagnostic[], file: string, offset: number): ClaimsOfKey | undefined {
  const claim = claimAt(workspace, file, offset);
  if (!claim) return undefined;
  const describe = workspace.describer();
  const conflicts = conflictsByClaim(diagnostics);
  const claims = claimsOfSameKey(workspace, claim).map((other): KeyedClaim => {
    const rules = conflicts.get(spanId(other.file, other.span)) ?? [];
    return {
      file: other.file,
      span: other.span,
      claim: other,
      value: other.quantity ? describe.value(other.quantity) : other.quantity === undefined ? '(unreadable)' : '',
      asOf: other.asOf?.id,
      sources: describe.sources(other),
      agrees: rules.length === 0,
      conflicts: rules,
      context: other.context,
    };
  });
  const key = claim.subject && claim.metric ? { subject: claim.subject.id, metric: claim.metric.id, label: describe.label(claim) } : null;
  return { key, claim, claims };
}
