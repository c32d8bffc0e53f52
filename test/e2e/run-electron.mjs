// `npm run test:electron`: the same extension suite in a downloaded VS Code (desktop, Electron),
// for machines that can reach update.code.visualstudio.com. CI here uses code-server instead
// (run-all.sh), because it can only reach npm and Debian.
// Env: VSCODE_VERSION (default: stable; 1.139.1 matches the code-server CI uses).
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
await import('./build-suite.mjs');

// A private copy of the example (the suite changes settings and opens drafts) and a private profile.
const scratch = mkdtempSync(join(tmpdir(), 'claimlint-electron-'));
const workspace = join(scratch, 'rare-earths');
cpSync(join(root, 'examples/rare-earths'), workspace, { recursive: true });
let exitCode = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/e2e/suite/index.js'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${join(scratch, 'user-data')}`,
    ],
  });
} catch (error) {
  console.error(`extension tests failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
