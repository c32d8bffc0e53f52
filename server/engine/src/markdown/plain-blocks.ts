// The block structure of plain Markdown without markdown-it: ATX headings, paragraphs, one-level
// lists of one-line items, block quotes of one paragraph, GFM tables, fenced code and thematic
// breaks, each starting at the margin and separated as reports separate them. That is most of
// what writers put in a report; markdown-it's general rules took a tenth of reading the 100k
// benchmark's reports, and reading them here makes `check reports/` 3–5% faster (docs/benchmarks.md).
//
// The reader declines, and markdown-it reads the chunk instead, wherever a line could mean
// something this reader does not model: indentation, tabs, HTML, setext underlines, reference
// definitions, nested or lazy containers, a block that interrupts a paragraph or a list. So what
// it accepts, it reads as markdown-it does: the same block tokens for what document-reader.ts
// looks at, the same content offsets per line. `test/engine/plain-blocks.test.ts` holds the two
// paths to the same documents.
import type { BlockStructure } from './block-structure';
import type { SourceLines } from './source-lines';

/** The fields of markdown-it's block tokens that the document reader reads. */
export interface BlockToken {
  type: string;
  tag: string;
  markup: string;
  /** [first line, end line), global line numbers. */
  map: [number, number] | null;
  level: number;
  info: string;
  /** The inline content, for the `inline` token after a heading's opening. */
  content: string;
}

/** Where each line's inline content starts and ends in the original text; -1 when not recorded. */
type LineContent = Pick<BlockStructure, 'contentStart' | 'contentEnd'>;

const enum Kind {
  Blank,
  Plain,
  /** Four spaces or more before the first character. */
  Indented,
  /** A tab before the first character (tab stops are not modelled). */
  Tab,
  Heading,
  Quote,
  Fence,
  ThematicBreak,
  Bullet,
  Ordered,
  Html,
  Setext,
}

/** Reading stops here: the chunk goes to markdown-it. */
class Declined extends Error {}
const DECLINED = new Declined();

/** markdown-it caps the empty cells it adds to short table rows at this many. */
const MAX_AUTOCOMPLETED_CELLS = 0x10000;
const DELIMITER_CELL = /^:?-+:?$/;

function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * The block tokens of lines [firstLine, endLine), with each paragraph, heading and table line's
 * content recorded in `content`; undefined (and nothing recorded) when the lines hold anything the
 * reader declines.
 */
export function readPlainBlocks(lines: SourceLines, content: LineContent, firstLine: number, endLine: number): BlockToken[] | undefined {
  const reader = new PlainBlockReader(lines, content, firstLine, endLine);
  try {
    return reader.read();
  } catch (error) {
    if (error !== DECLINED) throw error;
    for (let line = firstLine; line < endLine; line++) {
      content.contentStart[line] = -1;
      content.contentEnd[line] = -1;
    }
    return undefined;
  }
}

class PlainBlockReader {
  private readonly src: string;
  private readonly tokens: BlockToken[] = [];

  constructor(
    private readonly lines: SourceLines,
    private readonly content: LineContent,
    private readonly firstLine: number,
    private readonly endLine: number,
  ) {
    this.src = lines.normalized;
  }

  read(): BlockToken[] {
    const from = this.lines.normalizedStarts[this.firstLine] ?? 0;
    const to = this.endLine < this.lines.lineCount ? this.lines.normalizedStarts[this.endLine]! : this.src.length;
    // markdown-it reads a NUL as U+FFFD; not worth modelling.
    const nul = this.src.indexOf('\0', from);
    if (nul >= 0 && nul < to) throw DECLINED;
    let line = this.firstLine;
    while (line < this.endLine) line = this.block(line);
    return this.tokens;
  }

  // -------------------------------------------------------------------------------------------
  // Lines

  private startOf(line: number): number {
    return this.lines.normalizedStarts[line]!;
  }

  private endOf(line: number): number {
    return this.lines.normalizedStarts[line]! + (this.lines.ends[line]! - this.lines.starts[line]!);
  }

