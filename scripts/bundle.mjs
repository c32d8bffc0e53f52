// Bundles each front end into one CommonJS file in dist/ (type-checking is `tsc -b`'s job).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['server/cli/src/main.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['server/lsp/src/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
]);
