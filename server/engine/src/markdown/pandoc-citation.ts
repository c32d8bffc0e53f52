// Pandoc citation syntax: bracketed groups `[see @doe99, pp. 33-35; also @smith04, chap. 1]` and
// bare keys `@doe99` (https://pandoc.org/MANUAL.html#citation-syntax). A key starts with a letter,
// digit or `_` and may hold internal punctuation (`:.#$%&-+?<>~/`), but does not end with it;
// `@{any key}` takes anything but braces.

export interface PandocKey {
  key: string;
  /** Offsets of the key itself (without `@` or braces), relative to the searched string. */
  start: number;
  end: number;
  /** Offset of the `@` (or of a `-@` suppress-author marker's `-`). */
  markerStart: number;
}

export interface PandocCitationItem extends PandocKey {
  locator?: string;
}

const KEY_BODY = /[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*/uy;
/** Code points from here up are CJK, Hangul, Yi and full-width forms: never part of a bare key. */
const CJK_START = 0x2e80;
const BRACED_KEY = /\{([^{}]{1,500})\}/y;
const KEY_TRAILING_PUNCTUATION = /[:.#$%&+?<>~/-]/;
// Locators written without a comma still read as locators when they start with a locator term.
const LOCATOR_TERM =
  /^(?:p|pp|page|pages|chap|chapter|ch|sec|section|fig|figure|vol|volume|para|paragraph|table|tab|app|appendix|§|¶)\.?\s*\S/i;

/** Reads a key right after an `@` at `at` (the offset of the `@`). */
export function readKeyAfterAt(text: string, at: number): PandocKey | undefined {
  const bodyStart = at + 1;
  if (text.charCodeAt(bodyStart) === 0x7b /* { */) {
    BRACED_KEY.lastIndex = bodyStart;
    const braced = BRACED_KEY.exec(text);
    if (!braced || !braced[1]!.trim()) return undefined;
    return { key: braced[1]!, start: bodyStart + 1, end: bodyStart + 1 + braced[1]!.length, markerStart: at };
  }
  KEY_BODY.lastIndex = bodyStart;
  const body = KEY_BODY.exec(text);
  if (!body) return undefined;
  // In Chinese prose a key runs straight into the next word (`据@usgs2025报道`): stop at CJK.
  let end = bodyStart;
  while (end < bodyStart + body[0].length && text.charCodeAt(end) < CJK_START) end++;
  if (end === bodyStart) return undefined;
  while (end > bodyStart + 1 && KEY_TRAILING_PUNCTUATION.test(text[end - 1]!)) end--;
  return { key: text.slice(bodyStart, end), start: bodyStart, end, markerStart: at };
}

function isSpaceChar(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char);
}

/**
 * Parses the inside of `[…]` as a Pandoc citation group, or returns undefined when it is not one.
 * Every `;`-separated item must hold a key; offsets are relative to `content`.
 */
export function parseCitationGroup(content: string): PandocCitationItem[] | undefined {
  if (content.indexOf('@') < 0) return undefined;
  const items: PandocCitationItem[] = [];
  let itemStart = 0;
  while (itemStart <= content.length) {
    let itemEnd = content.indexOf(';', itemStart);
    if (itemEnd < 0) itemEnd = content.length;
    const item = readCitationItem(content, itemStart, itemEnd);
    if (!item) {
      // A trailing empty item (`[@a;]`) is harmless; any other item without a key is not Pandoc.
      if (content.slice(itemStart, itemEnd).trim() !== '' || items.length === 0) return undefined;
    } else {
      items.push(item);
    }
    itemStart = itemEnd + 1;
  }
  return items.length ? items : undefined;
}

function readCitationItem(content: string, start: number, end: number): PandocCitationItem | undefined {
  // Search the item alone: looking past its end for an `@` would cost the rest of the group.
  const item = content.slice(start, end);
  let at = item.indexOf('@');
  while (at >= 0) {
    const before = at > 0 ? item[at - 1] : undefined;
    const suppressAuthor = before === '-' && (at === 1 || isSpaceChar(item[at - 2]));
    if (before === undefined || isSpaceChar(before) || suppressAuthor) {
      const key = readKeyAfterAt(item, at);
      if (key) {
        const citation: PandocCitationItem = {
          key: key.key,
          start: start + key.start,
          end: start + key.end,
          markerStart: start + (suppressAuthor ? at - 1 : at),
        };
        const locator = readLocator(item.slice(item.charCodeAt(key.end) === 0x7d ? key.end + 1 : key.end));
        if (locator) citation.locator = locator;
        return citation;
      }
    }
    at = item.indexOf('@', at + 1);
  }
  return undefined;
}

/** The locator in what follows a key: `, p. 4` → "p. 4"; ` pp. 3-4` → "pp. 3-4". */
export function readLocator(suffix: string): string | undefined {
  const trimmed = suffix.trim();
  if (trimmed.startsWith(',')) {
    const locator = trimmed.slice(1).trim();
    return locator || undefined;
  }
  return LOCATOR_TERM.test(trimmed) ? trimmed : undefined;
}
