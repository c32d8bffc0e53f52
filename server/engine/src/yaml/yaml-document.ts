// One YAML (or JSON) document with its positions: syntax errors as located findings, the plain
// value for schema validation (guarded against alias bombs), and the way from a value path back to
// the node that wrote it.
import { Scalar, isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { MAX_YAML_NESTING, nestsDeeperThan } from './nesting-depth';
import type { Alias, Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type { Finding, Span } from '../model';
import { quoted } from './message-text';

/** Aliases are rare in claim files; this many is already suspicious and keeps expansion cheap. */
const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  doc: Document.Parsed;
  /** Syntax errors and an alias bomb, as `invalid-claim` findings. */
  findings: Finding[];
  /** The document as plain data (what parsed, despite syntax errors); `undefined` when it could not be expanded. */
  data: unknown;
  /** Whether the document has syntax errors: schema findings that overlap them are noise. */
  hasSyntaxErrors: boolean;
}

/**
 * Parses one document. `language` names it in messages ("YAML" or "JSON"). Never throws: the
 * caller wraps the rest of its work too, but the parser itself is where hostile input bites.
 */
export function parseYaml(text: string, file: string, language: 'YAML' | 'JSON'): ParsedYaml {
  // Checked first: yaml itself would recurse until the stack ran out (nesting-depth.ts says why that can abort the process).
  if (nestsDeeperThan(text)) return tooDeep(text, file, language);
  let doc: Document.Parsed;
  try {
    // logLevel error: yaml would otherwise print warnings (a mapping used as a key) on stderr.
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return tooDeep(text, file, language);
  }
  // Should the stack run out all the same, yaml turns the overflow into an error wherever the
  // parser was, which depends on the caller's stack: report it once, the same way every time.
  if (doc.errors.some((error) => /call stack/i.test(error.message))) return tooDeep(text, file, language);
  const keysByOffset = doc.errors.some((error) => error.code === 'DUPLICATE_KEY') ? mappingKeysByOffset(doc) : undefined;
  const findings: Finding[] = doc.errors.map((error) => {
    const key = error.code === 'DUPLICATE_KEY' ? keysByOffset?.get(error.pos[0]) : undefined;
    const span = key ? nodeSpan(key) : visibleSpan(text, error.pos[0], error.pos[1]);
    return finding(file, span, syntaxMessage(language, error.code, error.message, text, span));
  });

  // `include: **/*.md` is an alias in YAML; say so instead of failing the whole document.
  const unresolved: Alias[] = [];
  // An alias is written with a `*`: most files have none, and are not walked for one.
  if (text.includes('*')) {
    visit(doc, {
      Alias(_key, alias) {
        if (resolved(doc, alias) !== undefined) return undefined;
        unresolved.push(alias);
        const placeholder = new Scalar(null);
        placeholder.range = alias.range;
        return placeholder;
      },
    });
  }
  for (const alias of unresolved) {
    const span = nodeSpan(alias);
    findings.push(
      finding(file, span, `unknown alias ${quoted(`*${alias.source}`)}: in ${language} a value that starts with "*" names an anchor; quote it if it is text`),
    );
  }
  aliasTargets.delete(doc); // the placeholders changed the document
  // A mapping or list used as a key (`? [a, b]`, `[[…]]: x`) is never claimlint data, and turning
  // a deep one into a string takes seconds: report it and leave the data unread.
  const collectionKey = firstCollectionKey(doc.contents);
  if (collectionKey) {
    findings.push(finding(file, visibleSpan(text, collectionKey.range?.[0] ?? 0, collectionKey.range?.[0] ?? 0), `a ${language} mapping key must be plain text, not a list or mapping`));
    return { doc, findings, data: undefined, hasSyntaxErrors: true };
  }
  const hasSyntaxErrors = findings.length > 0;
  // `yaml` only warns about tags it does not know and reads their values as plain text; say it
  // plainly, so that `!!js/function` in a hostile config is seen, not silently turned into a string.
  // The value still reads (as text), so this is no syntax error: schema findings stay.
  for (const warning of doc.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
    const span = visibleSpan(text, warning.pos[0], warning.pos[1]);
    const tag = text.slice(span.start, span.end);
    findings.push(finding(file, span, `unknown ${language} tag ${quoted(tag)}: claimlint files are plain data, and tags that name code or types (such as js/function) are not supported; remove the tag`));
  }
  try {
    return { doc, findings, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), hasSyntaxErrors };
  } catch (error) {
    const alias = firstAlias(doc);
    const span = alias ? nodeSpan(alias) : { start: 0, end: Math.min(text.length, 1) };
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? `too many ${language} aliases: they would expand to a huge document, so it is not read`
        : `${language} could not be read: ${oneLine(error)}`;
    return { doc, findings: [...findings, finding(file, span, message)], data: undefined, hasSyntaxErrors };
  }
}

