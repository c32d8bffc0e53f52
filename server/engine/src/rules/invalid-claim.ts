// A claim file, registry, config or front matter that does not parse or breaks its schema. The
// parsers report these as they read; this file holds the rule's identity and one constructor.
import type { Finding, Span } from '../model';
import type { Rule } from './rule';

export const invalidClaim: Rule = {
  id: 'invalid-claim',
  defaultSeverity: 'error',
  description: 'A claim file, registry or config that does not parse or breaks its schema.',
};

export function invalidClaimFinding(file: string, span: Span, message: string): Finding {
  return { rule: 'invalid-claim', file, span, message, related: [] };
}
