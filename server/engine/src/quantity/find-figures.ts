// Finding every figure in prose: jump from one possible number start to the next and let the
// figure parser decide. Each position is looked at a bounded number of times, so the scan is
// linear in the text's length.

import type { FigureMatch, QuantityOptions } from '../model';
import { type ParsedFigure, type ReadMode, makeContext, parseFigureAt } from './figure-parser';
import { normalizeWidth } from './text-scan';

const CJK_NUMBER_STARTS = '一二两三四五六七八九十';
/** 1 for the code units a number may start with: ASCII digits and the first characters of Chinese numerals. */
const MAY_START_NUMBER = new Uint8Array(0x10000);
for (let code = 48; code <= 57; code++) MAY_START_NUMBER[code] = 1;
for (const c of CJK_NUMBER_STARTS) MAY_START_NUMBER[c.charCodeAt(0)] = 1;

/** Every character a figure can start with, before width folding (so full-width digits too). */
const MAY_START_FIGURE = new RegExp(`[0-9\\uFF10-\\uFF19${CJK_NUMBER_STARTS}]`, 'g');

/**
 * Where the first character at or after `from` that can start a figure is, or -1: text without
 * one holds no figure. One search finds it across a long text, however many sentences it spans.
 */
export function nextFigureStart(text: string, from: number): number {
  MAY_START_FIGURE.lastIndex = from;
  return MAY_START_FIGURE.exec(text)?.index ?? -1;
}

/** All figures of `text`, or only the first one when `firstOnly`. */
export function scanFigures(text: string, options: QuantityOptions, mode: ReadMode, firstOnly = false): ParsedFigure[] {
  const s = normalizeWidth(text);
  const ctx = makeContext(text, s, options, mode);
  const found: ParsedFigure[] = [];
  let minStart = 0;
  let i = 0;
  while (i < s.length) {
    if (MAY_START_NUMBER[s.charCodeAt(i)] === 0) {
      i++;
      continue;
    }
    const outcome = parseFigureAt(ctx, i, minStart);
    if (outcome.figure) {
      found.push(outcome.figure);
      if (firstOnly) break;
      minStart = outcome.figure.end;
      i = Math.max(outcome.figure.end, i + 1);
    } else {
      i = Math.max(outcome.skipTo, i + 1);
    }
  }
  return found;
}

/**
 * Every figure in a prose string: a number with a unit, a scale word, a currency or a percent.
 * Spans are offsets into `text` and include qualifiers (`about`, 约, 以上) and rate markers.
 */
export function findFigures(text: string, options: QuantityOptions): FigureMatch[] {
  return scanFigures(text, options, 'prose').map((f) => ({ span: { start: f.start, end: f.end }, quantity: f.quantity }));
}
