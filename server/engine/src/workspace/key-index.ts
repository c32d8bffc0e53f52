// Groups claims by key (subject + metric) so that comparisons only ever look inside one group, and
// inside a group compares intervals through sorted arrays instead of every pair: the cost of a
// check grows with the size of the group and the number of conflicts found, not with n².
import type { Claim } from '../model';

export interface KeyGroup {
  /** `subject|metric` */
  key: string;
  subject: string;
  metric: string;
  claims: Claim[];
}

/**
 * One string per key, made once: keys are looked up in maps on every index and edit, and a freshly
 * concatenated string would be hashed again each time. Bounded by the vocabulary (ids are entries').
 */
const keysBySubject = new Map<string, Map<string, string>>();

export function keyOf(claim: Claim): string | undefined {
  if (!claim.subject || !claim.metric) return undefined;
  const subject = claim.subject.id;
  const metric = claim.metric.id;
  let byMetric = keysBySubject.get(subject);
  if (byMetric === undefined) keysBySubject.set(subject, (byMetric = new Map()));
  let key = byMetric.get(metric);
  if (key === undefined) byMetric.set(metric, (key = `${subject}|${metric}`));
  return key;
}

export function groupByKey(claims: Iterable<Claim>): Map<string, KeyGroup> {
  const groups = new Map<string, KeyGroup>();
  for (const claim of claims) {
    const key = keyOf(claim);
    if (!key) continue;
    let group = groups.get(key);
    if (!group) {
      group = { key, subject: claim.subject!.id, metric: claim.metric!.id, claims: [] };
      groups.set(key, group);
    }
    group.claims.push(claim);
  }
  return groups;
}

export type ConflictKind = 'contradiction' | 'scale-slip';

export interface Conflict {
  other: Claim;
  kind: ConflictKind;
  /** False when one side is undated and the other dated: a warning, not an error. */
  sameDate: boolean;
}

/** The factors that mark a 万 / million / thousand slip, and how close a ratio must come to one. */
const SLIP_FACTORS = [10, 100, 1000, 10000];
const SLIP_CLOSENESS = 0.05;

export function isScaleSlip(a: number, b: number): boolean {
  if (!(a > 0 && b > 0)) return false;
  const ratio = a > b ? a / b : b / a;
  return SLIP_FACTORS.some((factor) => Math.abs(ratio / factor - 1) <= SLIP_CLOSENESS);
}

interface Widened {
  claim: Claim;
  lo: number;
  hi: number;
}

/** The claims of one date slot, sorted two ways for range queries. */
interface DateSlot {
  byLo: Widened[];
  byHi: Widened[];
}

/** How many conflicts per claim are listed; the rest are counted. */
export const MAX_LISTED_CONFLICTS = 20;

export interface ClaimConflicts {
  /** The nearest conflicting claims, at most MAX_LISTED_CONFLICTS per date slot and side. */
  listed: Conflict[];
  /** Conflicts found but not listed. */
  unlisted: number;
}

/**
 * For each comparable claim of a group, the claims it conflicts with. `comparable` must already hold
 * only claims of one dimension (the caller handles unit mismatches). Claims of different dates are
 * not compared; an undated claim is compared with every date, as a warning.
 */
export function findConflicts(comparable: Claim[], tolerance: number): Map<Claim, ClaimConflicts> {
  const slots = new Map<string, DateSlot>();
  for (const claim of comparable) {
    const q = claim.quantity!;
    const lo = q.lo >= 0 ? q.lo * (1 - tolerance) : q.lo * (1 + tolerance);
    const hi = q.hi >= 0 ? q.hi * (1 + tolerance) : q.hi * (1 - tolerance);
    const date = claim.asOf?.id ?? '';
    let slot = slots.get(date);
    if (!slot) slots.set(date, (slot = { byLo: [], byHi: [] }));
    slot.byLo.push({ claim, lo, hi });
  }
  if (slots.size === 1 && allOverlap(slots.values().next().value!.byLo)) return new Map();
  for (const slot of slots.values()) {
    slot.byLo.sort((a, b) => a.lo - b.lo);
    slot.byHi = [...slot.byLo].sort((a, b) => a.hi - b.hi);
  }

  const result = new Map<Claim, ClaimConflicts>();
  for (const [date, slot] of slots) {
    for (const item of slot.byLo) {
      const found: ClaimConflicts = { listed: [], unlisted: 0 };
      const collect = (other: DateSlot, sameDate: boolean): void => {
        // Others entirely above this interval: a suffix of byLo; entirely below: a prefix of byHi.
        // Walk each from the nearest value outwards and list only the first few.
        const above = firstIndex(other.byLo, (w) => w.lo > item.hi);
        const aboveEnd = Math.min(other.byLo.length, above + MAX_LISTED_CONFLICTS);
        for (let i = above; i < aboveEnd; i++) found.listed.push(toConflict(item.claim, other.byLo[i]!.claim, sameDate));
        found.unlisted += other.byLo.length - aboveEnd;
        const below = firstIndex(other.byHi, (w) => w.hi >= item.lo);
        const belowEnd = Math.max(0, below - MAX_LISTED_CONFLICTS);
        for (let i = below - 1; i >= belowEnd; i--) found.listed.push(toConflict(item.claim, other.byHi[i]!.claim, sameDate));
        found.unlisted += belowEnd;
      };
      collect(slot, true);
      if (date === '') {
        for (const [otherDate, other] of slots) if (otherDate !== '') collect(other, false);
      } else {
        const undated = slots.get('');
        if (undated) collect(undated, false);
      }
      if (found.listed.length > 0) result.set(item.claim, found);
    }
  }
  return result;
}

/**
 * Whether every two of the intervals overlap: then none lies above or below another, and there is
 * no conflict to look for. Most keys are like this; it spares them two sorts and the searches.
 * Intervals on a line overlap pairwise exactly when the highest low end is at most the lowest high end.
 */
function allOverlap(items: Widened[]): boolean {
  let highestLo = -Infinity;
  let lowestHi = Infinity;
  for (const { lo, hi } of items) {
    if (Number.isNaN(lo) || Number.isNaN(hi)) return false;
    if (lo > highestLo) highestLo = lo;
    if (hi < lowestHi) lowestHi = hi;
  }
  return highestLo <= lowestHi;
}

function toConflict(claim: Claim, other: Claim, sameDate: boolean): Conflict {
  const kind: ConflictKind = isScaleSlip(claim.quantity!.value, other.quantity!.value) ? 'scale-slip' : 'contradiction';
  return { other, kind, sameDate };
}

/** The first index whose element satisfies a predicate that is false then true along the array. */
function firstIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (predicate(items[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
}
