// One line per rule for SARIF's rule list (code scanning shows it on every alert). Keyed by RuleId
// so that a rule added to the engine without a line here fails to compile.
import type { RuleId, Severity } from '../../engine/src/index';

export interface RuleSummary {
  description: string;
  defaultSeverity: Severity;
}

export const RULE_CATALOG: Record<RuleId, RuleSummary> = {
  'missing-source': { description: 'A figure or YAML claim cites no source.', defaultSeverity: 'warning' },
  'unknown-source': { description: 'A citation names a source id that no registry defines.', defaultSeverity: 'error' },
  contradiction: {
    description: 'Two claims about the same subject, metric and date give values that cannot both be true.',
    defaultSeverity: 'error',
  },
  'scale-slip': {
    description: 'Two claims of one key differ by a power of ten (10 to 10,000): the mark of a 万 / million / thousand slip.',
    defaultSeverity: 'error',
  },
  'unit-mismatch': {
    description: "A figure's unit does not fit its metric, or two claims of one key use units that do not convert.",
    defaultSeverity: 'error',
  },
  'ambiguous-unit': { description: '"tons" or a bare "$" whose meaning the config does not fix.', defaultSeverity: 'warning' },
  'unknown-unit': { description: 'A YAML claim value whose unit claimlint cannot read.', defaultSeverity: 'error' },
  'invalid-claim': {
    description: 'A claim file, source registry or config that does not parse or breaks its schema.',
    defaultSeverity: 'error',
  },
  'duplicate-id': { description: 'Two claims or two sources share an id.', defaultSeverity: 'error' },
  'source-mismatch': {
    description: "The cited source's archived copy holds no figure that matches the claim's value.",
    defaultSeverity: 'warning',
  },
};
