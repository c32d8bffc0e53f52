// Block structure from markdown-it, with one addition: for every line of a paragraph, heading or
// table, where its inline content starts and ends in the ORIGINAL text. markdown-it's tokens only
// carry line ranges, and its inline `content` has container prefixes (`> `, list markers) and
// indentation removed; the block rules themselves know exactly where each line's content begins
// (bMarks + tShift), so we wrap those rules and record it as they run.
import MarkdownItParser from 'markdown-it';
import type { MarkdownIt, StateBlock, Token } from 'markdown-it';
import type { SourceLines } from './source-lines';

export interface BlockStructure {
  tokens: Token[];
  /** Original offset where each line's inline content starts; -1 for lines outside such blocks. */
  contentStart: Int32Array;
  /** Original offset where each line's inline content ends (before the line break). */
  contentEnd: Int32Array;
  /** Link reference definitions (`[label]: url`), keyed by markdown-it's normalised label. */
  references: Record<string, { href: string; title: string }>;
}

interface RecordingEnv {
  [key: string | symbol]: unknown;
  references?: Record<string, { href: string; title: string }>;
  claimlintRecorder?: { lines: SourceLines; contentStart: Int32Array; contentEnd: Int32Array };
}

const RECORDED_RULES = ['table', 'heading', 'lheading', 'paragraph'];

let parser: MarkdownIt | undefined;

function recordLines(state: StateBlock, startLine: number, endLine: number): void {
  const recorder = (state.env as RecordingEnv).claimlintRecorder;
  if (!recorder) return;
  for (let line = startLine; line < endLine && line < recorder.lines.lineCount; line++) {
    recorder.contentStart[line] = recorder.lines.originalOffset(line, state.bMarks[line]! + state.tShift[line]!);
    recorder.contentEnd[line] = recorder.lines.originalOffset(line, state.eMarks[line]!);
  }
}

function createParser(): MarkdownIt {
  const md = new MarkdownItParser('default', { html: true });
  // Block structure only: we scan inline content ourselves, with offsets.
  md.core.ruler.enableOnly(['normalize', 'block']);
  for (const name of RECORDED_RULES) {
    const rule = md.block.ruler.__rules__.find((candidate) => candidate.name === name);
    if (!rule) continue;
    const original = rule.fn;
    md.block.ruler.at(
      name,
      (state, startLine, endLine, silent) => {
        const matched = original(state, startLine, endLine, silent);
        if (matched && !silent) recordLines(state, startLine, state.line);
        return matched;
      },
      { alt: rule.alt },
    );
  }
  return md;
}

export function parseBlocks(lines: SourceLines): BlockStructure {
  parser ??= createParser();
  const contentStart = new Int32Array(lines.lineCount).fill(-1);
  const contentEnd = new Int32Array(lines.lineCount).fill(-1);
  const env: RecordingEnv = { claimlintRecorder: { lines, contentStart, contentEnd } };
  const tokens = parser.parse(lines.normalized, env);
  return { tokens, contentStart, contentEnd, references: env.references ?? {} };
}

/** markdown-it's label normalisation, so our lookups find its reference definitions. */
export function normalizeReferenceLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase();
}
