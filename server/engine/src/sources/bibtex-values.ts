// BibTeX field values as plain text: `{Mineral {Commodity} Summaries}`, `usgs # " (USGS)"`,
// `\'{e}`, `\url{…}` and `\&` become what a reader sees.
import type { BibValue } from 'astrocite-bibtex/lib/grammar';

/** Month macros are built into BibTeX; claimlint reads them as two-digit months. */
export const MONTH_MACROS: ReadonlyMap<string, string> = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, index) => [
    name,
    String(index + 1).padStart(2, '0'),
  ]),
);

/** LaTeX accent commands → Unicode combining marks. */
const ACCENTS: Record<string, string> = {
  '`': '\u0300',
  "'": '\u0301',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  u: '\u0306',
  '.': '\u0307',
  '"': '\u0308',
  r: '\u030A',
  H: '\u030B',
  v: '\u030C',
  d: '\u0323',
  c: '\u0327',
  k: '\u0328',
  b: '\u0331',
};

/** Letter-named symbol commands (`\ss`, `\o`); punctuation ones (`\&`, `\%`) stand for themselves. */
const LETTER_SYMBOLS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  i: 'ı',
  j: 'ȷ',
  textendash: '–',
  textemdash: '—',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
};

/**
 * The text of a value (a list of pieces joined by `#`, or one piece). `macros` maps lower-case
 * `@string` names to their text. Nested groups are walked with an explicit stack, not recursion.
 */
export function bibText(value: BibValue[] | BibValue | undefined, macros: ReadonlyMap<string, string>): string {
  if (value === undefined) return '';
  let output = '';
  // Pieces still to read, last first; strings are literal text queued by commands.
  const stack: Array<BibValue | string> = (Array.isArray(value) ? [...value] : [value]).reverse();
  while (stack.length > 0) {
    const piece = stack.pop()!;
    if (typeof piece === 'string') {
      output += piece;
      continue;
    }
    switch (piece.kind) {
      case 'Text':
      case 'Number':
      case 'SubscriptCommand':
      case 'SuperscriptCommand':
        output += typeof piece.value === 'string' || typeof piece.value === 'number' ? String(piece.value) : '';
        break;
      case 'String': {
        const name = String(piece.value ?? '').toLowerCase();
        output += macros.get(name) ?? MONTH_MACROS.get(name) ?? '';
        break;
      }
      case 'NestedLiteral':
        if (Array.isArray(piece.value)) pushReversed(stack, piece.value as BibValue[]);
        break;
      case 'RegularCommand':
        // \url{…}, \emph{…}, \textbf{…}: the reader sees the arguments.
        for (const argument of [...(Array.isArray(piece.arguments) ? piece.arguments : [])].reverse()) {
          const arg = argument as { kind?: string; value?: unknown };
          if (arg.kind === 'RequiredArgument' && Array.isArray(arg.value)) pushReversed(stack, arg.value as BibValue[]);
        }
        if (typeof piece.value === 'string' && LETTER_SYMBOLS[piece.value] && !piece.arguments) {
          output += LETTER_SYMBOLS[piece.value];
        }
        break;
      case 'SymbolCommand': {
        const name = String(piece.value ?? '');
        output += LETTER_SYMBOLS[name] ?? (/^[^A-Za-z]$/.test(name) ? name : '');
        break;
      }
      case 'DicraticalCommand':
        output += `${piece.character ?? ''}${ACCENTS[piece.mark ?? ''] ?? ''}`.normalize('NFC');
        break;
      default:
        break; // math mode and anything unknown: not part of a title or a publisher
    }
  }
  return output.replace(/\s+/g, ' ').trim();
}

function pushReversed(stack: Array<BibValue | string>, pieces: readonly BibValue[]): void {
  for (let i = pieces.length - 1; i >= 0; i--) stack.push(pieces[i]!);
}
