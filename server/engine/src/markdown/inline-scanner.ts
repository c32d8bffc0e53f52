// Reads one segment's inline Markdown the way a fact-checker does: which characters are prose, and
// which citations, links and Pandoc spans are where. Three linear passes:
//   1. opaque constructs that bind tightest (escapes, code spans, autolinks, raw HTML, comments);
//   2. bracket matching (a stack), skipping opaque regions;
//   3. a left-to-right walk that blanks syntax, records citations and leaves prose alone.
// Everything not prose is marked in `mask`; offsets are into the segment's text.
import type { Citation } from '../model';
import { normalizeReferenceLabel } from './block-structure';
import { parseCitationGroup, readKeyAfterAt, readLocator } from './pandoc-citation';
import type { SegmentText } from './segment-text';
import { sharedString } from '../text/shared-strings';
import { isSpaceCode } from '../text/whitespace';

/** A citation as scanned: numbered markers and footnote references are resolved later. */
export interface ScannedCitation {
  /** Where the citation starts in the segment (decides which sentence it belongs to). */
  at: number;
  citation: Citation;
  /** The number of a numbered marker (`[1]`, one per number of `[1, 3]` or `[2-4]`). */
  number?: number;
  /** The label of a footnote reference (`[^3]` → "3"). */
  footnoteLabel?: string;
}

export interface ScannedPandocSpan {
  /** Content and attribute list, in segment offsets. */
  contentStart: number;
  contentEnd: number;
  attributesStart: number;
  attributesEnd: number;
  attributes: Record<string, string>;
}

export interface HtmlComment {
  /** Original offsets of the whole comment, `<!--` to `-->`. */
  start: number;
  end: number;
  body: string;
}

export interface SegmentScan {
  /** False when nothing is masked: the segment is all prose (true may still mean nothing is). */
  masked: boolean;
  /**
   * 1 where the character is not prose, for the segment's first `length` characters; it may be
   * longer, and what lies past them means nothing. Valid until the next scan: its memory is reused.
   */
  mask: Uint8Array;
  citations: ScannedCitation[];
  spans: ScannedPandocSpan[];
  /** Link texts [start, end): prose that a link sources. */
  linkTexts: [number, number][];
  comments: HtmlComment[];
}

export type ReferenceDefinitions = Record<string, { href: string; title: string }>;

const enum Opaque {
  Escape,
  Code,
  Autolink,
  EmailAutolink,
  Comment,
  HtmlTag,
}

const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*)>/y;
const EMAIL_AUTOLINK = /<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>/y;
const OPEN_TAG =
  /<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^"'=<>`\s]+|'[^']*'|"[^"]*"))?)*\s*\/?>/y;
const CLOSE_TAG = /<\/[A-Za-z][A-Za-z0-9-]*\s*>/y;
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const URL_START = /(?:https?:\/\/|ftp:\/\/|www\.)/iy;
const HTTP_URL = /^(?:https?:\/\/|www\.)/i;
/** Not part of a bare URL when it ends one (GFM). */
const URL_TRAILING_PUNCTUATION = '?!.,:*_~\'";';
const NUMBERED_MARKER = /^\s*\d{1,4}(?:\s*[,，、–—-]\s*\d{1,4})*\s*$/;
const FOOTNOTE_REFERENCE = /^\^[^\s\]^]+$/;
const ATTRIBUTE_KEY = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const UNICODE_PUNCTUATION = /[\p{P}\p{S}]/u;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]+/y;
/** Longest attribute list we try to read after `]{`: keeps a stray `{` from costing a scan to the end. */
const MAX_ATTRIBUTES_LENGTH = 2048;
/** Deepest bracket nesting we track; deeper input is garbage and starts afresh. */
const MAX_BRACKET_DEPTH = 65536;
/** Most numbers a range marker like `[2-400]` expands to. */
const MAX_MARKER_RANGE = 200;

