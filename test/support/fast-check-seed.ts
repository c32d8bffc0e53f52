// A property test that fails in CI prints its seed; `FC_SEED=<seed> npx vitest run <file> -t <name>`
// replays the same inputs here. Without FC_SEED each run draws a new seed, as fast-check does.
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '') {
  if (!/^-?\d+$/.test(seed)) throw new Error(`FC_SEED must be an integer, as fast-check prints it; got ${JSON.stringify(seed)}`);
  fc.configureGlobal({ seed: Number(seed) });
}
