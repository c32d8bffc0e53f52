// The quantity reader (SPEC §2): figures in prose and values in YAML, as intervals in canonical
// units. Implementation lives in the sibling files; this is the surface other modules use.
export { DEFAULT_QUANTITY_OPTIONS, readQuantity, quantityFromAmount, unitInfo, ratio } from './read-quantity';
export { findFigures } from './find-figures';
export { formatValue, formatInterval, formatQuantity, formatNumber, convertWritten } from './format-quantity';
export { KNOWN_UNITS } from './units';
