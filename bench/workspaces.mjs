// Generated workspaces, cached in the work folder by (claims, seed, report layout). A stamp beside each workspace
// (not inside it: the workspace holds exactly what the generator writes) records a hash of the
// generator, so a changed generator regenerates instead of measuring stale files.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './generate-workspace.mjs';

const GENERATOR = fileURLToPath(new URL('./generate-workspace.mjs', import.meta.url));

function generatorHash() {
  return createHash('sha1').update(readFileSync(GENERATOR)).digest('hex');
}

/**
 * The workspace for (claims, seed, report layout) under `workdir`, generated when missing or stale:
 * { dir, manifest, generatedMs? }. The plain layout's folder says so; the structured one's does not.
 */
export function ensureWorkspace(workdir, claims, seed, reports = 'structured') {
  mkdirSync(workdir, { recursive: true });
  const name = `claims-${claims}-seed-${seed}${reports === 'structured' ? '' : `-${reports}`}`;
  const dir = join(workdir, name);
  const stampFile = join(workdir, `${name}.stamp`);
  const manifestFile = join(dir, 'bench-manifest.json');
  const stamp = generatorHash();
  if (existsSync(manifestFile) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return { dir, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) };
  }
  const started = performance.now();
  const manifest = generateWorkspace(dir, claims, seed, { reports });
  writeFileSync(stampFile, stamp);
  return { dir, manifest, generatedMs: performance.now() - started };
}
