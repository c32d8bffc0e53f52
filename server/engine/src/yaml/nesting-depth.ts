// How deeply a YAML text nests, worked out without the yaml package, which must never see text
// nested deeper than it can read.
//
// Why: `yaml` composes nested collections recursively. About a thousand levels down it runs out of
// stack, and when V8 compiles or re-tiers a regular expression at that moment the process aborts
// ("FATAL ERROR: RegExpCompiler Allocation failed"), which no try/catch can stop: a claim file of
// 5,000 "[" killed the CLI, the language server and a CI test worker (docs/robustness.md).
import { Lexer } from 'yaml';

/** Claim files, front matter and registries are a few levels deep; yaml reads four times this. */
export const MAX_YAML_NESTING = 256;

/** True when `text` may nest deeper than `limit` collections. Linear, and reads nothing twice unless the quick bound says it may. */
export function nestsDeeperThan(text: string, limit = MAX_YAML_NESTING): boolean {
  return quickNestingBound(text) > limit && lexedNestingDepth(text) > limit;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * A bound on the nesting, from characters alone: flow brackets anywhere (also in strings and
 * comments), plus the columns of each line's indentation and compact indicators (`- - x`). A
 * nested block collection starts right of its parent, bar a mapping's list at the key's column,
 * whose items start two columns right: at most one level per column, give or take one.
 */
function quickNestingBound(text: string): number {
  let flow = 0;
  let maxFlow = 0;
  let maxBlock = 0;
  let lineStart = true;
  let block = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (lineStart) {
      if (code === SPACE) {
        block++;
        continue;
      }
      if ((code === 0x2d || code === 0x3f || code === 0x3a) && isBlank(text.charCodeAt(at + 1))) {
        block += 2; // the indicator's column and its space's
        at++;
        continue;
      }
      if (block > maxBlock) maxBlock = block;
      lineStart = false;
    }
    if (code === 0x5b || code === 0x7b) {
      if (++flow > maxFlow) maxFlow = flow;
    } else if (code === 0x5d || code === 0x7d) {
      if (flow > 0) flow--;
    } else if (code === NEWLINE || code === CR) {
      lineStart = true;
      block = 0;
    }
  }
  if (block > maxBlock) maxBlock = block;
  return maxFlow + maxBlock + 2;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === NEWLINE || code === CR || code === 0x09 || Number.isNaN(code);
}

/**
 * The nesting as yaml's lexer (a loop, not a recursion) sees it: brackets in quoted text, comments
 * and block scalars do not count. Only for text the quick bound could not clear.
 */
function lexedNestingDepth(text: string): number {
  let flow = 0;
  let maxFlow = 0;
  let maxBlock = 0;
  let block = 0;
  let lineStart = true;
  for (const lexeme of new Lexer().lex(text)) {
    const first = lexeme.charCodeAt(0);
    // The lexer's own markers (document start, scalar start): one control character each.
    if (lexeme.length === 1 && first < SPACE && first !== NEWLINE && first !== CR) continue;
    if (lexeme === '\n' || lexeme === '\r\n') {
      lineStart = true;
      block = 0;
      continue;
    }
    if (lineStart) {
      if (first === SPACE && lexeme.trim() === '') {
        block += lexeme.length;
        continue;
      }
      if (lexeme === '-' || lexeme === '?' || lexeme === ':') {
        block++; // its space is a lexeme of its own
        continue;
      }
      if (block > maxBlock) maxBlock = block;
      lineStart = false;
    }
    if (lexeme === '[' || lexeme === '{') {
      if (++flow > maxFlow) maxFlow = flow;
    } else if ((lexeme === ']' || lexeme === '}') && flow > 0) {
      flow--;
    }
    // A block scalar's lines come as one lexeme that ends with its line break.
    if (lexeme.length > 1 && (lexeme.endsWith('\n') || lexeme.endsWith('\r'))) {
      lineStart = true;
      block = 0;
    }
  }
  if (block > maxBlock) maxBlock = block;
  return maxFlow + maxBlock + 2;
}
