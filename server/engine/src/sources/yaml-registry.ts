// claimlint's own registry format (sources.yaml), checked against sources.schema.json.
import type { Finding, SourceEntry, Span } from '../model';
import { describeValue } from '../yaml/message-text';
import { isPartialDate, partialDateMessage } from '../yaml/partial-date';
import type { MessageHints } from '../yaml/schema-findings';
import { validateSourceRegistry } from '../yaml/schema-validators';
import { finding, oneLine } from '../yaml/yaml-document';
import { deref, pairOf, readCheckedDocument, readCheckedTree, type CheckedTree, type TreeMap, type TreeNode } from '../yaml/yaml-tree';
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

export interface ParsedYamlRegistry {
  sources: SourceEntry[];
  findings: Finding[];
}

/**
 * Reads a registry. Never throws. A registry that reads cleanly and fits the schema takes the fast
 * path (js-yaml events, as claim files do); any other is read with the `yaml` package, whose errors
 * and positions the findings need. Both paths give the same entries with the same spans.
 */
export function parseYamlRegistry(text: string, file: string): ParsedYamlRegistry {
  try {
    return registryOf(readCheckedTree(text, file, validateSourceRegistry, hints), file);
  } catch (error) {
    // The parsers and validator are meant never to throw; if one does, say so rather than crash.
    return { sources: [], findings: [finding(file, { start: 0, end: Math.min(1, text.length) }, `source registry could not be read: ${oneLine(error)}`)] };
  }
}

/** The `yaml` path alone, whatever the text (exported so a test can hold the two paths to the same result). */
export function parseYamlRegistryFromDocument(text: string, file: string): ParsedYamlRegistry {
  return registryOf(readCheckedDocument(text, file, validateSourceRegistry, hints), file);
}

function registryOf(read: CheckedTree, file: string): ParsedYamlRegistry {
  const findings = read.findings;
  const sources = readSources(read.tree, file, findings, read.flaggedStarts);
  return { sources, findings: findings.sort((a, b) => a.span.start - b.span.start) };
}

function readSources(tree: TreeNode | null, file: string, findings: Finding[], flaggedStarts: ReadonlySet<number>): SourceEntry[] {
  const root = deref(tree ?? undefined);
  const list = root?.kind === 'map' ? deref(pairOf(root, 'sources')?.value) : undefined;
  const sources: SourceEntry[] = [];
  if (list?.kind !== 'seq') return sources;
  for (const item of list.items) {
    const map = deref(item);
    if (map?.kind !== 'map') continue;
    const source = readSource(map, item.span, file);
    if (!source) continue;
    if (source.published !== undefined && !isPartialDate(source.published)) {
      // Well-formed but not a real day (2023-02-29): the schema's pattern cannot see that.
      const span = pairOf(map, 'published')?.value?.span ?? source.span;
      if (!flaggedStarts.has(span.start)) {
        findings.push(finding(file, span, partialDateMessage('published', JSON.stringify(source.published))));
      }
      delete source.published;
    }
    sources.push(source);
  }
  return sources;
}

function readSource(map: TreeMap, span: Span, file: string): SourceEntry | undefined {
  const idNode = pairOf(map, 'id')?.value;
  const id = stringField(idNode);
  if (id === undefined || !idNode) return undefined; // the schema reports the missing id
  const source: SourceEntry = { id, file, span, idSpan: idNode.span, format: 'yaml' };
  const title = stringField(pairOf(map, 'title')?.value);
  if (title) source.title = title;
  const publisher = stringField(pairOf(map, 'publisher')?.value);
  if (publisher) source.publisher = publisher;
  const url = stringField(pairOf(map, 'url')?.value);
  if (url) source.url = url;
  const published = deref(pairOf(map, 'published')?.value);
  const publishedText = published?.kind === 'scalar' && typeof published.value !== 'boolean' ? published.text : undefined;
  if (publishedText) source.published = publishedText;
  const archive = stringField(pairOf(map, 'archive')?.value);
  if (archive) {
    source.archive = archive;
    source.archivePath = resolvePath(file, archive);
  }
  return source;
}

/** A string scalar's trimmed text; undefined for numbers, booleans, collections and blanks. */
function stringField(node: TreeNode | undefined): string | undefined {
  const value = deref(node);
  if (value?.kind !== 'scalar' || typeof value.value !== 'string') return undefined;
  const text = value.value.trim();
  return text === '' ? undefined : text;
}
