// claimlint's own registry format (sources.yaml), checked against sources.schema.json.
import { isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { Finding, SourceEntry } from '../model';
import { describeValue } from '../yaml/message-text';
import { isPartialDate, partialDateMessage } from '../yaml/partial-date';
import { schemaProblems, type MessageHints } from '../yaml/schema-findings';
import { validateSourceRegistry } from '../yaml/schema-validators';
import { finding, nodeSpan, pairOf, parseYaml, resolved, scalarText } from '../yaml/yaml-document';
import { resolvePath } from './resolve-path';

const DATE_FIELDS = new Set(['published', 'accessed']);

const hints: MessageHints = {
  expectation(path) {
    if (path.length === 0) return 'a mapping with a "sources:" list';
    if (path.length === 1 && path[0] === 'sources') return 'a list of sources';
    return undefined;
  },
  message(path, data) {
    const field = path[2];
    if (path.length === 3 && field !== undefined && DATE_FIELDS.has(field)) return partialDateMessage(field, describeValue(data));
    return undefined;
  },
};

export function parseYamlRegistry(text: string, file: string): { sources: SourceEntry[]; findings: Finding[] } {
  const parsed = parseYaml(text, file, 'YAML');
  const findings: Finding[] = [...parsed.findings];
  const problems = schemaProblems(validateSourceRegistry, parsed, file, hints);
  for (const found of problems.filter((problem) => problem.reported).map((problem) => problem.finding)) findings.push(found);
  const flaggedStarts = new Set(problems.map((problem) => problem.finding.span.start));
  const doc = parsed.doc;
  const root = resolved(doc, doc.contents);
  const list = isMap(root) ? resolved(doc, pairOf(root, 'sources')?.value) : undefined;
  const sources: SourceEntry[] = [];
  if (!isSeq(list)) return { sources, findings };
  for (const item of list.items) {
    const map = resolved(doc, item);
    if (!isMap(map) || !isNode(item)) continue;
    const source = readSource(doc, map, nodeSpan(item), file);
    if (!source) continue;
    if (source.published !== undefined && !isPartialDate(source.published)) {
      // Well-formed but not a real day (2023-02-29): the schema's pattern cannot see that.
      const node = pairOf(map, 'published')?.value;
      const span = isNode(node) ? nodeSpan(node) : source.span;
      if (!flaggedStarts.has(span.start)) {
        findings.push(finding(file, span, partialDateMessage('published', JSON.stringify(source.published))));
      }
      delete source.published;
    }
    sources.push(source);
  }
  return { sources, findings: findings.sort((a, b) => a.span.start - b.span.start) };
}

function readSource(doc: Document.Parsed, map: YAMLMap, span: SourceEntry['span'], file: string): SourceEntry | undefined {
  const idNode = pairOf(map, 'id')?.value;
  const id = stringField(doc, idNode);
  if (id === undefined || !isNode(idNode)) return undefined; // the schema reports the missing id
  const source: SourceEntry = { id, file, span, idSpan: nodeSpan(idNode), format: 'yaml' };
  const title = stringField(doc, pairOf(map, 'title')?.value);
  if (title) source.title = title;
  const publisher = stringField(doc, pairOf(map, 'publisher')?.value);
  if (publisher) source.publisher = publisher;
  const url = stringField(doc, pairOf(map, 'url')?.value);
  if (url) source.url = url;
  const published = resolved(doc, pairOf(map, 'published')?.value);
  const publishedText = isScalar(published) && typeof published.value !== 'boolean' ? scalarText(published) : undefined;
  if (publishedText) source.published = publishedText;
  const archive = stringField(doc, pairOf(map, 'archive')?.value);
  if (archive) {
    source.archive = archive;
    source.archivePath = resolvePath(file, archive);
  }
  return source;
}

/** A string scalar's trimmed text; undefined for numbers, booleans, collections and blanks. */
function stringField(doc: Document.Parsed, node: unknown): string | undefined {
  const value = resolved(doc, node);
  if (!isScalar(value) || typeof value.value !== 'string') return undefined;
  const text = value.value.trim();
  return text === '' ? undefined : text;
}
