// "Disable RULE for this line": a suppression comment as the file's own syntax reads it, put where
// it changes nothing else. Each edit is read again before it is offered (the paragraph around it in
// Markdown, the file in a small claim file), and one that would read differently is not offered.
import { parseMarkdown, type MarkdownDocument } from '../markdown';
import { readFrontMatter, type FrontMatter } from '../markdown/front-matter';
import type { Diagnostic, Span } from '../model';
import type { ClaimWorkspace } from '../workspace/claim-workspace';
import { LineIndex } from '../text/line-index';
import { parseClaimsFile, type ParsedClaimsFile } from '../yaml/claims-file';
import type { CodeAction, TextEdit } from './code-actions';
import { paragraphEnd, paragraphStart } from './paragraph-window';

/** At most this many lines' disable fixes per request: a range over a whole document could ask for
 *  thousands, each read again, and no one picks from a list that long. */
const MAX_DISABLE_ACTIONS = 32;
/** Claim files up to this size are read again with the comment in (about 12 ms; 100 ms a megabyte). */
const MAX_CLAIMS_REREAD = 128 * 1024;

/** What the fixes of one request share, read once. */
interface DisableContext {
  markdown?: {
    /** Spans that run over a line break, which no comment may split. */
    wrapped: Span[];
    frontMatter: FrontMatter | undefined;
    /** Paragraphs as read before the edit, by their window. */
    paragraphs: Map<string, MarkdownDocument>;
  };
  /** Set for a claim file small enough to read again with each comment in. */
  claims?: true;
}

/** One fix per line and rule of the diagnostics in range, the first MAX_DISABLE_ACTIONS of them. */
export function disableActions(workspace: ClaimWorkspace, text: string, file: string, isMarkdown: boolean, overlapping: readonly Diagnostic[], diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  // Most requests (a cursor moving through the text) have no diagnostic in range: read nothing for them.
  if (overlapping.length === 0) return actions;
  const disabled = new Set<string>();
  const context: DisableContext = isMarkdown
    ? { markdown: { wrapped: spansOverLineBreaks(workspace, text, file, diagnostics), frontMatter: readFrontMatter(text), paragraphs: new Map() } }
    : workspace.kindOf(file) === 'claims' && text.length <= MAX_CLAIMS_REREAD
      ? { claims: true }
      : {};
  for (const diagnostic of overlapping) {
    if (disabled.size >= MAX_DISABLE_ACTIONS) break;
    const line = workspace.positionAt(file, diagnostic.span.start).line;
    const key = `${line}:${diagnostic.rule}`;
    if (disabled.has(key)) continue;
    disabled.add(key);
    const action = disableForLine(workspace, text, diagnostic, line, context);
    if (action) actions.push(action);
  }
  return actions;
}

/**
 * The spans of a Markdown file's claims, citations and diagnostics that run over a line break, such as a
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
  for (const { citation } of workspace.citationsIn(file)) consider(citation.span);
  for (const diagnostic of diagnostics) if (diagnostic.file === file) consider(diagnostic.span);
  return spans;
}

/** A line that opens a block quote or a list item: its first characters are a container's marker. */
const CONTAINER_MARKER = /^[ \t]*(?:>|[-+*][ \t]|\d{1,9}[.)][ \t])/;
/** An ATX heading's opening #s, inside block quotes too. */
const ATX_HEADING = /^(?:[ \t]*>)*[ \t]{0,3}#{1,6}(?:[ \t]|$)/;

/**
 * "Disable RULE for this line", as a comment the file's own syntax reads. In a claim file, and in a
 * Markdown file's front matter (YAML too), a `# claimlint-disable-next-line` line above the line.
 * In Markdown, a `disable-next-line` comment on a line of its own above, where a block starts
 * anyway: at the file's start or after a blank line, outside a block quote or list item's marker.
 * Elsewhere (a table row, a paragraph's second line, a quote, a list item) an HTML comment line
 * interrupts the table, paragraph, quote or list, which changes how the report renders and what
 * claimlint reads around it; so, as where a wrapped figure or citation runs into the line, a
 * `disable-line` comment at the line's end instead; where a span also runs on past that end, or
 * raw HTML (`<!--`, `<!X`, `<?`) in the paragraph is open there or never closed, none.
 */
