// Summaries of timing samples: medians with min/max for repeated runs, percentiles for latencies.

/** The p-th percentile (0–100) by the nearest-rank method: always one of the samples. */
export function percentile(samples, p) {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The median (the mean of the middle two for an even count). */
export function median(samples) {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Repeated runs of one measurement: median, min, max and the values themselves. */
export function summarizeRuns(values) {
  const numbers = values.filter((value) => typeof value === 'number' && Number.isFinite(value));
  if (numbers.length === 0) return undefined;
  return { median: median(numbers), min: Math.min(...numbers), max: Math.max(...numbers), runs: numbers };
}

/**
 * The ratio of two measurements run by run, summarised like runs: run k of each step was taken
 * seconds apart in the same interleaved run, so the machine's drift between runs (its speed moved
 * by up to 75% within one session) falls on both sides of each ratio, where a ratio of two medians
 * may pair a fast run of one with a slow run of the other. Undefined unless both have all `runs`
 * values (a failed run leaves a gap, and the rest could not be paired).
 */
export function summarizeRunRatios(numerator, denominator, runs) {
  if (!numerator || !denominator || numerator.runs.length !== runs || denominator.runs.length !== runs) return undefined;
  return summarizeRuns(numerator.runs.map((value, index) => value / denominator.runs[index]));
}

/** Latency samples: count, p50, p95, max. */
export function summarizeLatencies(samples) {
  if (samples.length === 0) return { count: 0 };
  let max = -Infinity;
  for (const sample of samples) if (sample > max) max = sample;
  return { count: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max };
}
