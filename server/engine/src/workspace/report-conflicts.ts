// Words the conflicts of one key as findings, for the contradiction and scale-slip rules. Both
// rules share one comparison per group (cached), each keeping the conflicts of its own kind.
import type { Claim, Finding, RelatedLocation } from '../model';
import type { RuleContext } from '../rules/rule';
import { findConflicts, type ClaimConflicts, type ConflictKind, type KeyGroup } from './key-index';
import { comparableClaims, referenceDimension } from './reference-dimension';

const conflictCache = new WeakMap<KeyGroup, Map<Claim, ClaimConflicts>>();

function conflictsOf(group: KeyGroup, context: RuleContext): Map<Claim, ClaimConflicts> {
  let conflicts = conflictCache.get(group);
  if (!conflicts) {
    const reference = referenceDimension(group, context);
    conflicts = reference ? findConflicts(comparableClaims(group, reference), context.toleranceFor(group.metric)) : new Map();
    conflictCache.set(group, conflicts);
  }
  return conflicts;
}

export function reportConflicts(group: KeyGroup, context: RuleContext, kind: ConflictKind): Finding[] {
  const findings: Finding[] = [];
  const { describe } = context;
  for (const [claim, found] of conflictsOf(group, context)) {
    for (const sameDate of [true, false]) {
      const conflicts = found.listed.filter((c) => c.kind === kind && c.sameDate === sameDate);
      if (conflicts.length === 0) continue;
      const first = conflicts[0]!.other;
      const here = `${describe.value(claim.quantity!)} here${dateNote(claim, sameDate)} (${describe.sources(claim)})`;
      const there = `${describe.value(first.quantity!)}${dateNote(first, sameDate)} in ${describe.where(first.file, first.span.start)} (${describe.sources(first)})`;
      const more = conflicts.length - 1 + (sameDate ? found.unlisted : 0);
      const tail = more > 0 ? `, and ${more} more claim${more === 1 ? '' : 's'}` : '';
      const slip = kind === 'scale-slip' ? ` (${factorWords(claim.quantity!.value, first.quantity!.value)}: a scale-word slip?)` : '';
      const related: RelatedLocation[] = conflicts.map((c) => ({
        file: c.other.file,
        span: c.other.span,
        message: `${describe.value(c.other.quantity!)}${dateNote(c.other, sameDate)} (${describe.sources(c.other)})`,
      }));
      findings.push({
        rule: kind,
        file: claim.file,
        span: claim.span,
        message: `${describe.label(claim)}: ${here} vs ${there}${tail}${slip}`,
        related,
        ...(sameDate ? {} : { severity: 'warning' as const }),
      });
    }
  }
  return findings;
}

/** Dates are named only when they differ: an undated claim against a dated one. */
function dateNote(claim: Claim, sameDate: boolean): string {
  if (sameDate) return '';
  return claim.asOf ? ` as of ${claim.asOf.id}` : ' (undated)';
}

function factorWords(a: number, b: number): string {
  const ratio = a > b ? a / b : b / a;
  const factor = 10 ** Math.round(Math.log10(ratio));
  return `${factor.toLocaleString('en-US')}× apart`;
}
