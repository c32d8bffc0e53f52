// Turns ajv's schema errors into one-line `invalid-claim` findings located on the YAML node that
// is wrong: ajv says where in the data (`instancePath`), the document (or the fast readers' tree,
// which has the same spans) says where in the text.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isNode } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Finding, Span } from '../model';
import { didYouMean } from './closest-name';
import { describeValue, quoted, withArticle } from './message-text';
import { finding, nodeAtPath, nodeSpan, pairOf, resolved, type ParsedYaml } from './yaml-document';
import type { TreeNode } from './yaml-tree';

/** A schema violation: where in the data, which check failed, and the finding for it. */
export interface SchemaProblem {
  path: string[];
  keyword: string;
  finding: Finding;
  /** False when the document has syntax errors (its data is then a guess: fix those first) or it repeats another problem. */
  reported: boolean;
}

/** What the caller knows about its file that makes messages read well. */
export interface MessageHints {
  /** How the value at a path is named in messages ("subject", `metric "re-reserves"`). */
  label?(path: readonly string[]): string | undefined;
  /** What the value at a path should be, for type errors ("a source id or {id, locator, quote}"). */
  expectation?(path: readonly string[]): string | undefined;
  /** A whole message for any error at a path (dates have one message whatever check failed). */
  message?(path: readonly string[], data: unknown): string | undefined;
}

/** Where the value at a data path is written, for one of ajv's errors. */
type Locator = (path: string[], error: ErrorObject) => Span;

export function schemaProblems(
  validate: ValidateFunction,
  parsed: ParsedYaml,
  file: string,
  hints: MessageHints = {},
): SchemaProblem[] {
  if (parsed.data === undefined) return [];
  return problemsOf(validate, parsed.data, parsed.hasSyntaxErrors, (path, error) => locate(parsed, path, error), file, hints);
}

/**
 * `schemaProblems` for a text the plain scanner or js-yaml read without a syntax error, located on
 * their tree: a file that only breaks the schema (an unknown key, a value being typed) need not be
 * read again by `yaml`, which takes about ten times as long, at every edit.
 */
export function schemaProblemsOnTree(validate: ValidateFunction, text: string, tree: TreeNode | null, data: unknown, file: string, hints: MessageHints = {}): SchemaProblem[] {
  return problemsOf(validate, data, false, (path, error) => locateOnTree(text, tree, path, error), file, hints);
}

function problemsOf(validate: ValidateFunction, data: unknown, hasSyntaxErrors: boolean, locate: Locator, file: string, hints: MessageHints): SchemaProblem[] {
  // An empty file (or one of comments only) is an empty mapping: nothing in it, nothing wrong.
  if (data === null) data = {};
  if (validate(data)) return [];
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of validate.errors ?? []) {
    // `if` only says "then/else failed"; the branch's own error says what is wrong.
    if (error.keyword === 'if') continue;
    const path = pointerSegments(error.instancePath);
    const located = locate(path, error);
    const message = messageFor(error, path, hints);
    const key = `${located.start}:${located.end}:${message}`;
    const repeated = seen.has(key);
    seen.add(key);
    problems.push({ path, keyword: error.keyword, finding: finding(file, located, message), reported: !repeated && !hasSyntaxErrors });
  }
  return problems.sort((a, b) => a.finding.span.start - b.finding.span.start);
}

