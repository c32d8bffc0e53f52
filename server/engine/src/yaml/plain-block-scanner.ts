// A reader for the plain YAML that claim files, registries and configs are almost always written
// in: block mappings and sequences by indentation, one-line plain and quoted scalars, one-line flow
// collections, comments. Reading the 100k-claim benchmark, js-yaml's tokeniser was three quarters
// of the time claimlint spent on YAML, and no library is faster; this scanner reads the same files
// several times faster because it knows only the subset they use.
//
// It gives up (undefined) on anything outside the subset: tabs, anchors, aliases, tags, block
// scalars, scalars over several lines, complex keys, duplicate or non-text keys, document markers
// other than a leading `---`, control characters, and any shape it does not recognise. The caller
// then asks js-yaml's events and the `yaml` package, as before, so a bail costs only speed. Where it
// does not give up, its tree is the one treeFromDocument gives (test/engine/yaml-tree.test.ts and
// plain-block-scanner.test.ts hold it to that on thousands of files).
//
// Linear in the text: each line is scanned a bounded number of times, nesting is an explicit stack
// (block) or recursion cut off at MAX_DEPTH (flow), and duplicate keys are found through a Set.
import { plainValue } from './yaml-tree';
import type { TreeMap, TreeNode, TreeScalar, TreeSeq } from './yaml-tree';

/** Claim files are a few levels deep; deeper text goes to the parsers, whatever it is. */
const MAX_DEPTH = 64;
/** YAML limits implicit keys to 1024 characters and `yaml` reports longer ones: leave those to it. */
const MAX_KEY_LENGTH = 1000;

/**
 * Characters the scanner leaves to the parsers: tabs (indentation rules), C0 and C1 controls
 * (including NEL), a CR that is not part of CRLF, the Unicode line and paragraph separators, a BOM
 * past the start, the non-characters U+FFFE/U+FFFF, and lone surrogates. Single-character
 * alternatives: no backtracking.
 */
const UNSUPPORTED_CHARACTER =
  /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same characters, and every CR and surrogate: most files have none, and one class is faster to test. */
const UNSUPPORTED_OR_CR_OR_SURROGATE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/g;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const CR = 0x0d;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

/** ASCII characters by what they may mean at the start of a plain scalar (a table: this is the hot path). */
const START_OF_PLAIN = new Uint8Array(128);
/** YAML's indicators (besides `-`, which is one only before a blank): they never start a plain scalar here. */
const INDICATOR = 1;
/** The first characters of core-schema numbers and of `~`. */
const NUMBER_OR_TILDE = 2;
/** The first letters of null, true and false (in their three spellings each: four or five letters). */
const NULL_OR_BOOLEAN = 3;
for (const char of ',[]{}#&*!|>\'"%@`?:') START_OF_PLAIN[char.charCodeAt(0)] = INDICATOR;
for (const char of '-+.0123456789~') START_OF_PLAIN[char.charCodeAt(0)] = NUMBER_OR_TILDE;
for (const char of 'nNtTfF') START_OF_PLAIN[char.charCodeAt(0)] = NULL_OR_BOOLEAN;

function isFlowIndicator(code: number): boolean {
  return code === COMMA || code === OPEN_BRACKET || code === CLOSE_BRACKET || code === OPEN_BRACE || code === CLOSE_BRACE;
}

/** The simple escapes of double-quoted scalars; any other escape is left to the parsers. */
const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };
const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/** Mapping keys seen so far: a short list while the mapping is small (most are), a Set beyond. */
class KeyNames {
  private names: string[] = [];
  private set: Set<string> | undefined;

  /** Adds a key; false when the mapping already has it. */
  add(name: string): boolean {
    if (this.set) {
      if (this.set.has(name)) return false;
      this.set.add(name);
      return true;
    }
    if (this.names.includes(name)) return false;
    this.names.push(name);
    if (this.names.length > 8) this.set = new Set(this.names);
    return true;
  }
}

