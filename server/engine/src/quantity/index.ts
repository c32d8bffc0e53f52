// The quantity reader (SPEC §2): figures in prose and values in YAML, as intervals in canonical
// units. Implementation lives in the sibling files; this is the surface other modules use.
//
// Decisions the spec left open:
// - Dimensions: `mass` (t), `currency:<ISO>` (USD EUR CNY AUD GBP JPY CAD), `percent` (%),
//   `percentage-point` (pp; bp = 0.01 pp), `price:<ISO>/kg`, `count:<noun>`, `number` (""). Purity
//   is `percent`: 99.999% and 5N (= 99.999%, 4N5 = 99.995%) read the same.
// - Written precision: half a unit of the last written digit; a Chinese numeral like its Arabic
//   form (十四万 ±0.5万, 九十 ±0.5). A range's ends are the writer's bounds: `1–2 Mt` is [1, 2] Mt.
// - `m` and `k` are scales only glued to the number (`5m people`, `$5m`); `M`, `B`, `K` only after
//   a currency sign (`$5M`; `3M` is a company); `100 m` is no figure (metres are not read).
// - Commas group thousands only in threes (`240,000`); `3,4 and 5 Mt` is a list whose last item
//   alone carries the unit. No-break and thin spaces group too; a plain space never does; the
//   full-width comma `，` is Chinese punctuation, never a separator.
// - `MT`/`mt` is the metric tonne of trade statistics, `Mt` the megatonne; `pound(s)` is mass,
//   sterling is `£`/`GBP`; `¥` is read as CNY; a `$` after NZ/HK-style letters is not a sign.
// - `from 48 to 24` is two numbers (a change), not a range; `2023-2025` is a period.
// - A rate marker before the number (年产, 每年) is inside the span, as qualifiers are; 年产 right
//   after a year's digits (2023年产量) is "2023 output", not a rate.
// - Not read: multiples (6倍, 3-fold), 成 (tenths), 百分之百, mixed forms like 1亿3000万, decimal
//   commas (3,8), durations (10 years), and units outside the table.
export { DEFAULT_QUANTITY_OPTIONS, readQuantity, quantityFromAmount, unitInfo, ratio } from './read-quantity';
export { findFigures, nextFigureStart } from './find-figures';
export { formatValue, formatInterval, formatQuantity, formatNumber, convertWritten } from './format-quantity';
export { KNOWN_UNITS } from './units';
