// Presents a benchmark result: one column per workspace size, one row per measurement, then the
// machine, the targets and any failures. Text for the terminal; Markdown for docs/benchmarks.md:
//
//   node bench/report.mjs <result.json>     prints the Markdown tables of a saved result
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { summarizeRunRatios } from './stats.mjs';

const MIB = 1024;

function duration(ms) {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 100_000 ? 0 : ms >= 10_000 ? 1 : 2)} s`;
  return `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
}

/** Median, and the range when there was more than one run. */
function runs(summary, format = duration) {
  if (!summary) return undefined;
  if (summary.runs.length === 1) return format(summary.median);
  let [low, high] = [format(summary.min), format(summary.max)];
  const unit = / \S+$/.exec(high)?.[0];
  if (unit && low.endsWith(unit)) low = low.slice(0, -unit.length); // "116–179 ms", not "116 ms–179 ms"
  return `${format(summary.median)} (${low}–${high})`;
}

const mebibytes = (kb) => `${Math.round(kb / MIB)} MiB`;

function latencies(kind) {
  if (!kind || kind.count === 0) return kind?.timeouts ? `${kind.timeouts} timeouts` : undefined;
  const cell = `${duration(kind.p50)} / ${duration(kind.p95)} / ${duration(kind.max)} (n=${kind.count})`;
  return kind.timeouts ? `${cell}, ${kind.timeouts} timeouts` : cell;
}

/** The median of the runs' own ratios with their range (stats.mjs says why); of the medians where runs cannot be paired. */
function ratio(numerator, denominator, runCount) {
  if (!numerator || !denominator) return undefined;
  const paired = summarizeRunRatios(numerator, denominator, runCount);
  if (!paired) return `${(numerator.median / denominator.median).toFixed(1)}×`;
  return paired.runs.length === 1 ? `${paired.median.toFixed(1)}×` : `${paired.median.toFixed(1)}× (${paired.min.toFixed(1)}–${paired.max.toFixed(1)}×)`;
}

const SHORT_RULES = { contradiction: 'contra', 'scale-slip': 'slip', 'missing-source': 'nosrc', 'unknown-source': 'unksrc' };
function ruleCounts(byRule) {
  if (!byRule) return undefined;
  const entries = Object.entries(byRule).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([rule, count]) => `${SHORT_RULES[rule] ?? rule} ${count}`).join(', ');
}

function plantedCell(planted) {
  if (!planted) return undefined;
  if (planted.ok) return 'all';
  const missed = Object.entries(planted).filter(([rule, check]) => rule !== 'ok' && !check.ok);
  return `NO: ${missed.map(([rule, check]) => `${rule} ${check.found} for ${check.planted} planted`).join(', ')}`;
}

