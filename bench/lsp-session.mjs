// One language-server session over stdio, run as its own process by bench/run.mjs:
//
//   node bench/lsp-session.mjs <workspace> [--budget-ms 280000] [--edits 200] [--cross-file 200] [--hovers 100]
//
// --hovers sets how many of each request (hover, code action, document symbols) are sampled.
//
// 1. First pass: from sending `initialize` to the end of the server's work-done progress. The
//    server reads the workspace inside one progress, checks it, publishes every file that has
//    diagnostics (a clean file that no editor shows needs no empty list), then ends the progress
//    (claimlint-server.ts: reload → publishNow → progress.done), all on one ordered stream. The
//    session checks the criterion: no empty list in the first pass, and no publish in the 300 ms
//    after the end; bench-smoke compares the diagnostics with the CLI's.
// 2. Edits (didChange, incremental): a figure becomes its ×1.5 value, then its own value again;
//    latency from sending didChange to the next publishDiagnostics for that document. The server
//    publishes a document only when its diagnostics change, so only figures that some other claim
//    contradicts at ×1.5 are edited (manifest `partners` > 0): both edits must change them. After
//    each sample a barrier request drains the rest of that edit's batch (publishes of other
//    files), which would otherwise be taken for the next edit's answer.
// 3. Cross-file: the same edit to file A of a crossFilePairs entry; latency until B's publish.
//    Every ×1.5 edit is checked: the contradiction must appear on the edited (or B's) figure line.
// 4. Requests on figures (request → response): hover, code actions at the figure, the file's
//    document symbols. Then the server's peak RSS (VmHWM), shutdown, exit.
// Prints one JSON object. Never throws for a misbehaving server: timeouts are counted and reported.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.mjs';

const SERVER_SCRIPT = fileURLToPath(new URL('../bin/claimlint-language-server.js', import.meta.url));
const QUIET_MS = 300;
const SAMPLE_TIMEOUT_MS = 30_000;
/** After this many timeouts in a row a kind of sample is abandoned: the server is not answering. */
const MAX_TIMEOUTS_IN_A_ROW = 3;

function parseArgs(argv) {
  const options = { workspace: undefined, budgetMs: 280_000, edits: 200, crossFile: 200, hovers: 100 };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = () => Number(argv[++index]);
    if (arg === '--budget-ms') options.budgetMs = value();
    else if (arg === '--edits') options.edits = value();
    else if (arg === '--cross-file') options.crossFile = value();
    else if (arg === '--hovers') options.hovers = value();
    else options.workspace = arg;
  }
  return options;
}

/** LSP position (0-based line, UTF-16 character) of a UTF-16 offset. */
function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}

/** Cycles through `items` until `count` entries (an empty list gives none). */
function cycle(items, count) {
  return items.length === 0 ? [] : Array.from({ length: count }, (_, index) => items[index % items.length]);
}

