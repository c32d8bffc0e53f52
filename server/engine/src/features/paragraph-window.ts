// The paragraph (or table) around an offset, as far as blank lines, within a window: the fixes read
// only that much of a document again, so a long document costs no more than a short one.

/** How far around an offset its paragraph is looked for. */
const PARAGRAPH_WINDOW = 20_000;

/** Just after the last blank line before `at`, or the window's start. */
export function paragraphStart(text: string, at: number): number {
  const limit = Math.max(0, at - PARAGRAPH_WINDOW);
  const blank = Math.max(text.lastIndexOf('\n\n', at), text.lastIndexOf('\r\r', at), text.lastIndexOf('\n\r\n', at));
  return blank >= limit ? blank + 1 : limit;
}

/** Just after the last line before the next blank line after `at`, or the window's end. */
export function paragraphEnd(text: string, at: number): number {
  const limit = Math.min(text.length, at + PARAGRAPH_WINDOW);
  const ends = ['\n\n', '\r\r', '\r\n\r'].map((blank) => text.indexOf(blank, at)).filter((i) => i >= 0 && i <= limit);
  return ends.length > 0 ? Math.min(...ends) + 1 : limit;
}