function isAsciiPunctuation(code: number): boolean {
  return (
    (code >= 0x21 && code <= 0x2f) ||
    (code >= 0x3a && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isEmailLocalCode(code: number): boolean {
  return isAsciiAlphanumeric(code) || code === 46 || code === 95 || code === 37 || code === 43 || code === 45;
}

function isPunctuationAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiPunctuation(code);
  return UNICODE_PUNCTUATION.test(text[index]!);
}

function isSpaceAt(text: string, index: number): boolean {
  return index < 0 || index >= text.length || isSpaceCode(text.charCodeAt(index));
}

export function isHttpUrl(url: string): boolean {
  return HTTP_URL.test(url);
}

function citationUrl(url: string): string {
  return /^www\./i.test(url) ? `http://${url}` : url;
}

interface OpaqueRegions {
  starts: number[];
  ends: number[];
  kinds: Opaque[];
}

/** The code units that may open an opaque construct: a backslash, a backtick, `<`. */
const OPAQUE_OPENERS = '\\`<';
/**
 * The code units at which pass 3 may find syntax other than a bare URL: brackets, `!`, `@`,
 * emphasis, entities, and the opaque openers.
 */
const SYNTAX_STARTS = `${OPAQUE_OPENERS}[]!@*_~&`;

/** A table of 1 for each of the code units, read per character. */
function codeTable(chars: string): Uint8Array {
  const table = new Uint8Array(65536);
  for (const char of chars) table[char.charCodeAt(0)] = 1;
  return table;
}

/** A search for the next of the code units. */
function searchFor(chars: string): RegExp {
  return new RegExp(`[${chars.replace(/[\\\]^-]/g, '\\$&')}]`, 'g');
}

const OPENS_OPAQUE = codeTable(OPAQUE_OPENERS);
/** Pass 3's stops: its syntax characters and the first letters of bare URLs. */
const MAY_START_SYNTAX = codeTable(`${SYNTAX_STARTS}hHfFwW`);
const OPAQUE_OPENER = searchFor(OPAQUE_OPENERS);
/** Pass 3's stops in a text without a bare URL, where h, f and w start nothing. */
const SYNTAX_BUT_URLS = searchFor(SYNTAX_STARTS);
/** A bare URL's start anywhere, as URL_START reads it at a position. */
const URL_ANYWHERE = new RegExp(URL_START.source, 'i');

/** Pass 1: escapes, code spans, autolinks, raw HTML and comments, in order. */
function findOpaqueRegions(text: string): OpaqueRegions {
  const regions: OpaqueRegions = { starts: [], ends: [], kinds: [] };
  const add = (start: number, end: number, kind: Opaque): void => {
    regions.starts.push(start);
    regions.ends.push(end);
    regions.kinds.push(kind);
  };
  // Backtick runs by length, for finding a code span's closer in amortised constant time. Made only
  // for a text with a backtick: a Map per segment was 19 MB of the 100k benchmark's allocations.
  const firstBacktick = text.indexOf('`');
  const runsByLength = firstBacktick < 0 ? undefined : new Map<number, { positions: number[]; next: number }>();
  for (let i = firstBacktick; runsByLength && i >= 0 && i < text.length; ) {
    let end = i;
    while (text.charCodeAt(end) === 96) end++;
    const length = end - i;
    let runs = runsByLength.get(length);
    if (!runs) runsByLength.set(length, (runs = { positions: [], next: 0 }));
    runs.positions.push(i);
    i = text.indexOf('`', end);
  }
  let commentsCanClose = true;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (OPENS_OPAQUE[text.charCodeAt(i)] === 0) {
      // To the next opener by a search: they are rare, and this loop used to step through every
      // code unit of every segment.
      OPAQUE_OPENER.lastIndex = i;
      const next = OPAQUE_OPENER.exec(text);
      if (next === null) break;
      i = next.index;
    }
    const code = text.charCodeAt(i);
    if (code === 92 /* \ */) {
      const next = text.charCodeAt(i + 1);
      if (isAsciiPunctuation(next)) {
        add(i, i + 2, Opaque.Escape);
        i += 2;
      } else {
        if (next === 10) add(i, i + 1, Opaque.Escape); // a hard line break
        i++;
      }
      continue;
    }
    if (code === 96 /* ` */) {
      let end = i;
      while (text.charCodeAt(end) === 96) end++;
      const length = end - i;
      const runs = runsByLength?.get(length);
      let closer = -1;
      if (runs) {
        while (runs.next < runs.positions.length && runs.positions[runs.next]! < end) runs.next++;
        if (runs.next < runs.positions.length) closer = runs.positions[runs.next]!;
      }
      if (closer >= 0) {
        add(i, closer + length, Opaque.Code);
        i = closer + length;
      } else {
        i = end;
      }
      continue;
    }
    if (code === 60 /* < */) {
      const end = matchAngleConstruct(text, i, commentsCanClose);
      if (end.kind === 'comment-unclosed') {
        commentsCanClose = false;
      } else if (end.kind !== 'none') {
        add(i, end.end, end.kind);
        i = end.end;
        continue;
      }
    }
    i++;
  }
  return regions;
}

type AngleMatch = { kind: 'none' } | { kind: 'comment-unclosed' } | { kind: Opaque; end: number };

function matchAngleConstruct(text: string, at: number, commentsCanClose: boolean): AngleMatch {
  if (text.startsWith('<!--', at)) {
    if (text.startsWith('<!-->', at)) return { kind: Opaque.Comment, end: at + 5 };
    if (text.startsWith('<!--->', at)) return { kind: Opaque.Comment, end: at + 6 };
    if (!commentsCanClose) return { kind: 'none' };
    const close = text.indexOf('-->', at + 4);
    // No closer after here means none after any later `<!--` either: remember, stay linear.
    if (close < 0) return { kind: 'comment-unclosed' };
    return { kind: Opaque.Comment, end: close + 3 };
  }
  for (const [pattern, kind] of [
    [AUTOLINK, Opaque.Autolink],
    [EMAIL_AUTOLINK, Opaque.EmailAutolink],
    [OPEN_TAG, Opaque.HtmlTag],
    [CLOSE_TAG, Opaque.HtmlTag],
  ] as const) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match) return { kind, end: at + match[0].length };
  }
  return { kind: 'none' };
}

