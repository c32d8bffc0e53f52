// The engine's schema validators are generated ahead of time (scripts/compile-schemas.mjs) and
// committed: these tests fail when the committed code is not what the schemas compile to now, and
// when the engine would load Ajv's compiler at start-up again.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const script = join(root, 'scripts/compile-schemas.mjs');
const generated = join(root, 'server/engine/src/yaml/generated');

function runCheck(...extra: string[]) {
  return spawnSync(process.execPath, [script, '--check', ...extra], { cwd: root, encoding: 'utf8' });
}

describe('the generated schema validators', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'claimlint-schemas-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('are what the schema files compile to now (else run `npm run schemas`)', () => {
    const result = runCheck();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('are reported stale when one character of the generated code differs', () => {
    const copy = join(scratch, 'stale');
    cpSync(generated, copy, { recursive: true });
    const file = join(copy, 'schema-validators.js');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"source registry"', '"source registri"'));
    const result = runCheck('--out', copy);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('schema-validators.js');
    expect(result.stderr).not.toContain('schema-validators.d.ts');
  });

  it('are reported stale when a generated file is missing', () => {
    const result = runCheck('--out', join(scratch, 'missing'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('schema-validators.d.ts');
  });

  it('leave Ajv and its compiler out of the CLI bundle', async () => {
    const bundle = await build({
      entryPoints: [join(root, 'server/cli/src/main.ts')],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs).toContain('server/engine/src/yaml/generated/schema-validators.js');
    expect(inputs.filter((input) => /(^|\/)node_modules\/ajv(-formats)?\//.test(input))).toEqual([]);
  });
});
