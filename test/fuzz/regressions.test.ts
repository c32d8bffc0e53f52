// Replays every input the fuzzing campaign saved in test/fuzz/regressions/ through the engine, with
// the same checks and the same time budget as the campaign: a fixed bug stays fixed.
//   <role>-<hash>.<md|yaml|bib|json|txt>  the input as it was (UTF-8)
//   <role>-<hash>.text.json               {role, text}: a text with lone surrogates, which UTF-8 cannot keep
//   <role>-<hash>.case.json               {generator, seed}: an input too big to keep, made again
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus';
import { campaignRunOptions, ROLES, runFuzzInput, type FuzzInput, type Role } from './fuzz-workspace';
import { budgetFor, generate } from './generators';
import { KNOWN_FAILURES } from './known-failures';

const REPO_ROOT = resolve(__dirname, '../..');
const FOLDER = join(__dirname, 'regressions');

/** Saved inputs of open bugs in code this campaign may not fix (known-failures.json), and how to replay them. */
const KNOWN = new Map(KNOWN_FAILURES.flatMap((entry) => (entry.regressions ?? []).map((name) => [name, entry] as const)));

function readInput(name: string): FuzzInput {
  const role = name.slice(0, name.indexOf('-')) as Role;
  if (!ROLES.includes(role)) throw new Error(`${name}: the name does not start with a role (${ROLES.join(', ')})`);
  const content = readFileSync(join(FOLDER, name), 'utf8');
  if (name.endsWith('.case.json')) {
    const { generator, seed } = JSON.parse(content) as { generator: string; seed: number };
    const input = generate({ generator, seed }, loadCorpus(REPO_ROOT));
    return { role: input.role, text: input.text };
  }
  if (name.endsWith('.text.json')) return JSON.parse(content) as FuzzInput;
  return { role, text: content };
}

const saved = existsSync(FOLDER) ? readdirSync(FOLDER).filter((name) => !name.startsWith('.')).sort() : [];

describe('the saved fuzz regressions', () => {
  it('include every input that known-failures.json names', () => {
    for (const name of KNOWN.keys()) expect(saved).toContain(name);
  });

  for (const name of saved) {
    const known = KNOWN.get(name);
    const title = known
      ? `${name} still shows the open bug in ${known.where}: ${known.reason}`
      : `${name} runs through the engine and every feature without a throw, a broken invariant or overrunning its budget`;
    const test = known?.replay === 'skip' ? it.skip : known ? it.fails : it;
    // Big inputs are made again from their seed: the timeout covers making and running them.
    test(title, { timeout: 600_000 }, () => {
      const input = readInput(name);
      const started = performance.now();
      const report = runFuzzInput(input, campaignRunOptions(input));
      const elapsed = performance.now() - started;
      expect(report.problems).toEqual([]);
      expect(elapsed).toBeLessThan(budgetFor(input.text));
    });
  }
});