  /** Where the line's first character that is not a space is (its end for a blank line). */
  private firstOf(line: number): number {
    const end = this.endOf(line);
    let at = this.startOf(line);
    while (at < end && this.src.charCodeAt(at) === 32) at++;
    return at;
  }

  private isBlank(line: number): boolean {
    const end = this.endOf(line);
    for (let at = this.startOf(line); at < end; at++) if (!isSpaceOrTab(this.src.charCodeAt(at))) return false;
    return true;
  }

  private kindOf(line: number): Kind {
    if (this.isBlank(line)) return Kind.Blank;
    const first = this.firstOf(line);
    if (this.src.charCodeAt(first) === 9) return Kind.Tab;
    if (first - this.startOf(line) >= 4) return Kind.Indented;
    return this.kindAt(first, this.endOf(line));
  }

  /** What a line whose content starts at `at` (not a space) and ends at `end` opens. */
  private kindAt(at: number, end: number): Kind {
    const src = this.src;
    const code = src.charCodeAt(at);
    switch (code) {
      case 35 /* # */: {
        let hashes = at;
        while (hashes < end && src.charCodeAt(hashes) === 35) hashes++;
        const level = hashes - at;
        return level <= 6 && (hashes === end || isSpaceOrTab(src.charCodeAt(hashes))) ? Kind.Heading : Kind.Plain;
      }
      case 62 /* > */:
        return Kind.Quote;
      case 96 /* ` */:
      case 126 /* ~ */: {
        let run = at;
        while (run < end && src.charCodeAt(run) === code) run++;
        if (run - at < 3) return Kind.Plain;
        // A backtick fence's info string may not hold a backtick: then it is a paragraph.
        return code === 96 && src.slice(run, end).includes('`') ? Kind.Plain : Kind.Fence;
      }
      case 60 /* < */:
        return Kind.Html;
      case 45 /* - */:
      case 42 /* * */:
      case 95 /* _ */: {
        if (this.isThematicBreak(at, end, code)) return Kind.ThematicBreak;
        // `-` alone is an empty list item (which ends a table); `--` may underline a heading.
        if (code !== 95 && (at + 1 === end || isSpaceOrTab(src.charCodeAt(at + 1)))) return Kind.Bullet;
        if (code === 45 && this.onlyRunOf(at, end, 45)) return Kind.Setext;
        return Kind.Plain;
      }
      case 43 /* + */:
        return at + 1 === end || isSpaceOrTab(src.charCodeAt(at + 1)) ? Kind.Bullet : Kind.Plain;
      case 61 /* = */:
        return this.onlyRunOf(at, end, 61) ? Kind.Setext : Kind.Plain;
      default: {
        if (!isDigit(code)) return Kind.Plain;
        let digits = at;
        while (digits < end && digits - at < 10 && isDigit(src.charCodeAt(digits))) digits++;
        if (digits - at > 9) return Kind.Plain;
        const marker = src.charCodeAt(digits);
        if (digits < end && (marker === 46 || marker === 41) && (digits + 1 === end || isSpaceOrTab(src.charCodeAt(digits + 1)))) return Kind.Ordered;
        return Kind.Plain;
      }
    }
  }

  /** Three or more of `code`, with nothing else but spaces and tabs. */
  private isThematicBreak(at: number, end: number, code: number): boolean {
    let count = 0;
    for (let k = at; k < end; k++) {
      const c = this.src.charCodeAt(k);
      if (c === code) count++;
      else if (!isSpaceOrTab(c)) return false;
    }
    return count >= 3;
  }

  /** A run of `code` and then only spaces and tabs. */
  private onlyRunOf(at: number, end: number, code: number): boolean {
    let k = at;
    while (k < end && this.src.charCodeAt(k) === code) k++;
    while (k < end && isSpaceOrTab(this.src.charCodeAt(k))) k++;
    return k === end;
  }

  /** A line that could be a table's delimiter row or a setext underline: only `|`, `:`, `-`, spaces and tabs. */
  private isDelimiterLike(line: number): boolean {
    if (line >= this.endLine || this.isBlank(line)) return false;
    const first = this.firstOf(line);
    return first - this.startOf(line) < 4 && this.onlyDelimiterCharacters(first, this.endOf(line));
  }

