// The benchmark harness end to end at its smallest size: one run of every step on a 1k-claim
// workspace. It checks that each section measured something and that the measured tools did the
// work (the planted problems were found, the edits were answered); never how fast they were.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBundlesBuilt, REPO_ROOT } from '../cli/global-setup';

interface Runs {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

interface Latencies {
  count: number;
  p50?: number;
  p95?: number;
  max?: number;
  timeouts: number;
  empty?: number;
  changes?: number;
  contradictionsSeen?: number;
}

interface Failure {
  what: string;
  error: string;
}

/** The parts of bench/run.mjs's JSON that this test reads. */
interface BenchResult {
  machine: { cpu: string; cores: number; node: string; claimlint: string; markdownlintCli2: string; md4x: string; jsYaml: string; serverNodeArgs: string[] };
  sizes: Array<{
    claims: number;
    runs: number;
    workspace: { reports: string; files: { yaml: number; markdown: number } };
    floor: Record<'read' | 'tokenise' | 'markdownIt', { wallMs?: Runs; peakRssKb?: Runs; markdownParser?: string }> & { failures: Failure[] };
    cli: { wallMs?: Runs; peakRssKb?: Runs; diagnosticsByRule?: Record<string, number>; plantedFound?: { ok: boolean }; failures: Failure[] };
    markdownlint: { wallMs?: Runs; lintedFiles?: number; findings?: number; failures: Failure[] };
    lsp: {
      firstPassMs?: Runs;
      firstPassCpuMs?: Runs;
      firstPassFiles?: { published: number; empty: number; checked: number };
      firstPassDiagnosticsByRule?: Record<string, number>;
      edit: Latencies;
      crossFile: Latencies;
      hover: Latencies;
      codeAction: Latencies;
      documentSymbol: Latencies;
      peakRssKb?: Runs;
      firstPassPeakRssKb?: Runs;
      failures: Failure[];
    };
  }>;
  targets: Array<{ id: string; met: boolean | null; value: number | null; missing?: string }>;
}

const scratch = mkdtempSync(join(tmpdir(), 'claimlint-bench-smoke-'));
let result: BenchResult;
let stdout: string;

beforeAll(() => {
  ensureBundlesBuilt();
  const out = join(scratch, 'result.json');
  const run = spawnSync(process.execPath, ['bench/run.mjs', '--sizes', '1000', '--runs', '1', '--out', out, '--workdir', join(scratch, 'workspaces')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 110_000,
  });
  if (run.status !== 0) throw new Error(`bench/run.mjs exited with ${run.status}:\n${run.stderr}`);
  stdout = run.stdout;
  result = JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run bench at 1k claims, one run', () => {
  it('records the machine and the versions of the tools it measured', () => {
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.machine.node).toMatch(/^v\d+/);
    expect(result.machine.markdownlintCli2).toBe('0.22.1');
    expect(result.machine.md4x).toMatch(/\d/);
    expect(result.machine.jsYaml).toMatch(/\d/);
    // The server is measured as the VS Code extension starts it.
    expect(result.machine.serverNodeArgs).toEqual(JSON.parse(readFileSync(join(REPO_ROOT, 'client/server-node-args.json'), 'utf8')));
    expect(stdout).toContain(`language server started as \`node ${result.machine.serverNodeArgs.join(' ')} bin/claimlint-language-server.js --stdio\``);
  });

  it('measures the floor with md4x and js-yaml events, and markdown-it for reference', () => {
    const [size] = result.sizes;
    expect(size.claims).toBe(1000);
    expect(size.workspace.reports).toBe('structured');
    expect(size.floor.failures).toEqual([]);
    for (const part of ['read', 'tokenise', 'markdownIt'] as const) {
      expect(size.floor[part].wallMs?.median).toBeGreaterThan(0);
      expect(size.floor[part].peakRssKb?.median).toBeGreaterThan(0);
    }
    expect(size.floor.tokenise.markdownParser).toBe('md4x parseAST');
  });

  it('runs the CLI to a JSON report that holds every planted kind of problem', () => {
    const { cli } = result.sizes[0];
    expect(cli.failures).toEqual([]);
    expect(cli.wallMs?.median).toBeGreaterThan(0);
    expect(cli.peakRssKb?.median).toBeGreaterThan(0);
    for (const rule of ['contradiction', 'missing-source', 'scale-slip']) expect(cli.diagnosticsByRule?.[rule]).toBeGreaterThan(0);
    expect(cli.plantedFound?.ok).toBe(true);
  });

  it('runs markdownlint-cli2 on every report of the workspace', () => {
    const { markdownlint, workspace } = result.sizes[0];
    expect(markdownlint.failures).toEqual([]);
    expect(markdownlint.wallMs?.median).toBeGreaterThan(0);
    expect(markdownlint.lintedFiles).toBe(workspace.files.markdown);
    expect(markdownlint.findings).toBeGreaterThan(0);
  });

  it('times the language server first pass, which publishes the same diagnostics as the CLI and no empty lists', () => {
    const { lsp, cli, workspace } = result.sizes[0];
    expect(lsp.failures).toEqual([]);
    expect(lsp.firstPassMs?.median).toBeGreaterThan(0);
    // /proc is there on the Linux machines the benchmark runs on.
    if (process.platform === 'linux') expect(lsp.firstPassCpuMs?.median).toBeGreaterThan(0);
    expect(lsp.firstPassDiagnosticsByRule).toEqual(cli.diagnosticsByRule);
    expect(lsp.firstPassFiles?.empty).toBe(0);
    expect(lsp.firstPassFiles?.checked).toBe(workspace.files.yaml + workspace.files.markdown);
    expect(lsp.firstPassFiles?.published).toBeGreaterThan(0);
    expect(lsp.firstPassFiles?.published).toBeLessThan(workspace.files.yaml + workspace.files.markdown);
    expect(lsp.peakRssKb?.median).toBeGreaterThan(0);
    if (process.platform === 'linux') {
      // The peak when the first pass ended, and no higher than the session's peak after it.
      expect(lsp.firstPassPeakRssKb?.median).toBeGreaterThan(0);
      expect(lsp.firstPassPeakRssKb!.max).toBeLessThanOrEqual(lsp.peakRssKb!.max);
    }
  });

  it('answers at least 200 edits and 200 cross-file edits, each ×1.5 edit showing its contradiction', () => {
    const { lsp } = result.sizes[0];
    for (const kind of [lsp.edit, lsp.crossFile]) {
      expect(kind.count).toBeGreaterThanOrEqual(200);
      expect(kind.timeouts).toBe(0);
      expect(kind.p50).toBeGreaterThan(0);
      expect(kind.p95).toBeGreaterThanOrEqual(kind.p50 ?? Infinity);
      expect(kind.max).toBeGreaterThanOrEqual(kind.p95 ?? Infinity);
      expect(kind.contradictionsSeen).toBe((kind.changes ?? 0) / 2);
    }
  });

  it('answers at least 100 hovers on figures', () => {
    const { hover } = result.sizes[0].lsp;
    expect(hover.count).toBeGreaterThanOrEqual(100);
    expect(hover.p50).toBeGreaterThan(0);
  });

  it('answers at least 100 code action requests at figures, and 100 outlines of reports, none of them empty', () => {
    const { codeAction, documentSymbol } = result.sizes[0].lsp;
    for (const kind of [codeAction, documentSymbol]) {
      expect(kind.count).toBeGreaterThanOrEqual(100);
      expect(kind.timeouts).toBe(0);
      expect(kind.p50).toBeGreaterThan(0);
    }
    expect(documentSymbol.empty).toBe(0);
    expect(stdout).toMatch(/LSP code action p50 \/ p95 \/ max +\S+ ms/);
    expect(stdout).toMatch(/LSP document symbols p50 \/ p95 \/ max +\S+ ms/);
  });

  it('leaves every target, all at 100k, unmeasured, and says why', () => {
    const byId = new Map(result.targets.map((target) => [target.id, target]));
    expect([...byId.keys()].sort()).toEqual(['cli-vs-floor', 'cli-vs-markdownlint', 'edit-p95', 'edit-p95-growth', 'first-pass', 'server-rss']);
    for (const target of byId.values()) {
      expect(target.met).toBeNull();
      expect(target.missing).toMatch(/100000 claims not run|not run at 100000 claims/);
    }
  });

  it('prints the table and the targets on stdout', () => {
    expect(stdout).toContain('claimlint check --format json');
    expect(stdout).toContain('LSP edit p50 / p95 / max');
    expect(stdout).toMatch(/NOT MEASURED +edit latency p95 at 100k claims/);
  });
});

