// argv → what to do. Strict: an unknown option or a malformed value is a UsageError (exit 2).
import { parseArgs } from 'node:util';
import { FORMAT_NAMES, isFormatName, type FormatName } from './formatters/index';
import { UsageError } from './usage-error';

export interface CheckCommand {
  kind: 'check';
  paths: string[];
  config?: string;
  format: FormatName;
  /** -1 means no limit. */
  maxWarnings: number;
  quiet: boolean;
  debug: boolean;
}

export type Command = { kind: 'help' } | { kind: 'version' } | CheckCommand;

export const USAGE = `Usage: claimlint check [PATH...] [options]

Checks the figures in Markdown reports and YAML claim files: figures without a source, citations
of unknown sources, contradictions across the workspace, unit and scale slips. PATH is a file or
a folder (default: the current folder); folders are searched with the include and exclude globs
of claimlint.yaml, files named here are always checked.

Options:
  -c, --config FILE     use this config instead of the nearest claimlint.yaml
  -f, --format NAME     ${FORMAT_NAMES.join(', ')} (default: stylish)
      --max-warnings N  exit with status 1 when there are more than N warnings (default: -1, no limit)
  -q, --quiet           report errors only: no warnings or infos, and none counted
      --debug           print the stack trace of an internal error
  -h, --help            show this help
  -v, --version         print the version

Exit status: 0 no errors and no more warnings than --max-warnings; 1 otherwise;
2 a usage or config error or an internal failure.
`;

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeLimit(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command; usage: claimlint check [PATH...] (see claimlint --help)');
  if (command !== 'check') throw new UsageError(`unknown command '${command}'; the command is 'check' (see claimlint --help)`);

  const format = values.format ?? 'stylish';
  if (!isFormatName(format)) throw new UsageError(`unknown format '${format}'; expected one of ${FORMAT_NAMES.join(', ')}`);

  const limit = values['max-warnings'];
  let maxWarnings = -1;
  if (limit !== undefined) {
    if (!/^-?[0-9]{1,15}$/.test(limit) || Number(limit) < -1) throw new UsageError(`--max-warnings expects a whole number of at least -1, not '${limit}'`);
    maxWarnings = Number(limit);
  }

  const check: CheckCommand = { kind: 'check', paths, format, maxWarnings, quiet: values.quiet ?? false, debug: values.debug ?? false };
  if (values.config !== undefined) check.config = values.config;
  return check;
}

/** parseArgs refuses `--max-warnings -1` (a value that looks like an option); ESLint users type it. */
function joinNegativeLimit(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if (arg === '--max-warnings' && next !== undefined && /^-[0-9]+$/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  return args;
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /^Unknown option '([^']*)'/.exec(message)?.[1];
    return `unknown option '${option ?? message}' (see claimlint --help)`;
  }
  // parseArgs explains over several lines; the first says what is wrong.
  return `${message.split('\n')[0]} (see claimlint --help)`;
}
