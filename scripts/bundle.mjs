// Bundles each front end into one CommonJS file in dist/ (type-checking is `tsc -b`'s job).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// A cache left from an earlier build would not match the new bundle (bin/run-bundle.js would ignore it).
rmSync('dist/cli.js.cache', { force: true });
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['server/cli/src/main.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['server/lsp/src/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
]);

// V8's code cache for the CLI, made by a check of the bundled example: every later check starts
// with claimlint's functions already compiled (bin/run-bundle.js says how it is used).
const cacheRun = spawnSync(process.execPath, ['-e', "require('./bin/run-bundle.js').writeCodeCache(require('node:path').resolve('dist/cli.js'), ['check', 'examples/rare-earths', '--format', 'json'])"], {
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
});
if (!existsSync('dist/cli.js.cache')) {
  process.stderr.write(`bundle: the CLI's code cache was not made (exit ${cacheRun.status}):\n${cacheRun.stderr}`);
  process.exit(1);
}