  /** From `at` (a `|`, `:` or `-`) to `end`, nothing but those and spaces and tabs. */
  private onlyDelimiterCharacters(at: number, end: number): boolean {
    const code = this.src.charCodeAt(at);
    if (code !== 124 && code !== 58 && code !== 45) return false;
    for (let k = at; k < end; k++) {
      const c = this.src.charCodeAt(k);
      if (c !== 124 && c !== 58 && c !== 45 && !isSpaceOrTab(c)) return false;
    }
    return true;
  }

  /**
   * A container line's content (a quote's, an item's) that opens no block of its own and cannot be
   * a delimiter row (of a table, or a setext underline).
   */
  private isPlainContent(at: number, end: number): boolean {
    return this.kindAt(at, end) === Kind.Plain && !this.onlyDelimiterCharacters(at, end);
  }

  private record(line: number, start: number): void {
    this.content.contentStart[line] = this.lines.originalOffset(line, start);
    this.content.contentEnd[line] = this.lines.originalOffset(line, this.endOf(line));
  }

  private push(type: string, level: number, map: [number, number] | null = null, fields: Partial<BlockToken> = {}): void {
    this.tokens.push({ type, tag: '', markup: '', map, level, info: '', content: '', ...fields });
  }

  // -------------------------------------------------------------------------------------------
  // Blocks

  /** Reads the block that starts at `line` (or skips a blank line); returns the line after it. */
  private block(line: number): number {
    const kind = this.kindOf(line);
    if (kind === Kind.Blank) return line + 1;
    if (kind === Kind.Tab || kind === Kind.Indented) throw DECLINED;
    // markdown-it tries a table first, whatever the header line looks like.
    if (line + 1 < this.endLine && this.isDelimiterLike(line + 1)) return this.table(line);
    switch (kind) {
      case Kind.Heading:
        return this.heading(line);
      case Kind.Quote:
        return this.quote(line);
      case Kind.Fence:
        return this.fence(line);
      case Kind.ThematicBreak:
        return line + 1;
      case Kind.Bullet:
      case Kind.Ordered:
        return this.list(line);
      case Kind.Plain:
        return this.paragraph(line);
      default:
        throw DECLINED;
    }
  }

  private heading(line: number): number {
    const src = this.src;
    const first = this.firstOf(line);
    let end = this.endOf(line);
    let pos = first;
    while (pos < end && src.charCodeAt(pos) === 35) pos++;
    const level = pos - first;
    // As markdown-it's rule: trailing spaces, then a closing run of #s after a space, are not content.
    while (end > pos && isSpaceOrTab(src.charCodeAt(end - 1))) end--;
    let closing = end;
    while (closing > pos && src.charCodeAt(closing - 1) === 35) closing--;
    if (closing > pos && isSpaceOrTab(src.charCodeAt(closing - 1))) end = closing;
    this.push('heading_open', 0, [line, line + 1], { tag: `h${level}`, markup: '#'.repeat(level) });
    this.push('inline', 1, [line, line + 1], { content: src.slice(pos, end).trim() });
    this.record(line, first);
    return line + 1;
  }

  /** Lines after a paragraph's first, up to a blank line: each must be plain text. */
  private paragraphEnd(line: number): number {
    let next = line + 1;
    while (next < this.endLine) {
      const kind = this.kindOf(next);
      if (kind === Kind.Blank) break;
      if (kind === Kind.Tab) throw DECLINED;
      // An indented line goes on with a paragraph: code cannot interrupt one.
      if (kind !== Kind.Indented && (kind !== Kind.Plain || this.isDelimiterLike(next))) throw DECLINED;
      next++;
    }
    return next;
  }

  private paragraph(line: number): number {
    // `[label]: …` may be a link reference definition, which markdown-it takes out of the text.
    const first = this.firstOf(line);
    const end = this.paragraphEnd(line);
    if (this.src.charCodeAt(first) === 91 && this.src.charCodeAt(first + 1) !== 94 && this.src.slice(first, this.endOf(end - 1)).includes(']:')) {
      throw DECLINED;
    }
    this.push('paragraph_open', 0, [line, end]);
    for (let k = line; k < end; k++) this.record(k, this.firstOf(k));
    return end;
  }