/**
 * Pass 2: for each `[`, its matching `]`. `brackets[open]` is close+1, negated when nothing
 * bracketed lies between them (only such innermost pairs can be citations or markers).
 */
function matchBrackets(text: string, regions: OpaqueRegions, brackets: Int32Array): void {
  const stack: number[] = [];
  let lastOpen = -1;
  let region = 0;
  // From bracket to bracket by indexOf: a loop over every code unit of every segment was most of
  // this pass, and a segment holds a few brackets.
  let nextOpen = text.indexOf('[');
  let nextClose = text.indexOf(']');
  while (nextOpen >= 0 || nextClose >= 0) {
    const i = nextOpen < 0 ? nextClose : nextClose < 0 ? nextOpen : Math.min(nextOpen, nextClose);
    let resume = i + 1;
    // A bracket inside an opaque region (code, an autolink, an escape) is not one.
    while (region < regions.starts.length && regions.ends[region]! <= i) region++;
    if (region < regions.starts.length && regions.starts[region]! <= i) {
      resume = regions.ends[region]!;
    } else if (i === nextOpen) {
      if (stack.length >= MAX_BRACKET_DEPTH) stack.length = 0;
      stack.push(i);
      lastOpen = i;
    } else if (stack.length) {
      const open = stack.pop()!;
      brackets[open] = open === lastOpen ? -(i + 1) : i + 1;
      lastOpen = -1;
    }
    if (nextOpen >= 0 && nextOpen < resume) nextOpen = text.indexOf('[', resume);
    if (nextClose >= 0 && nextClose < resume) nextClose = text.indexOf(']', resume);
  }
}

interface LinkTail {
  end: number;
  destination: string;
}

