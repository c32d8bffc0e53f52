// Golden fixtures per rule: each folder under test/fixtures/rules/<rule-id>/<case>/ is a small
// workspace and its expected.json is what `claimlint check --format json` prints there. A field
// written as "*" in expected.json matches anything. `UPDATE_GOLDEN=1 npx vitest run test/rules`
// rewrites the files from the actual output (review the diff before committing it).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../server/engine/src/model';

const repo = resolve(__dirname, '../..');
const fixtures = join(repo, 'test/fixtures/rules');
const bin = join(repo, 'bin/claimlint.js');

function cases(rule: string): string[] {
  const folder = join(fixtures, rule);
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((name) => statSync(join(folder, name)).isDirectory() && existsSync(join(folder, name, 'expected.json')));
}

function matches(expected: unknown, actual: unknown): boolean {
  if (expected === '*') return true;
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matches(e, actual[i]));
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((k) => matches((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]));
  }
  return expected === actual;
}

describe('every rule has golden fixtures', () => {
  it.each(RULE_IDS)('%s has a case that fires and a case that passes', (rule) => {
    const names = cases(rule);
    const outputs = names.map((name) => JSON.parse(readFileSync(join(fixtures, rule, name, 'expected.json'), 'utf8')) as { rule: string }[]);
    expect(outputs.some((out) => out.some((d) => d.rule === rule)), `a case of ${rule} that reports it`).toBe(true);
    expect(outputs.some((out) => out.every((d) => d.rule !== rule)), `a case of ${rule} that does not`).toBe(true);
  });
});

for (const rule of RULE_IDS) {
  describe(`golden fixtures of ${rule}`, () => {
    it.each(cases(rule))('%s gives the expected diagnostics', (name) => {
      const folder = join(fixtures, rule, name);
      const run = spawnSync(process.execPath, [bin, 'check', '--format', 'json'], { cwd: folder, encoding: 'utf8' });
      expect(run.status, run.stderr).not.toBe(2);
      const actual = JSON.parse(run.stdout) as unknown[];
      const expectedFile = join(folder, 'expected.json');
      if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as unknown[];
      if (!matches(expected, actual)) expect(actual).toEqual(expected);
      const hasErrors = (actual as { severity: string }[]).some((d) => d.severity === 'error');
      expect(run.status).toBe(hasErrors ? 1 : 0);
    });
  });
}
