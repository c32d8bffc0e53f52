// `*.claims.yaml`: figures written as data. Reads each claim with the exact place of every field,
// and reports what breaks the schema (claims.schema.json) on the node that breaks it.
import { isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { Finding, Span, Suppression } from '../model';
import { LineIndex } from '../text/line-index';
import { describeValue } from './message-text';
import { isPartialDate, partialDateMessage } from './partial-date';
import { schemaProblems, type MessageHints } from './schema-findings';
import { validateClaimsFile } from './schema-validators';
import { yamlSuppressions } from './suppressions';
import { finding, nodeSpan, oneLine, pairOf, parseYaml, resolved, scalarText } from './yaml-document';

export interface Located<T> {
  value: T;
  span: Span;
}

export interface RawClaimSource {
  id: string;
  span: Span;
  idSpan: Span;
  locator?: string;
  quote?: string;
}

export interface RawClaim {
  /** The whole list item. */
  span: Span;
  /** 0-based line of span.start. */
  line: number;
  id?: Located<string>;
  subject?: Located<string>;
  metric?: Located<string>;
  /** A scalar is given as its text, numbers too ("3.8" for `value: 3.8`, "3.80" for `value: 3.80`). */
  value?: Located<string | { amount: number; unit: string }>;
  /** "2024", "2024-05", "2024-05-17" (a YAML number 2024 → "2024"). */
  asOf?: Located<string>;
  sources: RawClaimSource[];
  /** The `sources:` value (for missing-source placement and completion). */
  sourcesSpan?: Span;
  text?: Located<string>;
}

export interface ParsedClaimsFile {
  claims: RawClaim[];
  findings: Finding[];
  suppressions: Suppression[];
}

const DATE_FIELDS = new Set(['as_of']);

const hints: MessageHints = {
  label(path) {
    const [, , field, index] = path;
    if (path[0] !== 'claims' || index === undefined) return undefined;
    const last = path[path.length - 1]!;
    if (field === 'sources') return /^\d+$/.test(last) ? 'source' : `source ${last}`;
    if (field === 'value') return `value ${last}`;
    return undefined;
  },
  expectation(path) {
    if (path.length === 1 && path[0] === 'claims') return 'a list of claims';
    if (path.length === 0) return 'a mapping with a "claims:" list';
    const field = path[2];
    if (path.length === 3 && field === 'value') return 'a quantity such as "3.8 Mt", or {amount: 3.8, unit: Mt}';
    if (path.length === 3 && field === 'sources') return 'a source id, {id, locator, quote}, or a list of them';
    if (path.length === 4 && field === 'sources' && /^\d+$/.test(path[3]!)) return 'an id or {id, locator, quote}';
    return undefined;
  },
  message(path, data) {
    const field = path[2];
    if (path.length === 3 && field !== undefined && DATE_FIELDS.has(field)) {
      return partialDateMessage(field, describeValue(data));
    }
    return undefined;
  },
};

/**
 * Reads a claims file. Never throws. A claim is returned when its list item is a mapping with a
 * readable `value:` (even if other fields are wrong or unknown: those are findings); a claim with
 * no usable value is only a finding, since there is nothing to compare or cite.
 */
export function parseClaimsFile(text: string, file: string): ParsedClaimsFile {
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  let claims: RawClaim[] = [];
  let suppressions: Suppression[] = [];
  try {
    suppressions = yamlSuppressions(text, lines);
    const parsed = parseYaml(text, file, 'YAML');
    findings.push(...parsed.findings);
    const problems = schemaProblems(validateClaimsFile, parsed, file, hints);
    const reported = problems.filter((problem) => problem.reported);
    findings.push(...reported.map((problem) => problem.finding));
    const flagged = new Set(problems.map((problem) => problem.finding.span.start));
    claims = readClaims(parsed.doc, lines, file, findings, flagged);
  } catch (error) {
    // The parser and validator are meant never to throw; if one does, say so rather than crash.
    findings.push(finding(file, { start: 0, end: Math.min(1, text.length) }, `claims file could not be read: ${oneLine(error)}`));
  }
  return { claims, findings: findings.sort((a, b) => a.span.start - b.span.start), suppressions };
}

function readClaims(
  doc: Document.Parsed,
  lines: LineIndex,
  file: string,
  findings: Finding[],
  flaggedStarts: ReadonlySet<number>,
): RawClaim[] {
  const root = resolved(doc, doc.contents);
  if (!isMap(root)) return [];
  const list = resolved(doc, pairOf(root, 'claims')?.value);
  if (!isSeq(list)) return [];
  const claims: RawClaim[] = [];
  for (const item of list.items) {
    const map = resolved(doc, item);
    if (!isMap(map) || !isNode(item)) continue;
    const claim = readClaim(doc, map, nodeSpan(item), lines);
    if (claim.asOf && !isPartialDate(claim.asOf.value)) {
      // Well-formed but not a real day (2023-02-29): the schema's pattern cannot see that.
      if (!flaggedStarts.has(claim.asOf.span.start)) {
        findings.push(finding(file, claim.asOf.span, partialDateMessage('as_of', JSON.stringify(claim.asOf.value))));
      }
      delete claim.asOf;
    }
    if (claim.value) claims.push(claim);
  }
  return claims;
}

function readClaim(doc: Document.Parsed, map: YAMLMap, span: Span, lines: LineIndex): RawClaim {
  const claim: RawClaim = { span, line: lines.positionAt(span.start).line, sources: [] };
  const id = locatedText(doc, map, 'id');
  if (id) claim.id = id;
  const subject = locatedText(doc, map, 'subject');
  if (subject) claim.subject = subject;
  const metric = locatedText(doc, map, 'metric');
  if (metric) claim.metric = metric;
  const text = locatedText(doc, map, 'text');
  if (text) claim.text = text;
  const asOf = locatedText(doc, map, 'as_of');
  if (asOf) claim.asOf = asOf;
  const value = readValue(doc, map);
  if (value) claim.value = value;
  const sourcesPair = pairOf(map, 'sources');
  if (sourcesPair) {
    const node = isNode(sourcesPair.value) ? sourcesPair.value : undefined;
    const keyEnd = isNode(sourcesPair.key) ? (sourcesPair.key.range?.[1] ?? span.start) : span.start;
    // `sources:` with nothing after it: point just after the colon, where completion would insert.
    claim.sourcesSpan = node && !isEmpty(node) ? nodeSpan(node) : { start: keyEnd + 1, end: keyEnd + 1 };
    const sources = resolved(doc, node);
    const entries = isSeq(sources) ? sources.items : sources === undefined || isEmpty(sources) ? [] : [node];
    for (const entry of entries) {
      const source = readSource(doc, entry);
      if (source) claim.sources.push(source);
    }
  }
  return claim;
}

function readValue(doc: Document.Parsed, map: YAMLMap): RawClaim['value'] {
  const pair = pairOf(map, 'value');
  if (!pair || !isNode(pair.value)) return undefined;
  const node = resolved(doc, pair.value);
  const span = nodeSpan(pair.value);
  if (isScalar(node)) {
    const text = scalarText(node);
    if (text === undefined || typeof node.value === 'boolean' || text.trim() === '') return undefined;
    return { value: text, span };
  }
  if (isMap(node)) {
    const amount = resolved(doc, pairOf(node, 'amount')?.value);
    const unit = resolved(doc, pairOf(node, 'unit')?.value);
    if (!isScalar(amount) || typeof amount.value !== 'number' || !Number.isFinite(amount.value)) return undefined;
    if (!isScalar(unit) || typeof unit.value !== 'string' || unit.value.trim() === '') return undefined;
    return { value: { amount: amount.value, unit: unit.value }, span };
  }
  return undefined;
}

function readSource(doc: Document.Parsed, entry: unknown): RawClaimSource | undefined {
  if (!isNode(entry)) return undefined;
  const node = resolved(doc, entry);
  const span = nodeSpan(entry);
  if (isScalar(node)) {
    const id = typeof node.value === 'string' ? node.value.trim() : undefined;
    return id ? { id, span, idSpan: span } : undefined;
  }
  if (!isMap(node)) return undefined;
  const id = locatedText(doc, node, 'id');
  if (!id || typeof resolvedScalarValue(doc, node, 'id') !== 'string' || id.value.trim() === '') return undefined;
  const source: RawClaimSource = { id: id.value.trim(), span, idSpan: id.span };
  const locator = locatedText(doc, node, 'locator');
  if (locator) source.locator = locator.value;
  const quote = locatedText(doc, node, 'quote');
  if (quote) source.quote = quote.value;
  return source;
}

/** A scalar field as text with its span; strings and numbers only (not `true`, not a mapping). */
function locatedText(doc: Document.Parsed, map: YAMLMap, key: string): Located<string> | undefined {
  const pair = pairOf(map, key);
  if (!pair || !isNode(pair.value)) return undefined;
  const node = resolved(doc, pair.value);
  if (!isScalar(node) || typeof node.value === 'boolean') return undefined;
  const text = scalarText(node);
  return text === undefined ? undefined : { value: text, span: nodeSpan(pair.value) };
}

function resolvedScalarValue(doc: Document.Parsed, map: YAMLMap, key: string): unknown {
  const node = resolved(doc, pairOf(map, key)?.value);
  return isScalar(node) ? node.value : undefined;
}

function isEmpty(node: unknown): boolean {
  return isScalar(node) && (node.value === null || node.value === undefined);
}
