// The options a bench tool hands the engine for a generated workspace on disk: its root, its
// claimlint.yaml, and a host that reads registries and archives from disk (undefined when missing).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const diskHost = {
  readFile(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** `new ClaimWorkspace(engineOptions(workspace))` checks the workspace as the CLI would. */
export function engineOptions(workspace) {
  const configFile = join(workspace, 'claimlint.yaml');
  return { root: workspace, configText: readFileSync(configFile, 'utf8'), configFile, host: diskHost };
}
