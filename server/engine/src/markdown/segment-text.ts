// A run of inline content that markdown-it reads as one unit (a paragraph, a heading, a table
// cell), assembled from its pieces on the original lines. Pieces are joined with \n so inline
// constructs may cross line ends, and every offset maps back to the original text.
import type { Span } from '../model';

export class SegmentText {
  /** The pieces' text joined by \n. */
  readonly value: string;
  /** Offset of each piece in `value`. */
  private readonly pieceStarts: number[] = [];
  /** Cursor of the last lookup: offsets are mostly asked for in increasing order. */
  private lastPiece = 0;

  constructor(
    text: string,
    private readonly pieces: readonly Span[],
  ) {
    if (pieces.length === 1) {
      // Most segments (a heading, a cell, a one-line paragraph) are one piece: no list to join.
      this.pieceStarts.push(0);
      this.value = text.slice(pieces[0]!.start, pieces[0]!.end);
      return;
    }
    const parts: string[] = [];
    let offset = 0;
    for (const piece of pieces) {
      this.pieceStarts.push(offset);
      parts.push(text.slice(piece.start, piece.end));
      offset += piece.end - piece.start + 1;
    }
    this.value = parts.join('\n');
  }

  get length(): number {
    return this.value.length;
  }

  private pieceOf(offset: number): number {
    const starts = this.pieceStarts;
    let piece = this.lastPiece;
    if (piece >= starts.length || starts[piece]! > offset) piece = 0;
    // Forward scan from the cursor; fall back to binary search for long jumps.
    if (piece + 8 < starts.length && starts[piece + 8]! <= offset) {
      let low = piece;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      piece = low;
    } else {
      while (piece + 1 < starts.length && starts[piece + 1]! <= offset) piece++;
    }
    this.lastPiece = piece;
    return piece;
  }

  /** The original offset of a character (or of the end of a piece). */
  toOriginal(offset: number): number {
    if (this.pieces.length === 0) return 0;
    const piece = this.pieceOf(Math.max(0, offset));
    const start = this.pieces[piece]!.start;
    return Math.min(this.pieces[piece]!.end, start + (offset - this.pieceStarts[piece]!));
  }

  /** The original span of [start, end) when both ends lie on real characters (not a line join). */
  toOriginalSpan(start: number, end: number): Span {
    const originalStart = this.toOriginal(start);
    const originalEnd = end > start ? this.toOriginal(end - 1) + 1 : originalStart;
    return { start: originalStart, end: Math.max(originalStart, originalEnd) };
  }
}
