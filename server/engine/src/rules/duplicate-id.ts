// Two claims, or two sources, with one id: citations and references become ambiguous.
import type { Finding } from '../model';
import type { Rule } from './rule';

export const duplicateId: Rule = {
  id: 'duplicate-id',
  defaultSeverity: 'error',
  description: 'Two claims or two sources share an id.',
  checkIdGroup(group, context): Finding[] {
    const { id, kind, holders } = group;
    if (holders.length < 2) return [];
    return holders.map((holder, index): Finding => {
      const others = nearestOthers(holders.length, index).map((i) => holders[i]!);
      const more = holders.length - 1 - others.length;
      const tail = more > 0 ? `, and ${more.toLocaleString('en-US')} more` : '';
      return {
        rule: 'duplicate-id',
        file: holder.file,
        span: holder.span,
        message: `Duplicate ${kind} id "${id}": also defined in ${others.map((o) => context.describe.where(o.file, o.span.start)).join(', ')}${tail}`,
        related: others.map((o) => ({ file: o.file, span: o.span, message: `"${id}" is also defined here` })),
      };
    });
  },
};

/** How many of an id's other holders a finding names: listing all of 5,000 would make 25 million. */
const LISTED = 5;

/** The indices of the holders nearest the index-th in file and offset order (the list's order), in that order. */
function nearestOthers(count: number, index: number): number[] {
  const from = Math.max(0, Math.min(index - Math.floor(LISTED / 2), count - 1 - LISTED));
  const indices: number[] = [];
  for (let i = from; i < count && indices.length < LISTED; i++) if (i !== index) indices.push(i);
  return indices;
}
