// `# claimlint-disable…` comments in YAML claim files. Comments are taken from the plain block
// scanner or, for files outside its subset, yaml's concrete syntax tree, so a `#` inside a quoted
// string or a block scalar is not mistaken for one.
import { Parser } from 'yaml';
import { plainComments } from './plain-block-scanner';
import type { Suppression } from '../model';
import { LineIndex } from '../text/line-index';

interface DirectiveComment {
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  rules: string[];
  line: number;
}

// Anchored and made of disjoint pieces: linear on any comment.
const DIRECTIVE = /^#\s*claimlint-(disable-next-line|disable-line|disable|enable)(?![\w-])(.*)$/;

export function yamlSuppressions(text: string, lines: LineIndex = new LineIndex(text)): Suppression[] {
  // Most files have comments but no directive: skip the syntax tree (a second parse) for them.
  if (!text.includes('claimlint-')) return [];
  const directives: DirectiveComment[] = [];
  for (const comment of plainComments(text) ?? yamlComments(text)) {
    const match = DIRECTIVE.exec(comment.source);
    if (!match) continue;
    directives.push({
      kind: match[1] as DirectiveComment['kind'],
      rules: ruleList(match[2] ?? ''),
      line: lines.positionAt(comment.offset).line,
    });
  }
  return suppressionsFrom(directives, lines.lineCount - 1);
}

/** `RULE RULE`, `RULE, RULE`, and an ESLint-style `-- reason` after them. */
function ruleList(rest: string): string[] {
  const reasonAt = rest.indexOf('--');
  const rules = reasonAt >= 0 ? rest.slice(0, reasonAt) : rest;
  return rules.split(/[\s,]+/).filter((rule) => rule !== '');
}

function suppressionsFrom(directives: DirectiveComment[], lastLine: number): Suppression[] {
  const suppressions: Suppression[] = [];
  // Open `disable` blocks by rule id ('' for "every rule"), with the line they began on.
  const open = new Map<string, number>();
  const close = (key: string, line: number): void => {
    const from = open.get(key);
    if (from === undefined) return;
    suppressions.push({ rules: key === '' ? [] : [key], fromLine: from, toLine: line });
    open.delete(key);
  };
  for (const directive of directives) {
    switch (directive.kind) {
      case 'disable-next-line':
        suppressions.push({ rules: directive.rules, fromLine: directive.line + 1, toLine: directive.line + 1 });
        break;
      case 'disable-line':
        suppressions.push({ rules: directive.rules, fromLine: directive.line, toLine: directive.line });
        break;
      case 'disable':
        for (const key of directive.rules.length === 0 ? [''] : directive.rules) {
          if (!open.has(key)) open.set(key, directive.line);
        }
        break;
      case 'enable':
        // A bare enable ends every open block; a named one ends that rule's block only.
        for (const key of directive.rules.length === 0 ? [...open.keys()] : directive.rules) {
          close(key, directive.line);
        }
        break;
    }
  }
  for (const key of [...open.keys()]) close(key, lastLine);
  return suppressions;
}

interface CommentToken {
  offset: number;
  source: string;
}

/** Every comment in the text, from the concrete syntax tree (walked without recursion). */
export function yamlComments(text: string): CommentToken[] {
  if (!text.includes('#')) return [];
  const comments: CommentToken[] = [];
  const stack: unknown[] = [...new Parser().parse(text)];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (const child of item) stack.push(child);
    } else if (item !== null && typeof item === 'object') {
      const token = item as { type?: unknown; offset?: unknown; source?: unknown };
      if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
        comments.push({ offset: token.offset, source: token.source });
        continue;
      }
      for (const value of Object.values(item)) {
        if (value !== null && typeof value === 'object') stack.push(value);
      }
    }
  }
  return comments.sort((a, b) => a.offset - b.offset);
}
