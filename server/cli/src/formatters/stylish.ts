// `--format stylish` (the default): ESLint's stylish layout, for people reading a terminal or a CI
// log. Grouped by file; one aligned row per problem; a summary line. Prints nothing when there are
// no problems, as ESLint does, so a clean run is silent.
import type { Severity } from '../../../engine/src/index';
import { displayWidth, padEnd } from '../display-width';
import { countBySeverity, type LocatedDiagnostic } from '../located-diagnostic';

export interface StylishOptions {
  color: boolean;
}

type Style = 'red' | 'yellow' | 'blue' | 'dim' | 'bold' | 'underline';

const ANSI: Record<Style, readonly [string, string]> = {
  red: ['\u001b[31m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  blue: ['\u001b[34m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  bold: ['\u001b[1m', '\u001b[22m'],
  underline: ['\u001b[4m', '\u001b[24m'],
};

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

export function formatStylish(diagnostics: readonly LocatedDiagnostic[], options: StylishOptions): string {
  if (diagnostics.length === 0) return '';
  const paint = (style: Style, text: string): string => (options.color ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text);

  const byFile = new Map<string, LocatedDiagnostic[]>();
  for (const diagnostic of diagnostics) {
    const list = byFile.get(diagnostic.file);
    if (list) list.push(diagnostic);
    else byFile.set(diagnostic.file, [diagnostic]);
  }

  const blocks: string[] = [];
  for (const [file, list] of byFile) {
    const rows = list.map((d) => ({
      location: `${d.line}:${d.column}`,
      severity: d.severity,
      // A line break inside a message would break the table; the JSON output keeps it as written.
      message: d.message.replace(/\r\n|[\r\n]/g, ' '),
      rule: d.rule,
    }));
    // reduce, not Math.max(...rows): a hostile file can carry more rows than a call has arguments.
    const locationWidth = widest(rows, (r) => r.location.length);
    const severityWidth = widest(rows, (r) => r.severity.length);
    const messageWidth = widest(rows, (r) => displayWidth(r.message));
    const lines = rows.map(
      (r) =>
        `  ${paint('dim', padEnd(r.location, locationWidth))}  ${paint(SEVERITY_STYLE[r.severity], padEnd(r.severity, severityWidth))}  ${padEnd(r.message, messageWidth)}  ${paint('dim', r.rule)}`,
    );
    blocks.push(`${paint('underline', file)}\n${lines.join('\n')}\n`);
  }

  const counts = countBySeverity(diagnostics);
  const total = diagnostics.length;
  const summary = `✖ ${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')})`;
  const summaryStyle: Style = counts.errors > 0 ? 'red' : counts.warnings > 0 ? 'yellow' : 'blue';
  return `${blocks.join('\n')}\n${paint('bold', paint(summaryStyle, summary))}\n`;
}

function widest<T>(rows: readonly T[], width: (row: T) => number): number {
  return rows.reduce((max, row) => Math.max(max, width(row)), 0);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
