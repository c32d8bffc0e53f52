// Block structure from markdown-it, with one addition: for every line of a paragraph, heading or
// table, where its inline content starts and ends in the ORIGINAL text. markdown-it's tokens only
// carry line ranges, and its inline `content` has container prefixes (`> `, list markers) and
// indentation removed; the block rules themselves know exactly where each line's content begins
// (bMarks + tShift), so we wrap those rules and record it as they run.
import MarkdownItParser from 'markdown-it';
import type { MarkdownIt, StateBlock } from 'markdown-it';
import { readPlainBlocks, type BlockToken } from './plain-blocks';
import type { SourceLines } from './source-lines';

export type { BlockToken } from './plain-blocks';

export interface BlockStructure {
  tokens: BlockToken[];
  /** Original offset where each line's inline content starts; -1 for lines outside such blocks. */
  contentStart: LineNumbers;
  /** Original offset where each line's inline content ends (before the line break). */
  contentEnd: LineNumbers;
  /** Link reference definitions (`[label]: url`), keyed by markdown-it's normalised label. */
  references: Record<string, { href: string; title: string }>;
}

interface RecordingEnv {
  [key: string | symbol]: unknown;
  references?: Record<string, { href: string; title: string }>;
  claimlintRecorder?: Recorder;
}

interface Recorder {
  lines: SourceLines;
  /** The chunk's first line, and its offset in the normalised source. */
  firstLine: number;
  normalizedStart: number;
  contentStart: LineNumbers;
  contentEnd: LineNumbers;
}

/** A number per line: a typed array for a long document, a plain list for a short one. */
type LineNumbers = Int32Array | number[];

/**
 * Below this many lines, a plain list: a typed array of more than 16 numbers has its memory off the
 * heap, an allocation and a release for the collector to track, two per document.
 */
const TYPED_LINE_COUNT = 1024;

const RECORDED_RULES = ['table', 'heading', 'lheading', 'paragraph'];

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

/** markdown-it's Ruler keeps its rules in `__rules__`; the field is internal and its types leave it out. */
interface RuleList {
  __rules__: { name: string; fn: BlockRule; alt: string[] }[];
}

let parser: MarkdownIt | undefined;

function recordLines(state: StateBlock, startLine: number, endLine: number): void {
  const recorder = (state.env as RecordingEnv).claimlintRecorder;
  if (!recorder) return;
  const { lines, firstLine, normalizedStart } = recorder;
  for (let line = startLine; line < endLine && firstLine + line < lines.lineCount; line++) {
    const global = firstLine + line;
    recorder.contentStart[global] = lines.originalOffset(global, normalizedStart + state.bMarks[line]! + state.tShift[line]!);
    recorder.contentEnd[global] = lines.originalOffset(global, normalizedStart + state.eMarks[line]!);
  }
}

/** Replaces markdown-it's block rule `name` by `wrap(original)`, keeping the rules it may interrupt. */
function wrapBlockRule(md: MarkdownIt, name: string, wrap: (original: BlockRule) => BlockRule): void {
  const rule = (md.block.ruler as unknown as RuleList).__rules__.find((candidate) => candidate.name === name);
  if (rule) md.block.ruler.at(name, wrap(rule.fn), { alt: rule.alt });
}

function createParser(): MarkdownIt {
  const md = new MarkdownItParser('default', { html: true });
  // Block structure only: we scan inline content ourselves, with offsets.
  md.core.ruler.enableOnly(['normalize', 'block']);
  // markdown-it's normalize rule rewrites every source, matching each \n to turn \r\n into it. Ours
  // come from SourceLines with line breaks already \n, so only a NUL (read as U+FFFD, same length)
  // needs replacing: the rewrite was a tenth of markdown-it's time on the benchmark's reports.
  md.core.ruler.at('normalize', (state) => {
    if (state.src.indexOf('\r') !== -1) state.src = state.src.replace(/\r\n?/g, '\n');
    if (state.src.indexOf('\0') !== -1) state.src = state.src.replace(/\0/g, '\uFFFD');
  });
  // `[^1]: https://…` and `[^1]: 数据见[@key]。` are footnote definitions to Pandoc and GFM, but to
  // CommonMark a link reference definition (its destination is any run without spaces), which
  // markdown-it would take out of the text: the footnote, and the source it gives, would be lost.
  wrapBlockRule(md, 'reference', (original) => (state, startLine, endLine, silent) => {
    const start = state.bMarks[startLine]! + state.tShift[startLine]!;
    if (state.src.charCodeAt(start) === 0x5b && state.src.charCodeAt(start + 1) === 0x5e) return false;
    return original(state, startLine, endLine, silent);
  });
  for (const name of RECORDED_RULES) {
    wrapBlockRule(md, name, (original) => (state, startLine, endLine, silent) => {
      const matched = original(state, startLine, endLine, silent);
      if (matched && !silent) recordLines(state, startLine, state.line);
      return matched;
    });
  }
  return md;
}

/** Where each line's inline content lies; filled chunk by chunk. */
export function createLineContent(lines: SourceLines): Pick<BlockStructure, 'contentStart' | 'contentEnd'> {
  return {
    contentStart: lineNumbers(lines.lineCount),
    contentEnd: lineNumbers(lines.lineCount),
  };
}

function lineNumbers(count: number): LineNumbers {
  return count < TYPED_LINE_COUNT ? new Array<number>(count).fill(-1) : new Int32Array(count).fill(-1);
}

/**
 * Parses lines [firstLine, endLine) (a chunk that ends where no block continues), recording line
 * content into `content`. Token maps are global line numbers. Reference definitions are added to
 * `references` (the first definition of a label wins, as in markdown-it). Plain Markdown is read by
 * plain-blocks.ts, the rest by markdown-it; `plainBlocks: false` (for tests) always takes markdown-it.
 */
export function parseBlocks(
  lines: SourceLines,
  content: Pick<BlockStructure, 'contentStart' | 'contentEnd'>,
  references: BlockStructure['references'],
  firstLine = 0,
  endLine = lines.lineCount,
  plainBlocks = true,
): BlockStructure {
  const plain = plainBlocks ? readPlainBlocks(lines, content, firstLine, endLine) : undefined;
  if (plain) return { tokens: plain, ...content, references };
  parser ??= createParser();
  const normalizedStart = lines.normalizedStarts[firstLine] ?? 0;
  const normalizedEnd = endLine < lines.lineCount ? lines.normalizedStarts[endLine]! - 1 : lines.normalized.length;
  const env: RecordingEnv = {
    references,
    claimlintRecorder: { lines, firstLine, normalizedStart, ...content },
  };
  const tokens = parser.parse(lines.normalized.slice(normalizedStart, normalizedEnd), env);
  if (firstLine > 0) {
    for (const token of tokens) if (token.map) token.map = [token.map[0] + firstLine, token.map[1] + firstLine];
  }
  return { tokens, ...content, references };
}

/** markdown-it's label normalisation, so our lookups find its reference definitions. */
export function normalizeReferenceLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase();
}
