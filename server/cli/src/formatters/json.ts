// `--format json`: SPEC §4, one JSON array, one object per diagnostic, keys in the documented order.
import type { LocatedDiagnostic } from '../located-diagnostic';

export function formatJson(diagnostics: readonly LocatedDiagnostic[]): string {
  // Objects are rebuilt field by field so the key order is the contract's, whatever the input's.
  const objects = diagnostics.map((d) => ({
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
