// Offsets ↔ 0-based line/character positions, in UTF-16 code units as LSP and ESLint count them.
// Line ends are \n, \r\n and a lone \r, as in LSP.

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  /** Every document keeps one: a typed array of the exact length is a quarter of a grown number[]. */
  private readonly lineStarts: Uint32Array;

  constructor(private readonly text: string) {
    let count = 1;
    forEachLineStart(text, () => count++);
    const starts = new Uint32Array(count);
    let line = 1;
    forEachLineStart(text, (offset) => (starts[line++] = offset));
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }
}

/** Calls `found` with the offset after each line end (\n, \r\n or a lone \r). */
export function forEachLineStart(text: string, found: (offset: number) => void): void {
  if (text.indexOf('\r') === -1) {
    // The usual case, and a much faster search than a loop over every code unit.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) found(i + 1);
    return;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      found(i + 1);
    } else if (c === 10 /* \n */) {
      found(i + 1);
    }
  }
}
