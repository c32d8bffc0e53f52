// Request params as they arrive off the wire, checked before the engine sees them. A client that
// sends no position, or a uri that is a number, gets InvalidParams naming what was expected (not
// an InternalError with a stack trace in its log); positions outside a document are clamped by
// the engine, so any integer line and character are accepted.
import { ErrorCodes, ResponseError, type Position, type Range } from 'vscode-languageserver/node';

export interface DocumentParams {
  textDocument: { uri: string };
}

export interface PositionParams extends DocumentParams {
  position: Position;
}

export interface RangeParams extends DocumentParams {
  range: Range;
}

const DOCUMENT_SHAPE = '{textDocument: {uri: string}';
const POSITION_SHAPE = 'position: {line: integer, character: integer}';
const RANGE_SHAPE = 'range: {start: position, end: position}';

export function readDocumentParams(method: string, params: unknown): DocumentParams {
  const uri = documentUri(params);
  if (uri === undefined) throw invalidParams(method, `${DOCUMENT_SHAPE}}`);
  return { textDocument: { uri } };
}

export function readPositionParams(method: string, params: unknown): PositionParams {
  const uri = documentUri(params);
  const position = readPosition(field(params, 'position'));
  if (uri === undefined || position === undefined) throw invalidParams(method, `${DOCUMENT_SHAPE}, ${POSITION_SHAPE}}`);
  return { textDocument: { uri }, position };
}

/** The range of a request, start before end whichever order the client sent them in. */
export function readRangeParams(method: string, params: unknown): RangeParams {
  const uri = documentUri(params);
  const range = field(params, 'range');
  const start = readPosition(field(range, 'start'));
  const end = readPosition(field(range, 'end'));
  if (uri === undefined || start === undefined || end === undefined) throw invalidParams(method, `${DOCUMENT_SHAPE}, ${RANGE_SHAPE}}`);
  const reversed = end.line < start.line || (end.line === start.line && end.character < start.character);
  return { textDocument: { uri }, range: reversed ? { start: end, end: start } : { start, end } };
}

function documentUri(params: unknown): string | undefined {
  const uri = field(field(params, 'textDocument'), 'uri');
  return typeof uri === 'string' ? uri : undefined;
}

/** A position with integer coordinates; negative ones become 0 (the engine clamps the rest). */
function readPosition(value: unknown): Position | undefined {
  const line = field(value, 'line');
  const character = field(value, 'character');
  if (!Number.isInteger(line) || !Number.isInteger(character)) return undefined;
  return { line: Math.max(0, line as number), character: Math.max(0, character as number) };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

function invalidParams(method: string, shape: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `claimlint: ${method} expects ${shape}`);
}
