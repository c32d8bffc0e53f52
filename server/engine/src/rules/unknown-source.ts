// A citation whose id no registry defines: a typo, or a source nobody registered.
import type { Finding } from '../model';
import { closestMatches } from '../text/closest-matches';
import type { Rule } from './rule';

export const unknownSource: Rule = {
  id: 'unknown-source',
  defaultSeverity: 'error',
  description: 'A citation names a source id that no registry defines.',
  checkCitation({ file, citation }, context): Finding[] {
    const id = citation.id;
    if (!id || context.sourcesById.has(id)) return [];
    const suggestions = closestMatches(id, context.sourcesById.keys());
    const hint = suggestions.length > 0 ? ` (did you mean "${suggestions[0]}"?)` : '';
    return [{ rule: 'unknown-source', file, span: citation.idSpan ?? citation.span, message: `Unknown source "${id}"${hint}`, related: [] }];
  },
};
