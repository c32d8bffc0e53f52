// Large documents are parsed in chunks: markdown-it's tokens take ~180 bytes each, and 50 MB of
// short blocks is 16 million tokens (3 GB). A chunk ends only where no block can continue: after a
// blank line, before a line that starts in column 0, outside fenced code and outside the HTML blocks
// that may hold blank lines (<script>, <pre>, <style>, <textarea>, comments, <?…?>, <!…>, CDATA).
// Such a line closes every open container (lists, blockquotes, indented code), so each chunk parses
// as it would inside the whole; at worst a loose list is read as two lists.
import type { SourceLines } from './source-lines';

/** Characters per chunk, roughly; a chunk ends at the first safe line after this. */
export const CHUNK_SIZE = 1_000_000;

export interface LineChunk {
  firstLine: number;
  /** Exclusive. */
  endLine: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const RAW_HTML_OPEN = /^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i;
const OTHER_HTML_OPEN: [RegExp, string][] = [
  [/^ {0,3}<!--/, '-->'],
  [/^ {0,3}<\?/, '?>'],
  [/^ {0,3}<![A-Za-z]/, '>'],
  [/^ {0,3}<!\[CDATA\[/, ']]>'],
];
/** Openers are recognised on a line's first characters only: a 10 MB line is not searched twice. */
const PREFIX_LENGTH = 64;

export function chunkLines(lines: SourceLines, chunkSize = CHUNK_SIZE): LineChunk[] {
  const text = lines.text;
  // The lines' sizes below add up to at most the text's length + 1, so a shorter document is one
  // chunk, without six regular expressions per line (35 ms of the 100k benchmark's reports).
  if (text.length + 1 < chunkSize) return [{ firstLine: 0, endLine: lines.lineCount }];
  const chunks: LineChunk[] = [];
  let firstLine = 0;
  let size = 0;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: string | undefined;
  let rawHtmlEnd: RegExp | undefined;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.starts[line]!;
    const end = lines.ends[line]!;
    size += end - start + 1;
    const prefix = text.slice(start, Math.min(end, start + PREFIX_LENGTH));
    if (fence) {
      const close = FENCE_CLOSE.exec(prefix);
      if (close && end - start <= PREFIX_LENGTH && close[1]![0] === fence.char && close[1]!.length >= fence.length) {
        fence = undefined;
      }
      continue;
    }
    if (htmlEnd !== undefined || rawHtmlEnd !== undefined) {
      const lineText = text.slice(start, end);
      if ((htmlEnd !== undefined && lineText.includes(htmlEnd)) || (rawHtmlEnd && rawHtmlEnd.test(lineText))) {
        htmlEnd = undefined;
        rawHtmlEnd = undefined;
      }
      continue;
    }
    const open = FENCE_OPEN.exec(prefix);
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      continue;
    }
    const raw = RAW_HTML_OPEN.exec(prefix);
    if (raw) {
      const closing = new RegExp(`</${raw[1]}>`, 'i');
      if (!closing.test(text.slice(start, end))) rawHtmlEnd = closing;
      continue;
    }
    const other = OTHER_HTML_OPEN.find(([pattern]) => pattern.test(prefix));
    if (other) {
      const [pattern, closing] = other;
      const opener = pattern.exec(prefix)![0].length;
      if (!text.slice(start + opener, end).includes(closing)) htmlEnd = closing;
      continue;
    }
    const safe =
      line + 1 < lines.lineCount &&
      lines.isBlank(line) &&
      startsInColumnZero(text, lines.starts[line + 1]!, lines.ends[line + 1]!);
    if (size >= chunkSize && safe) {
      chunks.push({ firstLine, endLine: line + 1 });
      firstLine = line + 1;
      size = 0;
    }
  }
  chunks.push({ firstLine, endLine: lines.lineCount });
  return chunks;
}

function startsInColumnZero(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  const code = text.charCodeAt(start);
  return code !== 32 && code !== 9;
}
