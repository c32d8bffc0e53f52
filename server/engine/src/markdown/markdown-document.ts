// What the Markdown reader hands the rest of the engine (SPEC §1.4).
import type { Citation, Span, Suppression } from '../model';
import type { FrontMatter } from './front-matter';

export type { FrontMatter } from './front-matter';

export interface MarkdownSentence {
  /** The sentence in the document (offsets into the original text), trimmed of whitespace. */
  span: Span;
  /** In an ATX or setext heading. */
  inHeading: boolean;
  /** A table cell (each cell is one sentence; header cells too). */
  inTable: boolean;
  /**
   * Every citation that belongs to this sentence: those inside it, those just after its full stop,
   * a table's `Source:` line or source column, and for sentences inside a footnote definition, the
   * definition's own citations. A `footnote` citation without `id` and `url` names no source.
   */
  citations: Citation[];
}

export interface PandocSpan {
  /** The bracketed content, without `[ ]` and the `{…}`. */
  span: Span;
  /** `{subject=russia metric=re-reserves as_of=2024}`; `.class` and `#id` tokens are left out. */
  attributes: Record<string, string>;
  /** The `{…}`. */
  attributesSpan: Span;
}

export interface MarkdownDocument {
  /**
   * The original text with everything that is not prose replaced by spaces (same length, same
   * offsets, line breaks kept).
   */
  prose: string;
  sentences: MarkdownSentence[];
  spans: PandocSpan[];
  frontMatter?: FrontMatter;
  /** From claimlint-disable comments, by 0-based line ranges. */
  suppressions: Suppression[];
}
