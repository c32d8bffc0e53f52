// A figure measured in the wrong dimension for its metric (reserves in USD), or two claims of one
// key in units that do not convert (USD vs EUR, % vs t, % vs percentage points).
import type { Claim, Finding } from '../model';
import { comparableClaims, metricDimension, referenceDimension } from '../workspace/reference-dimension';
import type { RuleContext } from './rule';
import type { Rule } from './rule';

const MAX_RELATED = 5;

export const unitMismatch: Rule = {
  id: 'unit-mismatch',
  defaultSeverity: 'error',
  description: "A figure's unit does not fit its metric, or two claims of one key use units that do not convert.",
  checkClaim(claim, context): Finding[] {
    // Against the metric's declared unit: needs no other claim, so it works without a subject too.
    if (!claim.quantity || !claim.metric) return [];
    const expected = metricDimension(claim.metric.id, context);
    if (!expected || expected === claim.quantity.dimension) return [];
    const metric = context.vocabulary.get('metric', claim.metric.id);
    return [
      {
        rule: 'unit-mismatch',
        file: claim.file,
        span: claim.span,
        message: `${context.describe.label(claim)}: ${context.describe.value(claim.quantity)} is ${dimensionWords(claim.quantity.dimension)}, but ${metric?.name ?? claim.metric.id} is measured in ${metric?.unit} (${dimensionWords(expected)})`,
        related: [],
      },
    ];
  },
  checkKey(group, context): Finding[] {
    // Without a declared unit, the majority of the key's claims sets the dimension.
    const reference = referenceDimension(group, context);
    if (!reference || reference.declared) return [];
    const agreeing = comparableClaims(group, reference);
    const findings: Finding[] = [];
    for (const claim of group.claims) {
      if (!claim.quantity || claim.quantity.dimension === reference.dimension) continue;
      findings.push(mismatchAgainst(claim, agreeing, context));
    }
    return findings;
  },
};

function mismatchAgainst(claim: Claim, agreeing: Claim[], context: RuleContext): Finding {
  const { describe } = context;
  const first = agreeing[0]!;
  const more = agreeing.length - 1;
  return {
    rule: 'unit-mismatch',
    file: claim.file,
    span: claim.span,
    message:
      `${describe.label(claim)}: ${describe.value(claim.quantity!)} here (${dimensionWords(claim.quantity!.dimension)}) does not convert to ` +
      `${describe.value(first.quantity!)} in ${describe.where(first.file, first.span.start)} (${dimensionWords(first.quantity!.dimension)})` +
      (more > 0 ? `, nor to ${more} more claim${more === 1 ? '' : 's'}` : ''),
    related: agreeing.slice(0, MAX_RELATED).map((other) => ({
      file: other.file,
      span: other.span,
      message: `${describe.value(other.quantity!)} (${describe.sources(other)})`,
    })),
  };
}

export function dimensionWords(dimension: string): string {
  if (dimension === 'mass') return 'a mass';
  if (dimension === 'percent') return 'a percentage';
  if (dimension === 'percentage-point') return 'a change in percentage points';
  if (dimension === 'number') return 'a plain number with no unit';
  if (dimension.startsWith('currency:')) return `an amount of ${dimension.slice('currency:'.length)}`;
  if (dimension.startsWith('price:')) return `a price in ${dimension.slice('price:'.length)}`;
  if (dimension.startsWith('count:')) return `a count of ${dimension.slice('count:'.length)}`;
  return dimension;
}
