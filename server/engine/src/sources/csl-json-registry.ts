// CSL-JSON registries (what Zotero and Pandoc export): an array of items, or {items: […]}. The JSON
// is read with the YAML parser (JSON is YAML 1.2) so that every item keeps its place in the text.
import { isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode, YAMLMap } from 'yaml';
import type { Finding, SourceEntry } from '../model';
import { describeValue } from '../yaml/message-text';
import { isPartialDate } from '../yaml/partial-date';
import { finding, nodeSpan, pairOf, parseYaml, resolved } from '../yaml/yaml-document';

export function parseCslJsonRegistry(text: string, file: string): { sources: SourceEntry[]; findings: Finding[] } {
  const parsed = parseYaml(text, file, 'JSON');
  // One syntax error is enough: after the first, a JSON parser's further complaints are echoes.
  const findings: Finding[] = parsed.findings.slice(0, 1);
  const itemFindings: Finding[] = [];
  const doc = parsed.doc;
  const root = resolved(doc, doc.contents);
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) return { sources: [], findings };
  const items = isSeq(root) ? root : isMap(root) ? resolved(doc, pairOf(root, 'items')?.value) : undefined;
  if (!isSeq(items)) {
    if (findings.length === 0 && isNode(root)) {
      findings.push(finding(file, nodeSpan(root), 'a CSL-JSON registry must be a list of items, or {"items": [...]}'));
    }
    return { sources: [], findings };
  }
  const sources: SourceEntry[] = [];
  for (const item of items.items) {
    const map = resolved(doc, item);
    if (!isNode(item)) continue;
    if (!isMap(map)) {
      itemFindings.push(finding(file, nodeSpan(item), `a CSL-JSON item must be an object (got ${describeValue(isScalar(map) ? map.value : map)})`));
      continue;
    }
    const source = itemSource(doc, map, nodeSpan(item), file, itemFindings);
    if (source) sources.push(source);
  }
  // An item broken by a syntax error is that error's business, not a second finding.
  const broken = parsed.findings.map((f) => f.span);
  for (const itemFinding of itemFindings) {
    if (!broken.some((span) => span.start < itemFinding.span.end && itemFinding.span.start < span.end)) findings.push(itemFinding);
  }
  return { sources, findings };
}

function itemSource(
  doc: Document.Parsed,
  map: YAMLMap,
  span: SourceEntry['span'],
  file: string,
  findings: Finding[],
): SourceEntry | undefined {
  const idNode = pairOf(map, 'id')?.value;
  const idValue = scalarValue(doc, idNode);
  const id = typeof idValue === 'string' || typeof idValue === 'number' ? String(idValue).trim() : '';
  if (id === '' || !isNode(idNode)) {
    const firstKey: unknown = map.items[0]?.key;
    const where = isNode(idNode) ? nodeSpan(idNode) : isNode(firstKey) ? nodeSpan(firstKey) : span;
    findings.push(finding(file, where, 'CSL-JSON item has no id, so nothing can cite it'));
    return undefined;
  }
  const source: SourceEntry = { id, file, span, idSpan: nodeSpan(idNode as YamlNode), format: 'csl-json' };
  const text = (key: string): string | undefined => {
    const value = scalarValue(doc, pairOf(map, key)?.value);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const title = text('title');
  if (title) source.title = title;
  const publisher = text('publisher') ?? text('container-title') ?? text('authority');
  if (publisher) source.publisher = publisher;
  const doi = text('DOI');
  const url = text('URL') ?? (doi ? `https://doi.org/${doi}` : undefined);
  if (url) source.url = url;
  const published = issuedDate(doc, pairOf(map, 'issued')?.value);
  if (published) source.published = published;
  return source;
}

/** `issued` as YYYY, YYYY-MM or YYYY-MM-DD: from date-parts, else a `raw` date in that form. */
function issuedDate(doc: Document.Parsed, node: unknown): string | undefined {
  const issued = resolved(doc, node);
  if (isScalar(issued)) {
    const value = String(issued.value ?? '');
    return isPartialDate(value) ? value : undefined;
  }
  if (!isMap(issued)) return undefined;
  const parts = resolved(doc, pairOf(issued, 'date-parts')?.value);
  const first = isSeq(parts) ? resolved(doc, parts.items[0]) : undefined;
  if (isSeq(first)) {
    const numbers = first.items.slice(0, 3).map((part) => Number(scalarValue(doc, part)));
    const [year, month, day] = numbers;
    if (year === undefined || !Number.isInteger(year) || year < 1000 || year > 9999) return undefined;
    let date = String(year);
    if (month !== undefined && Number.isInteger(month) && month >= 1 && month <= 12) {
      date += `-${String(month).padStart(2, '0')}`;
      if (day !== undefined && Number.isInteger(day) && isPartialDate(`${date}-${String(day).padStart(2, '0')}`)) {
        date += `-${String(day).padStart(2, '0')}`;
      }
    }
    return date;
  }
  const raw = scalarValue(doc, pairOf(issued, 'raw')?.value);
  return typeof raw === 'string' && isPartialDate(raw.trim()) ? raw.trim() : undefined;
}

function scalarValue(doc: Document.Parsed, node: unknown): unknown {
  const value = resolved(doc, node);
  return isScalar(value) ? value.value : undefined;
}