/** A document nested too deeply to read: one finding at its start, and nothing else read. */
function tooDeep(text: string, file: string, language: string): ParsedYaml {
  const message = `${language} nested too deeply to be read (more than ${MAX_YAML_NESTING} levels); claimlint files are a few levels deep`;
  return { doc: parseDocument('', { prettyErrors: false }), findings: [finding(file, visibleSpan(text, 0, 0), message)], data: undefined, hasSyntaxErrors: true };
}

function syntaxMessage(language: string, code: string, message: string, text: string, span: Span): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return `duplicate key ${quoted(text.slice(span.start, span.end))}: each key may appear once in a mapping`;
    case 'TAB_AS_INDENT':
      return `tabs are not allowed as indentation in ${language}; indent with spaces`;
    case 'UNEXPECTED_TOKEN':
      // yaml names its token kinds ("double-quoted-scalar"); the writer knows the text.
      return `${language} syntax error: unexpected ${quoted(text.slice(span.start, span.end))}`;
    case 'MULTIPLE_DOCS':
      return `a claimlint file holds one ${language} document; remove the extra "---"`;
    default:
      return `${language} syntax error: ${message.replace(/\s+/g, ' ').trim()}`;
  }
}

export function finding(file: string, span: Span, message: string): Finding {
  return { rule: 'invalid-claim', file, span, message, related: [] };
}

/**
 * A span of at least one character where the text has one, so editors show an underline, and never
 * half of a surrogate pair (an emoji or 𠀀 is two UTF-16 code units: both or neither).
 */
export function visibleSpan(text: string, start: number, end: number): Span {
  let from = Math.max(0, Math.min(start, text.length));
  let to = Math.max(from, Math.min(end, text.length));
  if (to === from) {
    if (from < text.length && text[from] !== '\n' && text[from] !== '\r') to = from + 1;
    else if (from > 0) from -= 1;
  }
  if (isLowSurrogate(text, from) && isHighSurrogate(text, from - 1)) from -= 1;
  if (isLowSurrogate(text, to) && isHighSurrogate(text, to - 1)) to += 1;
  return { start: from, end: to };
}

function isHighSurrogate(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff;
}

export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

/**
 * Every mapping key by the offset it starts at (yaml reports a duplicate key by its first
 * character): one walk for all duplicates, not one per duplicate.
 */
function mappingKeysByOffset(doc: Document.Parsed): Map<number, YamlNode> {
  const keys = new Map<number, YamlNode>();
  visit(doc, {
    Pair(_key, pair) {
      const start = isNode(pair.key) ? pair.key.range?.[0] : undefined;
      if (start !== undefined && !keys.has(start)) keys.set(start, pair.key as YamlNode);
      return undefined;
    },
  });
  return keys;
}

/**
 * The first mapping or list used as a key, depth first (as `visit` would find it). A walk of our
 * own: `visit` was a tenth of reading a 128 KB claim file with a syntax error, at every edit.
 * Recursion is bounded: nothing deeper than MAX_YAML_NESTING reaches `yaml` (nesting-depth.ts).
 */
