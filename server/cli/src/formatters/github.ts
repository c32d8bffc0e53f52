// `--format github`: GitHub Actions workflow commands, which the runner turns into annotations on
// the pull request's diff. Escaping follows the runner's own (actions/toolkit `command.ts`).
import type { Severity } from '../../../engine/src/index';
import type { LocatedDiagnostic } from '../located-diagnostic';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function formatGithub(diagnostics: readonly LocatedDiagnostic[]): string {
  return diagnostics
    .map((d) => {
      const properties = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(`claimlint (${d.rule})`)}`,
      ];
      return `::${COMMAND[d.severity]} ${properties.join(',')}::${escapeData(d.message)}\n`;
    })
    .join('');
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
