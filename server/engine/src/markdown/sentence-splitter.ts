// Sentence boundaries in prose (syntax already blanked to spaces). Sentences end at `. ! ?` followed
// by a space, a line end, the end of the block or CJK text (after any closing quotes or brackets),
// and at `。！？` at once. A period does not end a sentence inside a decimal (`3.5`, `$8.5`), an
// ellipsis, or after an abbreviation: titles (`Dr.`), `No. 4`, `p. 4`, `Fig. 2`, `e.g.`, `i.e.`,
// `vs.`; and `U.S.`, `etc.`, `Inc.`, `Ltd.` only end one when what follows opens a new sentence.
import { isSpaceCode } from '../text/whitespace';

export interface SentenceRange {
  start: number;
  end: number;
}

const CJK_TERMINATORS = new Set(['。', '！', '？', '｡']);
/** 1 for the code units that may end a sentence: read for every character, so a table, not a Set. */
const IS_TERMINATOR = new Uint8Array(0x10000);
for (const code of [0x2e, 0x21, 0x3f, 0x3002, 0xff01, 0xff1f, 0xff61]) IS_TERMINATOR[code] = 1;
const CLOSERS = new Set(['"', "'", '”', '’', '」', '』', '）', ')', ']', '】', '》', '〉', '»', '›', '*', '_']);

/** Never end a sentence (a name or a clause follows them). */
const NEVER_FINAL = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sr', 'jr', 'gen', 'gov', 'sen', 'rep', 'hon', 'rev', 'capt', 'col',
  'lt', 'sgt', 'vs', 'cf', 'e.g', 'i.e', 'viz', 'approx', 'ca', 'al', 'esp', 'incl', 'resp', 'ibid',
]);
/** Not final before a number: `No. 4`, `p. 4`, `Fig. 2`, `Jan. 31`. */
const BEFORE_NUMBER = new Set([
  'no', 'nos', 'p', 'pp', 'fig', 'figs', 'vol', 'vols', 'ch', 'chap', 'sec', 'art', 'eq', 'para', 'tab', 'op',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'est', 'ed', 'eds',
]);
/** Final only when a new sentence visibly follows (`…the U.S. The…`, `…etc. Prices…` stays open). */
const SOMETIMES_FINAL = new Set(['etc', 'inc', 'co', 'corp', 'ltd', 'llc', 'plc', 'bros', 'dept', 'govt']);
/** Words that open sentences, as opposed to the names that follow `U.S.` or `Co.`. */
const SENTENCE_OPENERS = new Set([
  'the', 'this', 'that', 'these', 'those', 'it', 'its', 'in', 'on', 'at', 'as', 'by', 'for', 'from', 'but',
  'and', 'or', 'so', 'however', 'meanwhile', 'he', 'she', 'they', 'we', 'i', 'a', 'an', 'there', 'such',
  'according', 'while', 'when', 'since', 'if', 'yet', 'still', 'also', 'moreover', 'our', 'their', 'his',
  'her', 'after', 'before', 'during', 'despite', 'although', 'though', 'both', 'each', 'all', 'some', 'most',
  'many', 'other', 'one', 'two', 'to', 'with', 'without', 'under', 'over', 'about', 'what', 'why', 'how',
  'who', 'which', 'then', 'thus', 'therefore', 'further', 'furthermore', 'overall', 'instead', 'today',
  'last', 'next', 'new', 'not', 'no', 'only', 'even', 'because', 'until', 'unlike', 'like', 'given',
]);

const MAX_WORD = 32;

function isCjk(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef)
  );
}

const LETTER = /\p{L}/u;
const LOWER_CASE = /\p{Ll}/u;

// ASCII decided by its code: a regular expression per character of the words around every full
// stop was a third of the splitter's time on the 100k benchmark's reports.
function isLetter(char: string): boolean {
  const code = char.charCodeAt(0);
  if (char.length === 1 && code < 128) return (code | 0x20) >= 97 && (code | 0x20) <= 122;
  return LETTER.test(char);
}

