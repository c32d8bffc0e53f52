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
    const suggestions = suggestionsFor(id, context.sourcesById);
    const hint = suggestions.length > 0 ? ` (did you mean "${suggestions[0]}"?)` : '';
    return [{ rule: 'unknown-source', file, span: citation.idSpan ?? citation.span, message: `Unknown source "${id}"${hint}`, related: [] }];
  },
};

/**
 * Suggestions per unknown id, worked out once per set of registries: a typo repeated across a
 * report costs one comparison with every source id, not one per citation.
 */
const suggestionCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, string[]>>();

function suggestionsFor(id: string, sourcesById: ReadonlyMap<string, unknown>): string[] {
  let byId = suggestionCache.get(sourcesById);
  if (byId === undefined) suggestionCache.set(sourcesById, (byId = new Map()));
  let suggestions = byId.get(id);
  if (suggestions === undefined) byId.set(id, (suggestions = closestMatches(id, sourcesById.keys())));
  return suggestions;
}
