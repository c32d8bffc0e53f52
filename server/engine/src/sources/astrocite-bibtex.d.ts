// The part of astrocite-bibtex's generated PEG parser that claimlint uses: the located AST, not the
// CSL conversion (which drops positions). Its own typings cover only the package's main entry.
declare module 'astrocite-bibtex/lib/grammar' {
  export interface BibLocationPoint {
    offset: number;
    line: number;
    column: number;
  }

  export interface BibLocation {
    start: BibLocationPoint;
    end: BibLocationPoint;
  }

  /** A value piece: text, a macro name (`String`), a number, a `{nested}` group or a LaTeX command. */
  export interface BibValue {
    kind: string;
    loc: BibLocation;
    value?: unknown;
    /** Commands: `\url{…}` arguments. */
    arguments?: unknown;
    /** Diacritic commands: `\'{e}`. */
    mark?: string;
    character?: string;
  }

  export interface BibProperty {
    kind: 'Property';
    loc: BibLocation;
    key: string;
    /** A list of pieces joined with `#`, or one bare number. */
    value: BibValue[] | BibValue;
  }

  export interface BibEntry {
    kind: 'Entry';
    id: string;
    type: string;
    loc: BibLocation;
    properties: BibProperty[];
  }

  export interface BibStringExpression {
    kind: 'StringExpression';
    loc: BibLocation;
    key: string;
    value: BibValue[] | BibValue;
  }

  export interface BibOtherNode {
    kind: 'PreambleExpression' | 'BracedComment' | 'LineComment' | 'NonEntryText';
    loc: BibLocation;
  }

  export type BibNode = BibEntry | BibStringExpression | BibOtherNode;

  export interface BibFile {
    kind: 'File';
    loc: BibLocation;
    children: BibNode[];
  }

  export interface BibParseOptions {
    /** Fields read literally (no LaTeX commands): url, doi, file… */
    verbatimProperties?: string[];
    verbatimCommands?: string[];
  }

  /** Parses BibTeX; throws a SyntaxError with `location` on bad input. */
  export function parse(input: string, options?: BibParseOptions): BibFile;
}
