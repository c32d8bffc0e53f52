// Quick fixes, each an edit of its own span only: cite a known source after an unsourced figure's
// sentence, write a figure in its metric's unit, replace an unknown source id with the nearest
// known one, and disable a rule for a line (disable-for-line.ts).
import { parseMarkdown } from '../markdown';
import type { Diagnostic, Span } from '../model';
import { convertWritten } from '../quantity';
import { closestMatches } from '../text/closest-matches';
import type { ClaimWorkspace } from '../workspace/claim-workspace';
import { disableActions } from './disable-for-line';
import { paragraphEnd, paragraphStart } from './paragraph-window';

export interface TextEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface CodeAction {
  title: string;
  edits: TextEdit[];
  /** The diagnostic the action fixes, when it fixes one. */
  diagnostic?: Diagnostic;
  preferred?: boolean;
}

/** How many sources the insert-citation fix offers. */
const CITATION_CHOICES = 3;
/** How far after a figure the sentence end is looked for. */
const SENTENCE_WINDOW = 2000;

export function codeActionsAt(workspace: ClaimWorkspace, diagnostics: readonly Diagnostic[], file: string, range: Span): CodeAction[] {
  const text = workspace.textOf(file);
  if (text === undefined) return [];
  const overlapping = diagnostics.filter((d) => d.file === file && d.span.start <= range.end && d.span.end >= range.start);
  const actions: CodeAction[] = [];
  const isMarkdown = workspace.kindOf(file) === 'markdown' || file.startsWith('untitled:');
  // Loops, not push(...list): a range over a whole 10 MB document can hold more figures than a call's arguments.
  for (const diagnostic of overlapping) {
    if (diagnostic.rule === 'missing-source') {
      for (const action of isMarkdown ? insertCitations(workspace, text, diagnostic) : insertYamlSources(workspace, text, diagnostic)) actions.push(action);
    }
    if (diagnostic.rule === 'unknown-source') for (const action of replaceUnknownSource(workspace, text, diagnostic)) actions.push(action);
  }
  for (const action of convertUnits(workspace, text, file, range)) actions.push(action);
  for (const action of disableActions(workspace, text, file, isMarkdown, overlapping, diagnostics)) actions.push(action);
  return actions;
}

function insertCitations(workspace: ClaimWorkspace, text: string, diagnostic: Diagnostic): CodeAction[] {
  const at = citationPoint(text, diagnostic.span);
  return nearestSourceIds(workspace, diagnostic.file, diagnostic.span.start)
    .slice(0, CITATION_CHOICES)
    .map((id, index) => ({
      title: `Cite [@${id}]`,
      edits: [{ file: diagnostic.file, span: { start: at, end: at }, newText: ` [@${id}]` }],
      diagnostic,
      preferred: index === 0,
    }));
}

/** A YAML claim in block style gets a `sources:` line under its `value:` line, at the key's indent.
 *  Flow-style claims (`{value: …}`), values over more than one line (whose end may be where the
 *  next key begins) and claims that already have a `sources:` key get no fix. */
function insertYamlSources(workspace: ClaimWorkspace, text: string, diagnostic: Diagnostic): CodeAction[] {
  if (/[\r\n]/.test(text.slice(diagnostic.span.start, diagnostic.span.end))) return [];
  const lineStart = text.lastIndexOf('\n', diagnostic.span.start - 1) + 1;
  const valueKey = /^([ \t]*(?:-[ \t]+)?)value[ \t]*:/.exec(text.slice(lineStart, diagnostic.span.start));
  if (!valueKey) return [];
  const indent = ' '.repeat(valueKey[1]!.length);
  let lineEnd = text.indexOf('\n', diagnostic.span.end);
  if (lineEnd < 0) lineEnd = text.length;
  const crlf = text[lineEnd - 1] === '\r';
  const insertAt = crlf ? lineEnd - 1 : lineEnd;
  // The claim's other keys: the following lines indented at least as deep as `value:`.
  for (const line of text.slice(lineEnd + 1).split('\n')) {
    const depth = /^ */.exec(line)![0].length;
    if (line.trim() !== '' && depth < indent.length) break;
    if (depth === indent.length && /^\s*sources\s*:/.test(line)) return [];
  }
  return nearestSourceIds(workspace, diagnostic.file, diagnostic.span.start)
    .slice(0, CITATION_CHOICES)
    .map((id, index) => ({
      title: `Add sources: [${id}]`,
      edits: [{ file: diagnostic.file, span: { start: insertAt, end: insertAt }, newText: `${crlf ? '\r\n' : '\n'}${indent}sources: [${id}]` }],
      diagnostic,
      preferred: index === 0,
    }));
}

