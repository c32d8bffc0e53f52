// The document's lines in original offsets, and the normalised source that markdown-it reads.
// markdown-it turns \r\n and \r into \n, so its offsets drift from the original on every CRLF
// line; lines, though, are the same in both. We hand markdown-it a string whose lines have exactly
// the original lengths (BOM dropped, front matter blanked to spaces) and map its offsets back line
// by line.
import { forEachLineStart } from '../text/line-index';
import { blankOutside } from './prose-text';

export class SourceLines {
  /** Offset of each line's first character in the original text (line 0 starts after a BOM). */
  readonly starts: number[] = [];
  /** Offset just past each line's last character, before its line break. */
  readonly ends: number[] = [];
  /** The text markdown-it parses: lines joined by \n, same line lengths as the original. */
  readonly normalized: string;
  /** Offset of each line in `normalized`. */
  readonly normalizedStarts: number[] = [];

  constructor(readonly text: string, blankedRanges: readonly { start: number; end: number }[] = []) {
    const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let lineStart = bomLength;
    forEachLineStart(text, (next) => {
      this.starts.push(lineStart);
      // The line ends where its break does: one code unit back, two for \r\n.
      this.ends.push(next >= 2 && text.charCodeAt(next - 1) === 10 && text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1);
      lineStart = next;
    });
    this.starts.push(lineStart);
    this.ends.push(text.length);

    let body = bomLength ? text.slice(bomLength) : text;
    // Blanked ranges (front matter) become spaces so markdown-it sees blank lines there.
    for (const range of blankedRanges) {
      const from = Math.max(0, range.start - bomLength);
      const to = Math.max(from, range.end - bomLength);
      // A flat string, as blankOutside makes: markdown-it reads every character of it, and a tree
      // of concatenated pieces is slower to read.
      body = blankOutside(body, [0, from, to, body.length]);
    }
    this.normalized = text.indexOf('\r') === -1 ? body : body.replace(/\r\n?/g, '\n');
    let normalizedStart = 0;
    for (let line = 0; line < this.starts.length; line++) {
      this.normalizedStarts.push(normalizedStart);
      normalizedStart += this.ends[line]! - this.starts[line]! + 1;
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The original offset of a markdown-it offset known to lie on `line`. */
  originalOffset(line: number, normalizedOffset: number): number {
    const start = this.starts[line]!;
    const column = normalizedOffset - this.normalizedStarts[line]!;
    return Math.min(this.ends[line]!, start + Math.max(0, column));
  }

  /** The line's text in the original, without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.starts[line]!, this.ends[line]!);
  }

  isBlank(line: number): boolean {
    if (line < 0 || line >= this.starts.length) return true;
    for (let i = this.starts[line]!; i < this.ends[line]!; i++) {
      const c = this.text.charCodeAt(i);
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  /** The 0-based line that holds an original offset. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

