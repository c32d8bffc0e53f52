// A contradiction whose two values differ by 10, 100, 1,000 or 10,000 (within 5%): the mark of a
// 万 / million / thousand slip, as when 1000万吨 becomes "1 million tons" in translation.
import type { Finding } from '../model';
import { reportConflicts } from '../workspace/report-conflicts';
import type { Rule } from './rule';

export const scaleSlip: Rule = {
  id: 'scale-slip',
  defaultSeverity: 'error',
  description: 'Two claims of the same key differ by a factor of 10, 100, 1,000 or 10,000: a scale-word slip.',
  checkKey(group, context): Finding[] {
    return reportConflicts(group, context, 'scale-slip');
  },
};
