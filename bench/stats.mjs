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

/** Latency samples: count, p50, p95, max. */
export function summarizeLatencies(samples) {
  if (samples.length === 0) return { count: 0 };
  let max = -Infinity;
  for (const sample of samples) if (sample > max) max = sample;
  return { count: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max };
}
