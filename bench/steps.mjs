// The measured steps. Each has `once(workspace, context)`, one sample from fresh child processes,
// and `summarize(samples)`, the section of the result. A failed sample is kept as a failure with
// its stderr tail; the other samples and steps go on.
import { fileURLToPath } from 'node:url';
import { summarizeLatencies, summarizeRuns } from './stats.mjs';
import { runNode } from './timed-process.mjs';

const bench = (file) => fileURLToPath(new URL(file, import.meta.url));
const FLOOR_SCRIPT = bench('./floor.mjs');
const LSP_SESSION_SCRIPT = bench('./lsp-session.mjs');
const CLI_SCRIPT = bench('../bin/claimlint.js');
const MARKDOWNLINT_SCRIPT = bench('../node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
/** What markdownlint-cli2 lints: the reports, as claimlint checks them (its default rules, no config file). */
export const MARKDOWNLINT_GLOB = 'reports/**/*.md';

function failure(what, run) {
  return { what, error: run.error ?? 'failed', stderrTail: run.stderrTail?.slice(-1500) ?? '' };
}

function parseJson(text) {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `output is not JSON: ${error.message}` };
  }
}

/** The floor's three processes: read; read + fastest tokenisers (the floor); read + markdown-it (reference). */
export const floorStep = {
  name: 'floor',
  async once(workspace, { timeoutMs }) {
    const sample = {};
    for (const [key, mode] of [['read', 'read'], ['tokenise', 'tokenise'], ['markdownIt', 'markdown-it']]) {
      const run = await runNode([FLOOR_SCRIPT, mode, workspace], { cwd: workspace, timeoutMs });
      const output = run.ok ? parseJson(run.stdout) : { error: run.error };
      sample[key] = output.error ? { failure: failure(`floor ${mode}`, { ...run, error: output.error }) } : { wallMs: run.wallMs, peakRssKb: run.peakRssKb, output: output.value };
    }
    return sample;
  },
  summarize(samples) {
    const section = { failures: [] };
    for (const key of ['read', 'tokenise', 'markdownIt']) {
      const good = samples.map((sample) => sample[key]).filter((part) => part && !part.failure);
      section.failures.push(...samples.map((sample) => sample[key]?.failure).filter(Boolean));
      const last = good.at(-1)?.output;
      section[key] = {
        wallMs: summarizeRuns(good.map((part) => part.wallMs)),
        peakRssKb: summarizeRuns(good.map((part) => part.peakRssKb)),
        ...(last?.markdownParser ? { markdownParser: last.markdownParser } : {}),
        ...(last?.yamlParser ? { yamlParser: last.yamlParser } : {}),
        ...(last?.fallback ? { fallback: last.fallback } : {}),
        ...(key === 'tokenise' ? {
          markdownParseMs: summarizeRuns(good.map((part) => part.output.markdownParseMs)),
          yamlParseMs: summarizeRuns(good.map((part) => part.output.yamlParseMs)),
        } : {}),
        ...(last ? { files: last.markdownFiles + last.yamlFiles, chars: last.chars } : {}),
      };
    }
    return section;
  },
};

/** `claimlint check . --format json` in the workspace: exit 1 (problems found) is the expected outcome. */
export const cliStep = {
  name: 'cli',
  async once(workspace, { timeoutMs }) {
    const run = await runNode([CLI_SCRIPT, 'check', '.', '--format', 'json'], { cwd: workspace, timeoutMs, okExitCodes: [0, 1] });
    if (!run.ok) return { failure: failure('claimlint check', run) };
    const output = parseJson(run.stdout);
    if (output.error || !Array.isArray(output.value)) return { failure: failure('claimlint check', { ...run, error: output.error ?? 'output is not a JSON array' }) };
    const byRule = {};
    for (const diagnostic of output.value) byRule[diagnostic.rule] = (byRule[diagnostic.rule] ?? 0) + 1;
    // The same Markdown markdownlint-cli2 lints (reports/ only, no claim files), for the comparison.
    const markdownOnly = await runNode([CLI_SCRIPT, 'check', 'reports', '--format', 'json'], { cwd: workspace, timeoutMs, okExitCodes: [0, 1] });
    if (!markdownOnly.ok) return { failure: failure('claimlint check reports', markdownOnly) };
    return { wallMs: run.wallMs, peakRssKb: run.peakRssKb, exitCode: run.exitCode, diagnostics: output.value.length, byRule, markdownWallMs: markdownOnly.wallMs };
  },
  summarize(samples) {
    const good = samples.filter((sample) => !sample.failure);
    const last = good.at(-1);
    return {
      wallMs: summarizeRuns(good.map((sample) => sample.wallMs)),
      markdownWallMs: summarizeRuns(good.map((sample) => sample.markdownWallMs)),
      peakRssKb: summarizeRuns(good.map((sample) => sample.peakRssKb)),
      ...(last ? { exitCode: last.exitCode, diagnostics: last.diagnostics, diagnosticsByRule: last.byRule } : {}),
      // Every run must find the same problems: a difference is a bug worth seeing.
      consistent: good.every((sample) => JSON.stringify(sample.byRule) === JSON.stringify(last.byRule)),
      failures: samples.filter((sample) => sample.failure).map((sample) => sample.failure),
    };
  },
};

/**
 * Whether the CLI found what the generator planted: each claim without a source or with a made-up
 * source id gives exactly one finding; a planted contradiction or scale slip gives at least one
 * (every claim of the key that it contradicts carries one too).
 */
