// Reading test workspaces from disk: the engine's host (files it asks for beyond the checked
// documents) and every file under a folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspaceHost } from '../../server/engine/src/index';

/** Reads what the engine asks for from disk; a missing file is undefined, as the real host says. */
export const diskTestHost: WorkspaceHost = {
  readFile: (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Every file under a folder, depth first. */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}
