// "Did you mean" for misspelt subject and metric names: optimal-string-alignment edit distance
// (insertions, deletions, substitutions and swaps of neighbours, the usual typos) over matching keys
// (case-folded, hyphens and spaces alike), by code point so a Chinese character counts once.

import { matchingKey } from './text-folding';

const MAX_SUGGESTIONS = 5;

/** How many edits a query of this many characters may be from a suggestion. */
function allowedDistance(length: number): number {
  if (length <= 3) return 1;
  if (length <= 6) return 2;
  return 3;
}

/**
 * Edit distance between two code point arrays, or `limit + 1` once it must exceed `limit`
 * (checked by row, so long hopeless pairs stop early).
 */
export function boundedEditDistance(a: readonly number[], b: readonly number[], limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, limit + 1);
}

interface SuggestionCandidate {
  /** The id or alias as written, which is what a suggestion shows. */
  text: string;
  codePoints: number[];
}

function codePointsOf(text: string): number[] {
  return Array.from(text, (ch) => ch.codePointAt(0)!);
}

/** The ids and aliases of one kind, prepared once for repeated "did you mean" queries. */
export class SuggestionIndex {
  private readonly candidates: SuggestionCandidate[] = [];
  private readonly longest: number = 0;

  constructor(texts: Iterable<string>) {
    const seen = new Set<string>();
    let longest = 0;
    for (const text of texts) {
      const key = matchingKey(text);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      const codePoints = codePointsOf(key);
      longest = Math.max(longest, codePoints.length);
      this.candidates.push({ text, codePoints });
    }
    this.longest = longest;
  }

  /** The closest ids and aliases, nearest first, at most five; none when nothing is close. */
  suggest(query: string): string[] {
    // A query far longer than every candidate cannot be close to one: skip the work on hostile input.
    if (query.length > 4 * (this.longest + 3)) return [];
    const target = codePointsOf(matchingKey(query));
    if (target.length === 0) return [];
    const limit = allowedDistance(target.length);
    const scored: { text: string; distance: number }[] = [];
    for (const c of this.candidates) {
      // A short candidate is only as far from the query as its own length allows: "usa" is two
      // edits from "rusia", but no one misspells USA that way.
      const candidateLimit = Math.min(limit, allowedDistance(c.codePoints.length));
      const distance = boundedEditDistance(target, c.codePoints, candidateLimit);
      if (distance <= candidateLimit) scored.push({ text: c.text, distance });
    }
    scored.sort((x, y) => x.distance - y.distance);
    return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.text);
  }
}
