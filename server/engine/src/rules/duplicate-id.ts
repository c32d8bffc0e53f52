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
    return holders.map((holder): Finding => {
      const others = holders.filter((other) => other !== holder);
      return {
        rule: 'duplicate-id',
        file: holder.file,
        span: holder.span,
        message: `Duplicate ${kind} id "${id}": also defined in ${others.map((o) => context.describe.where(o.file, o.span.start)).join(', ')}`,
        related: others.map((o) => ({ file: o.file, span: o.span, message: `"${id}" is also defined here` })),
      };
    });
  },
};