/** [label, cell(size) → string | undefined, steps]; undefined prints "—" when a step did not run, else "failed". */
const ROWS = [
  // The report layout is named since session 7; results saved before it had plain reports only.
  ['workspace (files, MB)', (size) => `${size.workspace.files.markdown} md${size.workspace.reports ? ` (${size.workspace.reports})` : ''} + ${size.workspace.files.yaml} yaml, ${(size.workspace.bytes / 1e6).toFixed(size.workspace.bytes < 1e6 ? 2 : 1)} MB`, 'workspace'],
  ['floor: node + read files', (size) => runs(size.floor?.read.wallMs), 'floor'],
  ['floor: read + tokenise (= floor)', (size) => runs(size.floor?.tokenise.wallMs), 'floor'],
  ['  of which Markdown / YAML parsing', (size) => size.floor?.tokenise.markdownParseMs && `${duration(size.floor.tokenise.markdownParseMs.median)} / ${duration(size.floor.tokenise.yamlParseMs.median)}`, 'floor'],
  ['reference: read + markdown-it', (size) => runs(size.floor?.markdownIt.wallMs), 'floor'],
  ['claimlint check --format json', (size) => runs(size.cli?.wallMs), 'cli'],
  ['  CLI ÷ floor', (size) => ratio(size.cli?.wallMs, size.floor?.tokenise.wallMs, size.runs), ['cli', 'floor']],
  ['  CLI peak RSS', (size) => runs(size.cli?.peakRssKb, mebibytes), 'cli'],
  ['  CLI findings', (size) => ruleCounts(size.cli?.diagnosticsByRule), 'cli'],
  ['  planted problems found', (size) => plantedCell(size.cli?.plantedFound), 'cli'],
  ['markdownlint-cli2 (reports/**/*.md)', (size) => runs(size.markdownlint?.wallMs), 'markdownlint'],
  ['claimlint check reports/ (same Markdown)', (size) => runs(size.cli?.markdownWallMs), 'cli'],
  ['  markdownlint-cli2 ÷ claimlint (same Markdown)', (size) => ratio(size.markdownlint?.wallMs, size.cli?.markdownWallMs, size.runs), ['markdownlint', 'cli']],
  ['LSP initialize response', (size) => runs(size.lsp?.initializeMs), 'lsp'],
  ['LSP first pass', (size) => runs(size.lsp?.firstPassMs), 'lsp'],
  // The machine's own speed drifts between runs; this ratio does not move with it.
  ['  first pass ÷ floor', (size) => ratio(size.lsp?.firstPassMs, size.floor?.tokenise.wallMs, size.runs), ['lsp', 'floor']],
  // All the server's threads (V8 collects garbage on helper threads): more than the wall time on two cores.
  // Read from /proc: not measured elsewhere, nor in results from before it was added.
  ['  server CPU in the first pass', (size) => (size.lsp ? (runs(size.lsp.firstPassCpuMs) ?? 'not measured') : undefined), 'lsp'],
  ['LSP edit p50 / p95 / max', (size) => latencies(size.lsp?.edit), 'lsp'],
  ['LSP cross-file p50 / p95 / max', (size) => latencies(size.lsp?.crossFile), 'lsp'],
  ['LSP hover p50 / p95 / max', (size) => latencies(size.lsp?.hover), 'lsp'],
  // Not in results from before session 11, which did not measure them.
  ['LSP code action p50 / p95 / max', (size) => (size.lsp ? (latencies(size.lsp.codeAction) ?? 'not measured') : undefined), 'lsp'],
  ['LSP document symbols p50 / p95 / max', (size) => (size.lsp ? (latencies(size.lsp.documentSymbol) ?? 'not measured') : undefined), 'lsp'],
  ['LSP server peak RSS', (size) => runs(size.lsp?.peakRssKb, mebibytes), 'lsp'],
  // The same peak read when the first pass ends: the rest is what the edits and hovers added.
  ['  of which by the end of the first pass', (size) => (size.lsp ? (runs(size.lsp.firstPassPeakRssKb, mebibytes) ?? 'not measured') : undefined), 'lsp'],
];

function sizeLabel(claims) {
  return claims % 1000 === 0 ? `${claims / 1000}k claims` : `${claims} claims`;
}

function tableCells(result) {
  const header = ['', ...result.sizes.map((size) => `${sizeLabel(size.claims)} (${size.runs} run${size.runs === 1 ? "" : "s"})`)];
  const ran = (size, steps) => [steps].flat().every((step) => step === 'workspace' || size[step] !== undefined);
  const body = ROWS.map(([label, cell, steps]) => [label, ...result.sizes.map((size) => cell(size) ?? (ran(size, steps) ? 'failed' : '—'))]);
  return [header, ...body];
}

function targetLine(target) {
  const verdict = target.met === null ? 'NOT MEASURED' : target.met ? 'met' : 'NOT MET';
  const inUnit = (number) => (target.unit === 'ms' ? duration(number) : target.unit === '×' ? `${number.toFixed(2)}×` : `${Math.round(number)} ${target.unit}`);
  const bound = 'atMost' in target ? `≤ ${inUnit(target.atMost)}` : `≥ ${inUnit(target.atLeast)}`;
  const value = target.met === null ? target.missing : `${inUnit(target.value)} (${bound}${target.detail ? `; ${target.detail}` : ''})`;
  return { verdict, text: target.text, value };
}