function disableForLine(workspace: ClaimWorkspace, text: string, diagnostic: Diagnostic, line: number, context: DisableContext): CodeAction | undefined {
  const markdown = context.markdown;
  const lineStart = workspace.offsetAt(diagnostic.file, { line, character: 0 });
  const title = `Disable ${diagnostic.rule} for this line`;
  const frontMatter = markdown?.frontMatter;
  const inFrontMatter = frontMatter !== undefined && lineStart < frontMatter.span.end;
  // The fences themselves: a line above the opening one would undo the front matter.
  if (inFrontMatter && (lineStart < frontMatter.content.start || lineStart >= frontMatter.content.end)) return undefined;
  if (markdown && !inFrontMatter) {
    const crosses = (at: number): boolean => markdown.wrapped.some((span) => span.start < at && span.end > at);
    if (crosses(lineStart) || !startsBlock(text, lineStart)) {
      const at = lineCommentPoint(text, lineStart, diagnostic.span.end);
      const edit = { file: diagnostic.file, span: { start: at, end: at }, newText: ` <!-- claimlint-disable-line ${diagnostic.rule} -->` };
      // The paragraph from the line's start: from its end, just before a blank line, it would find that one.
      const paragraph = { start: paragraphStart(text, lineStart), end: paragraphEnd(text, at) };
      if (crosses(at) || unclosedRawHtml(text, paragraph, at) || !readsAsSuppression(text, paragraph, edit, lineStart, diagnostic.rule, markdown.paragraphs)) return undefined;
      return { title, edits: [edit], diagnostic };
    }
  }
  let indentEnd = lineStart;
  while (text[indentEnd] === ' ' || text[indentEnd] === '\t') indentEnd++;
  const indent = text.slice(lineStart, indentEnd);
  const comment = markdown && !inFrontMatter ? `<!-- claimlint-disable-next-line ${diagnostic.rule} -->` : `# claimlint-disable-next-line ${diagnostic.rule}`;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const edit = { file: diagnostic.file, span: { start: lineStart, end: lineStart }, newText: `${indent}${comment}${newline}` };
  if (context.claims && !claimsReadAsBefore(text, edit, line + 1, diagnostic.rule)) return undefined;
  return { title, edits: [edit], diagnostic };
}

/**
 * Whether a claim file, with `edit`'s comment line inserted, holds the same claims and findings and
 * reads the comment as a suppression of `rule` on `line`. A comment line inside an unclosed flow
 * collection (`sources: [a,` … on the next lines) can change how the rest of a broken file reads.
 */
function claimsReadAsBefore(text: string, edit: TextEdit, line: number, rule: string): boolean {
  if (reread?.file !== edit.file || reread.text !== text) {
    reread = { file: edit.file, text, before: claimsReading(parseClaimsFile(text, edit.file)), verdicts: new Map() };
  }
  // The comment's line follows from where it goes, and its rule is in its text.
  const key = `${edit.span.start}:${edit.newText}`;
  const known = reread.verdicts.get(key);
  if (known !== undefined) return known;
  const after = parseClaimsFile(text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end), edit.file);
  const verdict = after.suppressions.some((s) => s.fromLine <= line && line <= s.toLine && s.rules.includes(rule)) && claimsReading(after) === reread.before;
  reread.verdicts.set(key, verdict);
  return verdict;
}

/**
 * The last claim file read again, as it reads, and each comment line's verdict: an editor asks for
 * the same line's fixes at every cursor move and lightbulb until the text changes, and each read of
 * a 128 KB file takes tens of milliseconds. One file at a time, keyed by its whole text.
 */
let reread: { file: string; text: string; before: string; verdicts: Map<string, boolean> } | undefined;

/** What must not change: the claims' fields as written and the findings' rules. */
function claimsReading(file: ParsedClaimsFile): string {
  return JSON.stringify([
    file.claims.map((c) => [c.id?.value, c.subject?.value, c.metric?.value, c.value?.value, c.asOf?.value, c.sources.map((source) => source.id)]),
    file.findings.map((f) => f.rule).sort(),
  ]);
}

