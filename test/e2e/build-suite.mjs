// Transpiles the extension test suite to out/test/e2e/suite/*.js (CommonJS, one file per source,
// not bundled: mocha must define suite()/test() before each test file runs, and `vscode` and
// `mocha` are resolved at run time, the first by the extension host, the second from node_modules).
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const suite = join(here, 'suite');
await build({
  entryPoints: readdirSync(suite).filter((name) => name.endsWith('.ts')).map((name) => join(suite, name)),
  outdir: join(root, 'out/test/e2e/suite'),
  bundle: false,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
});
