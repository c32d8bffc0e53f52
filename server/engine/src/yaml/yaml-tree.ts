// A small positioned tree of a YAML document: what the claim reader needs (mappings, sequences,
// scalars with their text, and where each is written). It is built one of three ways:
// - by plain-block-scanner.ts, for the plain subset claim files are almost always written in
//   (indented blocks, one-line scalars and flow collections): several times faster again;
// - from js-yaml's event stream, for files that parse cleanly with no anchors or tags (block
//   scalars only where both parsers give them the same span): about ten times faster than the
//   `yaml` document API, which is what lets a workspace of 100,000 claims be read in seconds
//   (docs/benchmarks.md);
// - from the `yaml` package's document, for everything else: its errors and positions are exact,
//   and the claims file reader reports them.
// All give the same tree for the same text; test/engine/yaml-tree.test.ts checks that on many files.
import { EVENT_ID, SCALAR_STYLE, parseEvents, getScalarValue } from 'js-yaml';
import type { Event } from 'js-yaml';
import { isAlias, isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { ValidateFunction } from 'ajv';
import type { Finding, Span } from '../model';
import { schemaProblems, schemaProblemsOnTree, type MessageHints, type SchemaProblem } from './schema-findings';
import { nodeSpan, parseYaml, resolved, scalarText } from './yaml-document';
import { treeFromPlainBlocks } from './plain-block-scanner';

export type TreeNode = TreeScalar | TreeMap | TreeSeq | TreeAlias;

export interface TreeScalar {
  kind: 'scalar';
  /** The value under YAML 1.2's core schema. */
  value: string | number | boolean | null;
  /** The text as claimlint reads it: plain scalars as written (`3.80`), others as their value. */
  text: string | undefined;
  span: Span;
}

export interface TreePair {
  key: TreeNode;
  /** undefined for `key:` followed by nothing the parser made a node of. */
  value: TreeNode | undefined;
}

export interface TreeMap {
  kind: 'map';
  pairs: TreePair[];
  span: Span;
}

export interface TreeSeq {
  kind: 'seq';
  items: TreeNode[];
  span: Span;
}

/** An alias (`*name`), where it is written, and the node it names (undefined when none). */
export interface TreeAlias {
  kind: 'alias';
  target: TreeNode | undefined;
  span: Span;
}

/** The node an alias names, or the node itself. */
export function deref(node: TreeNode | undefined): TreeNode | undefined {
  return node?.kind === 'alias' ? node.target : node;
}

/** The pair of a mapping whose key is `key` (scalar keys compared as strings). */
export function pairOf(map: TreeMap, key: string): TreePair | undefined {
  for (const pair of map.pairs) {
    const keyNode = deref(pair.key);
    if (keyNode?.kind === 'scalar' && String(keyNode.value) === key) return pair;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// From js-yaml events

/** Core schema (YAML 1.2.2 §10.3.2), as the `yaml` package resolves plain scalars. */
const NULL = /^(?:~|null|Null|NULL)?$/;
const TRUE = /^(?:true|True|TRUE)$/;
const FALSE = /^(?:false|False|FALSE)$/;
const DECIMAL_INT = /^[-+]?[0-9]+$/;
const OCTAL_INT = /^0o[0-7]+$/;
const HEX_INT = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;
const NOT_A_NUMBER = /^\.(?:nan|NaN|NAN)$/;

/** First characters of the plain scalars the core schema reads as something other than text. */
const NON_TEXT_START = /^[-+.0-9~nNtTfF]|^$/;

export function plainValue(source: string): string | number | boolean | null {
  // Most scalars in a claims file are words: one test instead of nine.
  if (!NON_TEXT_START.test(source)) return source;
  if (NULL.test(source)) return null;
  if (TRUE.test(source)) return true;
  if (FALSE.test(source)) return false;
  if (DECIMAL_INT.test(source) || FLOAT.test(source)) return Number(source);
  if (OCTAL_INT.test(source)) return parseInt(source.slice(2), 8);
  if (HEX_INT.test(source)) return parseInt(source.slice(2), 16);
  if (INFINITY.test(source)) return source.startsWith('-') ? -Infinity : Infinity;
  if (NOT_A_NUMBER.test(source)) return NaN;
  return source;
}

const LONE_CR = /\r(?!\n)/;

interface OpenCollection {
  node: TreeMap | TreeSeq;
  flow: boolean;
  /** For a mapping: the key read, waiting for its value. */
  pendingKey: TreeNode | undefined;
  /** Keys seen, to refuse duplicates (the `yaml` path reports them). */
  keys: Set<string> | undefined;
}

/**
 * The tree of a document that js-yaml reads cleanly, or undefined when the text needs the `yaml`
 * path: a syntax error, more than one document, anchors, aliases, tags, block scalars whose span
 * the two parsers give differently, duplicate or non-scalar keys. Never throws.
 */
export function treeFromEvents(text: string): TreeNode | null | undefined {
  // js-yaml breaks lines at a CR on its own; `yaml` (YAML 1.2) reads it as part of the text.
  if (LONE_CR.test(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  let documents = 0;
  let root: TreeNode | null = null;
  const stack: OpenCollection[] = [];
  const attach = (node: TreeNode): boolean => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      root = node;
      return true;
    }
    if (parent.node.kind === 'seq') {
      parent.node.items.push(node);
      return true;
    }
    if (parent.pendingKey === undefined) {
      // Text keys only, as in the plain scanner: `~:` or `1:` become different keys in each consumer's data.
      if (node.kind !== 'scalar' || typeof node.value !== 'string') return false;
      const name = node.value;
      // `__proto__` as data would set a prototype; the `yaml` path handles it as a plain key.
      if (parent.keys!.has(name) || name === '__proto__') return false;
      parent.keys!.add(name);
      parent.pendingKey = node;
      return true;
    }
    // `a:`, a comment line, then the value: `yaml` may read the value and the next key as one
    // key over several lines (MULTILINE_IMPLICIT_KEY) where js-yaml reads a value; its errors are
    // the ones to report. Between a key and its value a `#` can only start a comment (anchors and
    // tags bail).
    if (!parent.flow && hasCodeBetween(text, 0x23 /* # */, parent.pendingKey.span.end, node.span.start)) return false;
    parent.node.pairs.push({ key: parent.pendingKey, value: node });
    parent.pendingKey = undefined;
    return true;
  };
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        if (++documents > 1) return undefined;
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (event.anchorStart >= 0 || event.tagStart >= 0) return undefined;
        const flow = text[event.start] === '{' || text[event.start] === '[';
        const span = { start: event.start, end: event.start };
        const node: TreeMap | TreeSeq = event.type === EVENT_ID.MAPPING ? { kind: 'map', pairs: [], span } : { kind: 'seq', items: [], span };
        if (!attach(node)) return undefined;
        stack.push({ node, flow, pendingKey: undefined, keys: node.kind === 'map' ? new Set() : undefined });
        break;
      }
      case EVENT_ID.SCALAR: {
        if (event.anchorStart >= 0 || event.tagStart >= 0) return undefined;
        const node = event.valueStart < 0 ? emptyValue(text, stack[stack.length - 1]) : scalarNode(text, event);
        if (!node || !attach(node)) return undefined;
        break;
      }
      case EVENT_ID.POP: {
        const open = stack.pop();
        if (!open) break; // the document's end
        if (open.pendingKey !== undefined) return undefined;
        open.node.span.end = open.flow ? flowEnd(text, open.node) : blockEnd(open.node);
        break;
      }
      default:
        return undefined; // an alias
    }
  }
  return root;
}