describe('bench/parallel-probe.mjs on the same 1k workspace, one round', () => {
  it('reads the reports in one thread, two threads and two processes, and every mode finds the same claims', () => {
    const workspace = join(scratch, 'workspaces', 'claims-1000-seed-1');
    const run = spawnSync(process.execPath, ['bench/parallel-probe.mjs', workspace, '--rounds', '1'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).not.toMatch(/parallel-probe:/);
    expect(run.status).toBe(0);
    // The probe itself fails when two modes read different numbers of claims.
    expect(run.stdout).toMatch(/^50 files of reports\/, 500 claims, 1 rounds/m);
    for (const mode of ['one', 'threads', 'processes']) expect(run.stdout).toMatch(new RegExp(`^${mode} +median +\\d+ ms +speed-up [\\d.]+×`, 'm'));
  }, 70_000);
});

describe('bench/requests-probe.mjs on the same 1k workspace, one round', () => {
  it('answers every editor request it times, each with a usable answer', () => {
    const workspace = join(scratch, 'workspaces', 'claims-1000-seed-1');
    const run = spawnSync(process.execPath, ['bench/requests-probe.mjs', workspace, '--rounds', '1'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    // The probe fails by itself when a request's answer is empty or of the wrong shape.
    expect(run.stderr).not.toMatch(/requests-probe:/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^60 files, 1000 claims, 1 rounds; request at reports\//m);
    expect(run.stdout.match(/^[a-z ,]+ +median +[\d.]+ ms +max +[\d.]+ ms$/gm)).toHaveLength(12);
  }, 70_000);
});

describe('bench/claim-file-probe.mjs, one round on a small file', () => {
  it('reads every variant of the claim file to the claims and findings it must have', () => {
    const run = spawnSync(process.execPath, ['bench/claim-file-probe.mjs', '--kb', '8', '--rounds', '1'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    // The probe fails by itself when a variant reads to the wrong claims or findings.
    expect(run.stderr).not.toMatch(/claim-file-probe:/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^claim file of \d+ KB, \d+ claims, 1 rounds$/m);
    expect(run.stdout.match(/^[a-z ()]+ +median +[\d.]+ ms +max +[\d.]+ ms$/gm)).toHaveLength(6);
  }, 70_000);
});

describe('bench/warm-up-probe.mjs on the same 1k workspace', () => {
  it('times a cold and a warm pass slice by slice, and every pass finds the same claims', () => {
    const workspace = join(scratch, 'workspaces', 'claims-1000-seed-1');
    const run = spawnSync(process.execPath, ['bench/warm-up-probe.mjs', workspace, '--processes', '1', '--passes', '2', '--slice', '20', '--flags', '--always-sparkplug'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/warm-up-probe:/);
    expect(run.status).toBe(0);
    // The probe itself fails when two passes read different claims or find different diagnostics.
    expect(run.stdout).toMatch(/^50 files of reports\/, 500 claims, \d+ diagnostics; 1 processes per mode, 2 passes each/m);
    for (const mode of ['node (no options)', 'node --always-sparkplug']) expect(run.stdout).toContain(`\n${mode}\n`);
    // 50 documents in slices of 20: three slices, then the checks and the whole, for each mode.
    for (const slice of ['0–19', '20–39', '40–49', 'checks', 'whole']) {
      expect(run.stdout.match(new RegExp(`^${slice} +\\d+ ms +\\d+ ms +[\\d.]+×$`, 'gm'))).toHaveLength(2);
    }
    expect(run.stdout).toMatch(/^warming up: -?\d+ ms, -?\d+% of the cold pass$/m);
  }, 70_000);

  it('refuses a single pass, which has nothing warm to compare with', () => {
    const run = spawnSync(process.execPath, ['bench/warm-up-probe.mjs', join(scratch, 'workspaces', 'claims-1000-seed-1'), '--passes', '1'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^usage: node bench\/warm-up-probe\.mjs/);
  });
});
