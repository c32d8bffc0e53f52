// Reads a Markdown document as a fact-checker does. markdown-it gives the block structure; each
// block's inline content becomes a segment that we scan ourselves (exact UTF-16 offsets); segments
// become sentences with their citations. Citations that depend on the whole document (footnotes,
// numbered markers, a table's Source line below it) are resolved once everything is read.
import type { Citation, Span } from '../model';
import { CHUNK_SIZE, chunkLines } from './block-chunks';
import { createLineContent, normalizeReferenceLabel, parseBlocks, type BlockStructure, type BlockToken } from './block-structure';
import { readFrontMatter, type FrontMatter } from './front-matter';
import { scanSegment, type HtmlComment, type ScannedCitation } from './inline-scanner';
import { isSpaceCode } from '../text/whitespace';
import type { MarkdownDocument, MarkdownSentence, PandocSpan } from './markdown-document';
import { SegmentText } from './segment-text';
import { splitSentences, type SentenceRange } from './sentence-splitter';
import { SourceLines } from './source-lines';
import { blankOutside, proseOf } from './prose-text';
import { readSuppressions } from './suppressions';
import { yamlSuppressions } from '../yaml/suppressions';

/** A heading that introduces a reference list. */
const REFERENCE_HEADING =
  /^(?:references?|sources?|notes?|endnotes|footnotes|bibliography|works cited|citations|literature|further reading|参考文献|参考资料|资料来源|数据来源|来源|注释|注|引用|引用文献|出处|文献)$/i;
/** `Source:` and its kin at the start of a line under a table (emphasis allowed around it). */
const SOURCE_LABEL =
  /^[*_]{0,3}[ \t]*(?:sources?|data sources?|数据来源|资料来源|来源|出处)[ \t]*[*_]{0,3}[ \t]*[:：][ \t]*[*_]{0,3}[ \t]*/i;
/** A table column of sources. */
const SOURCE_COLUMN = /^[*_]{0,3}[ \t]*(?:sources?|data sources?|数据来源|资料来源|来源|出处|references?)[ \t]*[*_]{0,3}$/i;
const FOOTNOTE_DEFINITION = /^\[\^([^\]\s]+)\]:[ \t]*/;
const NUMBERED_DEFINITION = /^\[(\d{1,4})\]:[ \t]*/;
/** An entry of a reference list: `[1] …`, `1、…`, `1) …` (a `1. …` list is markdown-it's). */
const REFERENCE_ENTRY = /^(?:\[(\d{1,4})\]|(\d{1,4})[、．)）])[ \t]*/;
/** Heading numbering (`1.`, `2.1.`, `1.2.3`, `(2)`, `IV.`, `A.`, `一、`, `（二）`, `第三章`). A bare `3.8` is not one. */
const HEADING_NUMBERING =
  /(?:(?:\d{1,3}\.(?:\d{1,3}\.)*|\d{1,3}(?:\.\d{1,3}){2,}|\(\d{1,3}\)|\d{1,3}\)|[IVXLC]{1,6}\.|[A-Z]\.)(?=[ \t])|(?:\d{1,3}|[一二三四五六七八九十百零〇]{1,4})[、．]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十百零〇\d]{1,4}[章节部分篇])[ \t\u3000]*/y;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
/** Line prefixes are matched on at most this many characters, not on a whole (maybe huge) line. */
const PREFIX_LENGTH = 200;

interface SourceCoverage {
  citations: ScannedCitation[];
  /** A source named in plain words, when it holds no citation. */
  name?: Span;
}

interface TableRecord {
  sources: SourceCoverage[];
}

interface RowRecord {
  sources: SourceCoverage[];
}

interface FootnoteRecord {
  citations: ScannedCitation[];
}

interface NumberedEntry {
  url?: string;
  id?: string;
  idSpan?: Span;
}

type SegmentRole =
  | { kind: 'prose' }
  | { kind: 'heading' }
  | { kind: 'footnote'; footnote: FootnoteRecord }
  | { kind: 'cell'; table: TableRecord; row: RowRecord }
  | { kind: 'row-source'; row: RowRecord }
  | { kind: 'table-source'; table: TableRecord }
  | { kind: 'reference-entry'; numbers: number[] };

