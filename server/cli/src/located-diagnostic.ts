// Diagnostics as every output format reports them: a file relative to the current folder with '/'
// separators and 1-based lines and columns counted in UTF-16 code units (as LSP, ESLint and SARIF's
// `utf16CodeUnits` count). The engine speaks in offsets; this is the one place they become lines.
import * as path from 'node:path';
import type { Diagnostic, Position, RuleId, Severity } from '../../engine/src/index';

export interface LocatedRelated {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Field order is the order of SPEC §4's JSON objects. */
export interface LocatedDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: RuleId;
  severity: Severity;
  message: string;
  related: LocatedRelated[];
}

/** 0-based position of an offset in a document, as `ClaimWorkspace.positionAt` gives it. */
export type PositionOf = (file: string, offset: number) => Position;

/** Turns engine diagnostics into located ones, sorted by file, line, column and rule. */
export function locateDiagnostics(diagnostics: readonly Diagnostic[], positionOf: PositionOf, cwd: string): LocatedDiagnostic[] {
  // One path.relative per file, not per diagnostic and related location (tens of thousands at 100k claims).
  const shown = new Map<string, string>();
  const displayPathOf = (file: string): string => {
    let display = shown.get(file);
    if (display === undefined) shown.set(file, (display = displayPath(file, cwd)));
    return display;
  };
  const located = diagnostics.map((diagnostic): LocatedDiagnostic => {
    const start = positionOf(diagnostic.file, diagnostic.span.start);
    const end = positionOf(diagnostic.file, diagnostic.span.end);
    return {
      file: displayPathOf(diagnostic.file),
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      rule: diagnostic.rule,
      severity: diagnostic.severity,
      message: diagnostic.message,
      related: diagnostic.related.map((related) => {
        const position = positionOf(related.file, related.span.start);
        return { file: displayPathOf(related.file), line: position.line + 1, column: position.character + 1, message: related.message };
      }),
    };
  });
  return located.sort(compareLocated);
}

/** A document id (absolute, '/') as users read it: relative to the current folder, '/' separators. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  // path.relative gives '' for the folder itself and an absolute path across Windows drives.
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

export function compareLocated(a: LocatedDiagnostic, b: LocatedDiagnostic): number {
  // Code-unit order, not localeCompare: the output must not depend on the machine's locale.
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.rule, b.rule) || compareStrings(a.message, b.message);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countBySeverity(diagnostics: readonly { severity: Severity }[]): SeverityCounts {
  const counts: SeverityCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const { severity } of diagnostics) {
    if (severity === 'error') counts.errors++;
    else if (severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}