interface Frame {
  node: TreeMap | TreeSeq;
  /** The column its keys or dashes are written at. */
  indent: number;
  /** A sequence written at its parent key's column (`key:\n- a`): a line there without a dash ends it. */
  atParentIndent: boolean;
  /** A mapping's key whose value is still to come (`key:` and nothing else on its line). */
  pendingKey: TreeScalar | undefined;
  /** Where that value sits if nothing more indented follows: after the colon and its blanks, as `yaml` puts it. */
  emptyAt: number;
  /** A sequence's `-` with nothing after it on its line. */
  pendingItem: boolean;
  keys: KeyNames | undefined;
}

type Inline = { kind: 'key'; key: TreeScalar; end: number } | { kind: 'value'; node: TreeNode; end: number };

interface FlowItem {
  node: TreeNode;
  /** Where scanning stopped: after a quoted scalar or flow collection, at the character that ended a plain scalar. */
  end: number;
}

/**
 * The tree of a document in the plain subset (see the top of this file), the same as
 * treeFromDocument would give; null for an empty document; undefined for anything else, which the
 * caller reads with treeFromEvents or the `yaml` package. Never throws.
 */
export function treeFromPlainBlocks(text: string): TreeNode | null | undefined {
  return scan(text, undefined);
}

/** A comment as `yaml`'s syntax tree gives it: where its `#` is, and the text to the line's end. */
export interface PlainComment {
  offset: number;
  source: string;
}

/**
 * Every comment of a document in the plain subset, in order; undefined for anything else (the
 * caller asks `yaml`'s syntax tree). In the subset a `#` starts a comment exactly where the scanner
 * reads one: no block scalar, multi-line scalar or multi-line flow collection can hold it. About
 * ten times faster than the syntax tree, which a file with one suppression comment paid at every
 * edit.
 */
export function plainComments(text: string): PlainComment[] | undefined {
  const comments: PlainComment[] = [];
  return scan(text, comments) === undefined ? undefined : comments;
}

function scan(text: string, comments: PlainComment[] | undefined): TreeNode | null | undefined {
  // A byte order mark at the very start is skipped by both parsers; offsets still count it.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  UNSUPPORTED_OR_CR_OR_SURROGATE.lastIndex = start;
  if (UNSUPPORTED_OR_CR_OR_SURROGATE.test(text)) {
    UNSUPPORTED_CHARACTER.lastIndex = start;
    if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  }
  try {
    return new PlainBlockScanner(text, comments).read(start);
  } catch {
    return undefined; // a bug here must not cost the user the file: the other readers still can
  }
}

class PlainBlockScanner {
  private lineStart = 0;
  private lineEnd = 0;
  private root: TreeNode | undefined;
  private readonly stack: Frame[] = [];

  /** `comments`, when given, receives each comment as it is read. */
  constructor(
    private readonly text: string,
    private readonly comments: PlainComment[] | undefined,
  ) {}

  private noteComment(at: number): void {
    const comments = this.comments;
    // A line's rest can be asked about twice (whether a value follows, then whether it ended): note it once.
    if (comments !== undefined && comments[comments.length - 1]?.offset !== at) comments.push({ offset: at, source: this.text.slice(at, this.lineEnd) });
  }

  read(start: number): TreeNode | null | undefined {
    const text = this.text;
    let started = false;
    let lineStart = start;
    for (;;) {
      let next = text.indexOf('\n', lineStart);
      if (next < 0) next = text.length;
      let lineEnd = next;
      if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
      this.lineStart = lineStart;
      this.lineEnd = lineEnd;
      let at = lineStart;
      while (at < lineEnd && text.charCodeAt(at) === SPACE) at++;
      if (at < lineEnd && text.charCodeAt(at) === HASH) this.noteComment(at);
      else if (at < lineEnd) {
        if (at === lineStart && this.isDocumentMarker(at)) {
          // Only one leading `---`, alone on its line or with a comment.
          if (started || text.charCodeAt(at) !== DASH || !this.restIsBlank(at + 3)) return undefined;
        } else if (!this.line(at, at - lineStart)) {
          return undefined;
        }
        started = true;
      }
      if (next >= text.length) break;
      lineStart = next + 1;
    }
    while (this.stack.length > 0) {
      if (!this.close(this.stack.pop()!)) return undefined;
    }
    // `---` and nothing else: `yaml` makes that an empty scalar somewhere, not an empty document.
    if (this.root === undefined && started) return undefined;
    return this.root ?? null;
  }