export function plantedFound(byRule, planted) {
  if (!byRule || !planted) return undefined;
  const found = (rule) => byRule[rule] ?? 0;
  const checks = {
    'missing-source': { planted: planted.missingSource, found: found('missing-source'), ok: found('missing-source') === planted.missingSource },
    'unknown-source': { planted: planted.unknownSource, found: found('unknown-source'), ok: found('unknown-source') === planted.unknownSource },
    contradiction: { planted: planted.contradiction, found: found('contradiction'), ok: found('contradiction') >= planted.contradiction },
    'scale-slip': { planted: planted.scaleSlip, found: found('scale-slip'), ok: found('scale-slip') >= planted.scaleSlip },
  };
  return { ok: Object.values(checks).every((check) => check.ok), ...checks };
}

/** markdownlint-cli2 with its default rules on the same Markdown files, run from the workspace. */
export const markdownlintStep = {
  name: 'markdownlint',
  async once(workspace, { timeoutMs }) {
    const run = await runNode([MARKDOWNLINT_SCRIPT, MARKDOWNLINT_GLOB], { cwd: workspace, timeoutMs, okExitCodes: [0, 1] });
    const linted = /Linting: (\d+) file/.exec(run.stdout);
    if (!run.ok || !linted) return { failure: failure('markdownlint-cli2', { ...run, error: run.error ?? 'no "Linting: N file(s)" line in its output' }) };
    const summary = /Summary: (\d+) error/.exec(run.stdout);
    return { wallMs: run.wallMs, peakRssKb: run.peakRssKb, lintedFiles: Number(linted[1]), findings: summary ? Number(summary[1]) : undefined };
  },
  summarize(samples) {
    const good = samples.filter((sample) => !sample.failure);
    const last = good.at(-1);
    return {
      wallMs: summarizeRuns(good.map((sample) => sample.wallMs)),
      peakRssKb: summarizeRuns(good.map((sample) => sample.peakRssKb)),
      ...(last ? { lintedFiles: last.lintedFiles, findings: last.findings } : {}),
      failures: samples.filter((sample) => sample.failure).map((sample) => sample.failure),
    };
  },
};

/** One language-server session per sample (bench/lsp-session.mjs); latencies are pooled over sessions. */
export const lspStep = {
  name: 'lsp',
  async once(workspace, { timeoutMs }) {
    // The session stops sampling before its budget, so a slow server still yields a partial result.
    const budgetMs = Math.max(10_000, timeoutMs - 20_000);
    const run = await runNode([LSP_SESSION_SCRIPT, workspace, '--budget-ms', String(budgetMs)], { cwd: workspace, timeoutMs });
    const output = run.ok ? parseJson(run.stdout) : { error: run.error };
    if (output.error) return { failure: failure('language server session', { ...run, error: output.error }) };
    const session = output.value;
    if (!session.ok) return { failure: { what: 'language server session', error: session.error, stderrTail: session.serverStderrTail?.slice(-1500) ?? '' }, partial: session };
    return session;
  },
  summarize(samples) {
    const good = samples.filter((sample) => !sample.failure);
    const pooled = (kind) => good.flatMap((sample) => sample[kind]?.latencies ?? []);
    const total = (kind, field) => good.reduce((sum, sample) => sum + (sample[kind]?.[field] ?? 0), 0);
    const kind = (name) => ({
      ...summarizeLatencies(pooled(name)),
      timeouts: total(name, 'timeouts'),
      ...(REQUEST_KINDS.has(name) ? { empty: total(name, 'empty') } : {
        changes: total(name, 'changes'),
        // Half the changes scale a figure ×1.5: each must show a contradiction where the session looks.
        contradictionsSeen: total(name, 'contradictionsSeen'),
        contradictionsMissing: good.flatMap((sample) => sample[name]?.contradictionsMissing ?? []).slice(0, 5),
        repeatedPublishes: total(name, 'repeatedPublishes'),
      }),
      stoppedEarly: [...new Set(good.map((sample) => sample[name]?.stoppedEarly).filter(Boolean))],
      errors: [...new Set(good.flatMap((sample) => sample[name]?.errors ?? []))].slice(0, 5),
    });
    const last = good.at(-1);
    return {
      initializeMs: summarizeRuns(good.map((sample) => sample.initializeMs)),
      firstPassMs: summarizeRuns(good.map((sample) => sample.firstPass?.ms)),
      firstPassCpuMs: summarizeRuns(good.map((sample) => sample.firstPass?.serverCpuMs)),
      firstPassPeakRssKb: summarizeRuns(good.map((sample) => sample.firstPass?.peakRssKb)),
      ...(last ? {
        firstPassCriterion: last.firstPass.criterion,
        firstPassFiles: { published: last.firstPass.publishedFiles, empty: last.firstPass.emptyPublishes, checked: last.firstPass.checkedFiles },
        firstPassDiagnosticsByRule: last.firstPass.diagnosticsByRule,
      } : {}),
      edit: kind('edit'),
      crossFile: kind('crossFile'),
      hover: kind('hover'),
      codeAction: kind('codeAction'),
      documentSymbol: kind('documentSymbol'),
      peakRssKb: summarizeRuns(good.map((sample) => sample.peakRssKb)),
      notes: [...new Set(good.flatMap((sample) => sample.notes ?? []))],
      failures: samples.filter((sample) => sample.failure).map((sample) => sample.failure),
    };
  },
};

/** The session's requests (request → response), as against its edits (didChange → publish). */
const REQUEST_KINDS = new Set(['hover', 'codeAction', 'documentSymbol']);

export const STEPS = [floorStep, cliStep, markdownlintStep, lspStep];
