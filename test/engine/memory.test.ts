// Edits must not make the workspace keep more: a writer's session lasts hours. The engine is driven
// through rounds of edits (each figure ×1.5, then back) in a child process started with
// --expose-gc, and its live heap after a full collection is compared from round to round. A leak
// of what an edit replaces (a parsed document, a group's old members, old findings) holds kilobytes
// per edit, and these rounds make thousands of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark's generator is plain JavaScript, without types
import { generateWorkspace } from '../../bench/generate-workspace.mjs';

const ROUNDS = 4;
const scratch = mkdtempSync(join(tmpdir(), 'claimlint-memory-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Run in the child: prints the live heap in bytes after the first check and after each round. */
const DRIVER = `
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const [engine, root, rounds] = process.argv.slice(1);
const { ClaimWorkspace } = require(engine);
const manifest = JSON.parse(readFileSync(join(root, 'bench-manifest.json'), 'utf8'));
const configFile = join(root, 'claimlint.yaml');
const host = { readFile: (file) => { try { return readFileSync(file, 'utf8'); } catch { return undefined; } } };
const workspace = new ClaimWorkspace({ root, configText: readFileSync(configFile, 'utf8'), configFile, host });
const texts = new Map();
for (const folder of ['claims', 'reports']) for (const name of readdirSync(join(root, folder)).sort()) {
  const file = join(root, folder, name);
  texts.set(file, readFileSync(file, 'utf8'));
  workspace.setDocument(file, texts.get(file));
}
const settle = () => { for (const file of workspace.takeChangedFiles()) workspace.diagnosticsOf(file); };
const live = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed; };
workspace.diagnostics();
settle();
const heaps = [live()];
let contradictions = 0;
for (let round = 0; round < Number(rounds); round++) {
  for (const figure of manifest.markdownFigures) {
    const file = join(root, figure.file);
    const text = texts.get(file);
    workspace.setDocument(file, text.slice(0, figure.offset) + figure.scaled + text.slice(figure.offset + figure.figure.length));
    settle();
    if (workspace.diagnosticsOf(file).some((d) => d.rule === 'contradiction')) contradictions++;
    workspace.setDocument(file, text);
    settle();
  }
  heaps.push(live());
}
process.stdout.write(JSON.stringify({ heaps, edits: 2 * manifest.markdownFigures.length, contradictions }));
`;

describe('memory over a long editing session', () => {
  it('keeps the live heap flat over rounds of thousands of edits', async () => {
    const engine = join(scratch, 'engine.cjs');
    await build({ entryPoints: [resolve(__dirname, '../../server/engine/src/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: engine, logLevel: 'warning' });
    const root = join(scratch, 'workspace');
    generateWorkspace(root, 10_000, 3);
    const figures = (JSON.parse(readFileSync(join(root, 'bench-manifest.json'), 'utf8')) as { markdownFigures: unknown[] }).markdownFigures.length;
    const run = spawnSync(process.execPath, ['--expose-gc', '-e', DRIVER, engine, root, String(ROUNDS)], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    const { heaps, edits, contradictions } = JSON.parse(run.stdout) as { heaps: number[]; edits: number; contradictions: number };
    // The edits did their work: a ×1.5 figure contradicts the other claims of its key (not every
    // one: a partner may be an approximate or differently dated claim that still overlaps).
    expect(edits).toBeGreaterThanOrEqual(1000);
    expect(contradictions).toBeGreaterThan(0.9 * ROUNDS * figures);
    // After the first round (tables that fill once, such as the shared strings), every further
    // round of edits leaves the heap where it was, within 1 MB: a leak of 1 KB an edit would
    // add that in each round.
    const settled = heaps.slice(1);
    const growth = Math.max(...settled) - settled[0]!;
    expect(growth, `live heap after each round, MB: ${heaps.map((bytes) => (bytes / 1048576).toFixed(2)).join(', ')}`).toBeLessThan(1024 * 1024);
  }, 150_000);
});