function isLowerCase(char: string): boolean {
  const code = char.charCodeAt(0);
  if (char.length === 1 && code < 128) return code >= 97 && code <= 122;
  return LOWER_CASE.test(char);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Where a sentence that ends at `end` really ends, closing quotes and brackets included. */
function skipClosers(text: string, end: number): number {
  let k = end;
  while (k < text.length && CLOSERS.has(text[k]!)) k++;
  return k;
}

function followedByBoundary(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const code = text.charCodeAt(at);
  return isSpaceCode(code) || isCjk(code);
}

/** The word just before the period at `at`: letters and inner dots (`U.S`, `e.g`, `Dr`). */
function wordBefore(text: string, at: number): string {
  let k = at;
  while (k > 0 && at - k < MAX_WORD) {
    const char = text[k - 1]!;
    if (char === '.' || isLetter(char)) k--;
    else break;
  }
  return text.slice(k, at);
}

/** The first word after the spaces at `from`, and the first character there. */
function nextWord(text: string, from: number): { first: string; word: string } {
  let k = from;
  while (k < text.length && k - from < 256 && isSpaceCode(text.charCodeAt(k))) k++;
  let end = k;
  while (end < text.length && end - k < MAX_WORD && isLetter(text[end]!)) end++;
  return { first: text[k] ?? '', word: text.slice(k, end) };
}

function periodEndsSentence(text: string, at: number, after: number): boolean {
  // Ellipses (`...`) never end a sentence; `3.5`, `U.S.A` and domains fail the boundary test.
  if (text[at - 1] === '.' || text[at + 1] === '.') return false;
  if (!followedByBoundary(text, after)) return false;
  const next = nextWord(text, after);
  if (next.first === '') return true;
  // A lower-case continuation is the same sentence (`approx. half`, `Mt. and`).
  if (isLowerCase(next.first)) return false;
  const word = wordBefore(text, at);
  if (word === '') return true;
  const lower = word.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  if (BEFORE_NUMBER.has(lower) && isDigit(next.first.charCodeAt(0))) return false;
  const initialism = word.includes('.');
  if (initialism || SOMETIMES_FINAL.has(lower)) {
    if (isDigit(next.first.charCodeAt(0))) return false;
    if (isCjk(next.first.charCodeAt(0))) return true;
    return SENTENCE_OPENERS.has(next.word.toLowerCase());
  }
  // A single capital is an initial (`J. Smith`) unless a sentence opener follows.
  if (word.length === 1 && /\p{Lu}/u.test(word) && next.word) return SENTENCE_OPENERS.has(next.word.toLowerCase());
  return true;
}

/** Splits prose into sentences; each range is trimmed of whitespace and never empty. */
export function splitSentences(text: string): SentenceRange[] {
  const to = text.length;
  const sentences: SentenceRange[] = [];
  let start = -1;
  const finish = (end: number): void => {
    let trimmedEnd = end;
    while (trimmedEnd > start && isSpaceCode(text.charCodeAt(trimmedEnd - 1))) trimmedEnd--;
    if (start >= 0 && trimmedEnd > start) sentences.push({ start, end: trimmedEnd });
    start = -1;
  };
  let i = 0;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (start < 0) {
      if (isSpaceCode(code)) {
        i++;
        continue;
      }
      start = i;
    }
    if (IS_TERMINATOR[code] === 0) {
      i++;
      continue;
    }
    const char = text[i]!;
    if (CJK_TERMINATORS.has(char)) {
      let end = i + 1;
      while (end < to && (CJK_TERMINATORS.has(text[end]!) || text[end] === '!' || text[end] === '?')) end++;
      end = skipClosers(text, end);
      finish(end);
      i = end;
      continue;
    }
    if (char === '!' || char === '?') {
      let end = i + 1;
      while (end < to && (text[end] === '!' || text[end] === '?' || CJK_TERMINATORS.has(text[end]!))) end++;
      const after = skipClosers(text, end);
      if (after >= to || followedByBoundary(text, after)) {
        finish(after);
        i = after;
        continue;
      }
      i = end;
      continue;
    }
    if (char === '.') {
      const after = skipClosers(text, i + 1);
      if (after >= to || periodEndsSentence(text, i, after)) {
        finish(after);
        i = after;
        continue;
      }
    }
    i++;
  }
  if (start >= 0) finish(to);
  return sentences;
}
