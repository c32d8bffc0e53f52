// Which dimension a key's claims are compared in: the metric's declared unit when it has one, else
// the dimension most of its claims use. Claims in any other dimension are unit mismatches.
import type { Claim, Dimension } from '../model';
import { unitInfo } from '../quantity';
import type { RuleContext } from '../rules/rule';
import type { KeyGroup } from './key-index';

export interface ReferenceDimension {
  dimension: Dimension;
  /** True when the metric's `unit:` fixes it; false when it was taken from the majority of claims. */
  declared: boolean;
}

export function metricDimension(metricId: string, context: RuleContext): Dimension | undefined {
  const unit = context.vocabulary.get('metric', metricId)?.unit;
  return unit ? unitInfo(unit, context.quantityOptions)?.dimension : undefined;
}

export function referenceDimension(group: KeyGroup, context: RuleContext): ReferenceDimension | undefined {
  const declared = metricDimension(group.metric, context);
  if (declared) return { dimension: declared, declared: true };
  const counts = new Map<Dimension, number>();
  let best: Dimension | undefined;
  for (const claim of group.claims) {
    if (!claim.quantity) continue;
    const count = (counts.get(claim.quantity.dimension) ?? 0) + 1;
    counts.set(claim.quantity.dimension, count);
    if (best === undefined || count > counts.get(best)!) best = claim.quantity.dimension;
  }
  return best === undefined ? undefined : { dimension: best, declared: false };
}

export function comparableClaims(group: KeyGroup, reference: ReferenceDimension): Claim[] {
  return group.claims.filter((claim) => claim.quantity?.dimension === reference.dimension);
}