/** `(destination "title")` after a link's `]`, CommonMark style; `at` is the `(`. */
function readInlineLinkTail(text: string, at: number): LinkTail | undefined {
  const n = text.length;
  let k = skipLinkWhitespace(text, at + 1);
  let destination: string;
  if (text.charCodeAt(k) === 60 /* < */) {
    const start = k + 1;
    k = start;
    while (k < n) {
      const code = text.charCodeAt(k);
      if (code === 92 && isAsciiPunctuation(text.charCodeAt(k + 1))) {
        k += 2;
        continue;
      }
      if (code === 62 /* > */ || code === 60 || code === 10) break;
      k++;
    }
    if (text.charCodeAt(k) !== 62) return undefined;
    destination = text.slice(start, k);
    k++;
  } else {
    const start = k;
    let depth = 0;
    while (k < n) {
      const code = text.charCodeAt(k);
      if (code === 92 && isAsciiPunctuation(text.charCodeAt(k + 1))) {
        k += 2;
        continue;
      }
      if (code <= 32 || code === 127) break;
      if (code === 40 /* ( */) {
        if (++depth > 32) return undefined;
      } else if (code === 41 /* ) */) {
        if (depth === 0) break;
        depth--;
      }
      k++;
    }
    if (depth !== 0) return undefined;
    destination = text.slice(start, k);
  }
  const afterDestination = k;
  k = skipLinkWhitespace(text, k);
  const opener = text.charCodeAt(k);
  if (k > afterDestination && (opener === 34 || opener === 39 || opener === 40)) {
    const closer = opener === 40 ? 41 : opener;
    k++;
    while (k < n) {
      const code = text.charCodeAt(k);
      if (code === 92 && isAsciiPunctuation(text.charCodeAt(k + 1))) {
        k += 2;
        continue;
      }
      if (code === closer) break;
      if (opener === 40 && code === 40) return undefined;
      k++;
    }
    if (k >= n) return undefined;
    k = skipLinkWhitespace(text, k + 1);
  }
  if (text.charCodeAt(k) !== 41) return undefined;
  return { end: k + 1, destination };
}

/** Spaces and tabs, and at most one line end. */
function skipLinkWhitespace(text: string, at: number): number {
  let k = at;
  let sawNewline = false;
  for (;;) {
    const code = text.charCodeAt(k);
    if (code === 32 || code === 9) k++;
    else if (code === 10 && !sawNewline) {
      sawNewline = true;
      k++;
    } else return k;
  }
}

/** `{key=value key="quoted value" .class #id}` at `at` (the `{`). */
function readAttributes(text: string, at: number): { end: number; attributes: Record<string, string> } | undefined {
  const limit = Math.min(text.length, at + MAX_ATTRIBUTES_LENGTH);
  const attributes: Record<string, string> = {};
  let k = at + 1;
  for (;;) {
    while (k < limit && isSpaceCode(text.charCodeAt(k))) k++;
    if (k >= limit) return undefined;
    const code = text.charCodeAt(k);
    if (code === 125 /* } */) return { end: k + 1, attributes };
    if (code === 123 /* { */) return undefined;
    if (code === 46 /* . */ || code === 35 /* # */ || code === 45 /* - */) {
      // Classes, identifiers and `-` are Pandoc's; the key is not interested in them.
      k++;
      while (k < limit && !isSpaceCode(text.charCodeAt(k)) && text.charCodeAt(k) !== 125) k++;
      continue;
    }
    ATTRIBUTE_KEY.lastIndex = k;
    const key = ATTRIBUTE_KEY.exec(text);
    if (!key) return undefined;
    k += key[0].length;
    if (text.charCodeAt(k) !== 61 /* = */) return undefined;
    k++;
    const quote = text.charCodeAt(k);
    let value = '';
    if (quote === 34 || quote === 39) {
      k++;
      while (k < limit && text.charCodeAt(k) !== quote) {
        if (text.charCodeAt(k) === 92 && k + 1 < limit) k++;
        value += text[k];
        k++;
      }
      if (k >= limit) return undefined;
      k++;
    } else {
      const start = k;
      while (k < limit && !isSpaceCode(text.charCodeAt(k)) && text.charCodeAt(k) !== 125) k++;
      if (k === start) return undefined;
      value = text.slice(start, k);
    }
    attributes[key[0]] = value;
  }
}

