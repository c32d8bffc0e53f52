// `--format json`: SPEC §4, one JSON array, one object per diagnostic, keys in the documented order.
import type { LocatedDiagnostic } from '../located-diagnostic';

/** One element of the `--format json` array, as SPEC §4 fixes it (tests parse the output with it). */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
  related: { file: string; line: number; column: number; message: string }[];
}

export function formatJson(diagnostics: readonly LocatedDiagnostic[]): string {
  // Objects are rebuilt field by field so the key order is the contract's, whatever the input's.
  const objects: JsonDiagnostic[] = diagnostics.map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    related: d.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message })),
  }));
  return `${JSON.stringify(objects)}\n`;
}
