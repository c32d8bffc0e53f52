// YAML front matter: a `---` line at the very start of the document (after a BOM), up to the next
// `---` or `...` line, as Pandoc and static-site generators read it. Without a closing line there is
// no front matter: the `---` is a thematic break or a setext underline, and markdown-it decides.
import { parseDocument } from 'yaml';
import { MAX_YAML_NESTING, nestsDeeperThan } from '../yaml/nesting-depth';
import type { Span } from '../model';
import { treeFromPlainBlocks } from '../yaml/plain-block-scanner';
import { deref, treeFromDocument, type TreeNode } from '../yaml/yaml-tree';

export interface FrontMatter {
  /** From the opening `---` to the end of the closing line. */
  span: Span;
  /** The YAML between the two lines. */
  content: Span;
  /** Front matter `as_of:` as written (a number 2024 becomes "2024"). */
  asOf?: string;
  /** Pandoc `bibliography:` (a string or a list of strings). */
  bibliography: { path: string; span: Span }[];
  /** Why the front matter could not be read, and where. */
  error?: { message: string; span: Span };
}

const OPENING = /---[ \t]*(?:\r\n?|\n)/y;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;
const AS_OF_KEYS = new Set(['as_of', 'as-of', 'asOf']);

/** `scanner: false` is for tests: the `yaml` path alone, which the scanner's path must agree with. */
export function readFrontMatter(text: string, { scanner = true }: { scanner?: boolean } = {}): FrontMatter | undefined {
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  OPENING.lastIndex = bomLength;
  const opening = OPENING.exec(text);
  if (!opening) return undefined;
  const contentStart = bomLength + opening[0].length;
  // Find the closing line without splitting the whole document.
  let lineStart = contentStart;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    const mayClose = text.startsWith('---', lineStart) || text.startsWith('...', lineStart);
    if (mayClose && CLOSING.test(text.slice(lineStart, lineEnd))) {
      return parseFrontMatter(text, bomLength, contentStart, lineStart, lineEnd, scanner);
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
  }
  return undefined;
}

function parseFrontMatter(
  text: string,
  start: number,
  contentStart: number,
  contentEnd: number,
  end: number,
  scanner: boolean,
): FrontMatter {
  const frontMatter: FrontMatter = { span: { start, end }, content: { start: contentStart, end: contentEnd }, bibliography: [] };
  const content = text.slice(contentStart, contentEnd);
  // Front matter is nearly always plain YAML (`title: …`, `as_of: 2024`): the claim files' scanner
  // reads it in a fraction of the time `yaml`'s document API takes (which was 9% of a check of
  // 1,000 small reports with front matter, docs/benchmarks.md). Whatever it declines goes to `yaml`.
  const tree = scanner ? treeFromPlainBlocks(content) : undefined;
  if (tree !== undefined) return readFrontMatterTree(frontMatter, tree, content, contentStart);
  if (nestsDeeperThan(content)) {
    // yaml would recurse until the stack ran out, which can abort the process (nesting-depth.ts).
    frontMatter.error = {
      message: `Front matter is nested too deeply to be read (more than ${MAX_YAML_NESTING} levels); front matter is a few levels deep`,
      span: { start: contentStart, end: contentStart },
    };
    return frontMatter;
  }
  try {
    const document = parseDocument(content, { prettyErrors: false, logLevel: 'error' });
    const firstError = document.errors[0];
    if (firstError) {
      const [errorStart, errorEnd] = firstError.pos;
      frontMatter.error = {
        message: `Front matter is not valid YAML: ${firstError.message.split('\n')[0]}`,
        span: { start: contentStart + errorStart, end: contentStart + Math.max(errorStart, errorEnd) },
      };
      return frontMatter;
    }
    return readFrontMatterTree(frontMatter, treeFromDocument(document), content, contentStart);
  } catch (error) {
    frontMatter.error = {
      message: `Front matter could not be read: ${error instanceof Error ? error.message : String(error)}`,
      span: { start, end },
    };
  }
  return frontMatter;
}

/** `as_of` and `bibliography` from the tree, whichever reader built it (the plain scanner or `yaml`). */
function readFrontMatterTree(frontMatter: FrontMatter, tree: TreeNode | null, content: string, contentStart: number): FrontMatter {
  if (tree?.kind !== 'map') return frontMatter;
  for (const pair of tree.pairs) {
    const key = pair.key.kind === 'scalar' ? String(pair.key.value) : undefined;
    const value = deref(pair.value);
    if (key === undefined || !value) continue;
    if (AS_OF_KEYS.has(key) && value.kind === 'scalar' && value.value !== null) {
      frontMatter.asOf = typeof value.value === 'string' ? value.value : content.slice(value.span.start, value.span.end).trim();
    } else if (key === 'bibliography') {
      const items = value.kind === 'seq' ? value.items : [value];
      for (const item of items) {
        if (item.kind !== 'scalar' || typeof item.value !== 'string') continue;
        const first = content.charCodeAt(item.span.start);
        const quoted = first === 0x22 || first === 0x27 ? 1 : 0;
        frontMatter.bibliography.push({
          path: item.value,
          span: { start: contentStart + item.span.start + quoted, end: contentStart + item.span.end - quoted },
        });
      }
    }
  }
  return frontMatter;
}