/** The end of each HTML construct that may hold a `-->`: CommonMark reads all of them as raw HTML. */
const HTML_CLOSERS: readonly (readonly [RegExp, string])[] = [
  [/^<!--/, '-->'],
  [/^<!\[CDATA\[/, ']]>'],
  [/^<\?/, '?>'],
  [/^<![A-Za-z]/, '>'],
];

/**
 * Whether raw HTML in the paragraph (a comment, declaration or processing
 * instruction) is open at `at`, where the inserted comment would end up inside it or close it and
 * hide the text between; or is never closed, which markdown-it may then read differently around
 * the new comment (inside an unclosed `[`, it shows the comment as text).
 */
function unclosedRawHtml(text: string, paragraph: Span, at: number): boolean {
  const to = paragraph.end;
  for (let i = text.indexOf('<', paragraph.start); i >= 0 && i < to; i = text.indexOf('<', i + 1)) {
    const opener = text.slice(i, i + 9);
    const closer = HTML_CLOSERS.find(([start]) => start.test(opener))?.[1];
    if (!closer) continue;
    const closed = text.indexOf(closer, i + 2);
    if (closed < 0 || closed + closer.length > to || (i < at && closed + closer.length > at)) return true;
    i = closed;
  }
  return false;
}

/** Whether a comment line inserted at `lineStart` leaves the blocks around it as they were. */
function startsBlock(text: string, lineStart: number): boolean {
  if (CONTAINER_MARKER.test(text.slice(lineStart, lineStart + 16))) return false;
  if (lineStart === 0) return true;
  let previous = lineStart - 1;
  if (text[previous] === '\n' && text[previous - 1] === '\r') previous--;
  for (let i = previous - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

/**
 * Where a `disable-line` comment goes on the line at `lineStart`: at its end, but before a hard line
 * break (trailing spaces or a backslash) and an ATX heading's closing #s, which must stay last. In a
 * table row, at the end of the cell that holds the finding (ending at `findingEnd`): past the row's
 * last pipe it would be an extra cell, and a row with more cells than its header loses the rest.
 */
function lineCommentPoint(text: string, lineStart: number, findingEnd: number): number {
  // Lines end at \n, \r\n or a lone \r, as the line numbers of suppressions count them.
  let lineEnd = lineStart;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  let end = lineEnd;
  while (end > lineStart && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  if (ATX_HEADING.test(text.slice(lineStart, Math.min(end, lineStart + 64)))) {
    let hashes = end;
    while (hashes > lineStart && text[hashes - 1] === '#') hashes--;
    let spaces = hashes;
    while (spaces > lineStart && (text[spaces - 1] === ' ' || text[spaces - 1] === '\t')) spaces--;
    if (hashes < end && spaces < hashes) return spaces;
  }
  if (end > lineStart && text[end - 1] === '|' && text[end - 2] !== '\\') {
    let pipe = Math.min(Math.max(findingEnd, lineStart), end - 1);
    while (pipe < end - 1 && !(text[pipe] === '|' && text[pipe - 1] !== '\\')) pipe++;
    while (pipe > lineStart && (text[pipe - 1] === ' ' || text[pipe - 1] === '\t')) pipe--;
    return pipe;
  }
  if (end === lineEnd) {
    let slashes = 0;
    while (end - slashes > lineStart && text[end - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 1) return end - 1;
  }
  return end;
}

/**
 * Whether the document, with `edit`'s comment inserted, reads as before but for the comment, and
 * the comment as a suppression of `rule` on the line at `lineStart`: the paragraph is read again both
 * ways. A comment that lands in a code span, or that ends the paragraph's table, is caught here.
 */
function readsAsSuppression(text: string, paragraph: Span, edit: TextEdit, lineStart: number, rule: string, paragraphs: Map<string, MarkdownDocument>): boolean {
  const at = edit.span.start;
  const { start: from, end: to } = paragraph;
  const window = text.slice(from, to);
  const relative = at - from;
  const key = `${from}:${to}`;
  let before = paragraphs.get(key);
  if (!before) paragraphs.set(key, (before = parseMarkdown(window)));
  const after = parseMarkdown(window.slice(0, relative) + edit.newText + window.slice(relative));
  const length = edit.newText.length;
  // The finding's line, which the comment must cover (the comment is on it, unless a line end was missed).
  const line = new LineIndex(window).positionAt(lineStart - from).line;
  if (!after.suppressions.some((s) => s.fromLine <= line && line <= s.toLine && s.rules.includes(rule))) return false;
  if (after.prose.slice(0, relative) + after.prose.slice(relative + length) !== before.prose) return false;
  if (after.sentences.length !== before.sentences.length) return false;
  const back = (offset: number): number => (offset >= relative + length ? offset - length : offset);
  return after.sentences.every((sentence, index) => {
    const old = before.sentences[index]!;
    return back(sentence.span.start) === old.span.start && back(sentence.span.end) === old.span.end && sentence.inTable === old.inTable;
  });
}