  private fence(line: number): number {
    const src = this.src;
    const first = this.firstOf(line);
    const marker = src.charCodeAt(first);
    let run = first;
    while (src.charCodeAt(run) === marker) run++;
    const length = run - first;
    for (let next = line + 1; next < this.endLine; next++) {
      if (this.isBlank(next)) continue;
      const at = this.firstOf(next);
      if (src.charCodeAt(at) === 9 || at - this.startOf(next) >= 4) continue;
      const end = this.endOf(next);
      let close = at;
      while (close < end && src.charCodeAt(close) === marker) close++;
      if (close - at < length) continue;
      while (close < end && isSpaceOrTab(src.charCodeAt(close))) close++;
      if (close === end) return next + 1;
    }
    // Unclosed: the code runs to the end.
    return this.endLine;
  }

  private quote(line: number): number {
    if (this.firstOf(line) !== this.startOf(line)) throw DECLINED;
    const starts: number[] = [];
    let next = line;
    while (next < this.endLine && !this.isBlank(next)) {
      const start = this.startOf(next);
      const end = this.endOf(next);
      // Every line of the quote starts with `>` (no lazy continuation) and one optional space.
      if (this.src.charCodeAt(start) !== 62) throw DECLINED;
      let at = start + 1;
      if (this.src.charCodeAt(at) === 32) at++;
      if (at >= end || isSpaceOrTab(this.src.charCodeAt(at))) throw DECLINED;
      if (!this.isPlainContent(at, end) || (next === line && this.src.charCodeAt(at) === 91)) throw DECLINED;
      starts.push(at);
      next++;
    }
    this.push('blockquote_open', 0, [line, next]);
    this.push('paragraph_open', 1, [line, next]);
    starts.forEach((start, index) => this.record(line + index, start));
    this.push('blockquote_close', 0);
    return next;
  }

  /** A list item's marker and where its content starts, or undefined when the line is not a plain one-line item. */
  private itemAt(line: number): { ordered: boolean; marker: number; number: string; contentStart: number } | undefined {
    const src = this.src;
    const start = this.startOf(line);
    const end = this.endOf(line);
    const code = src.charCodeAt(start);
    let at = start;
    let ordered = false;
    if (code === 45 || code === 42 || code === 43) at++;
    else if (isDigit(code)) {
      while (at < end && at - start < 10 && isDigit(src.charCodeAt(at))) at++;
      const delimiter = src.charCodeAt(at);
      if (at - start > 9 || (delimiter !== 46 && delimiter !== 41)) return undefined;
      ordered = true;
      at++;
    } else return undefined;
    const marker = src.charCodeAt(at - 1);
    let contentStart = at;
    while (contentStart < end && src.charCodeAt(contentStart) === 32) contentStart++;
    const spaces = contentStart - at;
    if (spaces < 1 || spaces > 4 || contentStart >= end || src.charCodeAt(contentStart) === 9) return undefined;
    return { ordered, marker, number: ordered ? src.slice(start, at - 1) : '', contentStart };
  }

  private list(line: number): number {
    if (this.firstOf(line) !== this.startOf(line)) throw DECLINED;
    const opening = this.itemAt(line);
    if (!opening) throw DECLINED;
    const sameList = (item: { ordered: boolean; marker: number }): boolean => item.ordered === opening.ordered && item.marker === opening.marker;
    const type = opening.ordered ? 'ordered_list' : 'bullet_list';
    this.push(`${type}_open`, 0, [line, line + 1], { markup: String.fromCharCode(opening.marker) });
    let next = line;
    let item: typeof opening | undefined = opening;
    for (;;) {
      const end = this.endOf(next);
      const at = item.contentStart;
      if (!this.isPlainContent(at, end) || this.src.charCodeAt(at) === 91) throw DECLINED;
      this.push('list_item_open', 1, [next, next + 1], { info: item.number, markup: String.fromCharCode(item.marker) });
      this.push('paragraph_open', 2, [next, next + 1]);
      this.record(next, at);
      this.push('list_item_close', 1);
      next++;
      // The next item follows at once or after blank lines; anything else but a blank line and
      // the end of the list (a continuation, a lazy line, an interruption) is declined.
      let after = next;
      while (after < this.endLine && this.isBlank(after)) after++;
      if (after >= this.endLine) break;
      const kind = this.kindOf(after);
      item = kind === Kind.Bullet || kind === Kind.Ordered ? this.itemAt(after) : undefined;
      if (item && this.firstOf(after) === this.startOf(after) && sameList(item)) {
        next = after;
        continue;
      }
      // At once, only an item of the same list: whether another list's item interrupts this one
      // depends on rules not modelled here (a `2.` cannot interrupt a paragraph, a `1.` can).
      if (after === next) throw DECLINED;
      // After a blank line, a line at the margin ends the list; an indented one would go on with the item.
      if (this.firstOf(after) !== this.startOf(after) || this.kindOf(after) === Kind.Tab) throw DECLINED;
      break;
    }
    this.push(`${type}_close`, 0);
    return next;
  }