/** Whether the code unit occurs in text[from, to), without copying that stretch out. */
function hasCodeBetween(text: string, code: number, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === code) return true;
  return false;
}

function scalarNode(text: string, event: Extract<Event, { type: typeof EVENT_ID.SCALAR }>): TreeScalar | undefined {
  const { valueStart, valueEnd, style } = event;
  if (style === SCALAR_STYLE.PLAIN) {
    // A plain scalar over several lines is folded into one (as `yaml` gives its source).
    const raw = text.slice(valueStart, valueEnd);
    const source = raw.includes('\n') || raw.includes('\r') ? getScalarValue(text, event) : raw;
    const value = plainValue(source);
    const asText = value === null ? undefined : source !== '' ? source : String(value);
    return { kind: 'scalar', value, text: asText, span: { start: valueStart, end: valueEnd } };
  }
  if (style === SCALAR_STYLE.SINGLE_QUOTED || style === SCALAR_STYLE.DOUBLE_QUOTED) {
    const value = getScalarValue(text, event);
    return { kind: 'scalar', value, text: value, span: { start: valueStart - 1, end: valueEnd + 1 } };
  }
  return blockScalarNode(text, event);
}

/** A block scalar's header: its indicator, chomping and indentation indicators, and a comment. */
const BLOCK_HEADER = /(?:^|[ ])([|>])(?:[1-9]([-+])?|([-+])[1-9]?)?(?:[ ]+#.*)?$/;
/** js-yaml's chomping codes by indicator: clip (none), strip (-), keep (+). */
const CHOMPING = { '': 1, '-': 2, '+': 3 } as const;

/**
 * `text: |` and `text: >`, where their span is sure to be the `yaml` path's: from the indicator to
 * the end of the last line of content. js-yaml's value ends past trailing blank lines, `yaml`'s span
 * before them, so a block scalar followed by a blank line (or written with CRs, or whose header
 * reads otherwise than js-yaml read it) is left to the `yaml` path.
 */
function blockScalarNode(text: string, event: Extract<Event, { type: typeof EVENT_ID.SCALAR }>): TreeScalar | undefined {
  const { valueStart, valueEnd } = event;
  if (valueStart < 1 || valueEnd <= valueStart || text.charCodeAt(valueStart - 1) !== 0x0a) return undefined;
  if (valueEnd < text.length && text.charCodeAt(valueEnd - 1) !== 0x0a) return undefined;
  // The value's last line must hold content: a blank one (or one of spaces) is past `yaml`'s span.
  const lastLine = text.slice(text.lastIndexOf('\n', valueEnd - 2) + 1, valueEnd);
  if (lastLine.trim() === '') return undefined;
  // Nor may a line of blanks follow it: `yaml` counts that one in, js-yaml does not.
  if (valueEnd < text.length) {
    const lineEnd = text.indexOf('\n', valueEnd);
    if (text.slice(valueEnd, lineEnd < 0 ? text.length : lineEnd).trim() === '') return undefined;
  }
  const headerStart = text.lastIndexOf('\n', valueStart - 2) + 1;
  const header = text.slice(headerStart, valueStart - 1);
  if (hasCodeBetween(text, 0x0d /* \r */, headerStart, valueEnd)) return undefined;
  const match = BLOCK_HEADER.exec(header);
  if (!match) return undefined;
  const chomping = (match[2] ?? match[3] ?? '') as keyof typeof CHOMPING;
  if (CHOMPING[chomping] !== event.chomping) return undefined;
  const start = headerStart + match.index + (match[0].startsWith(' ') ? 1 : 0);
  const value = getScalarValue(text, event);
  return { kind: 'scalar', value, text: value, span: { start, end: valueEnd } };
}

/**
 * `key:` with nothing after it. js-yaml gives no place; `yaml` puts the empty value after the colon
 * and the blanks that follow it. Elsewhere (an empty list item) the `yaml` path decides.
 */
function emptyValue(text: string, parent: OpenCollection | undefined): TreeScalar | undefined {
  const key = parent?.pendingKey;
  if (!key) return undefined;
  let at = key.span.end;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  if (text[at] !== ':') return undefined;
  at++;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  return { kind: 'scalar', value: null, text: undefined, span: { start: at, end: at } };
}

/** A flow collection ends at its closing bracket: after its last child, past commas and comments. */
function flowEnd(text: string, node: TreeMap | TreeSeq): number {
  const last = node.kind === 'map' ? node.pairs[node.pairs.length - 1]?.value : node.items[node.items.length - 1];
  let at = last ? last.span.end : node.span.start + 1;
  const close = node.kind === 'map' ? '}' : ']';
  while (at < text.length && text[at] !== close) {
    if (text[at] === '#') while (at < text.length && text[at] !== '\n') at++;
    else at++;
  }
  return Math.min(at + 1, text.length);
}

/** A block collection ends where its last entry's value does (not at trailing comments). */
function blockEnd(node: TreeMap | TreeSeq): number {
  const last = node.kind === 'map' ? node.pairs[node.pairs.length - 1]?.value : node.items[node.items.length - 1];
  return last ? last.span.end : node.span.start;
}

// ---------------------------------------------------------------------------------------------
// From the `yaml` package's document

/** The tree of a parsed `yaml` document (aliases kept as alias nodes naming their targets). */
export function treeFromDocument(doc: Document.Parsed): TreeNode | null {
  const converted = new Map<YamlNode, TreeNode>();
  const convert = (node: unknown): TreeNode | undefined => {
    if (!isNode(node)) return undefined;
    const known = converted.get(node);
    if (known) return known;
    const span = nodeSpan(node);
    if (isAlias(node)) {
      const alias: TreeAlias = { kind: 'alias', target: undefined, span };
      converted.set(node, alias);
      alias.target = convert(resolved(doc, node));
      return alias;
    }
    if (isScalar(node)) {
      const value = node.value;
      const plain = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : null;
      const scalar: TreeScalar = { kind: 'scalar', value: value === undefined ? null : plain, text: scalarText(node), span };
      converted.set(node, scalar);
      return scalar;
    }
    if (isMap(node)) {
      const map: TreeMap = { kind: 'map', pairs: [], span };
      converted.set(node, map);
      for (const item of node.items) {
        const key = convert(item.key);
        if (key) map.pairs.push({ key, value: convert(item.value) });
      }
      return map;
    }
    if (isSeq(node)) {
      const seq: TreeSeq = { kind: 'seq', items: [], span };
      converted.set(node, seq);
      for (const item of node.items) {
        const child = convert(item);
        if (child) seq.items.push(child);
      }
      return seq;
    }
    return undefined;
  };
  return convert(doc.contents) ?? null;
}

/**
 * A text on the fast path: its tree and data when the plain scanner or js-yaml reads it cleanly
 * and the data fits the schema; undefined when the `yaml` path must read it for exact errors and
 * positions.
 */
export function readClean(text: string, validate: (data: unknown) => boolean): { tree: TreeNode | null; data: unknown } | undefined {
  let tree = treeFromPlainBlocks(text);
  if (tree === undefined) tree = treeFromEvents(text);
  if (tree === undefined) return undefined;
  const data = dataOfTree(tree);
  return validate(data) ? { tree, data } : undefined;
}

/** A schema-checked YAML file as its reader needs it. */
export interface CheckedTree {
  tree: TreeNode | null;
  /** Syntax errors and the schema problems worth reporting (none on the fast path). */
  findings: Finding[];
  /** Where every schema problem starts: readers leave the values there to the schema's finding. */
  flaggedStarts: ReadonlySet<number>;
}

const NO_STARTS: ReadonlySet<number> = new Set();

/**
 * The fast readers' tree when they read the text, with the schema's problems located on it; the
 * `yaml` path for anything they leave (where a syntax error would be, too).
 */
export function readCheckedTree(text: string, file: string, validate: ValidateFunction, hints: MessageHints): CheckedTree {
  let tree = treeFromPlainBlocks(text);
  if (tree === undefined) tree = treeFromEvents(text);
  if (tree === undefined) return readCheckedDocument(text, file, validate, hints);
  const problems = schemaProblemsOnTree(validate, text, tree, dataOfTree(tree), file, hints);
  if (problems.length === 0) return { tree, findings: [], flaggedStarts: NO_STARTS };
  return checkedTree(tree, [], problems);
}

/** The `yaml` path alone: exact errors and positions for a text with problems. */
export function readCheckedDocument(text: string, file: string, validate: ValidateFunction, hints: MessageHints): CheckedTree {
  const parsed = parseYaml(text, file, 'YAML');
  return checkedTree(treeFromDocument(parsed.doc), parsed.findings, schemaProblems(validate, parsed, file, hints));
}

function checkedTree(tree: TreeNode | null, syntaxFindings: readonly Finding[], problems: readonly SchemaProblem[]): CheckedTree {
  const findings = [...syntaxFindings];
  for (const problem of problems) if (problem.reported) findings.push(problem.finding);
  return { tree, findings, flaggedStarts: new Set(problems.map((problem) => problem.finding.span.start)) };
}

/** The document as plain data (what JSON Schema validation reads), from a tree without aliases. */
export function dataOfTree(node: TreeNode | null | undefined): unknown {
  if (!node) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(dataOfTree);
    case 'map': {
      const data: Record<string, unknown> = {};
      for (const pair of node.pairs) {
        const key = deref(pair.key);
        if (key?.kind === 'scalar') data[String(key.value)] = pair.value ? dataOfTree(pair.value) : null;
      }
      return data;
    }
    case 'alias':
      return dataOfTree(node.target);
  }
}
