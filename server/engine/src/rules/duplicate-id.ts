// Two claims, or two sources, with one id: citations and references become ambiguous.
import type { Finding, Span } from '../model';
import type { Rule } from './rule';

interface Identified {
  id: string;
  file: string;
  span: Span;
}

export const duplicateId: Rule = {
  id: 'duplicate-id',
  defaultSeverity: 'error',
  description: 'Two claims or two sources share an id.',
  checkWorkspace(facts, context): Finding[] {
    const claims: Identified[] = [];
    for (const claim of facts.claims) if (claim.id) claims.push({ id: claim.id, file: claim.file, span: claim.idSpan ?? claim.span });
    const sources: Identified[] = facts.sources.map((s) => ({ id: s.id, file: s.file, span: s.idSpan }));
    return [...duplicatesAmong(claims, 'claim', context.describe.where), ...duplicatesAmong(sources, 'source', context.describe.where)];
  },
};

function duplicatesAmong(items: Identified[], noun: string, where: (file: string, offset: number) => string): Finding[] {
  const byId = new Map<string, Identified[]>();
  for (const item of items) {
    const list = byId.get(item.id);
    if (list) list.push(item);
    else byId.set(item.id, [item]);
  }
  const findings: Finding[] = [];
  for (const [id, list] of byId) {
    if (list.length < 2) continue;
    for (const item of list) {
      const others = list.filter((other) => other !== item);
      findings.push({
        rule: 'duplicate-id',
        file: item.file,
        span: item.span,
        message: `Duplicate ${noun} id "${id}": also defined in ${others.map((o) => where(o.file, o.span.start)).join(', ')}`,
        related: others.map((o) => ({ file: o.file, span: o.span, message: `"${id}" is also defined here` })),
      });
    }
  }
  return findings;
}
