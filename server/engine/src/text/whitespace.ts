// Whitespace as JavaScript's `\s` and `trim()` define it, without a regular expression per call.

/** Whether the code unit is whitespace in the sense of `\s` (and of `String.prototype.trim`). */
export function isSpaceCode(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * `text.replace(/\s+/g, ' ').trim()`, the same string. A claim's context is made this way for every
 * sentence with a figure, where the regular expression matched at every space and cost 2% of the
 * 100k benchmark; most sentences need at most a few pieces joined, or none.
 */
export function collapseWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  let parts: string[] | undefined;
  let pieceStart = start;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    // ASCII letters, digits and punctuation, and everything above U+3000 but U+FEFF (CJK text
    // among it), are never whitespace: decided without the full test.
    if ((code > 32 && code < 0xa0) || (code > 0x3000 && code !== 0xfeff) || !isSpaceCode(code)) continue;
    let runEnd = i + 1;
    while (runEnd < end && isSpaceCode(text.charCodeAt(runEnd))) runEnd++;
    if (code !== 32 || runEnd > i + 1) {
      (parts ??= []).push(text.slice(pieceStart, i), ' ');
      pieceStart = runEnd;
    }
    i = runEnd - 1;
  }
  if (parts === undefined) return start === 0 && end === text.length ? text : text.slice(start, end);
  parts.push(text.slice(pieceStart, end));
  return parts.join('');
}

/** Runs of spaces up to this length are made once and shared. */
const SHARED_SPACE_RUNS = 128;
const spaceRuns: string[] = [];

/**
 * `' '.repeat(length)`. Prose blanks its syntax by runs of spaces, a few per line of a report:
 * a new string each was 20 MB of the 100k benchmark's allocations, for a handful of lengths.
 */
export function spaces(length: number): string {
  if (length >= SHARED_SPACE_RUNS) return ' '.repeat(length);
  return (spaceRuns[length] ??= ' '.repeat(length));
}
