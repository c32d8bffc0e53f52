// "Did you mean" suggestions: the candidates nearest by edit distance, close enough to be a typo.

export function closestMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const target = word.toLowerCase();
  const maxDistance = Math.max(1, Math.floor(target.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.toLowerCase(), maxDistance);
    if (distance <= maxDistance) scored.push({ candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}

/**
 * The two rows of every distance, reused from one call to the next (calls never nest): a pair of
 * typed arrays per candidate was most of what a suggestion allocated.
 */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance over UTF-16 code units, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowA.length < b.length + 1) {
    rowA = new Int32Array(2 * (b.length + 1));
    rowB = new Int32Array(2 * (b.length + 1));
  }
  // Two rows of numbers swapped in turn: no array or one-character string is made per cell. Each
  // cell of [0, b.length] is written before it is read, so what a previous call left does not count.
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const unit = a.charCodeAt(i - 1);
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = unit === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const done = previous;
    previous = current;
    current = done;
  }
  return previous[b.length]!;
}
