// How the benchmark starts the language server's Node process.
import { readFileSync } from 'node:fs';

/**
 * The Node options the VS Code extension starts the server with (client/server-node-args.json), so
 * that the server is measured as users get it; CLAIMLINT_BENCH_BARE_SERVER=1 starts it without them,
 * as `claimlint-language-server` runs when another editor starts it.
 */
export function serverNodeArgs() {
  if (process.env.CLAIMLINT_BENCH_BARE_SERVER === '1') return [];
  return JSON.parse(readFileSync(new URL('../client/server-node-args.json', import.meta.url), 'utf8'));
}