function expandNumberedMarker(content: string): number[] {
  const numbers: number[] = [];
  for (const item of content.split(/[,，、]/)) {
    const range = /^\s*(\d{1,4})\s*(?:[–—-]\s*(\d{1,4})\s*)?$/.exec(item);
    if (!range) continue;
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    if (last < first || last - first > MAX_MARKER_RANGE) {
      numbers.push(first);
      if (range[2] !== undefined) numbers.push(last);
      continue;
    }
    for (let number = first; number <= last; number++) numbers.push(number);
  }
  return numbers;
}

/** Where a bare URL that starts at `at` ends (GFM's extended autolink rules, trimmed). */
function bareUrlEnd(text: string, at: number): number {
  let end = at;
  // Stop at spaces, `<`, brackets (link syntax) and anything outside ASCII: in Chinese text a URL
  // runs straight into prose.
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code <= 32 || code >= 127 || code === 60 || code === 62 || code === 91 || code === 93) break;
    end++;
  }
  let opens = 0;
  let closes = 0;
  for (let k = at; k < end; k++) {
    const code = text.charCodeAt(k);
    if (code === 40) opens++;
    else if (code === 41) closes++;
  }
  while (end > at) {
    if (URL_TRAILING_PUNCTUATION.includes(text[end - 1]!)) {
      end--;
      continue;
    }
    // A closing parenthesis without its opener belongs to the prose: `(see https://x.org/a)`.
    if (text.charCodeAt(end - 1) === 41 && closes > opens) {
      end--;
      closes--;
      continue;
    }
    break;
  }
  return end;
}

/**
 * The mask and the bracket table of the scan under way, reused from one scan to the next (scans
 * never nest). A pair of typed arrays per segment was an off-heap allocation each, and took a
 * quarter of the inline scan of the 100k benchmark's reports (docs/benchmarks.md).
 */
let scratchMask = new Uint8Array(1024);
let scratchBrackets = new Int32Array(1024);
/** A longer segment (a hostile 10 MB line) gets arrays of its own, so that their size is not kept. */
const MAX_SCRATCH_LENGTH = 65536;

/**
 * Where the `]` closing the `[` at `open` is, or -1. `brackets` holds each pair as matchBrackets
 * left it: negative when the pair holds no other (is innermost).
 */
function closeOf(text: string, brackets: Int32Array, open: number): number {
  if (text.charCodeAt(open) !== 91) return -1;
  const value = brackets[open]!;
  return value === 0 ? -1 : value < 0 ? -value - 1 : value - 1;
}

/** Whether the brackets opened at `open` (closeOf found their `]`) hold no other pair. */
function isInnermost(brackets: Int32Array, open: number): boolean {
  return brackets[open]! < 0;
}

/** Marks [start, end) as not prose, within the segment's `n` characters. */
function blank(mask: Uint8Array, n: number, start: number, end: number): void {
  mask.fill(1, Math.max(0, start), Math.min(n, end));
}

/** One object shape for every scanned citation: documents may hold millions of them. */
function scanned(at: number, citation: Citation, number?: number, footnoteLabel?: string): ScannedCitation {
  return { at, citation, number, footnoteLabel };
}

/** A reference link's tail after the text's `]` at `close`: its end and definition. */
function referenceTail(
  text: string,
  brackets: Int32Array,
  references: ReferenceDefinitions,
  open: number,
  close: number,
): { end: number; definition: { href: string } } | undefined {
  if (text.charCodeAt(close + 1) === 91) {
    const labelClose = closeOf(text, brackets, close + 1);
    if (labelClose < 0 || !isInnermost(brackets, close + 1)) return undefined;
    const labelText = labelClose === close + 2 ? text.slice(open + 1, close) : text.slice(close + 2, labelClose);
    const definition = references[normalizeReferenceLabel(labelText)];
    return definition ? { end: labelClose + 1, definition } : undefined;
  }
  if (closeOf(text, brackets, open) < 0 || !isInnermost(brackets, open)) return undefined;
  const definition = references[normalizeReferenceLabel(text.slice(open + 1, close))];
  return definition ? { end: close + 1, definition } : undefined;
}

