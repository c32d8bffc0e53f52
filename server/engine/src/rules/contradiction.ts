// Two claims of one key whose intervals cannot both be true. The comparison itself (sorted
// intervals, date slots, the scale-slip split) lives in the key index; this rule words it.
import type { Finding } from '../model';
import { reportConflicts } from '../workspace/report-conflicts';
import type { Rule } from './rule';

export const contradiction: Rule = {
  id: 'contradiction',
  defaultSeverity: 'error',
  description: 'Two claims of the same subject, metric and date have values that do not overlap.',
  checkKey(group, context): Finding[] {
    return reportConflicts(group, context, 'contradiction');
  },
};
