// BibTeX registries: every entry is a source whose id is its citation key. Parsed with
// astrocite-bibtex's located grammar; a broken entry is reported and the others still count.
import { parse as parseBibtex } from 'astrocite-bibtex/lib/grammar';
import type { BibEntry, BibFile, BibProperty } from 'astrocite-bibtex/lib/grammar';
import type { Finding, SourceEntry, Span } from '../model';
import { quoted } from '../yaml/message-text';
import { isPartialDate } from '../yaml/partial-date';
import { finding, oneLine, visibleSpan } from '../yaml/yaml-document';
import { bibText, MONTH_MACROS } from './bibtex-values';
import { resolvePath } from './resolve-path';

/** Fields read literally: paths and URLs keep their `_` and `%`. */
const VERBATIM_FIELDS = ['url', 'doi', 'file', 'eprint', 'archive'];

/** Where a publisher may be written, by entry type: the first one present wins. */
const PUBLISHER_FIELDS = ['publisher', 'institution', 'organization', 'journal', 'journaltitle', 'school'];

interface ParsedPiece {
  file: BibFile;
  /** Offset of the piece in the whole text (0 when the whole text parsed at once). */
  base: number;
}

export function parseBibtexRegistry(text: string, file: string): { sources: SourceEntry[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const pieces: ParsedPiece[] = [];
  try {
    pieces.push({ file: parseBibtexNestedLittle(text), base: 0 });
  } catch (wholeFileError) {
    // Something is broken: read entry by entry (each parse is linear in its entry, so this stays
    // linear overall) and report each entry that does not parse.
    for (const chunk of entryChunks(text)) {
      const chunkText = text.slice(chunk.start, chunk.end);
      try {
        pieces.push({ file: parseBibtexNestedLittle(chunkText), base: chunk.start });
      } catch (error) {
        findings.push(brokenEntryFinding(text, file, chunk, error));
      }
    }
    // The break was somewhere no chunk starts (an entry not at the start of a line): report the
    // whole-file error rather than nothing.
    if (findings.length === 0) findings.push(brokenEntryFinding(text, file, { start: 0, end: text.length }, wholeFileError));
  }
  const macros = new Map<string, string>();
  for (const piece of pieces) {
    for (const node of piece.file.children) {
      if (node.kind === 'StringExpression') macros.set(node.key.toLowerCase(), bibText(node.value, macros));
    }
  }
  const sources: SourceEntry[] = [];
  for (const piece of pieces) {
    for (const node of piece.file.children) {
      if (node.kind !== 'Entry') continue;
      const source = entrySource(node, piece.base, text, file, macros, findings);
      if (source) sources.push(source);
    }
  }
  return { sources, findings };
}

function entrySource(
  entry: BibEntry,
  base: number,
  text: string,
  file: string,
  macros: ReadonlyMap<string, string>,
  findings: Finding[],
): SourceEntry | undefined {
  const span = trimmedSpan(text, base + entry.loc.start.offset, base + entry.loc.end.offset);
  const id = entry.id.trim();
  const idSpan = keySpan(text, span.start, id);
  if (id === '') {
    findings.push(finding(file, idSpan, 'BibTeX entry has no citation key, so nothing can cite it'));
    return undefined;
  }
  const fields = new Map<string, BibProperty>();
  for (const property of entry.properties) {
    const key = property.key.toLowerCase();
    if (!fields.has(key)) fields.set(key, property); // BibTeX keeps the first of repeated fields
  }
  const field = (name: string): string | undefined => {
    const property = fields.get(name);
    const value = property ? bibText(property.value, macros) : '';
    return value === '' ? undefined : value;
  };
  const source: SourceEntry = { id, file, span, idSpan, format: 'bibtex' };
  const title = field('title');
  if (title) source.title = title;
  const publisher = PUBLISHER_FIELDS.map(field).find((value) => value !== undefined);
  if (publisher) source.publisher = publisher;
  const url = field('url') ?? urlIn(field('howpublished')) ?? doiUrl(field('doi'));
  if (url) source.url = url;
  const published = publishedDate(field('date'), field('year'), field('month'));
  if (published) source.published = published;
  const archive = field('archive');
  if (archive) {
    source.archive = archive;
    source.archivePath = resolvePath(file, archive);
  }
  return source;
}

/** biblatex `date` when it is a claimlint date, else `year` (with `month` when readable). */
function publishedDate(date: string | undefined, year: string | undefined, month: string | undefined): string | undefined {
  if (date !== undefined && isPartialDate(date)) return date;
  if (year === undefined || !/^\d{4}$/.test(year)) return undefined;
  const monthNumber = monthOf(month);
  return monthNumber ? `${year}-${monthNumber}` : year;
}

function monthOf(month: string | undefined): string | undefined {
  if (month === undefined) return undefined;
  const text = month.trim().toLowerCase();
  if (/^\d{1,2}$/.test(text) && Number(text) >= 1 && Number(text) <= 12) return text.padStart(2, '0');
  return MONTH_MACROS.get(text.slice(0, 3));
}

function urlIn(text: string | undefined): string | undefined {
  const match = text === undefined ? null : /https?:\/\/\S+/.exec(text);
  return match ? match[0] : undefined;
}

function doiUrl(doi: string | undefined): string | undefined {
  if (doi === undefined) return undefined;
  return /^https?:\/\//.test(doi) ? doi : `https://doi.org/${doi.replace(/^doi:\s*/i, '')}`;
}

/** The citation key right after `@type{` (or `@type(`), or the entry's first line if it is not there. */
function keySpan(text: string, entryStart: number, id: string): Span {
  const open = indexOfOpener(text, entryStart);
  if (open >= 0) {
    let at = open + 1;
    while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\r' || text[at] === '\n')) at++;
    if (id !== '' && text.startsWith(id, at)) return { start: at, end: at + id.length };
  }
  return visibleSpan(text, entryStart, open >= 0 ? open + 1 : entryStart + 1);
}

/** The `{` or `(` that opens an entry, looking only at the entry's type name. */
function indexOfOpener(text: string, entryStart: number): number {
  const limit = Math.min(text.length, entryStart + 200);
  for (let at = entryStart + 1; at < limit; at++) {
    const c = text[at];
    if (c === '{' || c === '(') return at;
    if (c !== ' ' && c !== '\t' && !/[A-Za-z]/.test(c!)) return -1;
  }
  return -1;
}

function trimmedSpan(text: string, start: number, end: number): Span {
  let last = Math.min(end, text.length);
  while (last > start && /\s/.test(text[last - 1]!)) last--;
  return { start, end: last };
}

interface Chunk {
  start: number;
  end: number;
}

/** Entries nest braces a few levels deep ({{NASA}} in a title); the grammar reads this many and far more. */
const MAX_BRACE_NESTING = 256;

class BracesTooDeep extends Error {}

/**
 * The grammar reads nested braces by recursion and runs out of stack at about 6,000 levels; a
 * stack overflow can abort the process rather than throw (yaml/nesting-depth.ts), so deeper text
 * is never handed to it.
 */
function parseBibtexNestedLittle(text: string): BibFile {
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x7b) {
      if (++depth > MAX_BRACE_NESTING) throw new BracesTooDeep();
    } else if (code === 0x7d && depth > 0) {
      depth--;
    }
  }
  return parseBibtex(text, { verbatimProperties: VERBATIM_FIELDS });
}

