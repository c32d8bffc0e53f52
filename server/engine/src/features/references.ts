// References: on a source id (a citation or a registry entry) → every citation of it; on a figure
// → every claim of its key.
import type { ClaimWorkspace } from '../workspace/claim-workspace';
import { claimAt, claimsOfSameKey, sourceIdAt, type FileSpan } from './locate';

export function referencesAt(workspace: ClaimWorkspace, file: string, offset: number, includeDeclaration: boolean): FileSpan[] {
  const id = sourceIdAt(workspace, file, offset);
  if (id !== undefined) {
    const citations = workspace.citationsOf(id).map((c) => ({ file: c.file, span: c.citation.idSpan ?? c.citation.span }));
    const declarations = includeDeclaration ? workspace.sources().filter((s) => s.id === id).map((s) => ({ file: s.file, span: s.idSpan })) : [];
    return [...declarations, ...citations];
  }
  const claim = claimAt(workspace, file, offset);
  if (!claim) return [];
  return claimsOfSameKey(workspace, claim).map((c) => ({ file: c.file, span: c.span }));
}
