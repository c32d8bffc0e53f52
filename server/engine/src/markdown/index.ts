// The Markdown reader (SPEC §1.4): which text is prose, where sentences start and end, which
// citations belong to which sentence, Pandoc spans, front matter and suppression comments.
// Figures are found in `prose` by the quantity reader; subjects and metrics are resolved elsewhere.
import { DocumentReader } from './document-reader';
import type { MarkdownDocument } from './markdown-document';

export type { FrontMatter, MarkdownDocument, MarkdownSentence, PandocSpan } from './markdown-document';

/**
 * Reads a Markdown document. Never throws; linear in the size of the text. `plainBlocks: false`
 * is for tests: the block structure from markdown-it alone, which the plain reader must agree with.
 */
export function parseMarkdown(text: string, { plainBlocks = true }: { plainBlocks?: boolean } = {}): MarkdownDocument {
  try {
    return new DocumentReader(text, undefined, plainBlocks).read();
  } catch {
    // Last resort: nothing could be read, so nothing is prose.
    return { prose: text.replace(/[^\r\n]/g, ' '), sentences: [], spans: [], suppressions: [] };
  }
}
