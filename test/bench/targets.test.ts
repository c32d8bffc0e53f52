// How the benchmark judges its ratio targets: by the median of each run's own ratio (the two
// samples of a run were taken seconds apart), not by the ratio of two medians that may come from
// runs in different phases of the machine; and never by pairing runs across a failed one.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark is plain JavaScript, without types
import { summarizeRunRatios, summarizeRuns } from '../../bench/stats.mjs';
// @ts-expect-error: the benchmark is plain JavaScript, without types
import { evaluateTargets } from '../../bench/targets.mjs';

interface Target {
  id: string;
  met: boolean | null;
  value: number | null;
  detail?: string;
  missing?: string;
}

/** A 100k-claim result with the given per-run wall times; only what the ratio targets read. */
function resultWith(runs: number, floor: number[], cli: number[], reports: number[], markdownlint: number[]) {
  return {
    sizes: [
      {
        claims: 100_000,
        runs,
        floor: { tokenise: { wallMs: summarizeRuns(floor) } },
        cli: { wallMs: summarizeRuns(cli), markdownWallMs: summarizeRuns(reports) },
        markdownlint: { wallMs: summarizeRuns(markdownlint) },
      },
    ],
  };
}

function targetOf(result: unknown, id: string): Target {
  return (evaluateTargets(result) as Target[]).find((target) => target.id === id)!;
}

describe('ratio targets', () => {
  it('take the median of the runs’ own ratios, and show the ratio of the medians beside it', () => {
    // The machine slowed by half in the last run: each run's ratio is 2.8–2.9, while the medians
    // (floor 1.1 s, CLI 3.4 s, from different runs) would make 3.09.
    const result = resultWith(3, [962, 1096, 1643], [2745, 3393, 4211], [1545, 2169, 3014], [5674, 10861, 8611]);
    const cli = targetOf(result, 'cli-vs-floor');
    expect(cli.value).toBeCloseTo(2745 / 962, 6);
    expect(cli.met).toBe(true);
    expect(cli.detail).toMatch(/ratios of the 3 runs 2\.85, 3\.10, 2\.56; ratio of the medians 3\.10×/);
    const markdownlint = targetOf(result, 'cli-vs-markdownlint');
    expect(markdownlint.value).toBeCloseTo(5674 / 1545, 6);
    expect(markdownlint.met).toBe(false);
  });

  it('fall back to the ratio of the medians when a failed run leaves runs that cannot be paired', () => {
    // Run 2 of the CLI failed: its two values belong to runs 1 and 3, the floor's three to 1–3.
    const result = resultWith(3, [1000, 2000, 1500], [2500, 3300], [1000, 1000, 1000], [6000, 6000, 6000]);
    const cli = targetOf(result, 'cli-vs-floor');
    expect(cli.value).toBeCloseTo(2900 / 1500, 6);
    expect(cli.detail).toMatch(/cannot be paired/);
  });

  it('pair runs only when both measurements have every run', () => {
    const three = summarizeRuns([1, 2, 3]);
    expect(summarizeRunRatios(summarizeRuns([2, 6, 9]), three, 3)).toEqual({ median: 3, min: 2, max: 3, runs: [2, 3, 3] });
    expect(summarizeRunRatios(summarizeRuns([2, 6]), three, 3)).toBeUndefined();
    expect(summarizeRunRatios(undefined, three, 3)).toBeUndefined();
  });
});
