// Parsing argv: what `claimlint check` accepts and which mistakes are usage errors.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../server/cli/src/command-line';
import { UsageError } from '../../server/cli/src/usage-error';

describe('the command line', () => {
  it('defaults to stylish output, no warning limit and the current folder', () => {
    expect(parseCommandLine(['check'])).toEqual({ kind: 'check', paths: [], format: 'stylish', maxWarnings: -1, quiet: false, debug: false });
  });

  it('reads every option, long and short, with paths before and after them', () => {
    expect(parseCommandLine(['check', 'docs', '-f', 'sarif', '--config', 'ci/claimlint.yaml', '--max-warnings', '3', '-q', 'README.md'])).toEqual({
      kind: 'check',
      paths: ['docs', 'README.md'],
      config: 'ci/claimlint.yaml',
      format: 'sarif',
      maxWarnings: 3,
      quiet: true,
      debug: false,
    });
  });

  it('accepts --max-warnings -1 written as two words, as ESLint does', () => {
    expect(parseCommandLine(['check', '--max-warnings', '-1'])).toMatchObject({ maxWarnings: -1 });
    expect(parseCommandLine(['check', '--max-warnings=0'])).toMatchObject({ maxWarnings: 0 });
  });

  it('takes anything after -- as a path', () => {
    expect(parseCommandLine(['check', '--', '--quiet'])).toMatchObject({ paths: ['--quiet'], quiet: false });
  });

  it('answers --help and --version before anything else', () => {
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['check', '-h', '--format', 'xml'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['--version'])).toEqual({ kind: 'version' });
  });

  it.each([
    [['check', '--frobnicate'], "unknown option '--frobnicate' (see claimlint --help)"],
    [['check', '-x'], "unknown option '-x' (see claimlint --help)"],
    [['check', '--format', 'xml'], "unknown format 'xml'; expected one of stylish, json, sarif, github"],
    [['check', '--max-warnings', 'many'], "--max-warnings expects a whole number of at least -1, not 'many'"],
    [['check', '--max-warnings=-2'], "--max-warnings expects a whole number of at least -1, not '-2'"],
    [['check', '--max-warnings=1.5'], "--max-warnings expects a whole number of at least -1, not '1.5'"],
    [['check', '--format'], "Option '-f, --format <value>' argument missing (see claimlint --help)"],
    [['lint'], "unknown command 'lint'; the command is 'check' (see claimlint --help)"],
    [[], 'missing command; usage: claimlint check [PATH...] (see claimlint --help)'],
  ])('refuses %j with a one-line usage error', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(new UsageError(message));
    try {
      parseCommandLine(argv);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