function failureLines(result) {
  const lines = [];
  for (const size of result.sizes) {
    for (const step of ['floor', 'cli', 'markdownlint', 'lsp']) {
      for (const failed of size[step]?.failures ?? []) {
        lines.push(`${sizeLabel(size.claims)}, ${failed.what}: ${failed.error}`);
        if (failed.stderrTail) lines.push(...failed.stderrTail.trimEnd().split('\n').slice(-8).map((line) => `    ${line}`));
      }
      for (const note of size[step]?.notes ?? []) lines.push(`${sizeLabel(size.claims)}, ${step}: ${note}`);
    }
    if (size.cli && size.cli.consistent === false) lines.push(`${sizeLabel(size.claims)}, claimlint check: findings differ between runs`);
    for (const kind of ['edit', 'crossFile']) {
      const measured = size.lsp?.[kind];
      if (!measured?.count) continue;
      const scaled = Math.floor(measured.changes / 2);
      if (measured.contradictionsSeen < scaled) lines.push(`${sizeLabel(size.claims)}, LSP ${kind}: a contradiction showed after ${measured.contradictionsSeen} of ${scaled} ×1.5 edits; first misses: ${JSON.stringify(measured.contradictionsMissing)}`);
      if (measured.repeatedPublishes > 0) lines.push(`${sizeLabel(size.claims)}, LSP ${kind}: ${measured.repeatedPublishes} edits published the awaited document more than once`);
    }
    for (const kind of ['edit', 'crossFile', 'hover', 'codeAction', 'documentSymbol']) {
      for (const reason of size.lsp?.[kind]?.stoppedEarly ?? []) lines.push(`${sizeLabel(size.claims)}, LSP ${kind}: stopped early (${reason})`);
      for (const error of size.lsp?.[kind]?.errors ?? []) lines.push(`${sizeLabel(size.claims)}, LSP ${kind}: ${error}`);
    }
    if (size.lsp?.hover?.empty) lines.push(`${sizeLabel(size.claims)}, LSP hover: ${size.lsp.hover.empty} hovers on figures came back empty`);
    if (size.lsp?.documentSymbol?.empty) lines.push(`${sizeLabel(size.claims)}, LSP document symbols: ${size.lsp.documentSymbol.empty} reports with figures had none`);
  }
  return lines;
}

function machineLine(machine) {
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; claimlint ${machine.claimlint} (${machine.claimlintRevision ?? 'no git'}), markdownlint-cli2 ${machine.markdownlintCli2} (markdownlint ${machine.markdownlint}), md4x ${machine.md4x}, js-yaml ${machine.jsYaml}, markdown-it ${machine.markdownIt}; peak RSS by ${machine.peakRssMethod}; language server started as \`node ${[...(machine.serverNodeArgs ?? []), 'bin/claimlint-language-server.js'].join(' ')} --stdio\`; load average at start ${machine.loadAverageAtStart.join(' ')}`;
}

export function renderText(result) {
  const rows = tableCells(result);
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  lines.push('', 'Medians of the runs, (min–max) when there were several; ratios are the runs\' own ratios; latencies pooled over runs.');
  lines.push('', `Machine: ${machineLine(result.machine)}`, '', 'Targets:');
  for (const target of result.targets) {
    const { verdict, text, value } = targetLine(target);
    lines.push(`  ${verdict.padEnd(12)} ${text}: ${value}`);
  }
  const failures = failureLines(result);
  if (failures.length > 0) lines.push('', 'Failures and notes:', ...failures.map((line) => `  ${line}`));
  return lines.join('\n');
}

export function renderMarkdown(result) {
  const rows = tableCells(result);
  const escape = (cell) => cell.replaceAll('|', '\\|').replace(/^ +/, '');
  const lines = [`| ${rows[0].map(escape).join(' | ')} |`, `|${rows[0].map(() => '---').join('|')}|`];
  for (const row of rows.slice(1)) lines.push(`| ${row.map(escape).join(' | ')} |`);
  lines.push('', `Machine: ${machineLine(result.machine)}.`, '', '| target | value | verdict |', '|---|---|---|');
  for (const target of result.targets) {
    const { verdict, text, value } = targetLine(target);
    lines.push(`| ${escape(text)} | ${escape(value)} | ${verdict} |`);
  }
  const failures = failureLines(result);
  if (failures.length > 0) lines.push('', 'Failures and notes:', '', ...failures.filter((line) => !line.startsWith('    ')).map((line) => `- ${line}`));
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/report.mjs <result.json>');
    process.exit(2);
  }
  console.log(renderMarkdown(JSON.parse(readFileSync(file, 'utf8'))));
}
