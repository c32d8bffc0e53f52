// A figure or YAML claim that cites nothing. Headings are exempt (they repeat what the text cites).
import type { Citation, Claim, Finding } from '../model';
import type { Rule } from './rule';

/** Whether a citation points at a source at all; a footnote that holds no citation or link does not. */
export function isSourcing(citation: Citation): boolean {
  if (citation.kind === 'footnote') return Boolean(citation.id || citation.url);
  return true;
}

export const missingSource: Rule = {
  id: 'missing-source',
  defaultSeverity: 'warning',
  description: 'A figure or YAML claim cites no source.',
  checkClaim(claim: Claim, context): Finding[] {
    if (claim.inHeading || claim.citations.some(isSourcing)) return [];
    const what = claim.origin === 'yaml' ? `Claim${claim.id ? ` "${claim.id}"` : ''}` : `${context.describe.label(claim)}: ${claim.quantity ? context.describe.value(claim.quantity) : 'this figure'}`;
    const hint = claim.origin === 'yaml' ? 'add `sources: [id]`' : 'add a citation such as [@source-id], a footnote or a link';
    return [{ rule: 'missing-source', file: claim.file, span: claim.span, message: `${what} cites no source; ${hint}`, related: [] }];
  },
};
