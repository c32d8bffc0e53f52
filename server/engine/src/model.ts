// The engine's shared vocabulary of types. Every module of the engine speaks in these; the CLI and
// the language server translate them to their own worlds (JSON/SARIF, LSP).

/** A half-open range [start, end) of UTF-16 code unit offsets into one document's text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';

export const RULE_IDS = [
  'missing-source',
  'unknown-source',
  'contradiction',
  'scale-slip',
  'unit-mismatch',
  'ambiguous-unit',
  'unknown-unit',
  'invalid-claim',
  'duplicate-id',
  'source-mismatch',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** A place in another (or the same) document that a finding points at. */
export interface RelatedLocation {
  file: string;
  span: Span;
  message: string;
}

/** What a rule or a parser reports. `file` is a document id (an absolute path with `/`). */
export interface Finding {
  rule: RuleId;
  file: string;
  span: Span;
  message: string;
  /** Set by the rule only when it differs from the rule's configured severity (e.g. an undated-vs-dated contradiction is a warning). */
  severity?: Severity;
  related: RelatedLocation[];
}

/** A finding with its final severity, after rule settings and suppressions. */
export interface Diagnostic extends Finding {
  severity: Severity;
}

// ---------------------------------------------------------------------------------------------
// Quantities

/**
 * What a quantity measures. Mass is one dimension (canonical unit `t`); each currency is its own
 * dimension (`currency:USD`, canonical unit `USD`) because exchange rates are not ours to guess;
 * `percent` and `percentage-point` are distinct; prices are `price:USD/kg`; counts of a declared
 * noun are `count:<noun>`; a bare scaled number (`1.2 billion`) is `number`.
 */
export type Dimension = string;

export type Qualifier = 'approx' | 'over' | 'at-least' | 'under' | 'at-most' | 'nearly';

/** What the writer wrote, before conversion: used in messages, hovers and unit conversions. */
export interface WrittenQuantity {
  /** The number as read (after the scale word), e.g. 3.8 for "3.8 million tonnes", 1000 for "1000万吨". */
  amount: number;
  /** The upper number of a range ("1–2 Mt" → amount 1, amountHi 2). */
  amountHi?: number;
  /** The scale multiplier applied to amount, e.g. 1e6 for "million", 1e4 for 万. 1 when none. */
  scale: number;
  /** The unit as written ("Mt", "万吨", "tons", "$", "%"), or "" for a bare scaled number. */
  unit: string;
  /** The raw text of the whole figure. */
  text: string;
}

/**
 * A figure as an interval in its dimension's canonical unit. `lo`/`hi` are inclusive bounds and may
 * be -Infinity / Infinity for one-sided qualifiers ("over 90%").
 */
export interface Quantity {
  dimension: Dimension;
  /** Canonical unit symbol of the dimension: "t", "USD", "%", "pp", "USD/kg", "aircraft". */
  canonicalUnit: string;
  /** The stated value in the canonical unit (the midpoint of a range). */
  value: number;
  lo: number;
  hi: number;
  qualifier?: Qualifier;
  /** True for "per year" / "a year" / 年产 / t/a figures. */
  perYear?: boolean;
  /** Set when the unit is ambiguous and `assume` did not fix it: "ton" or "$". */
  ambiguousUnit?: 'ton' | '$';
  written: WrittenQuantity;
}

/** Options that change how quantities are read (from claimlint.yaml). */
export interface QuantityOptions {
  /** Relative widening for "about", "roughly", 约 …; default 0.10. */
  approximation: number;
  /** `assume: { ton: tonne, $: USD }`: fixes the meaning of ambiguous units. */
  assume: Record<string, string>;
  /** `units: { aircraft: count }`: nouns whose counts are figures. */
  countNouns: Record<string, string>;
}

/** A figure found in prose. `span` is relative to the string that was searched. */
export interface FigureMatch {
  span: Span;
  quantity: Quantity;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary and keys

export type KeyPartKind = 'subject' | 'metric' | 'asOf';

/** How a key part got its value. */
export type KeyPartOrigin = 'alias' | 'span-attribute' | 'front-matter' | 'year-in-sentence' | 'yaml-field';

/**
 * One part of a claim's key, and why it has its value (hovers show this). Flat on purpose, with the
 * evidence's place as two numbers rather than a Span: a workspace of 100,000 claims holds 300,000
 * of these (docs/benchmarks.md). Made by `newKeyPart`.
 */
export interface KeyPart {
  /** Subject or metric id (lower case), or the as_of string ("2024", "2024-05"). */
  id: string;
  how: KeyPartOrigin;
  /** The text that decided it (the alias as written, the year, the attribute). */
  evidence: string;
  /** Where that text starts in the claim's document (a UTF-16 offset). */
  evidenceStart: number;
  /** Where it ends (exclusive). */
  evidenceEnd: number;
}

// ---------------------------------------------------------------------------------------------
// Sources and citations

export type CitationKind = 'pandoc' | 'footnote' | 'link' | 'numbered' | 'yaml' | 'table-source';

export interface Citation {
  kind: CitationKind;
  /** A source id when the citation names one (Pandoc key, YAML id, a key inside a footnote). */
  id?: string;
  url?: string;
  locator?: string;
  /** Where the citation is written, in the claim's document (for footnotes: the reference `[^3]`). */
  span: Span;
  /** Where the id itself is written (for go-to-definition and unknown-source). */
  idSpan?: Span;
}

export interface SourceEntry {
  id: string;
  title?: string;
  publisher?: string;
  url?: string;
  published?: string;
  /** The archive path as written in the registry. */
  archive?: string;
  /** The archive path resolved against the registry's folder (a document id), when given. */
  archivePath?: string;
  /** The registry file that defines this source, and where. */
  file: string;
  span: Span;
  idSpan: Span;
  format: 'yaml' | 'bibtex' | 'csl-json';
}

// ---------------------------------------------------------------------------------------------
// Claims

export interface Claim {
  file: string;
  origin: 'markdown' | 'yaml';
  /** The figure (Markdown) or the `value:` scalar (YAML). */
  span: Span;
  /** YAML claim id, when given. */
  id?: string;
  idSpan?: Span;
  /** Undefined when the value could not be read (reported as unknown-unit or invalid-claim). */
  quantity?: Quantity;
  subject?: KeyPart;
  metric?: KeyPart;
  asOf?: KeyPart;
  citations: Citation[];
  /** Figures in headings take part in comparisons but need no source. */
  inHeading: boolean;
  /** The sentence (Markdown) or `text:` (YAML) the claim stands in, for hovers. */
  context?: string;
  /** 0-based line of span.start, for suppression comments. */
  line: number;
}

/** A suppression from a claimlint-disable comment, by 0-based line range (inclusive). */
export interface Suppression {
  /** Rule ids; empty means every rule. */
  rules: string[];
  fromLine: number;
  toLine: number;
}