interface Segment {
  pieces: Span[];
  role: SegmentRole;
}

interface SentenceDraft {
  span: Span;
  inHeading: boolean;
  inTable: boolean;
  citations: ScannedCitation[];
  row?: RowRecord;
  table?: TableRecord;
  footnote?: FootnoteRecord;
}

interface TableContext {
  record: TableRecord;
  endLine: number;
  level: number;
}

function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}

/** Where the walk over block tokens stands; it carries over from one chunk to the next. */
interface WalkState {
  referenceSectionLevel: number;
  referenceList: { level: number; ordered: boolean } | undefined;
  itemNumber: number | undefined;
  lastTable: TableContext | undefined;
}

/** A line that may be a link reference definition (`[label]: …`), in any container. */
const MAY_DEFINE_REFERENCE = /^[ \t>]*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)*\[[^\]\n]{1,999}\]:/m;

export class DocumentReader {
  private readonly frontMatter: FrontMatter | undefined;
  private readonly lines: SourceLines;
  private readonly content: Pick<BlockStructure, 'contentStart' | 'contentEnd'>;
  /** Link reference definitions of the whole document. */
  private readonly references: BlockStructure['references'] = {};
  /** Segments of the chunk being read; scanned as soon as the chunk is walked. */
  private segments: Segment[] = [];
  private readonly keep: number[] = [];
  private readonly drafts: SentenceDraft[] = [];
  private readonly spans: PandocSpan[] = [];
  private readonly comments: HtmlComment[] = [];
  private readonly footnotes = new Map<string, FootnoteRecord>();
  private readonly entries = new Map<number, NumberedEntry>();
  private readonly walkState: WalkState = {
    referenceSectionLevel: 0,
    referenceList: undefined,
    itemNumber: undefined,
    lastTable: undefined,
  };

  /**
   * `chunkSize` is for tests: a small one exercises chunking on small documents. So is
   * `plainBlocks: false`, which reads every chunk with markdown-it (block-structure.ts).
   */
  constructor(
    private readonly text: string,
    private readonly chunkSize = CHUNK_SIZE,
    private readonly plainBlocks = true,
  ) {
    this.frontMatter = attempt(() => readFrontMatter(text), undefined);
    this.lines = new SourceLines(text, this.frontMatter ? [this.frontMatter.span] : []);
    this.content = createLineContent(this.lines);
  }

  read(): MarkdownDocument {
    const chunks = attempt(() => chunkLines(this.lines, this.chunkSize), [{ firstLine: 0, endLine: this.lines.lineCount }]);
    // Reference-style links may use a definition from a later chunk: collect them all first, but
    // only when the document is large and may hold any.
    if (chunks.length > 1 && MAY_DEFINE_REFERENCE.test(this.lines.normalized)) {
      for (const chunk of chunks) {
        const scratch = createLineContent(this.lines);
        attempt(() => parseBlocks(this.lines, scratch, this.references, chunk.firstLine, chunk.endLine), undefined);
      }
    }
    let structured = true;
    for (const chunk of chunks) {
      const blocks = attempt(
        () => parseBlocks(this.lines, this.content, this.references, chunk.firstLine, chunk.endLine, this.plainBlocks),
        undefined,
      );
      if (!blocks) {
        structured = false;
        break;
      }
      attempt(() => this.walk(blocks.tokens), undefined);
      this.readSegments();
    }
    if (!structured) {
      // markdown-it failed: start again without block structure.
      this.keep.length = 0;
      this.drafts.length = 0;
      this.spans.length = 0;
      this.comments.length = 0;
      this.segments = [];
      this.walkWithoutStructure();
      this.readSegments();
    }
    this.readReferenceDefinitions();
    const document: MarkdownDocument = {
      prose: blankOutside(this.text, this.keep),
      sentences: this.finishSentences(),
      spans: this.spans,
      suppressions: attempt(() => this.readSuppressions(), []),
    };
    if (this.frontMatter) document.frontMatter = this.frontMatter;
    return document;
  }

