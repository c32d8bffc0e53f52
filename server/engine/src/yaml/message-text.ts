// How user values appear inside one-line messages: quoted, on one line, and short (a 10 MB value
// must not become a 10 MB message).

const MAX_QUOTED = 60;

/** `"value"`, shortened with an ellipsis and with line breaks escaped. */
export function quoted(value: string): string {
  const short = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED - 1)}…` : value;
  return JSON.stringify(short);
}

/** What a parsed YAML/JSON value is, for "(got …)": `"2024-13"`, `3`, `a list`, `a mapping`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** "a claim", "an id": the indefinite article for a noun. */
export function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
