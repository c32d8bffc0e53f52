// `claimlint check`: load the workspace from disk, run the engine, format, and decide the exit status.
import type { CheckCommand } from './command-line';
import { formatDiagnostics } from './formatters/index';
import { loadFsWorkspace } from './fs-workspace';
import { countBySeverity, locateDiagnostics } from './located-diagnostic';
import type { PackageInfo } from './package-info';

export interface CheckEnvironment {
  cwd: string;
  /** Whether stylish output may use colour. */
  color: boolean;
  packageInfo: PackageInfo;
}

export interface CheckOutcome {
  stdout: string;
  /** Lines for stderr (without the trailing newline); they never change the exit status. */
  notes: string[];
  exitCode: 0 | 1;
}

export function runCheck(command: CheckCommand, environment: CheckEnvironment): CheckOutcome {
  const { cwd } = environment;
  const loaded = loadFsWorkspace({ paths: command.paths, config: command.config, cwd });
  let diagnostics = loaded.workspace.diagnostics();
  // After the check: reading registries and archives may have added notes (a refused link).
  const notes = loaded.notes.map((note) => `claimlint: ${note}`);
  if (loaded.checkedFiles.length === 0) {
    const where = command.paths.length > 0 ? command.paths.join(', ') : '.';
    notes.push(`claimlint: no files to check in ${where} (the include globs matched nothing)`);
  }

  // As ESLint's --quiet: warnings and infos are neither printed nor counted.
  if (command.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');

  const located = locateDiagnostics(diagnostics, (file, offset) => loaded.workspace.positionAt(file, offset), cwd);
  const stdout = formatDiagnostics(command.format, located, {
    color: environment.color,
    cwd,
    version: environment.packageInfo.version,
    informationUri: environment.packageInfo.homepage,
    ruleDocsUri: environment.packageInfo.ruleDocsUri,
  });

  const counts = countBySeverity(located);
  const tooManyWarnings = command.maxWarnings >= 0 && counts.warnings > command.maxWarnings;
  if (tooManyWarnings) notes.push(`claimlint: too many warnings (${counts.warnings}; the maximum is ${command.maxWarnings})`);
  return { stdout, notes, exitCode: counts.errors > 0 || tooManyWarnings ? 1 : 0 };
}