export function scanSegment(segment: SegmentText, references: ReferenceDefinitions): SegmentScan {
  const text = segment.value;
  const n = text.length;
  if (scratchMask.length < n && n <= MAX_SCRATCH_LENGTH) {
    scratchMask = new Uint8Array(MAX_SCRATCH_LENGTH);
    scratchBrackets = new Int32Array(MAX_SCRATCH_LENGTH);
  }
  const huge = n > MAX_SCRATCH_LENGTH;
  // The scratch arrays themselves, not views of their first n entries: a view is an object and a
  // runtime call each, two per segment (about 17 MB of the 100k benchmark's sampled allocations).
  const mask = huge ? new Uint8Array(n) : scratchMask.fill(0, 0, n);
  // Without a bare URL, h, f and w start nothing, and what does is rare enough to search for.
  const hasBareUrlStart = URL_ANYWHERE.test(text);
  // Half the segments of a report (table cells, headings, plain sentences) hold nothing a pass
  // could act on: all prose, found by one search instead of three passes and their lists.
  SYNTAX_BUT_URLS.lastIndex = 0;
  if (!hasBareUrlStart && !SYNTAX_BUT_URLS.test(text)) return { masked: false, mask, citations: [], spans: [], linkTexts: [], comments: [] };
  const citations: ScannedCitation[] = [];
  const spans: ScannedPandocSpan[] = [];
  const linkTexts: [number, number][] = [];
  const comments: HtmlComment[] = [];

  const regions = findOpaqueRegions(text);
  // Bracket pairs at `[` positions; at `]` positions, where a link's or span's syntax ends + 1.
  const brackets = huge ? new Int32Array(n) : scratchBrackets.fill(0, 0, n);
  matchBrackets(text, regions, brackets);

  let region = 0;
  let linkTextEnd = -1;
  let i = 0;
  while (i < n) {
    // Most characters are plain prose: skip to the next one that may start syntax (every opaque
    // region starts at one of them too).
    if (hasBareUrlStart) {
      while (i < n && MAY_START_SYNTAX[text.charCodeAt(i)] === 0) i++;
    } else {
      SYNTAX_BUT_URLS.lastIndex = i;
      const next = SYNTAX_BUT_URLS.exec(text);
      i = next === null ? n : next.index;
    }
    if (i >= n) break;
    while (region < regions.starts.length && regions.ends[region]! <= i) region++;
    if (region < regions.starts.length && regions.starts[region] === i) {
      const end = regions.ends[region]!;
      const kind = regions.kinds[region]!;
      if (kind === Opaque.Escape) {
        mask[i] = 1; // the backslash; the escaped character is literal prose
      } else {
        blank(mask, n, i, end);
        if (kind === Opaque.Autolink) {
          const url = text.slice(i + 1, end - 1);
          if (isHttpUrl(url) && i >= linkTextEnd) citations.push(scanned(i, { kind: 'link', url, span: segment.toOriginalSpan(i, end) }));
        } else if (kind === Opaque.Comment) {
          const span = segment.toOriginalSpan(i, end);
          comments.push({ start: span.start, end: span.end, body: text.slice(i + 4, Math.max(i + 4, end - 3)) });
        }
      }
      i = end;
      continue;
    }
    const code = text.charCodeAt(i);
    if (code === 93 /* ] */ && brackets[i]! > 0) {
      // The end of a link's text or a span's content: its syntax tail is not prose.
      const end = brackets[i]! - 1;
      blank(mask, n, i, end);
      i = end;
      continue;
    }
    switch (code) {
      case 33 /* ! */: {
        const close = closeOf(text, brackets, i + 1);
        if (close < 0) break;
        let end = -1;
        if (text.charCodeAt(close + 1) === 40) end = readInlineLinkTail(text, close + 1)?.end ?? -1;
        if (end < 0) end = referenceTail(text, brackets, references, i + 1, close)?.end ?? -1;
        if (end < 0) break;
        // Images are not prose, alt text included.
        blank(mask, n, i, end);
        i = end;
        continue;
      }
      case 91 /* [ */: {
        const close = closeOf(text, brackets, i);
        if (close < 0) break;
        const after = text.charCodeAt(close + 1);
        if (after === 123 /* { */) {
          const attributes = readAttributes(text, close + 1);
          if (attributes) {
            spans.push({
              contentStart: i + 1,
              contentEnd: close,
              attributesStart: close + 1,
              attributesEnd: attributes.end,
              attributes: attributes.attributes,
            });
            mask[i] = 1;
            brackets[close] = attributes.end + 1;
            i++;
            continue;
          }
        }
        if (after === 40 /* ( */) {
          const tail = readInlineLinkTail(text, close + 1);
          if (tail) {
            mask[i] = 1;
            brackets[close] = tail.end + 1;
            if (isHttpUrl(tail.destination)) {
              citations.push(scanned(i, { kind: 'link', url: citationUrl(tail.destination), span: segment.toOriginalSpan(i, tail.end) }));
            }
            linkTexts.push([i + 1, close]);
            linkTextEnd = Math.max(linkTextEnd, close);
            i++;
            continue;
          }
        }
        if (isInnermost(brackets, i)) {
          const content = text.slice(i + 1, close);
          if (FOOTNOTE_REFERENCE.test(content)) {
            citations.push(scanned(i, { kind: 'footnote', span: segment.toOriginalSpan(i, close + 1) }, undefined, content.slice(1)));
            blank(mask, n, i, close + 1);
            i = close + 1;
            continue;
          }
          if (NUMBERED_MARKER.test(content)) {
            for (const number of expandNumberedMarker(content)) {
              citations.push(scanned(i, { kind: 'numbered', span: segment.toOriginalSpan(i, close + 1) }, number));
            }
            // Blanked with or without a reference list, so `[1]` is never read as a figure.
            blank(mask, n, i, close + 1);
            i = close + 1;
            continue;
          }
          const items = parseCitationGroup(content);
          if (items) {
            for (const item of items) {
              const citation: Citation = {
                kind: 'pandoc',
                id: sharedString(item.key),
                idSpan: segment.toOriginalSpan(i + 1 + item.start, i + 1 + item.end),
                span: segment.toOriginalSpan(i, close + 1),
              };
              if (item.locator) citation.locator = item.locator;
              citations.push(scanned(i, citation));
            }
            blank(mask, n, i, close + 1);
            i = close + 1;
            continue;
          }
        }
        const reference = referenceTail(text, brackets, references, i, close);
        if (reference) {
          mask[i] = 1;
          brackets[close] = reference.end + 1;
          if (isHttpUrl(reference.definition.href)) {
            citations.push(
              scanned(i, {
                kind: 'link',
                url: citationUrl(reference.definition.href),
                span: segment.toOriginalSpan(i, reference.end),
              }),
            );
          }
          linkTexts.push([i + 1, close]);
          linkTextEnd = Math.max(linkTextEnd, close);
          i++;
          continue;
        }
        break;
      }
      case 64 /* @ */: {
        const end = scanAt(text, i, mask, brackets, segment, citations);
        if (end > i) {
          i = end;
          continue;
        }
        break;
      }
      case 42 /* * */:
      case 95 /* _ */:
      case 126 /* ~ */: {
        let end = i;
        while (text.charCodeAt(end) === code) end++;
        if (isEmphasisDelimiter(text, i, end, code)) blank(mask, n, i, end);
        i = end;
        continue;
      }
      case 38 /* & */: {
        ENTITY.lastIndex = i;
        const entity = ENTITY.exec(text);
        if (entity) {
          blank(mask, n, i, i + entity[0].length);
          i += entity[0].length;
          continue;
        }
        break;
      }
      case 104 /* h */:
      case 72 /* H */:
      case 102 /* f */:
      case 70 /* F */:
      case 119 /* w */:
      case 87 /* W */: {
        if (i > 0 && isAsciiAlphanumeric(text.charCodeAt(i - 1))) break;
        // `http`, `ftp` or `www`: the second letter rules out most words before the regex runs.
        const second = text.charCodeAt(i + 1) | 0x20;
        if (second !== 116 /* t */ && second !== 119 /* w */) break;
        URL_START.lastIndex = i;
        const start = URL_START.exec(text);
        if (!start) break;
        const end = bareUrlEnd(text, i);
        if (end <= i + start[0].length) break;
        const url = text.slice(i, end);
        blank(mask, n, i, end);
        if (isHttpUrl(url) && i >= linkTextEnd) citations.push(scanned(i, { kind: 'link', url: citationUrl(url), span: segment.toOriginalSpan(i, end) }));
        i = end;
        continue;
      }
    }
    i++;
  }

  return { masked: true, mask, citations, spans, linkTexts, comments };
}

