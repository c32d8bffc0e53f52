// The output formats by name, for `--format`.
import type { LocatedDiagnostic } from '../located-diagnostic';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface FormatContext {
  /** Whether stylish output may use ANSI colours. */
  color: boolean;
  cwd: string;
  version: string;
  informationUri?: string;
  ruleDocsUri?: string;
}

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export function formatDiagnostics(format: FormatName, diagnostics: readonly LocatedDiagnostic[], context: FormatContext): string {
  switch (format) {
    case 'stylish':
      return formatStylish(diagnostics, { color: context.color });
    case 'json':
      return formatJson(diagnostics);
    case 'sarif':
      return formatSarif(diagnostics, context);
    case 'github':
      return formatGithub(diagnostics);
  }
}
