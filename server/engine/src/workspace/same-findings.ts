// Whether two lists of findings are the same, field by field: what the workspace compares to name
// the files whose diagnostics changed, and what the language server compares before it publishes.
import type { Finding, Span } from '../model';

/** Same rule, message, severity, span and related locations, in the same order. */
export function sameFindings(a: readonly Finding[] | undefined, b: readonly Finding[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, index) => {
    const y = b[index]!;
    return (
      x.rule === y.rule &&
      x.message === y.message &&
      x.severity === y.severity &&
      sameSpan(x.span, y.span) &&
      x.related.length === y.related.length &&
      x.related.every((r, k) => r.file === y.related[k]!.file && r.message === y.related[k]!.message && sameSpan(r.span, y.related[k]!.span))
    );
  });
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}