/** A bare `@key` (Pandoc) or an e-mail address at `at`; returns where scanning resumes. */
function scanAt(text: string, at: number, mask: Uint8Array, brackets: Int32Array, segment: SegmentText, citations: ScannedCitation[]): number {
  const n = text.length;
  const previous = at > 0 ? text.charCodeAt(at - 1) : 32;
  if (isEmailLocalCode(previous)) {
    // An e-mail address: not a citation, and not prose either.
    let localStart = at;
    while (localStart > 0 && isEmailLocalCode(text.charCodeAt(localStart - 1))) localStart--;
    EMAIL_DOMAIN.lastIndex = at + 1;
    const domain = EMAIL_DOMAIN.exec(text);
    let end = at + 1 + (domain ? domain[0].length : 0);
    while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    if (!domain || !text.slice(at + 1, end).includes('.')) return at;
    blank(mask, n, localStart, end);
    return end;
  }
  const key = readKeyAfterAt(text, at);
  if (!key) return at;
  let end = text.charCodeAt(key.end) === 125 ? key.end + 1 : key.end;
  const citation: Citation = { kind: 'pandoc', id: sharedString(key.key), idSpan: segment.toOriginalSpan(key.start, key.end), span: segment.toOriginalSpan(at, at) };
  // `@key [p. 33]`: an in-text citation with its locator in brackets.
  if (text.charCodeAt(end) === 32 && text.charCodeAt(end + 1) === 91) {
    const close = closeOf(text, brackets, end + 1);
    if (close >= 0 && isInnermost(brackets, end + 1)) {
      const content = text.slice(end + 2, close);
      const locator = readLocator(content.startsWith(',') ? content : `, ${content}`);
      const after = text.charCodeAt(close + 1);
      if (locator && !content.includes('@') && after !== 40 && after !== 123 && after !== 91) {
        citation.locator = locator;
        end = close + 1;
      }
    }
  }
  blank(mask, n, at, end);
  citation.span = segment.toOriginalSpan(at, end);
  citations.push(scanned(at, citation));
  return end;
}

/** CommonMark's flanking rules, loosely: a run that could open or close emphasis is markup. */
function isEmphasisDelimiter(text: string, start: number, end: number, code: number): boolean {
  if (code === 126 /* ~ */ && end - start < 2) return false; // `~44 Mt` means "about"
  const spaceBefore = isSpaceAt(text, start - 1);
  const spaceAfter = isSpaceAt(text, end);
  const punctuationBefore = isPunctuationAt(text, start - 1);
  const punctuationAfter = isPunctuationAt(text, end);
  const leftFlanking = !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore);
  const rightFlanking = !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter);
  if (code === 95 /* _ */) {
    // snake_case stays prose.
    return (leftFlanking && (!rightFlanking || punctuationBefore)) || (rightFlanking && (!leftFlanking || punctuationAfter));
  }
  return leftFlanking || rightFlanking;
}
