// The `claimlint` executable (bundled to dist/cli.js). Exit status: 0 clean, 1 problems, 2 usage,
// config or internal error; it is set through process.exitCode so pending output is flushed.
import { runCheck } from './check';
import { parseCommandLine, USAGE } from './command-line';
import { readPackageInfo } from './package-info';
import { shouldUseColor } from './terminal-color';
import { UsageError } from './usage-error';

function main(argv: readonly string[]): number {
  const command = parseCommandLine(argv);
  const packageInfo = readPackageInfo(__dirname);
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`${packageInfo.version}\n`);
      return 0;
    case 'check': {
      const color = shouldUseColor(process.env, process.stdout.isTTY === true);
      const outcome = runCheck(command, { cwd: process.cwd(), color, packageInfo });
      process.stdout.write(outcome.stdout);
      for (const note of outcome.notes) process.stderr.write(`${note}\n`);
      return outcome.exitCode;
    }
  }
}

// `| head` closing the pipe early is not a failure of claimlint's.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`claimlint: cannot write the output: ${error.message}\n`);
  process.exitCode = 2;
});

const argv = process.argv.slice(2);
try {
  process.exitCode = main(argv);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`claimlint: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`claimlint: internal error: ${message.split('\n')[0]}\n`);
    if (argv.includes('--debug') && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  }
  process.exitCode = 2;
}