/** The text split before every `@` that begins a line (entries, @string, @comment …). */
function entryChunks(text: string): Chunk[] {
  const starts: number[] = [];
  const lineStartAt = /^[ \t]*@/gm;
  for (let match = lineStartAt.exec(text); match; match = lineStartAt.exec(text)) {
    starts.push(match.index + match[0].length - 1);
  }
  if (starts[0] !== 0) starts.unshift(0);
  return starts.map((start, index) => ({ start, end: starts[index + 1] ?? text.length }));
}

function brokenEntryFinding(text: string, file: string, chunk: Chunk, error: unknown): Finding {
  const header = /^@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s{}()]*)/.exec(text.slice(chunk.start, Math.min(chunk.end, chunk.start + 300)));
  const name = header ? (header[2] ? `entry ${quoted(header[2])}` : `@${header[1]} entry`) : 'text';
  const headerSpan = visibleSpan(text, chunk.start, chunk.start + (header ? header[0].length : 1));
  const located = error as { location?: { start?: { offset?: number } }; found?: unknown };
  const offset = located.location?.start?.offset;
  const content = trimmedSpan(text, chunk.start, chunk.end);
  if (error instanceof BracesTooDeep) {
    return finding(file, headerSpan, `BibTeX ${name} nests braces too deeply to be read (more than ${MAX_BRACE_NESTING} levels); entries nest a few`);
  }
  if (typeof offset !== 'number') {
    return finding(file, headerSpan, `BibTeX ${name} could not be read: ${oneLine(error)}`);
  }
  if (located.found === null || chunk.start + offset >= content.end) {
    return finding(file, headerSpan, `BibTeX ${name} is not closed (a "}" is missing?)`);
  }
  const at = chunk.start + offset;
  const message = oneLine(error);
  const detail = message.length <= 80 ? message : `unexpected ${quoted(String(located.found))}`;
  return finding(file, visibleSpan(text, at, at + 1), `BibTeX syntax error in ${name}: ${detail}`);
}