  /** One line with content at `at`, indented by `indent` spaces. False: not in the subset. */
  private line(at: number, indent: number): boolean {
    const stack = this.stack;
    const dash = this.isDash(at);
    let top = stack[stack.length - 1];
    while (top && (top.indent > indent || (top.indent === indent && top.atParentIndent && !dash))) {
      if (!this.close(top)) return false;
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (!top) return this.root === undefined && this.open(at, indent, undefined);
    const pending = top.pendingKey !== undefined || top.pendingItem;
    if (pending && (indent > top.indent || (dash && indent === top.indent && top.node.kind === 'map'))) return this.open(at, indent, top);
    if (indent !== top.indent || top.pendingItem) return false; // misaligned, a continuation line, or an empty list item
    if (top.pendingKey) this.settleEmpty(top);
    return top.node.kind === 'seq' ? this.sequenceEntry(top, at) : this.mappingEntry(top, at);
  }

  /** A block collection starting at `at`: the root, or the value its parent is waiting for. */
  private open(at: number, indent: number, parent: Frame | undefined): boolean {
    if (this.stack.length >= MAX_DEPTH) return false;
    if (this.isDash(at)) {
      const seq: TreeSeq = { kind: 'seq', items: [], span: { start: at, end: at } };
      const frame = this.push(seq, indent, parent !== undefined && parent.indent === indent, parent);
      return this.sequenceEntry(frame, at);
    }
    // Only collections: a document or value that is a lone scalar is left to the parsers.
    const entry = this.inline(at);
    if (entry?.kind !== 'key') return false;
    const map: TreeMap = { kind: 'map', pairs: [], span: { start: entry.key.span.start, end: at } };
    return this.keyed(this.push(map, indent, false, parent), entry);
  }

  private push(node: TreeMap | TreeSeq, indent: number, atParentIndent: boolean, parent: Frame | undefined): Frame {
    if (!parent) this.root = node;
    else if (parent.node.kind === 'seq') {
      parent.node.items.push(node);
      parent.pendingItem = false;
    } else {
      parent.node.pairs.push({ key: parent.pendingKey!, value: node });
      parent.pendingKey = undefined;
    }
    const frame: Frame = { node, indent, atParentIndent, pendingKey: undefined, emptyAt: 0, pendingItem: false, keys: node.kind === 'map' ? new KeyNames() : undefined };
    this.stack.push(frame);
    return frame;
  }

  /** Ends a block collection: it ends where its last entry's value does (not at trailing comments). */
  private close(frame: Frame): boolean {
    if (frame.pendingItem) return false;
    if (frame.pendingKey) this.settleEmpty(frame);
    const node = frame.node;
    const last = node.kind === 'map' ? node.pairs[node.pairs.length - 1]?.value : node.items[node.items.length - 1];
    node.span.end = last ? last.span.end : node.span.start;
    return true;
  }

  /** `key:` with nothing after it: an empty (null) value where `yaml` puts it. */
  private settleEmpty(frame: Frame): void {
    const empty: TreeScalar = { kind: 'scalar', value: null, text: undefined, span: { start: frame.emptyAt, end: frame.emptyAt } };
    (frame.node as TreeMap).pairs.push({ key: frame.pendingKey!, value: empty });
    frame.pendingKey = undefined;
  }

  /** `- item`, `- key: value` (a mapping whose keys line up with `key`), or `-` with the item below. */
  private sequenceEntry(frame: Frame, at: number): boolean {
    if (!this.isDash(at)) return false;
    const item = this.skipSpaces(at + 1);
    if (this.restIsBlank(item)) {
      frame.pendingItem = true;
      return true;
    }
    if (this.isDash(item)) return false; // `- - a`: a compact nested sequence
    const entry = this.inline(item);
    if (!entry) return false;
    const seq = frame.node as TreeSeq;
    if (entry.kind === 'value') {
      seq.items.push(entry.node);
      return this.restIsBlank(entry.end);
    }
    if (this.stack.length >= MAX_DEPTH) return false;
    const map: TreeMap = { kind: 'map', pairs: [], span: { start: entry.key.span.start, end: item } };
    return this.keyed(this.push(map, item - this.lineStart, false, frame), entry);
  }

  private mappingEntry(frame: Frame, at: number): boolean {
    const entry = this.inline(at);
    return entry?.kind === 'key' && this.keyed(frame, entry);
  }

  /** After `key:`: a value on the same line, or nothing (the value is below, or empty). */
  private keyed(frame: Frame, entry: Extract<Inline, { kind: 'key' }>): boolean {
    const name = entry.key.value;
    // Text keys only (`1:` or `true:` are read differently by each consumer), never `__proto__`,
    // and no duplicates: the `yaml` path reports those.
    if (typeof name !== 'string' || name === '__proto__' || !frame.keys!.add(name)) return false;
    const at = this.skipSpaces(entry.end);
    if (this.restIsBlank(at)) {
      frame.pendingKey = entry.key;
      frame.emptyAt = at;
      return true;
    }
    const value = this.inline(at);
    if (value?.kind !== 'value') return false; // `a: b: c`, or not in the subset
    (frame.node as TreeMap).pairs.push({ key: entry.key, value: value.node });
    return this.restIsBlank(value.end);
  }

  /**
   * What starts at `at` on a block line: a key and its colon, or a value (a scalar or flow
   * collection). Undefined when it is anything else.
   */
  private inline(at: number): Inline | undefined {
    const text = this.text;
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const scalar = code === DOUBLE_QUOTE ? this.doubleQuoted(at) : this.singleQuoted(at);
      if (!scalar) return undefined;
      const after = this.skipSpaces(scalar.span.end);
      if (text.charCodeAt(after) !== COLON || after >= this.lineEnd) return { kind: 'value', node: scalar, end: scalar.span.end };
      // `"key": value`; `"key":value` is no key in block context.
      if (after + 1 < this.lineEnd && text.charCodeAt(after + 1) !== SPACE) return undefined;
      if (after - at > MAX_KEY_LENGTH) return undefined;
      return { kind: 'key', key: scalar, end: after + 1 };
    }
    if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      const flow = this.flow(at, 1);
      if (!flow) return undefined;
      const after = this.skipSpaces(flow.end);
      if (after < this.lineEnd && text.charCodeAt(after) === COLON) return undefined; // a collection as a key
      return { kind: 'value', node: flow.node, end: flow.end };
    }
    if (!this.startsPlain(at, false)) return undefined;
    // A plain scalar ends at a comment (` #`), the line's end, or a key's colon (`: ` or `:` last).
    const lineEnd = this.lineEnd;
    let scan = at;
    let last = at;
    while (scan < lineEnd) {
      const current = text.charCodeAt(scan);
      if (current === SPACE) {
        scan++;
        continue;
      }
      if (current === HASH && text.charCodeAt(scan - 1) === SPACE) break;
      if (current === COLON && (scan + 1 === lineEnd || text.charCodeAt(scan + 1) === SPACE)) {
        if (scan - at > MAX_KEY_LENGTH) return undefined;
        return { kind: 'key', key: this.plain(at, last), end: scan + 1 };
      }
      scan++;
      last = scan;
    }
    return { kind: 'value', node: this.plain(at, last), end: last };
  }

  /**
   * A flow collection closed on the same line, `[a, b]` or `{amount: 1270, unit: t}`, of scalars
   * and flow collections. Recursion is cut off at MAX_DEPTH.
   */
  private flow(at: number, depth: number): FlowItem | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const text = this.text;
    const isMap = text.charCodeAt(at) === OPEN_BRACE;
    const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
    const span = { start: at, end: at };
    const map: TreeMap | undefined = isMap ? { kind: 'map', pairs: [], span } : undefined;
    const seq: TreeSeq | undefined = isMap ? undefined : { kind: 'seq', items: [], span };
    const keys = isMap ? new KeyNames() : undefined;
    let scan = this.skipSpaces(at + 1);
    while (text.charCodeAt(scan) !== close || scan >= this.lineEnd) {
      let key: TreeScalar | undefined;
      if (map) {
        const keyItem = this.flowItem(scan, depth);
        if (keyItem?.node.kind !== 'scalar') return undefined;
        key = keyItem.node;
        const colon = this.skipSpaces(keyItem.end);
        // `key: value` only: `{a}`, `{a: }`, and JSON's `"a":1` are left to the parsers.
        if (text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE || colon + 1 >= this.lineEnd) return undefined;
        if (colon - scan > MAX_KEY_LENGTH) return undefined;
        if (typeof key.value !== 'string' || key.value === '__proto__' || !keys!.add(key.value)) return undefined;
        scan = this.skipSpaces(colon + 1);
      }
      const item = this.flowItem(scan, depth);
      if (!item) return undefined;
      scan = this.skipSpaces(item.end);
      if (scan >= this.lineEnd) return undefined;
      const after = text.charCodeAt(scan);
      if (after === COMMA) scan = this.skipSpaces(scan + 1);
      else if (after !== close) return undefined; // `[a: b]` (a pair in a list) and anything else
      if (map) map.pairs.push({ key: key!, value: item.node });
      else seq!.items.push(item.node);
    }
    span.end = scan + 1;
    return { node: (map ?? seq)!, end: scan + 1 };
  }

  /** One entry of a flow collection: a quoted or plain scalar, or a nested collection. */
  private flowItem(at: number, depth: number): FlowItem | undefined {
    if (at >= this.lineEnd) return undefined;
    const text = this.text;
    const code = text.charCodeAt(at);
    if (code === OPEN_BRACKET || code === OPEN_BRACE) return this.flow(at, depth + 1);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const scalar = code === DOUBLE_QUOTE ? this.doubleQuoted(at) : this.singleQuoted(at);
      return scalar && { node: scalar, end: scalar.span.end };
    }
    if (!this.startsPlain(at, true)) return undefined;
    // In flow context a plain scalar also ends at , [ ] { } and at a colon followed by one of them.
    const lineEnd = this.lineEnd;
    let scan = at;
    let last = at;
    while (scan < lineEnd) {
      const current = text.charCodeAt(scan);
      if (current === SPACE) {
        scan++;
        continue;
      }
      if (isFlowIndicator(current)) break;
      if (current === HASH && text.charCodeAt(scan - 1) === SPACE) return undefined; // a comment: the collection goes on below
      if (current === COLON && (scan + 1 === lineEnd || text.charCodeAt(scan + 1) === SPACE || isFlowIndicator(text.charCodeAt(scan + 1)))) break;
      scan++;
      last = scan;
    }
    if (scan >= lineEnd) return undefined;
    return { node: this.plain(at, last), end: scan };
  }

  /** Whether a plain scalar may start at `at` (not an indicator; `-` only before a non-blank). */
  private startsPlain(at: number, flow: boolean): boolean {
    if (at >= this.lineEnd) return false;
    const code = this.text.charCodeAt(at);
    if (code < 128 && START_OF_PLAIN[code] === INDICATOR) return false;
    if (code !== DASH) return true;
    if (at + 1 >= this.lineEnd) return false;
    const next = this.text.charCodeAt(at + 1);
    return next !== SPACE && !(flow && isFlowIndicator(next));
  }

  private plain(start: number, end: number): TreeScalar {
    const source = this.text.slice(start, end);
    // Most scalars are words ("Figure 3", "The survey"): only those that may be a null, boolean or
    // number go through the core schema.
    const code = this.text.charCodeAt(start);
    const kind = code < 128 ? START_OF_PLAIN[code] : 0;
    const length = end - start;
    const value = kind === NUMBER_OR_TILDE || (kind === NULL_OR_BOOLEAN && (length === 4 || length === 5)) ? plainValue(source) : source;
    return { kind: 'scalar', value, text: value === null ? undefined : source, span: { start, end } };
  }

  /** `'text'` closed on this line (`''` is a quote). */
  private singleQuoted(at: number): TreeScalar | undefined {
    const text = this.text;
    let value = '';
    let from = at + 1;
    for (;;) {
      const quote = text.indexOf("'", from);
      if (quote < 0 || quote >= this.lineEnd) return undefined;
      if (quote + 1 < this.lineEnd && text.charCodeAt(quote + 1) === SINGLE_QUOTE) {
        value += text.slice(from, quote + 1);
        from = quote + 2;
        continue;
      }
      value += text.slice(from, quote);
      return { kind: 'scalar', value, text: value, span: { start: at, end: quote + 1 } };
    }
  }

  /** `"text"` closed on this line, with simple escapes only (`\\ \" \/ \n \t \r \b \f \0 \xXX \uXXXX`). */
  private doubleQuoted(at: number): TreeScalar | undefined {
    const text = this.text;
    const lineEnd = this.lineEnd;
    let value = '';
    let from = at + 1;
    for (let scan = at + 1; scan < lineEnd; scan++) {
      const code = text.charCodeAt(scan);
      if (code === DOUBLE_QUOTE) {
        value += text.slice(from, scan);
        return { kind: 'scalar', value, text: value, span: { start: at, end: scan + 1 } };
      }
      if (code !== BACKSLASH) continue;
      value += text.slice(from, scan);
      const escape = text[scan + 1];
      if (scan + 1 >= lineEnd || escape === undefined) return undefined;
      const simple = SIMPLE_ESCAPES[escape];
      if (simple !== undefined) {
        value += simple;
        scan += 1;
      } else if (escape === 'x' || escape === 'u') {
        const digits = text.slice(scan + 2, scan + (escape === 'x' ? 4 : 6));
        if (digits.length !== (escape === 'x' ? 2 : 4) || !HEX_DIGITS.test(digits) || scan + 1 + digits.length >= lineEnd) return undefined;
        value += String.fromCharCode(parseInt(digits, 16));
        scan += 1 + digits.length;
      } else {
        return undefined;
      }
      from = scan + 1;
    }
    return undefined;
  }

  private isDash(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.lineEnd || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** `---` or `...` at the start of a line, alone or before a space. */
  private isDocumentMarker(at: number): boolean {
    const text = this.text;
    const code = text.charCodeAt(at);
    if ((code !== DASH && code !== 0x2e) || text.charCodeAt(at + 1) !== code || text.charCodeAt(at + 2) !== code || at + 3 > this.lineEnd) return false;
    return at + 3 === this.lineEnd || text.charCodeAt(at + 3) === SPACE;
  }

  private skipSpaces(at: number): number {
    while (at < this.lineEnd && this.text.charCodeAt(at) === SPACE) at++;
    return at;
  }

  /** Whether the line holds nothing more from `at` than blanks and a comment (a `#` after a blank). */
  private restIsBlank(at: number): boolean {
    const next = this.skipSpaces(at);
    if (next >= this.lineEnd) return true;
    if (this.text.charCodeAt(next) !== HASH || this.text.charCodeAt(next - 1) !== SPACE) return false;
    this.noteComment(next);
    return true;
  }
}