  private readSegments(): void {
    for (const segment of this.segments) attempt(() => this.readSegment(segment), undefined);
    this.segments = [];
  }

  // -------------------------------------------------------------------------------------------
  // Block structure → segments

  private contentOf(line: number): Span | undefined {
    if (line < 0 || line >= this.lines.lineCount) return undefined;
    const start = this.content.contentStart[line]!;
    const end = this.content.contentEnd[line]!;
    return start >= 0 && end >= start ? { start, end } : undefined;
  }

  private prefix(span: Span): string {
    return this.text.slice(span.start, Math.min(span.end, span.start + PREFIX_LENGTH));
  }

  private walk(tokens: BlockToken[]): void {
    const state = this.walkState;
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!;
      switch (token.type) {
        case 'heading_open': {
          const level = Number(token.tag.slice(1)) || 1;
          if (state.referenceSectionLevel && level <= state.referenceSectionLevel) state.referenceSectionLevel = 0;
          const title = (tokens[index + 1]?.content ?? '').replace(/[*_`:：]/g, '').trim();
          if (REFERENCE_HEADING.test(title.replace(HEADING_NUMBERING_ANYWHERE, '').trim())) {
            state.referenceSectionLevel = level;
          }
          this.addHeading(token);
          break;
        }
        case 'paragraph_open':
          if (state.referenceList) this.addReferenceParagraph(token, state.itemNumber);
          else this.addParagraph(token, state.referenceSectionLevel > 0, state.lastTable);
          break;
        case 'table_open': {
          const table = this.addTable(tokens, index);
          index = table.closeIndex;
          state.lastTable = table.context;
          break;
        }
        case 'html_block':
          this.collectBlockComments(token);
          break;
        case 'bullet_list_open':
        case 'ordered_list_open':
          if (state.referenceSectionLevel && !state.referenceList) {
            state.referenceList = { level: token.level, ordered: token.type === 'ordered_list_open' };
          }
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          if (state.referenceList && token.level === state.referenceList.level) {
            state.referenceList = undefined;
            state.itemNumber = undefined;
          }
          break;
        case 'list_item_open':
          if (state.referenceList && token.level === state.referenceList.level + 1) {
            const number = Number.parseInt(token.info, 10);
            state.itemNumber = state.referenceList.ordered && Number.isFinite(number) ? number : undefined;
          }
          break;
      }
    }
  }

  /** markdown-it failed: every run of non-blank lines is read as a paragraph. */
  private walkWithoutStructure(): void {
    let pieces: Span[] = [];
    for (let line = 0; line <= this.lines.lineCount; line++) {
      if (line === this.lines.lineCount || this.lines.isBlank(line) || this.insideFrontMatter(line)) {
        if (pieces.length) this.segments.push({ pieces, role: { kind: 'prose' } });
        pieces = [];
        continue;
      }
      let start = this.lines.starts[line]!;
      const end = this.lines.ends[line]!;
      while (start < end && isSpaceOrTab(this.text.charCodeAt(start))) start++;
      pieces.push({ start, end });
    }
  }

  private insideFrontMatter(line: number): boolean {
    return !!this.frontMatter && this.lines.starts[line]! < this.frontMatter.span.end;
  }

  private addHeading(token: BlockToken): void {
    const [first, last] = token.map ?? [0, 0];
    const pieces: Span[] = [];
    if (token.markup.startsWith('#')) {
      const content = this.contentOf(first);
      if (!content) return;
      // markdown-it's ATX rule: skip the opening #s, drop a closing #-sequence, trim.
      const text = this.text;
      let start = content.start;
      while (start < content.end && text.charCodeAt(start) === 35) start++;
      let end = content.end;
      while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
      let closing = end;
      while (closing > start && text.charCodeAt(closing - 1) === 35) closing--;
      if (closing > start && isSpaceOrTab(text.charCodeAt(closing - 1))) end = closing;
      while (start < end && isSpaceOrTab(text.charCodeAt(start))) start++;
      while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
      pieces.push({ start, end });
    } else {
      // Setext: the content lines, without the `===` / `---` underline.
      for (let line = first; line < last - 1; line++) {
        const content = this.contentOf(line);
        if (content) pieces.push(content);
      }
    }
    if (!pieces.length) return;
    HEADING_NUMBERING.lastIndex = pieces[0]!.start;
    const numbering = HEADING_NUMBERING.exec(this.text);
    if (numbering && pieces[0]!.start + numbering[0].length <= pieces[0]!.end) {
      pieces[0] = { start: pieces[0]!.start + numbering[0].length, end: pieces[0]!.end };
    }
    this.segments.push({ pieces, role: { kind: 'heading' } });
  }

  private addParagraph(token: BlockToken, inReferenceSection: boolean, lastTable: TableContext | undefined): void {
    const [first, last] = token.map ?? [0, 0];
    const underTable =
      lastTable !== undefined &&
      token.level === lastTable.level &&
      (first === lastTable.endLine || (first === lastTable.endLine + 1 && this.lines.isBlank(lastTable.endLine)));
    let current: Segment | undefined;
    for (let line = first; line < last; line++) {
      const content = this.contentOf(line);
      if (!content) continue;
      const prefix = this.prefix(content);
      let match: RegExpExecArray | null;
      if (line === first && underTable && (match = SOURCE_LABEL.exec(prefix))) {
        this.segments.push({
          pieces: [after(content, match[0].length)],
          role: { kind: 'table-source', table: lastTable!.record },
        });
        current = undefined;
      } else if ((match = FOOTNOTE_DEFINITION.exec(prefix))) {
        // Labels match as link labels do: case and inner spacing aside.
        const label = normalizeReferenceLabel(match[1]!);
        let footnote = this.footnotes.get(label);
        // The first definition of a label wins; a later one is read but sources nothing.
        if (!footnote) this.footnotes.set(label, (footnote = { citations: [] }));
        else footnote = { citations: [] };
        current = { pieces: [after(content, match[0].length)], role: { kind: 'footnote', footnote } };
        this.segments.push(current);
      } else if ((match = NUMBERED_DEFINITION.exec(prefix)) || (inReferenceSection && (match = REFERENCE_ENTRY.exec(prefix)))) {
        const number = Number(match[1] ?? match[2]);
        current = { pieces: [after(content, match[0].length)], role: { kind: 'reference-entry', numbers: [number] } };
        this.segments.push(current);
      } else if (current) {
        current.pieces.push(content);
      } else {
        current = { pieces: [content], role: { kind: 'prose' } };
        this.segments.push(current);
      }
    }
  }

  /** A paragraph inside a reference list (under a References heading): not prose. */
  private addReferenceParagraph(token: BlockToken, itemNumber: number | undefined): void {
    const [first, last] = token.map ?? [0, 0];
    let current: Segment | undefined;
    for (let line = first; line < last; line++) {
      const content = this.contentOf(line);
      if (!content) continue;
      const match = REFERENCE_ENTRY.exec(this.prefix(content)) ?? NUMBERED_DEFINITION.exec(this.prefix(content));
      if (match) {
        const number = Number(match[1] ?? match[2]);
        current = { pieces: [after(content, match[0].length)], role: { kind: 'reference-entry', numbers: [number] } };
        this.segments.push(current);
      } else if (current) {
        current.pieces.push(content);
      } else {
        const numbers = itemNumber === undefined ? [] : [itemNumber];
        current = { pieces: [content], role: { kind: 'reference-entry', numbers } };
        this.segments.push(current);
      }
    }
  }

  private addTable(tokens: BlockToken[], openIndex: number): { closeIndex: number; context: TableContext } {
    const open = tokens[openIndex]!;
    const record: TableRecord = { sources: [] };
    const rows: { line: number; header: boolean }[] = [];
    let columnCount = 0;
    let inHead = false;
    let closeIndex = openIndex;
    for (let index = openIndex + 1; index < tokens.length; index++) {
      const token = tokens[index]!;
      closeIndex = index;
      if (token.type === 'table_close' && token.level === open.level) break;
      if (token.type === 'thead_open') inHead = true;
      else if (token.type === 'thead_close') inHead = false;
      else if (token.type === 'th_open') columnCount++;
      else if (token.type === 'tr_open' && token.map) rows.push({ line: token.map[0], header: inHead });
    }
    let sourceColumn = -1;
    for (const row of rows) {
      const content = this.contentOf(row.line);
      if (!content) continue;
      const cells = this.splitTableRow(content, columnCount || Infinity);
      const rowRecord: RowRecord = { sources: [] };
      if (!row.header) {
        const label = cells.length ? SOURCE_LABEL.exec(this.prefix(cells[0]!)) : null;
        const pipeLess = this.text.charCodeAt(content.start) !== 124;
        if (label && (pipeLess || this.onlyPipesAfter(cells[0]!.end, content.end))) {
          // A `Source:` line that markdown-it read as one more row (no blank line after the table).
          const end = pipeLess ? trimEnd(this.text, content) : cells[0]!.end;
          this.segments.push({
            pieces: [{ start: cells[0]!.start + label[0].length, end }],
            role: { kind: 'table-source', table: record },
          });
          continue;
        }
      }
      cells.forEach((cell, column) => {
        if (row.header && SOURCE_COLUMN.test(this.text.slice(cell.start, cell.end))) sourceColumn = column;
        const role: SegmentRole =
          !row.header && column === sourceColumn
            ? { kind: 'row-source', row: rowRecord }
            : { kind: 'cell', table: record, row: rowRecord };
        this.segments.push({ pieces: [cell], role });
      });
    }
    return { closeIndex, context: { record, endLine: open.map?.[1] ?? 0, level: open.level } };
  }

  /**
   * The first `limit` cells of a table row, trimmed, split on unescaped pipes as markdown-it's
   * escapedSplit does (a leading and a trailing pipe open and close the row, not a cell).
   */
  private splitTableRow(content: Span, limit: number): Span[] {
    const text = this.text;
    const end = trimEnd(text, content);
    const cells: Span[] = [];
    const push = (start: number, cellEnd: number): void => {
      let cellStart = start;
      let trimmed = cellEnd;
      while (cellStart < trimmed && isSpaceOrTab(text.charCodeAt(cellStart))) cellStart++;
      while (trimmed > cellStart && isSpaceOrTab(text.charCodeAt(trimmed - 1))) trimmed--;
      cells.push({ start: cellStart, end: trimmed });
    };
    let cellStart = text.charCodeAt(content.start) === 124 ? content.start + 1 : content.start;
    let escaped = false;
    for (let k = cellStart; k < end && cells.length < limit; k++) {
      const code = text.charCodeAt(k);
      if (code === 124 && !escaped) {
        push(cellStart, k);
        cellStart = k + 1;
      }
      escaped = code === 92;
    }
    if (cells.length < limit && cellStart < end) push(cellStart, end);
    return cells;
  }

  private onlyPipesAfter(start: number, end: number): boolean {
    for (let k = start; k < end; k++) {
      const code = this.text.charCodeAt(k);
      if (code !== 124 && !isSpaceOrTab(code)) return false;
    }
    return true;
  }

  private collectBlockComments(token: BlockToken): void {
    const [first, last] = token.map ?? [0, 0];
    if (last <= first) return;
    const start = this.lines.starts[first]!;
    const end = this.lines.ends[last - 1]!;
    let at = this.text.indexOf('<!--', start);
    while (at >= 0 && at < end) {
      const close = this.text.indexOf('-->', at + 4);
      const commentEnd = close < 0 || close + 3 > end ? end : close + 3;
      this.comments.push({ start: at, end: commentEnd, body: this.text.slice(at + 4, Math.max(at + 4, commentEnd - 3)) });
      at = this.text.indexOf('<!--', commentEnd);
    }
  }

  /** `[1]: https://…` definitions make a numbered reference list. */
  private readReferenceDefinitions(): void {
    for (const [label, definition] of Object.entries(this.references)) {
      if (/^\d{1,4}$/.test(label) && !this.entries.has(Number(label))) {
        this.entries.set(Number(label), { url: definition.href });
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Segments → prose, sentences, spans

  private readSegment(segment: Segment): void {
    const segmentText = new SegmentText(this.text, segment.pieces);
    const scan = scanSegment(segmentText, this.references);
    for (const comment of scan.comments) this.comments.push(comment);
    const role = segment.role;
    const prose = scan.masked ? proseOf(segmentText.value, scan.mask) : segmentText.value;

    switch (role.kind) {
      case 'reference-entry': {
        const entry: NumberedEntry = {};
        const url = scan.citations.find((scanned) => scanned.citation.kind === 'link')?.citation.url;
        const key = scan.citations.find((scanned) => scanned.citation.kind === 'pandoc')?.citation;
        if (url) entry.url = url;
        if (key?.id) {
          entry.id = key.id;
          if (key.idSpan) entry.idSpan = key.idSpan;
        }
        for (const number of role.numbers) if (!this.entries.has(number)) this.entries.set(number, entry);
        return;
      }
      case 'table-source':
      case 'row-source': {
        const coverage: SourceCoverage = { citations: scan.citations };
        const name = trimmedRange(prose, 0, prose.length);
        if (name && ALPHANUMERIC.test(prose.slice(name.start, name.end))) {
          coverage.name = segmentText.toOriginalSpan(name.start, name.end);
        }
        (role.kind === 'table-source' ? role.table : role.row).sources.push(coverage);
        return;
      }
    }

    // Prose from here on.
    // What the document's prose keeps: each run of prose, split at line breaks; all of each piece
    // (a line's content) when nothing is masked.
    // (Inline here, not a method: called once on a huge segment, a method of its own was compiled
    // mid-loop into code three times slower; the linear-time suite caught it.)
    if (!scan.masked) {
      for (const piece of segment.pieces) if (piece.end > piece.start) this.keep.push(piece.start, piece.end);
    } else {
      const mask = scan.mask;
      const n = prose.length;
      let lineBreak = prose.indexOf('\n');
      for (let start = 0; start < n; ) {
        while (start < n && mask[start] === 1) start++;
        let runEnd = start;
        while (runEnd < n && mask[runEnd] === 0) runEnd++;
        for (let from = start; from < runEnd; ) {
          if (lineBreak >= 0 && lineBreak < from) lineBreak = prose.indexOf('\n', from);
          const end = lineBreak >= 0 && lineBreak < runEnd ? lineBreak : runEnd;
          if (end > from) {
            const span = segmentText.toOriginalSpan(from, end);
            this.keep.push(span.start, span.end);
          }
          from = end + 1;
        }
        start = runEnd;
      }
    }
    for (const span of scan.spans) {
      this.spans.push({
        span: segmentText.toOriginalSpan(span.contentStart, span.contentEnd),
        attributes: span.attributes,
        attributesSpan: segmentText.toOriginalSpan(span.attributesStart, span.attributesEnd),
      });
    }

    if (role.kind === 'cell') {
      const whole = trimmedRange(prose, 0, prose.length);
      if (whole && ALPHANUMERIC.test(prose.slice(whole.start, whole.end))) {
        this.drafts.push({
          span: segmentText.toOriginalSpan(whole.start, whole.end),
          inHeading: false,
          inTable: true,
          citations: scan.citations,
          row: role.row,
          table: role.table,
        });
      } else if (scan.citations.length) {
        // A cell of nothing but citations sources its row.
        role.row.sources.push({ citations: scan.citations });
      }
      return;
    }

    if (role.kind === 'footnote') for (const scanned of scan.citations) role.footnote.citations.push(scanned);
    const ranges = sentencesOf(prose, scan.linkTexts);
    const drafts: SentenceDraft[] = ranges.map((range) => {
      const draft: SentenceDraft = {
        span: segmentText.toOriginalSpan(range.start, range.end),
        inHeading: role.kind === 'heading',
        inTable: false,
        citations: [],
      };
      if (role.kind === 'footnote') draft.footnote = role.footnote;
      return draft;
    });
    // A citation belongs to the sentence it stands in, or else to the one whose full stop it follows.
    let sentence = 0;
    // The scan finds citations left to right, so they are nearly always in order already.
    const citations = isSortedByPosition(scan.citations) ? scan.citations : [...scan.citations].sort((a, b) => a.at - b.at);
    for (const scanned of citations) {
      if (!drafts.length) break;
      while (sentence + 1 < ranges.length && ranges[sentence + 1]!.start <= scanned.at) sentence++;
      drafts[sentence]!.citations.push(scanned);
    }
    for (const draft of drafts) this.drafts.push(draft);
  }

  // -------------------------------------------------------------------------------------------
  // Whole-document resolution

  private finishSentences(): MarkdownSentence[] {
    const hasNumberedList = this.entries.size > 0;
    // Only numbered markers and footnote references need resolving; each is resolved once.
    const resolved = new Map<ScannedCitation, Citation | undefined>();
    const resolveNumbered = (scanned: ScannedCitation, number: number): Citation | undefined => {
      if (!hasNumberedList) return undefined;
      const citation = copyOf(scanned.citation);
      const entry = this.entries.get(number);
      if (entry?.id) citation.id = entry.id;
      if (entry?.idSpan) citation.idSpan = entry.idSpan;
      if (entry?.url) citation.url = entry.url;
      return citation;
    };
    const resolveFootnote = (scanned: ScannedCitation, label: string): Citation => {
      const citation = copyOf(scanned.citation);
      // The definition's first key and first link; a definition with neither sources nothing.
      let id: Citation | undefined;
      let url: string | undefined;
      for (const item of this.footnotes.get(normalizeReferenceLabel(label))?.citations ?? []) {
        if (item.footnoteLabel !== undefined) continue;
        const inside = item.number === undefined ? item.citation : resolveNumbered(item, item.number);
        if (!id && inside?.id !== undefined) id = inside;
        if (url === undefined && inside?.url !== undefined) url = inside.url;
      }
      if (id?.id) citation.id = id.id;
      if (id?.idSpan) citation.idSpan = id.idSpan;
      if (url !== undefined) citation.url = url;
      return citation;
    };
    const resolve = (scanned: ScannedCitation): Citation | undefined => {
      if (scanned.number === undefined && scanned.footnoteLabel === undefined) return scanned.citation;
      if (resolved.has(scanned)) return resolved.get(scanned);
      const citation =
        scanned.number !== undefined
          ? resolveNumbered(scanned, scanned.number)
          : resolveFootnote(scanned, scanned.footnoteLabel!);
      resolved.set(scanned, citation);
      return citation;
    };
    const resolveAll = (items: readonly ScannedCitation[], into: Citation[] = []): Citation[] => {
      for (const item of items) {
        const citation = resolve(item);
        if (citation) into.push(citation);
      }
      return into;
    };
    // A table's (or row's) sources, resolved once for all its cells.
    const coverage = new Map<TableRecord | RowRecord | FootnoteRecord, Citation[]>();
    const coverageOf = (record: TableRecord | RowRecord): Citation[] => {
      let citations = coverage.get(record);
      if (!citations) {
        citations = [];
        for (const source of record.sources) {
          const before = citations.length;
          resolveAll(source.citations, citations);
          if (citations.length === before && source.name) citations.push({ kind: 'table-source', span: source.name });
        }
        coverage.set(record, citations);
      }
      return citations;
    };
    const footnoteCitations = (footnote: FootnoteRecord): Citation[] => {
      let citations = coverage.get(footnote);
      if (!citations) coverage.set(footnote, (citations = resolveAll(footnote.citations)));
      return citations;
    };

    const sentences: MarkdownSentence[] = [];
    const drafts = this.drafts as (SentenceDraft | undefined)[];
    for (let index = 0; index < drafts.length; index++) {
      const draft = drafts[index]!;
      // Drafts go as their sentences come: a 50 MB document holds millions of them.
      drafts[index] = undefined;
      // A sentence in a footnote definition has all the definition's citations (its own among them).
      const citations = draft.footnote ? [...footnoteCitations(draft.footnote)] : resolveAll(draft.citations);
      if (draft.row) for (const citation of coverageOf(draft.row)) citations.push(citation);
      if (draft.table) for (const citation of coverageOf(draft.table)) citations.push(citation);
      // Kept by every claim of the sentence: an exact-size copy, where a list grown by push keeps
      // room for 16 more (about 7 MB over the 100k benchmark's sentences, docs/benchmarks.md).
      sentences.push({ span: draft.span, inHeading: draft.inHeading, inTable: draft.inTable, citations: citations.length === 0 ? citations : citations.slice() });
    }
    drafts.length = 0;
    return sentences;
  }

  private readSuppressions() {
    const comments = [...this.comments].sort((a, b) => a.start - b.start);
    const markdown = readSuppressions(
      comments.map((comment) => ({
        body: comment.body,
        firstLine: this.lines.lineOf(comment.start),
        lastLine: this.lines.lineOf(Math.max(comment.start, comment.end - 1)),
      })),
      this.lines.lineCount - 1,
    );
    // Front matter is YAML, so its findings are silenced as in claim files, by `# claimlint-…`
    // comments (an HTML comment there would be part of a YAML value), for its own lines only.
    if (!this.frontMatter) return markdown;
    const yaml = yamlSuppressions(this.text.slice(0, this.frontMatter.content.end));
    return yaml.length === 0 ? markdown : [...yaml, ...markdown];
  }
}

/** Heading numbering anywhere in a title, for recognising "1. References". */
const HEADING_NUMBERING_ANYWHERE = /^\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.|[一二三四五六七八九十]{1,3}[、．.])\s*/;

/**
 * A copy to add the resolved source to. Not `{ ...citation }`: V8 gives a spread copy a map that
 * each added field leaves by a slow path: resolving the footnote references of the 100k
 * benchmark's reports took 24 ms of its profile that way, under 1 ms this way.
 */
function copyOf(citation: Citation): Citation {
  return Object.assign({}, citation);
}

function isSortedByPosition(citations: readonly ScannedCitation[]): boolean {
  for (let k = 1; k < citations.length; k++) if (citations[k]!.at < citations[k - 1]!.at) return false;
  return true;
}

/** The rest of a line's content after a label of `length` characters. */
function after(content: Span, length: number): Span {
  return { start: content.start + length, end: content.end };
}

function trimEnd(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  return end;
}

function trimmedRange(text: string, start: number, end: number): SentenceRange | undefined {
  let from = start;
  let to = end;
  while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
  while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to--;
  return to > from ? { start: from, end: to } : undefined;
}

/**
 * Sentences of a prose segment. A fragment with no letter or digit (`( )` left around a citation)
 * is no sentence; a fragment whose only words are link texts (`… 3.8 Mt. [USGS](https://…)`) is the
 * previous sentence's source, so it joins that sentence.
 */
function sentencesOf(prose: string, linkTexts: [number, number][]): SentenceRange[] {
  const sentences: SentenceRange[] = [];
  let linkCursor = 0;
  for (const range of splitSentences(prose)) {
    if (!ALPHANUMERIC.test(prose.slice(range.start, range.end))) continue;
    while (linkCursor < linkTexts.length && linkTexts[linkCursor]![1] <= range.start) linkCursor++;
    if (sentences.length && !hasWordsOutside(prose, range, linkTexts, linkCursor)) {
      sentences[sentences.length - 1]!.end = range.end;
      continue;
    }
    sentences.push({ start: range.start, end: range.end });
  }
  return sentences;
}

function hasWordsOutside(prose: string, range: SentenceRange, linkTexts: [number, number][], cursor: number): boolean {
  let position = range.start;
  for (let k = cursor; k < linkTexts.length && linkTexts[k]![0] < range.end; k++) {
    const [start, end] = linkTexts[k]!;
    if (end <= position) continue;
    if (start > position && ALPHANUMERIC.test(prose.slice(position, start))) return true;
    position = Math.max(position, end);
  }
  return position < range.end && ALPHANUMERIC.test(prose.slice(position, range.end));
}

function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

