// A YAML value whose unit claimlint cannot read. (In prose an unknown unit is simply not a figure.)
import type { Finding, Span } from '../model';
import type { Rule } from './rule';

export const unknownUnit: Rule = {
  id: 'unknown-unit',
  defaultSeverity: 'error',
  description: 'A YAML claim value whose unit claimlint cannot read.',
};

export function unknownUnitFinding(file: string, span: Span, value: string, reason: string): Finding {
  return { rule: 'unknown-unit', file, span, message: `Cannot read the unit of "${value}": ${reason}`, related: [] };
}
