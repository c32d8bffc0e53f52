// Quick fixes, each an edit of its own span only: cite a known source after an unsourced figure's
// sentence, write a figure in its metric's unit, replace an unknown source id with the nearest
// known one, and disable a rule for the next line.
import { parseMarkdown } from '../markdown';
import type { Diagnostic, Span } from '../model';
import { convertWritten } from '../quantity';
import { closestMatches } from '../text/closest-matches';
import type { ClaimWorkspace } from '../workspace/claim-workspace';

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
/** How far around a figure its paragraph (or table) is read to find its sentence. */
const PARAGRAPH_WINDOW = 20_000;

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
  const disabled = new Set<string>();
  let wrapped: Span[] | undefined;
  for (const diagnostic of overlapping) {
    const line = workspace.positionAt(file, diagnostic.span.start).line;
    const key = `${line}:${diagnostic.rule}`;
    if (disabled.has(key)) continue;
    disabled.add(key);
    if (isMarkdown) wrapped ??= spansOverLineBreaks(workspace, text, file, diagnostics);
    const action = disableForLine(workspace, text, diagnostic, line, isMarkdown, wrapped ?? []);
    if (action) actions.push(action);
  }
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
 *  Flow-style claims (`{value: …}`) and claims that already have a `sources:` key get no fix. */
function insertYamlSources(workspace: ClaimWorkspace, text: string, diagnostic: Diagnostic): CodeAction[] {
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

/** Just after the last blank line before `at`, or the window's start. */
function paragraphStart(text: string, at: number): number {
  const limit = Math.max(0, at - PARAGRAPH_WINDOW);
  const blank = Math.max(text.lastIndexOf('\n\n', at), text.lastIndexOf('\r\r', at), text.lastIndexOf('\n\r\n', at));
  return blank >= limit ? blank + 1 : limit;
}

/** Just after the last line before the next blank line after `at`, or the window's end. */
function paragraphEnd(text: string, at: number): number {
  const limit = Math.min(text.length, at + PARAGRAPH_WINDOW);
  const ends = ['\n\n', '\r\r', '\r\n\r'].map((blank) => text.indexOf(blank, at)).filter((i) => i >= 0 && i <= limit);
  return ends.length > 0 ? Math.min(...ends) + 1 : limit;
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
  for (const claim of workspace.claims()) {
    if (claim.file !== file || !claim.quantity || claim.span.start > range.end || claim.span.end < range.start) continue;
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

/**
 * The spans of a Markdown file's claims and diagnostics that run over a line break, such as a
 * figure wrapped as "2024" / "tons": a comment line inserted inside one would split it.
 */
function spansOverLineBreaks(workspace: ClaimWorkspace, text: string, file: string, diagnostics: readonly Diagnostic[]): Span[] {
  const spans: Span[] = [];
  const consider = (span: Span): void => {
    for (let i = span.start; i < span.end; i++) {
      if (text.charCodeAt(i) === 10) {
        spans.push(span);
        return;
      }
    }
  };
  for (const claim of workspace.claimsIn(file)) consider(claim.span);
  for (const diagnostic of diagnostics) if (diagnostic.file === file) consider(diagnostic.span);
  return spans;
}

/**
 * "Disable RULE for this line": a `disable-next-line` comment on a line of its own above the line.
 * Where a wrapped figure or citation runs into the line (a new line would split it), a
 * `disable-line` comment at the line's end instead; where one also runs on past it, none.
 */
function disableForLine(workspace: ClaimWorkspace, text: string, diagnostic: Diagnostic, line: number, isMarkdown: boolean, wrapped: readonly Span[]): CodeAction | undefined {
  const lineStart = workspace.offsetAt(diagnostic.file, { line, character: 0 });
  const title = `Disable ${diagnostic.rule} for this line`;
  const crosses = (at: number): boolean => wrapped.some((span) => span.start < at && span.end > at);
  if (isMarkdown && crosses(lineStart)) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (crosses(lineEnd)) return undefined;
    return { title, edits: [{ file: diagnostic.file, span: { start: lineEnd, end: lineEnd }, newText: ` <!-- claimlint-disable-line ${diagnostic.rule} -->` }], diagnostic };
  }
  let indentEnd = lineStart;
  while (text[indentEnd] === ' ' || text[indentEnd] === '\t') indentEnd++;
  const indent = text.slice(lineStart, indentEnd);
  const comment = isMarkdown ? `<!-- claimlint-disable-next-line ${diagnostic.rule} -->` : `# claimlint-disable-next-line ${diagnostic.rule}`;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return { title, edits: [{ file: diagnostic.file, span: { start: lineStart, end: lineStart }, newText: `${indent}${comment}${newline}` }], diagnostic };
}
