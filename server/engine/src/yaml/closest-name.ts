// "Did you mean …?" for misspelt keys, rule ids and settings. Optimal string alignment distance
// (Levenshtein plus adjacent transpositions, so "soruces" is one edit from "sources").

/** The candidate nearest to `word`, when it is close enough to be a likely typo; else undefined. */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const needle = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const target = candidate.toLowerCase();
    // Longer words tolerate more slips; the length gate also keeps a 10 MB key from costing 10 MB × n.
    const allowed = target.length <= 3 ? 1 : target.length <= 6 ? 2 : 3;
    if (Math.abs(target.length - needle.length) > allowed) continue;
    const distance = editDistance(needle, target);
    if (distance <= allowed && distance < bestDistance && distance < target.length) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance between a and b. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      current.push(value);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** ` (did you mean "x"?)`, or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const suggestion = closestName(word, candidates);
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}
