// Short strings that recur across thousands of claims (years, source ids) are kept once. Each claim would otherwise hold its own copy: at 100k claims about
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

/** "1900" … "2099", made once: years are the commonest short strings a claim keeps. */
const YEARS: string[] = Array.from({ length: 200 }, (_, index) => String(1900 + index));

/**
 * The shared string of a year 1900–2099 written as four ASCII digits, else the value itself. A
 * table lookup, no hashing: it runs for every year in every sentence that holds a figure.
 */
export function sharedYear(value: string): string {
  if (value.length !== 4) return value;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return value;
    year = year * 10 + digit;
  }
  return year >= 1900 && year <= 2099 ? YEARS[year - 1900]! : value;
}