const TERMINATORS = new Set(['.', '!', '?', '。', '！', '？']);
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '」', '』', '）', '*', '_']);

/**
 * Where a citation goes: inside the figure's sentence as the Markdown reader splits it, before its
 * closing full stop (`U.S.` and `3.5` are not one), or at its end (a table cell ends before its
 * pipe). Only the figure's paragraph is read, so a long document costs no more than a short one.
 */
function citationPoint(text: string, figure: Span): number {
  const from = paragraphStart(text, figure.start);
  const to = paragraphEnd(text, figure.end);
  const paragraph = text.slice(from, to);
  const [start, end] = [figure.start - from, figure.end - from];
  const sentence = parseMarkdown(paragraph).sentences.find((s) => s.span.start <= start && end <= s.span.end);
  if (!sentence) return sentenceEnd(text, figure.end);
  let at = sentence.span.end;
  while (at > end && CLOSERS.has(paragraph[at - 1]!)) at--;
  if (!TERMINATORS.has(paragraph[at - 1]!)) return from + sentence.span.end;
  while (at > end && TERMINATORS.has(paragraph[at - 1]!)) at--;
  return from + at;
}

/** Where a citation goes when the reader finds no sentence: before the full stop that ends the figure's sentence, else at the line's end. */
function sentenceEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + SENTENCE_WINDOW);
  for (let i = from; i < limit; i++) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') return trimBack(text, i);
    if ('。！？'.includes(c)) return i;
    if ('.!?'.includes(c) && (i + 1 >= text.length || /\s/.test(text[i + 1]!))) return i;
  }
  return trimBack(text, limit);
}

function trimBack(text: string, end: number): number {
  let i = end;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
}

/** Known source ids, those cited nearest to the offset in the same document first, then the registry's order. */
function nearestSourceIds(workspace: ClaimWorkspace, file: string, offset: number): string[] {
  const distance = new Map<string, number>();
  for (const { citation } of workspace.citationsIn(file)) {
    if (!citation.id) continue;
    const d = Math.abs(citation.span.start - offset);
    distance.set(citation.id, Math.min(distance.get(citation.id) ?? Infinity, d));
  }
  const ids = [...new Set(workspace.sources().map((s) => s.id))];
  return ids
    .map((id, order) => ({ id, order, d: distance.get(id) ?? Infinity }))
    .sort((a, b) => a.d - b.d || a.order - b.order)
    .map((s) => s.id);
}

function replaceUnknownSource(workspace: ClaimWorkspace, text: string, diagnostic: Diagnostic): CodeAction[] {
  const written = text.slice(diagnostic.span.start, diagnostic.span.end);
  const known = new Set(workspace.sources().map((s) => s.id));
  return closestMatches(written, known).map((id, index) => ({
    title: `Replace "${written}" with "${id}"`,
    edits: [{ file: diagnostic.file, span: diagnostic.span, newText: id }],
    diagnostic,
    preferred: index === 0,
  }));
}

function convertUnits(workspace: ClaimWorkspace, text: string, file: string, range: Span): CodeAction[] {
  const actions: CodeAction[] = [];
  // The file's own claims: the workspace's are 100,000 at scale, and a cursor move asks again.
  for (const claim of workspace.claimsIn(file)) {
    if (!claim.quantity || claim.span.start > range.end || claim.span.end < range.start) continue;
    const unit = claim.metric ? workspace.vocabulary.get('metric', claim.metric.id)?.unit : undefined;
    if (!unit) continue;
    const written = text.slice(claim.span.start, claim.span.end);
    // Only figures written as one piece of text (not a YAML {amount, unit} map) can be rewritten in place.
    if (written !== claim.quantity.written.text) continue;
    const converted = convertWritten(claim.quantity, unit);
    if (converted === undefined || converted === written) continue;
    actions.push({ title: `Write ${written} as ${converted}`, edits: [{ file, span: claim.span, newText: converted }] });
  }
  return actions;
}
