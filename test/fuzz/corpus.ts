// The seed documents the campaign mutates: the example workspace, the news summaries in
// ../shared/seeds (read at run time, never copied into the repository), and the rule fixtures.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { filesUnder } from '../support/disk';
import type { Role } from './fuzz-workspace';

export interface SeedDocument {
  /** Where it came from, relative to the repository (for messages). */
  name: string;
  role: Role;
  text: string;
}

/** The role a file plays in a workspace, judged by its name; undefined for files that play none. */
export function roleOfPath(path: string): Role | undefined {
  const name = path.split('/').pop()!;
  if (name === 'expected.json') return undefined;
  if (name === 'claimlint.yaml' || name === '.claimlint.yaml') return 'config';
  if (/\.claims\.ya?ml$/.test(name)) return 'claims';
  if (/^sources\.ya?ml$/.test(name)) return 'sources';
  if (name.endsWith('.bib')) return 'bib';
  if (name.endsWith('.json')) return 'csl';
  if (/\.(md|markdown)$/.test(name)) return 'markdown';
  if (name.endsWith('.txt')) return 'archive';
  return undefined;
}

/** Every file under a folder, in name order (none when the folder is missing). */
function sortedFilesUnder(folder: string): string[] {
  return existsSync(folder) ? filesUnder(folder).sort() : [];
}

export function loadCorpus(repoRoot: string): SeedDocument[] {
  const documents: SeedDocument[] = [];
  const add = (file: string, role: Role | undefined): void => {
    if (role === undefined) return;
    documents.push({ name: relative(repoRoot, file), role, text: readFileSync(file, 'utf8') });
  };
  for (const file of sortedFilesUnder(join(repoRoot, 'examples/rare-earths'))) add(file, roleOfPath(file));
  for (const file of sortedFilesUnder(join(repoRoot, 'test/fixtures'))) add(file, roleOfPath(file));
  // The news summaries are plain prose: read as Markdown reports (and, by role swaps, as archives).
  const seeds = resolve(repoRoot, '../shared/seeds');
  for (const file of filesUnder(seeds)) if (file.endsWith('.txt')) add(file, 'markdown');
  return documents;
}
