// The cited source keeps a local archive copy, and no figure in it matches the claim: either the
// claim drifted from its source or it cites the wrong one.
import type { Citation, Finding, Quantity } from '../model';
import type { Rule, RuleContext } from './rule';

export const sourceMismatch: Rule = {
  id: 'source-mismatch',
  defaultSeverity: 'warning',
  description: "The cited source has an archive copy and no figure in it matches the claim's value.",
  checkClaim(claim, context): Finding[] {
    const quantity = claim.quantity;
    if (!quantity || claim.citations.length === 0 || !anyArchive(context)) return [];
    const findings: Finding[] = [];
    for (const id of distinctIds(claim.citations)) {
      const source = context.sourcesById.get(id)?.[0];
      if (!source?.archivePath) continue;
      const figures = context.archiveFigures(source.archivePath);
      if (!figures) continue; // an unreadable archive is reported once, on the registry entry
      const tolerance = context.toleranceFor(claim.metric?.id);
      if (figures.some((figure) => overlaps(quantity, figure.quantity, tolerance))) continue;
      const similar = figures.filter((f) => f.quantity.dimension === quantity.dimension).slice(0, 3);
      const seen = similar.length > 0 ? `; it has ${similar.map((f) => context.describe.value(f.quantity)).join(', ')}` : '';
      findings.push({
        rule: 'source-mismatch',
        file: claim.file,
        span: claim.span,
        message: `${context.describe.label(claim)}: ${context.describe.value(quantity)} does not appear in the archive of "${source.id}" (${source.archive})${seen}`,
        related: [{ file: source.file, span: source.idSpan, message: `source "${source.id}"` }],
      });
    }
    return findings;
  },
  checkSources(sources, context): Finding[] {
    const findings: Finding[] = [];
    for (const source of sources) {
      if (!source.archivePath || context.archiveFigures(source.archivePath)) continue;
      findings.push({
        rule: 'source-mismatch',
        file: source.file,
        span: source.idSpan,
        message: `The archive of "${source.id}" (${source.archive}) cannot be read, so claims citing it are not checked against it`,
        related: [],
      });
    }
    return findings;
  },
};

/**
 * Most workspaces keep no archive copies: then no claim needs its citations looked at (a sentence
 * of n figures shares one list of n citations, so looking would cost n² there).
 */
const archiveKnown = new WeakMap<RuleContext['sourcesById'], boolean>();

function anyArchive(context: RuleContext): boolean {
  let any = archiveKnown.get(context.sourcesById);
  if (any === undefined) {
    any = [...context.sourcesById.values()].some((entries) => entries.some((entry) => entry.archivePath !== undefined));
    archiveKnown.set(context.sourcesById, any);
  }
  return any;
}

/**
 * The source ids a citation list names, each once: a source cited twice is one mismatch, not two.
 * Every figure of a sentence shares the sentence's list, so it is worked out once per sentence;
 * otherwise n figures and n citations in one sentence cost n² (and a finding per pair).
 */
const distinctIdsCache = new WeakMap<readonly Citation[], string[]>();

function distinctIds(citations: readonly Citation[]): string[] {
  let ids = distinctIdsCache.get(citations);
  if (!ids) {
    ids = [...new Set(citations.flatMap((citation) => (citation.id ? [citation.id] : [])))];
    distinctIdsCache.set(citations, ids);
  }
  return ids;
}

function overlaps(a: Quantity, b: Quantity, tolerance: number): boolean {
  if (a.dimension !== b.dimension) return false;
  return a.lo * (1 - tolerance) <= b.hi * (1 + tolerance) && b.lo * (1 - tolerance) <= a.hi * (1 + tolerance);
}
