// Engine diagnostics → LSP diagnostics: same message as the CLI, the rule id as code, a link to
// the rule's page, related locations as relatedInformation.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver/node';
import type { Diagnostic, Severity, Span } from '../../engine/src/index';
import { uriOfId } from './document-ids';

export const RULE_DOCS_URI = 'https://github.com/claimlint/claimlint/blob/HEAD/docs/rules/';

export type RangeOf = (file: string, span: Span) => Range;

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(diagnostic: Diagnostic, rangeOf: RangeOf): LspDiagnostic {
  return {
    range: rangeOf(diagnostic.file, diagnostic.span),
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.rule,
    codeDescription: { href: `${RULE_DOCS_URI}${diagnostic.rule}.md` },
    source: 'claimlint',
    message: diagnostic.message,
    relatedInformation: diagnostic.related.map((related) => ({
      location: { uri: uriOfId(related.file), range: rangeOf(related.file, related.span) },
      message: related.message,
    })),
  };
}
