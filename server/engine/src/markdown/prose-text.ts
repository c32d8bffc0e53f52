// Prose as text: the original with everything that is not prose made spaces, same length and
// offsets, line breaks kept. Built by joining slices and runs of spaces, or through a buffer when
// the runs are many and short (a line of backslashes alternates prose and syntax at every character).
// Both give a flat string: one built by `+=` is a tree of pieces, and every later read of a
// character through it (the sentence splitter, the figure and alias scans) was slower.
import { spaces } from '../text/whitespace';

/**
 * Runs shorter than this on average go through a buffer. Joining is the faster way for a report's
 * runs, which average 36 characters (decoding the buffer by `String.fromCharCode.apply` costs more),
 * but it makes a string per run, which a line of backslashes must not.
 */
const SHORT_RUNS = 8;

/** UTF-16 code units to a string, in chunks that `apply` can take. */
function decodeCodeUnits(codes: Uint16Array): string {
  const parts: string[] = [];
  for (let k = 0; k < codes.length; k += 8192) {
    parts.push(String.fromCharCode.apply(null, codes.subarray(k, k + 8192) as unknown as number[]));
  }
  return parts.join('');
}

/**
 * The text with every character outside the kept ranges made a space (line breaks kept). `keep` is
 * flat pairs of offsets, [start, end, start, end, …].
 */
export function blankOutside(text: string, keep: number[]): string {
  for (let k = 2; k < keep.length; k += 2) {
    if (keep[k]! < keep[k - 2]!) {
      keep = sortPairs(keep);
      break;
    }
  }
  if (keep.length / 2 > text.length / SHORT_RUNS) {
    const codes = new Uint16Array(text.length);
    for (let k = 0; k < text.length; k++) {
      const code = text.charCodeAt(k);
      codes[k] = code === 10 || code === 13 ? code : 32;
    }
    for (let k = 0; k + 1 < keep.length; k += 2) {
      for (let i = keep[k]!; i < keep[k + 1]!; i++) codes[i] = text.charCodeAt(i);
    }
    return decodeCodeUnits(codes);
  }
  const parts: string[] = [];
  let cursor = 0;
  const blankGap = (end: number): void => {
    let runStart = cursor;
    for (let k = cursor; k < end; k++) {
      const code = text.charCodeAt(k);
      if (code !== 10 && code !== 13) continue;
      if (k > runStart) parts.push(spaces(k - runStart));
      parts.push(code === 10 ? '\n' : '\r');
      runStart = k + 1;
    }
    if (end > runStart) parts.push(spaces(end - runStart));
  };
  for (let k = 0; k + 1 < keep.length; k += 2) {
    const start = Math.max(keep[k]!, cursor);
    const end = keep[k + 1]!;
    if (end <= start) continue;
    blankGap(start);
    parts.push(text.slice(start, end));
    cursor = end;
  }
  blankGap(text.length);
  return parts.join('');
}

function sortPairs(pairs: number[]): number[] {
  const order = Array.from({ length: pairs.length / 2 }, (_, k) => k).sort((a, b) => pairs[2 * a]! - pairs[2 * b]!);
  return order.flatMap((k) => [pairs[2 * k]!, pairs[2 * k + 1]!]);
}

const MAX_SCRATCH_CODES = 65536;
let scratchCodes = new Uint16Array(1024);

/**
 * The segment's text with non-prose characters made spaces (its \n joins kept). `mask` covers at
 * least the text's length (the scanner's reused array may be longer).
 */
export function proseOf(value: string, mask: Uint8Array): string {
  let runs = 0;
  for (let k = 1; k < value.length; k++) if (mask[k] !== mask[k - 1]) runs++;
  // All prose (a heading, most sentences' lines): the text itself.
  if (runs === 0 && (value.length === 0 || mask[0] === 0)) return value;
  if (runs > value.length / SHORT_RUNS) {
    // A short table cell with a citation has many runs for its length: a typed array per cell
    // was an off-heap allocation each, so the buffer is kept from one call to the next.
    // (A huge segment gets its own array, so that its size is not kept.)
    if (value.length <= MAX_SCRATCH_CODES && scratchCodes.length < value.length) scratchCodes = new Uint16Array(MAX_SCRATCH_CODES);
    const codes = value.length <= MAX_SCRATCH_CODES ? scratchCodes.subarray(0, value.length) : new Uint16Array(value.length);
    for (let k = 0; k < value.length; k++) codes[k] = mask[k] ? 32 : value.charCodeAt(k);
    return decodeCodeUnits(codes);
  }
  const parts: string[] = [];
  let start = 0;
  while (start < value.length) {
    let end = start;
    while (end < value.length && mask[end] === 0) end++;
    if (end > start) parts.push(value.slice(start, end));
    let blankEnd = end;
    while (blankEnd < value.length && mask[blankEnd] === 1) blankEnd++;
    if (blankEnd > end) parts.push(spaces(blankEnd - end));
    start = blankEnd;
  }
  return parts.join('');
}