function firstCollectionKey(node: unknown): YamlNode | undefined {
  if (isPair(node)) {
    if (isCollection(node.key)) return node.key;
    return firstCollectionKey(node.key) ?? firstCollectionKey(node.value);
  }
  if (isCollection(node)) {
    for (const item of node.items) {
      const found = firstCollectionKey(item);
      if (found) return found;
    }
  }
  return undefined;
}

function firstAlias(doc: Document.Parsed): YamlNode | undefined {
  let found: YamlNode | undefined;
  visit(doc, {
    Alias(_key, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * Where a node is written: from its first character to the end of its value, without the trailing
 * comments and blank lines that a block collection's own range includes.
 */
export function nodeSpan(node: YamlNode): Span {
  const range = node.range ?? [0, 0, 0];
  const start = range[0];
  let end = range[1];
  // Walk down the last entries of nested block collections (iteratively: nesting may be deep).
  let current: unknown = node;
  while (isCollection(current) && !current.flow && current.items.length > 0) {
    const last: unknown = current.items[current.items.length - 1];
    const next: unknown = isPair(last) ? (isNode(last.value) ? last.value : last.key) : last;
    if (!isNode(next) || !next.range) break;
    end = next.range[1];
    current = next;
  }
  return { start, end: Math.max(start, end) };
}

/** Per document: each alias and the anchored node it names (undefined when no anchor precedes it). */
const aliasTargets = new WeakMap<Document.Parsed, Map<Alias, YamlNode | undefined>>();

/**
 * Follows an alias to the node it names (aliases name nodes, never other aliases). yaml's own
 * `Alias.resolve` walks the whole document on every call; this walks it once per document.
 */
export function resolved(doc: Document.Parsed, node: unknown): unknown {
  if (!isAlias(node)) return node;
  let targets = aliasTargets.get(doc);
  if (!targets) {
    targets = new Map();
    const anchored = new Map<string, YamlNode>();
    const found = targets;
    visit(doc, {
      Node(_key, visited) {
        if (isAlias(visited)) found.set(visited, anchored.get(visited.source));
        else {
          const anchor = (visited as { anchor?: string }).anchor;
          if (anchor) anchored.set(anchor, visited);
        }
      },
    });
    aliasTargets.set(doc, targets);
  }
  return targets.get(node);
}

/** The pair of a mapping whose key is `key` (as a string), following aliases in the mapping. */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    if (isScalar(item.key) && String(item.key.value) === key) return item as Pair;
  }
  return undefined;
}

export interface PathTarget {
  /** The node at the path (or its nearest existing ancestor). */
  node: YamlNode | undefined;
  /** The pair whose value is the node, when the node is a mapping value. */
  pair: Pair | undefined;
  /** Whether the whole path was found. */
  complete: boolean;
}

/** Finds the node that wrote the value at a path of keys and indexes (as strings). */
export function nodeAtPath(doc: Document.Parsed, path: readonly string[]): PathTarget {
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  for (const segment of path) {
    const current = resolved(doc, node);
    let next: unknown;
    let nextPair: Pair | undefined;
    if (isMap(current)) {
      nextPair = pairOf(current, segment);
      next = nextPair?.value ?? undefined;
      // `key:` with no value still has a place to point at: its key.
      if (nextPair && !isNode(next)) next = nextPair.key;
    } else if (isSeq(current) && /^\d+$/.test(segment)) {
      next = current.items[Number(segment)];
    }
    if (!isNode(next)) return { node: isNode(current) ? current : undefined, pair, complete: false };
    node = next;
    pair = nextPair;
  }
  return { node: isNode(node) ? node : undefined, pair, complete: true };
}

/** The text of a scalar as a claimlint value: plain scalars as written (`3.80` stays "3.80"). */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const scalar = node as Scalar;
  if (scalar.value === null || scalar.value === undefined) return undefined;
  if (typeof scalar.value === 'object') return undefined;
  if (scalar.type === 'PLAIN' && typeof scalar.source === 'string' && scalar.source !== '') return scalar.source;
  return String(scalar.value);
}