/** JSON pointer → segments (`/claims/0/as_of` → ["claims", "0", "as_of"]). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function locate(parsed: ParsedYaml, path: string[], error: ErrorObject): Span {
  const target = nodeAtPath(parsed.doc, path);
  const node = target.node;
  if (!node) return { start: 0, end: 0 };
  if (!target.complete) return nodeSpan(node);
  const value = resolved(parsed.doc, node);
  if (error.keyword === 'additionalProperties' && isMap(value)) {
    const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    const pair = pairOf(value, extra);
    if (pair && isNode(pair.key)) return nodeSpan(pair.key);
  }
  if (error.keyword === 'required' && isMap(value) && !value.flow) {
    // Underline where the mapping begins rather than every line of it.
    const firstKey: unknown = value.items[0]?.key;
    if (isNode(firstKey)) return nodeSpan(firstKey);
  }
  return nodeSpan(node as YamlNode);
}

/** `locate`, on a tree: the same node, so the same span (the tree's spans are the document's). */
function locateOnTree(text: string, tree: TreeNode | null, path: string[], error: ErrorObject): Span {
  let node: TreeNode | undefined = tree ?? undefined;
  // Inside a flow collection everything is flow (`[u: x]` holds a one-pair flow mapping).
  const opensFlow = (at: TreeNode): boolean => text.charCodeAt(at.span.start) === 0x7b || text.charCodeAt(at.span.start) === 0x5b;
  let inFlow = false;
  for (const segment of path) {
    const current: TreeNode | undefined = node?.kind === 'alias' ? node.target : node;
    if (current && opensFlow(current)) inFlow = true;
    let next: TreeNode | undefined;
    if (current?.kind === 'map') {
      const pair = current.pairs.find((candidate) => candidate.key.kind === 'scalar' && String(candidate.key.value) === segment);
      // `key:` with no value still has a place to point at: its key.
      next = pair && (pair.value ?? pair.key);
    } else if (current?.kind === 'seq' && /^\d+$/.test(segment)) {
      next = current.items[Number(segment)];
    }
    if (!next) return current ? current.span : { start: 0, end: 0 };
    node = next;
  }
  if (!node) return { start: 0, end: 0 };
  const value = node.kind === 'alias' ? node.target : node;
  if (error.keyword === 'additionalProperties' && value?.kind === 'map') {
    const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    const pair = value.pairs.find((candidate) => candidate.key.kind === 'scalar' && String(candidate.key.value) === extra);
    if (pair) return pair.key.span;
  }
  // Underline where a block mapping begins rather than every line of it.
  if (error.keyword === 'required' && value?.kind === 'map' && !inFlow && !opensFlow(value)) {
    const firstKey = value.pairs[0]?.key;
    if (firstKey) return firstKey.span;
  }
  return node.span;
}

function messageFor(error: ErrorObject, path: string[], hints: MessageHints): string {
  const whole = hints.message?.(path, error.data);
  if (whole !== undefined) return whole;
  const title = typeof error.parentSchema?.title === 'string' ? error.parentSchema.title : undefined;
  const label = labelFor(path, title, hints);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      if (title === 'rules') return `unknown rule ${quoted(extra)}${didYouMean(extra, known)}`;
      return `unknown key ${quoted(extra)} in ${ownerName(path, title, hints)}${didYouMean(extra, known)}`;
    }
    case 'required':
      return `${ownerName(path, title, hints, false)} has no ${String(params.missingProperty)}`;
    case 'type': {
      const expected = hints.expectation?.(path) ?? typeNoun(String(params.type));
      return `${label} must be ${expected} (got ${describeValue(error.data)})`;
    }
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[]) ?? []).map(String);
      const got = typeof error.data === 'string' ? error.data : '';
      const suggestion = didYouMean(got, allowed).replace(/^ \((.*)\)$/, '; $1');
      return `${label} must be ${listOr(allowed)} (got ${describeValue(error.data)}${suggestion})`;
    }
    case 'minLength':
      return `${label} must not be empty`;
    case 'format':
      return params.format === 'uri'
        ? `${label} must be a full URL such as https://example.org/report.pdf (got ${describeValue(error.data)})`
        : `${label} must be a ${String(params.format)} (got ${describeValue(error.data)})`;
    case 'minimum':
      return `${label} must be at least ${String(params.limit)} (got ${describeValue(error.data)})`;
    case 'exclusiveMinimum':
      return `${label} must be more than ${String(params.limit)} (got ${describeValue(error.data)})`;
    case 'maximum':
      return `${label} must be at most ${String(params.limit)} (got ${describeValue(error.data)})`;
    case 'exclusiveMaximum':
      return `${label} must be less than ${String(params.limit)} (got ${describeValue(error.data)})`;
    default:
      return `${label} ${error.message ?? 'is not valid'}`;
  }
}

function labelFor(path: readonly string[], title: string | undefined, hints: MessageHints): string {
  const hinted = hints.label?.(path);
  if (hinted !== undefined) return hinted;
  const last = path[path.length - 1];
  if (last === undefined) return title ?? 'the file';
  if (/^\d+$/.test(last)) {
    if (title !== undefined) return title;
    const parent = path[path.length - 2];
    return parent === undefined ? `entry ${Number(last) + 1}` : `entry ${Number(last) + 1} of ${parent}`;
  }
  return last.length > 40 ? quoted(last) : last;
}

/** "a claim" / "claimlint.yaml" / `metric "re-reserves"`: what a mapping is, for "unknown key … in X". */
function ownerName(path: readonly string[], title: string | undefined, hints: MessageHints, article = true): string {
  const hinted = hints.label?.(path);
  if (hinted !== undefined) return hinted;
  if (title === undefined) return labelFor(path, title, hints);
  return article && !title.includes('.') ? withArticle(title) : title;
}

function typeNoun(type: string): string {
  const nouns: Record<string, string> = {
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    null: 'empty',
  };
  const parts = type.split(',').filter((part) => part !== 'null');
  return listOr(parts.map((part) => nouns[part] ?? part));
}

function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
