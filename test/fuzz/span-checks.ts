// What every span the engine hands out must satisfy: inside its document's text, start <= end, whole
// numbers, and never between the two halves of a surrogate pair (an editor cannot show such a
// position, and slicing there makes lone surrogates).
import type { Span } from '../../server/engine/src';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Whether an offset falls between a high and a low surrogate. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/** A sentence saying what is wrong with a span, or undefined when nothing is. `text` undefined: a file the workspace cannot show. */
export function spanProblem(text: string | undefined, span: Span | undefined, what: string): string | undefined {
  if (!span || typeof span !== 'object') return `${what}: no span`;
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return `${what}: span ${JSON.stringify(span)} is not whole numbers`;
  if (start < 0 || start > end) return `${what}: span ${start}-${end} is reversed or negative`;
  const length = text?.length ?? 0;
  if (end > length) return `${what}: span ${start}-${end} ends past the text (${text === undefined ? 'a file the workspace does not hold' : `length ${length}`})`;
  if (text !== undefined && splitsSurrogatePair(text, start)) return `${what}: span ${start}-${end} starts inside a surrogate pair`;
  if (text !== undefined && splitsSurrogatePair(text, end)) return `${what}: span ${start}-${end} ends inside a surrogate pair`;
  return undefined;
}
