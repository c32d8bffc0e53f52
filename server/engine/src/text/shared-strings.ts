// Short strings that recur across thousands of claims (years, source ids, subjects as written in a
// claim file) are kept once. Each claim would otherwise hold its own copy: at 100k claims about
// 250,000 small strings (docs/benchmarks.md). Capped, so that a long editing session, which sees
// every half-typed id, cannot grow it without bound; past the cap a string is simply not shared.
const MAX_SHARED = 20_000;
const MAX_LENGTH = 64;
const shared = new Map<string, string>();

/** An equal string, the same one every time it is asked for while the table has room. */
export function sharedString(value: string): string {
  if (value.length > MAX_LENGTH) return value;
  const known = shared.get(value);
  if (known !== undefined) return known;
  if (shared.size < MAX_SHARED) shared.set(value, value);
  return value;
}
