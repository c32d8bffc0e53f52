// Contract of the quantity reader (SPEC §2). Implementation lives in sibling files.
import type { FigureMatch, Quantity, QuantityOptions } from '../model';

export const DEFAULT_QUANTITY_OPTIONS: QuantityOptions = { approximation: 0.1, assume: {}, countNouns: {} };

/** Reads one whole value as written in a YAML claim ("3.8 Mt", "380万吨", "about 44 million t"). */
export function readQuantity(_text: string, _options: QuantityOptions): Quantity | { error: string } {
  throw new Error('not implemented');
}

/** Finds every figure in a prose string; spans are offsets into `text`. */
export function findFigures(_text: string, _options: QuantityOptions): FigureMatch[] {
  throw new Error('not implemented');
}