function countByRule(diagnosticLists) {
  const counts = {};
  for (const diagnostics of diagnosticLists) for (const diagnostic of diagnostics) counts[diagnostic.code] = (counts[diagnostic.code] ?? 0) + 1;
  return counts;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.workspace) {
    console.error('usage: node bench/lsp-session.mjs <workspace> [--budget-ms N] [--edits N] [--cross-file N] [--hovers N]');
    process.exit(2);
  }
  const started = performance.now();
  const remaining = () => options.budgetMs - (performance.now() - started);
  const manifest = JSON.parse(readFileSync(join(options.workspace, 'bench-manifest.json'), 'utf8'));
  const checkedFiles = manifest.files.yaml + manifest.files.markdown;
  const uriOf = (file) => pathToFileURL(join(options.workspace, file)).href;
  const notes = [];
  const result = { ok: false, notes };

  const client = new LspClient(SERVER_SCRIPT);
  result.serverPid = client.pid;
  try {
    // --- first pass ---
    const sentInitialize = performance.now();
    const initialize = await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(options.workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(options.workspace).href, name: 'bench' }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: false },
        textDocument: { publishDiagnostics: { relatedInformation: true }, synchronization: { dynamicRegistration: false } },
      },
    }, Math.min(SAMPLE_TIMEOUT_MS, remaining()));
    if (initialize.error) throw new Error(`initialize: ${initialize.error}`);
    result.initializeMs = initialize.ms;
    await client.notify('initialized', {});
    const progressEnd = () => client.progress.find((event) => event.kind === 'end');
    const firstPassDone = await client.waitFor(() => progressEnd() !== undefined, remaining());
    if (!firstPassDone) throw new Error(`first pass not over within the budget (${client.latest.size} files published, progress: ${JSON.stringify(client.progress.map((event) => event.kind))})`);
    const end = progressEnd();
    const cpuAtEnd = client.cpuMs();
    // The peak so far: what the first pass alone needed, before the edits add their garbage.
    const peakAtEnd = client.peakRssKb();
    const publishesAtEnd = client.publishCount;
    const firstPublishes = [...client.latest.values()];
    await client.waitForQuiet(QUIET_MS, remaining());
    result.firstPass = {
      ms: end.at - sentInitialize,
      serverCpuMs: cpuAtEnd,
      peakRssKb: peakAtEnd,
      lastPublishMs: firstPublishes.length > 0 ? Math.max(...firstPublishes.map((publish) => publish.at)) - sentInitialize : undefined,
      criterion: '$/progress end',
      checkedFiles,
      publishedFiles: firstPublishes.length,
      emptyPublishes: firstPublishes.filter((publish) => publish.diagnostics.length === 0).length,
      publishesAfterEnd: client.publishCount - publishesAtEnd,
      diagnosticsByRule: countByRule(firstPublishes.map((publish) => publish.diagnostics)),
    };
    if (result.firstPass.emptyPublishes > 0) notes.push(`the first pass published ${result.firstPass.emptyPublishes} empty lists`);
    if (result.firstPass.publishesAfterEnd > 0) notes.push(`${result.firstPass.publishesAfterEnd} publishes arrived within ${QUIET_MS} ms after the progress end`);

    // --- edits ---
    const documents = new Map();
    const open = async (file) => {
      if (documents.has(file)) return documents.get(file);
      const document = { uri: uriOf(file), text: readFileSync(join(options.workspace, file), 'utf8'), version: 1 };
      documents.set(file, document);
      await client.notify('textDocument/didOpen', { textDocument: { uri: document.uri, languageId: 'markdown', version: 1, text: document.text } });
      return document;
    };
    /** Replaces `from` at `offset` by `to` and measures until the next publish for `waitUri`. */
    const edit = async (document, offset, from, to, waitUri) => {
      if (document.text.slice(offset, offset + from.length) !== from) return { error: `expected "${from}" at offset ${offset} of ${document.uri}` };
      const range = { start: positionAt(document.text, offset), end: positionAt(document.text, offset + from.length) };
      document.text = document.text.slice(0, offset) + to + document.text.slice(offset + from.length);
      document.version += 1;
      const mark = client.publishCount;
      const sent = performance.now();
      await client.notify('textDocument/didChange', { textDocument: { uri: document.uri, version: document.version }, contentChanges: [{ range, text: to }] });
      const arrived = await client.waitFor(() => (client.latest.get(waitUri)?.seq ?? 0) > mark, Math.min(SAMPLE_TIMEOUT_MS, remaining()));
      if (!arrived) return { timedOut: true, range };
      const publish = client.latest.get(waitUri);
      // The rest of this edit's batch (other files) must not be taken for the next edit's publish.
      await client.barrier(Math.min(SAMPLE_TIMEOUT_MS, remaining()));
      const extraPublishes = client.latest.get(waitUri).seq !== publish.seq;
      return { ms: publish.at - sent, range, diagnostics: client.latest.get(waitUri).diagnostics, extraPublishes };
    };
    const onLine = (diagnostics, line, rule) => diagnostics.some((diagnostic) => diagnostic.code === rule && diagnostic.range.start.line === line);

    const editable = manifest.markdownFigures.filter((figure) => figure.partners > 0 && figure.scaled);
    if (editable.length === 0) notes.push('no Markdown figure in the manifest has a partner claim: edits cannot be measured');
    const editFigures = cycle(editable, Math.ceil(options.edits / 2));
    const crossPairs = cycle(manifest.crossFilePairs.filter(([a]) => a.scaled), Math.ceil(options.crossFile / 2));
    for (const file of new Set([...editFigures.map((figure) => figure.file), ...crossPairs.map(([a]) => a.file)])) await open(file);
    await client.waitForQuiet(QUIET_MS, Math.min(SAMPLE_TIMEOUT_MS, remaining()));
    await client.barrier(Math.min(SAMPLE_TIMEOUT_MS, remaining()));

    /** Runs edits pairwise (to ×1.5, back) and collects latencies; stops on the budget or repeated timeouts. */
    const measure = async (targets, waitUriOf, contradictionLineOf) => {
      const out = { latencies: [], timeouts: 0, contradictionsSeen: 0, contradictionsMissing: [], repeatedPublishes: 0, changes: 0, errors: [], stoppedEarly: undefined };
      let timeoutsInARow = 0;
      for (const target of targets) {
        if (remaining() < SAMPLE_TIMEOUT_MS / 3) { out.stoppedEarly = 'time budget used up'; break; }
        if (timeoutsInARow >= MAX_TIMEOUTS_IN_A_ROW) { out.stoppedEarly = `${MAX_TIMEOUTS_IN_A_ROW} timeouts in a row`; break; }
        const figure = target.edited;
        const document = await open(figure.file);
        for (const [from, to] of [[figure.figure, figure.scaled], [figure.scaled, figure.figure]]) {
          out.changes += 1;
          const sample = await edit(document, figure.offset, from, to, waitUriOf(target));
          if (sample.error) { out.errors.push(sample.error); break; }
          if (sample.timedOut) {
            out.timeouts += 1;
            timeoutsInARow += 1;
            await client.waitForQuiet(QUIET_MS, Math.min(SAMPLE_TIMEOUT_MS, remaining()));
            await client.barrier(Math.min(SAMPLE_TIMEOUT_MS, remaining()));
            continue;
          }
          timeoutsInARow = 0;
          out.latencies.push(sample.ms);
          // A second publish of the same document for one edit: the latency counted the first one.
          if (sample.extraPublishes) out.repeatedPublishes += 1;
          if (to !== figure.scaled) continue;
          const line = contradictionLineOf(target, sample);
          if (onLine(sample.diagnostics, line, 'contradiction')) out.contradictionsSeen += 1;
          // The first few misses, to reproduce: the file, the line and what was published there.
          else if (out.contradictionsMissing.length < 5) out.contradictionsMissing.push({ edited: `${figure.file}:${sample.range.start.line + 1}`, figure: `${figure.figure} → ${figure.scaled}`, expectedAt: `${target.other?.file ?? figure.file}:${line + 1}`, published: sample.diagnostics.filter((diagnostic) => diagnostic.range.start.line === line).map((diagnostic) => diagnostic.code) });
        }
      }
      return out;
    };
    const lineInFile = (file, offset) => positionAt(readFileSync(join(options.workspace, file), 'utf8'), offset).line;
    result.edit = await measure(
      editFigures.map((figure) => ({ edited: figure })),
      (target) => uriOf(target.edited.file),
      (_target, sample) => sample.range.start.line,
    );
    result.edit.figures = editable.length;
    result.crossFile = await measure(
      crossPairs.map(([a, b]) => ({ edited: a, other: b })),
      (target) => uriOf(target.other.file),
      (target) => lineInFile(target.other.file, target.other.offset),
    );
    result.crossFile.pairs = manifest.crossFilePairs.length;

    // --- requests an editor sends as the cursor moves: hover, code actions, the outline ---
    const requestFigures = cycle(manifest.markdownFigures, options.hovers);
    const texts = new Map();
    const sampleRequests = async (method, paramsOf, isEmpty) => {
      const sampled = { latencies: [], timeouts: 0, empty: 0, errors: [] };
      for (const figure of requestFigures) {
        if (remaining() < SAMPLE_TIMEOUT_MS / 3) { sampled.stoppedEarly = 'time budget used up'; break; }
        if (!texts.has(figure.file)) texts.set(figure.file, readFileSync(join(options.workspace, figure.file), 'utf8'));
        const position = positionAt(texts.get(figure.file), figure.offset + 1);
        const answer = await client.request(method, paramsOf({ uri: uriOf(figure.file) }, position), Math.min(SAMPLE_TIMEOUT_MS, remaining()));
        if (answer.error) {
          if (answer.error.startsWith('no answer')) sampled.timeouts += 1;
          else sampled.errors.push(answer.error);
          continue;
        }
        sampled.latencies.push(answer.ms);
        if (isEmpty(answer.result)) sampled.empty += 1;
      }
      return sampled;
    };
    result.hover = await sampleRequests('textDocument/hover', (textDocument, position) => ({ textDocument, position }), (answer) => !answer?.contents);
    // Most figures have no diagnostic: the editor asks all the same, at every cursor move.
    result.codeAction = await sampleRequests(
      'textDocument/codeAction',
      (textDocument, position) => ({ textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }),
      () => false,
    );
    // Asked after every edit for the outline and breadcrumbs; a report with figures has symbols.
    result.documentSymbol = await sampleRequests('textDocument/documentSymbol', (textDocument) => ({ textDocument }), (answer) => !Array.isArray(answer) || answer.length === 0);

    if (client.exited) throw new Error('the server exited during the session');
    result.peakRssKb = client.peakRssKb();
    result.ok = true;
  } catch (error) {
    result.error = client.exited ? `the server exited during the session (${error.message})` : error.message;
    result.peakRssKb ??= client.peakRssKb();
  } finally {
    result.close = await client.close(5_000);
    result.serverStderrTail = client.stderrTail;
    result.sessionMs = performance.now() - started;
  }
  console.log(JSON.stringify(result));
}

await main();