  /** A GFM table whose delimiter row is `line + 1`, as markdown-it's table rule reads it. */
  private table(line: number): number {
    const src = this.src;
    const headerFirst = this.firstOf(line);
    if (src.charCodeAt(headerFirst) === 9 || headerFirst - this.startOf(line) >= 4) throw DECLINED;
    const delimiterFirst = this.firstOf(line + 1);
    const delimiterEnd = this.endOf(line + 1);
    // First two characters of the delimiter row: `- ` would be a list item.
    if (delimiterEnd - delimiterFirst < 2) throw DECLINED;
    const firstCode = src.charCodeAt(delimiterFirst);
    const secondCode = src.charCodeAt(delimiterFirst + 1);
    if (firstCode === 45 && isSpaceOrTab(secondCode)) throw DECLINED;
    const cells = src.slice(delimiterFirst, delimiterEnd).split('|');
    let columns = 0;
    for (let k = 0; k < cells.length; k++) {
      const cell = cells[k]!.trim();
      if (!cell) {
        if (k === 0 || k === cells.length - 1) continue;
        throw DECLINED;
      }
      if (!DELIMITER_CELL.test(cell)) throw DECLINED;
      columns++;
    }
    const header = src.slice(headerFirst, this.endOf(line)).trim();
    if (!header.includes('|') || columns === 0 || cellCount(header) !== columns) throw DECLINED;

    this.push('table_open', 0, [line, 0]);
    const open = this.tokens[this.tokens.length - 1]!;
    this.push('thead_open', 1, [line, line + 1]);
    this.push('tr_open', 2, [line, line + 1]);
    for (let k = 0; k < columns; k++) this.push('th_open', 3);
    this.push('thead_close', 1);
    let next = line + 2;
    let autocompleted = 0;
    for (; next < this.endLine; next++) {
      const kind = this.kindOf(next);
      if (kind === Kind.Blank || kind === Kind.Indented) break;
      // Blocks that end a table in markdown-it (and a tab, whose width is not modelled).
      if (kind !== Kind.Plain && kind !== Kind.Setext) throw DECLINED;
      const row = src.slice(this.firstOf(next), this.endOf(next)).trim();
      autocompleted += columns - cellCount(row);
      if (autocompleted > MAX_AUTOCOMPLETED_CELLS) break;
      this.push('tr_open', 2, [next, next + 1]);
    }
    this.push('table_close', 0);
    open.map = [line, next];
    for (let k = line; k < next; k++) this.record(k, this.firstOf(k));
    return next;
  }
}

/** How many cells markdown-it's escapedSplit makes of a trimmed row, without a leading and a trailing empty one. */
function cellCount(row: string): number {
  let count = 1;
  let escaped = false;
  let lastPipe = -1;
  for (let k = 0; k < row.length; k++) {
    const code = row.charCodeAt(k);
    if (code === 124 && !escaped) {
      count++;
      lastPipe = k;
    }
    escaped = code === 92;
  }
  // The first piece is empty when the row starts with a pipe, the last when it ends with an unescaped one.
  if (row.charCodeAt(0) === 124) count--;
  if (count > 0 && lastPipe === row.length - 1) count--;
  return count;
}
