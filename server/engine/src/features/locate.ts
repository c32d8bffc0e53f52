// What sits at an offset: a claim's figure, a citation, a registry's source id. Shared by every
// feature; spans are half-open but the offset just after a figure still counts (the cursor sits there).
import type { Claim, Diagnostic, SourceEntry, Span } from '../model';
import type { LocatedCitation } from '../rules';
import type { ClaimWorkspace } from '../workspace/claim-workspace';
import { keyOf } from '../workspace/key-index';

/** A place in a document: what features return, for the front end to turn into a location. */
export interface FileSpan {
  file: string;
  span: Span;
}

export function touches(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

export function claimAt(workspace: ClaimWorkspace, file: string, offset: number): Claim | undefined {
  return workspace.claimsIn(file).find((claim) => touches(claim.span, offset));
}

export function citationAt(workspace: ClaimWorkspace, file: string, offset: number): LocatedCitation | undefined {
  const inFile = workspace.citationsIn(file);
  return inFile.find((c) => c.citation.idSpan && touches(c.citation.idSpan, offset)) ?? inFile.find((c) => touches(c.citation.span, offset));
}

export function sourceEntryAt(workspace: ClaimWorkspace, file: string, offset: number): SourceEntry | undefined {
  return workspace.sources().find((source) => source.file === file && touches(source.idSpan, offset));
}

/** The source id under the cursor: in a citation or on a registry entry's id. */
export function sourceIdAt(workspace: ClaimWorkspace, file: string, offset: number): string | undefined {
  return citationAt(workspace, file, offset)?.citation.id ?? sourceEntryAt(workspace, file, offset)?.id;
}

export function claimsOfSameKey(workspace: ClaimWorkspace, claim: Claim): Claim[] {
  const key = keyOf(claim);
  if (!key) return [claim];
  return workspace.claimsOfKey(key);
}

/**
 * The files whose diagnostics a hover or the claims-of-key view at an offset can show: the file
 * itself and every file with a claim of the same key. Front ends pass just these diagnostics, so a
 * hover costs the same in a small workspace as in a huge one.
 */
export function filesAround(workspace: ClaimWorkspace, file: string, offset: number): string[] {
  const claim = claimAt(workspace, file, offset);
  const files = new Set([file]);
  if (claim) for (const other of claimsOfSameKey(workspace, claim)) files.add(other.file);
  return [...files];
}

const CONFLICT_RULES = new Set(['contradiction', 'scale-slip', 'unit-mismatch']);

/** Claims (by file and span) that take part in a contradiction, scale slip or unit mismatch, with the rules. */
export function conflictsByClaim(diagnostics: readonly Diagnostic[]): Map<string, string[]> {
  const conflicts = new Map<string, string[]>();
  for (const diagnostic of diagnostics) {
    if (!CONFLICT_RULES.has(diagnostic.rule)) continue;
    const id = spanId(diagnostic.file, diagnostic.span);
    const rules = conflicts.get(id) ?? [];
    if (!rules.includes(diagnostic.rule)) rules.push(diagnostic.rule);
    conflicts.set(id, rules);
  }
  return conflicts;
}

export function spanId(file: string, span: Span): string {
  return `${file}\u0000${span.start}\u0000${span.end}`;
}
