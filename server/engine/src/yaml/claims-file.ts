// `*.claims.yaml`: figures written as data. Reads each claim with the exact place of every field,
// and reports what breaks the schema (claims.schema.json) on the node that breaks it.
import type { Finding, Span, Suppression } from '../model';
import { LineIndex } from '../text/line-index';
import { describeValue } from './message-text';
import { isPartialDate, partialDateMessage } from './partial-date';
import type { MessageHints } from './schema-findings';
import { validateClaimsFile } from './schema-validators';
import { yamlSuppressions } from './suppressions';
import { finding, oneLine } from './yaml-document';
import { deref, pairOf, readCheckedTree, type TreeMap, type TreeNode } from './yaml-tree';

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
 *
 * A file that reads cleanly and fits the schema takes the fast path (js-yaml events); any other
 * file is read again with the `yaml` package, whose errors and positions the findings need.
 */
export function parseClaimsFile(text: string, file: string): ParsedClaimsFile {
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  let claims: RawClaim[] = [];
  let suppressions: Suppression[] = [];
  try {
    suppressions = yamlSuppressions(text, lines);
    const read = readCheckedTree(text, file, validateClaimsFile, hints);
    for (const found of read.findings) findings.push(found);
    claims = readClaims(read.tree, lines, file, findings, read.flaggedStarts);
  } catch (error) {
    // The parsers and validator are meant never to throw; if one does, say so rather than crash.
    findings.push(finding(file, { start: 0, end: Math.min(1, text.length) }, `claims file could not be read: ${oneLine(error)}`));
  }
  return { claims, findings: findings.sort((a, b) => a.span.start - b.span.start), suppressions };
}

function readClaims(tree: TreeNode | null, lines: LineIndex, file: string, findings: Finding[], flaggedStarts: ReadonlySet<number>): RawClaim[] {
  const root = deref(tree ?? undefined);
  if (root?.kind !== 'map') return [];
  const list = deref(pairOf(root, 'claims')?.value);
  if (list?.kind !== 'seq') return [];
  const claims: RawClaim[] = [];
  for (const item of list.items) {
    const map = deref(item);
    if (map?.kind !== 'map') continue;
    const claim = readClaim(map, item.span, lines);
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

function readClaim(map: TreeMap, span: Span, lines: LineIndex): RawClaim {
  const claim: RawClaim = { span, line: lines.positionAt(span.start).line, sources: [] };
  const id = locatedText(map, 'id');
  if (id) claim.id = id;
  const subject = locatedText(map, 'subject');
  if (subject) claim.subject = subject;
  const metric = locatedText(map, 'metric');
  if (metric) claim.metric = metric;
  const text = locatedText(map, 'text');
  if (text) claim.text = text;
  const asOf = locatedText(map, 'as_of');
  if (asOf) claim.asOf = asOf;
  const value = readValue(map);
  if (value) claim.value = value;
  const sourcesPair = pairOf(map, 'sources');
  if (sourcesPair) {
    const node = sourcesPair.value;
    // `sources:` with nothing after it: point just after the colon, where completion would insert.
    claim.sourcesSpan = node && !isEmpty(node) ? node.span : { start: sourcesPair.key.span.end + 1, end: sourcesPair.key.span.end + 1 };
    const sources = deref(node);
    const entries = sources?.kind === 'seq' ? sources.items : sources === undefined || isEmpty(sources) || !node ? [] : [node];
    for (const entry of entries) {
      const source = readSource(entry);
      if (source) claim.sources.push(source);
    }
  }
  return claim;
}

function readValue(map: TreeMap): RawClaim['value'] {
  const written = pairOf(map, 'value')?.value;
  const node = deref(written);
  if (!written || !node) return undefined;
  const span = written.span;
  if (node.kind === 'scalar') {
    const text = node.text;
    if (text === undefined || typeof node.value === 'boolean' || text.trim() === '') return undefined;
    return { value: text, span };
  }
  if (node.kind === 'map') {
    const amount = deref(pairOf(node, 'amount')?.value);
    const unit = deref(pairOf(node, 'unit')?.value);
    if (amount?.kind !== 'scalar' || typeof amount.value !== 'number' || !Number.isFinite(amount.value)) return undefined;
    if (unit?.kind !== 'scalar' || typeof unit.value !== 'string' || unit.value.trim() === '') return undefined;
    return { value: { amount: amount.value, unit: unit.value }, span };
  }
  return undefined;
}

function readSource(entry: TreeNode): RawClaimSource | undefined {
  const node = deref(entry);
  const span = entry.span;
  if (node?.kind === 'scalar') {
    const id = typeof node.value === 'string' ? node.value.trim() : undefined;
    return id ? { id, span, idSpan: span } : undefined;
  }
  if (node?.kind !== 'map') return undefined;
  const id = locatedText(node, 'id');
  const idNode = deref(pairOf(node, 'id')?.value);
  if (!id || idNode?.kind !== 'scalar' || typeof idNode.value !== 'string' || id.value.trim() === '') return undefined;
  const source: RawClaimSource = { id: id.value.trim(), span, idSpan: id.span };
  const locator = locatedText(node, 'locator');
  if (locator) source.locator = locator.value;
  const quote = locatedText(node, 'quote');
  if (quote) source.quote = quote.value;
  return source;
}

/** A scalar field as text with its span; strings and numbers only (not `true`, not a mapping). */
function locatedText(map: TreeMap, key: string): Located<string> | undefined {
  const written = pairOf(map, key)?.value;
  const node = deref(written);
  if (!written || node?.kind !== 'scalar' || typeof node.value === 'boolean') return undefined;
  return node.text === undefined ? undefined : { value: node.text, span: written.span };
}

function isEmpty(node: TreeNode): boolean {
  return node.kind === 'scalar' && node.value === null;
}
