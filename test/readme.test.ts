// The README is the first thing a user reads: keep its rule list and commands true.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../server/engine/src/model';
import { RULES } from '../server/engine/src/rules';

const repo = resolve(__dirname, '..');
const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };

describe('the README', () => {
  it.each(RULE_IDS)('has a section for %s with a failing and a passing example, and the rule has a doc page', (rule) => {
    const section = readme.split(`### ${rule}\n`)[1]?.split('\n### ')[0] ?? '';
    expect(section).toMatch(/Fails/);
    expect(section).toMatch(/Passes/);
    expect(existsSync(join(repo, 'docs/rules', `${rule}.md`))).toBe(true);
  });

  it('states each rule default severity as the engine does', () => {
    for (const rule of RULES) expect(readme).toContain(`[\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.defaultSeverity} |`);
  });

  it('names npm scripts that exist', () => {
    expect(readme).toContain('npm ci && npm run example');
    expect(readme).toContain('npm test ');
    expect(packageJson.scripts.example).toBeDefined();
    expect(packageJson.scripts.test).toContain('vitest run');
    expect(packageJson.bin.claimlint).toBe('bin/claimlint.js');
  });
});
