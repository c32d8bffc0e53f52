// YAML front matter: a `---` line at the very start of the document (after a BOM), up to the next
// `---` or `...` line, as Pandoc and static-site generators read it. Without a closing line there is
// no front matter: the `---` is a thematic break or a setext underline, and markdown-it decides.
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Span } from '../model';

export interface FrontMatter {
  span: Span;
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

export function readFrontMatter(text: string): FrontMatter | undefined {
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
      return parseFrontMatter(text, bomLength, contentStart, lineStart, lineEnd);
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
): FrontMatter {
  const frontMatter: FrontMatter = { span: { start, end }, bibliography: [] };
  const content = text.slice(contentStart, contentEnd);
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
    const root = document.contents;
    if (!isMap(root)) return frontMatter;
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const value = pair.value as YamlNode | null;
      if (key === undefined || !value) continue;
      if (AS_OF_KEYS.has(key) && isScalar(value) && value.value !== null && value.range) {
        frontMatter.asOf =
          typeof value.value === 'string' ? value.value : content.slice(value.range[0], value.range[1]).trim();
      } else if (key === 'bibliography') {
        const items = isSeq(value) ? value.items : [value];
        for (const item of items) {
          if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
          const quoted = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE' ? 1 : 0;
          frontMatter.bibliography.push({
            path: item.value,
            span: { start: contentStart + item.range[0] + quoted, end: contentStart + item.range[1] - quoted },
          });
        }
      }
    }
  } catch (error) {
    frontMatter.error = {
      message: `Front matter could not be read: ${error instanceof Error ? error.message : String(error)}`,
      span: { start, end },
    };
  }
  return frontMatter;
}
