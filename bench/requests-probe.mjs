// How long the engine takes to answer each editor request once a workspace is checked, in one
// process, so that a request whose cost grows with the workspace shows at once:
//
//   node bench/requests-probe.mjs <workspace> [--rounds 30]
//
// The workspace is one a benchmark made (`$TMPDIR/claimlint-bench/claims-100000-seed-1`). The
// requests are asked at the first report's first cited figure, and at its citation; the code
// action over a whole claim file is the editor's select-all. Prints the median and the slowest of
// the rounds for each. The language server's own figures (over stdio) are `npm run bench`'s.
import { readFileSync } from 'node:fs';
import { documentsOf, engineOptions, loadEngine } from './engine-options.mjs';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 30;
const [workspace] = args;
if (!workspace || !(rounds > 0)) {
  console.error('usage: node bench/requests-probe.mjs <workspace> [--rounds 30]');
  process.exit(2);
}

// The engine's features from source: dist/ holds only the CLI and the server.
const engine = await loadEngine(['features/code-actions', 'features/document-symbols', 'features/definition', 'features/hover', 'features/completion', 'features/references', 'features/locate']);
const { ClaimWorkspace, codeActionsAt, claimSymbols, definitionAt, hoverAt, completionAt, referencesAt, filesAround } = engine;

const files = [...documentsOf(workspace, 'claims'), ...documentsOf(workspace, 'reports')];
const check = new ClaimWorkspace(engineOptions(workspace));
for (const file of files) check.setDocument(file, readFileSync(file, 'utf8'));
const diagnostics = check.diagnostics();
const diagnosticsOf = (wanted) => diagnostics.filter((d) => wanted.includes(d.file));

const report = files.find((file) => file.endsWith('.md') && check.claimsIn(file).some((claim) => claim.citations[0]?.id));
const claim = check.claimsIn(report).find((c) => c.citations[0]?.id);
const figure = claim.span.start + 1;
const citation = (claim.citations[0].idSpan ?? claim.citations[0].span).start + 1;
// A claim file with diagnostics, so that a code action over it has disable fixes to offer.
const claimFiles = files.filter((file) => file.endsWith('.claims.yaml'));
const claimFile = claimFiles.find((file) => diagnostics.some((d) => d.file === file)) ?? claimFiles[0];
// What the server hands each request: the diagnostics of the files it concerns, looked up once here.
const aroundFigure = diagnosticsOf(filesAround(check, report, figure));
const aroundCitation = diagnosticsOf(filesAround(check, report, citation));
const ofReport = diagnosticsOf([report]);
const ofClaimFile = diagnosticsOf([claimFile]);

// An edit at the claim file's end (a blank line added or taken away), untimed, and its diagnostics.
const claimFileText = check.textOf(claimFile);
let editedDiagnostics = ofClaimFile;
let edits = 0;
function editClaimFile() {
  check.setDocument(claimFile, ++edits % 2 === 1 ? `${claimFileText}\n` : claimFileText);
  editedDiagnostics = check.diagnostics().filter((d) => d.file === claimFile);
}

// Each request with what its answer must hold, so that a fast wrong answer does not pass for a fast
// one, and what to do untimed before each round, if anything.
const some = (answer) => Array.isArray(answer) && answer.length > 0;
const requests = {
  'code action at a figure': [() => codeActionsAt(check, ofReport, report, { start: figure, end: figure }), Array.isArray],
  'code action, whole report': [() => codeActionsAt(check, ofReport, report, { start: 0, end: check.textOf(report).length }), Array.isArray],
  'code action, whole claim file': [() => codeActionsAt(check, ofClaimFile, claimFile, { start: 0, end: check.textOf(claimFile).length }), Array.isArray],
  // The first ask after an edit, when the disable fixes read the file again with each comment in.
  'code action, edited claim file': [
    () => codeActionsAt(check, editedDiagnostics, claimFile, { start: 0, end: check.textOf(claimFile).length }),
    (answer) => some(answer) && answer.some((action) => action.title.startsWith('Disable ')),
    editClaimFile,
  ],
  'document symbols of a report': [() => claimSymbols(check, report), some],
  'document symbols of a claim file': [() => claimSymbols(check, claimFile), some],
  'hover on a figure': [() => hoverAt(check, aroundFigure, report, figure), (answer) => Boolean(answer?.markdown)],
  'hover on a citation': [() => hoverAt(check, aroundCitation, report, citation), (answer) => Boolean(answer?.markdown)],
  'definition of a citation': [() => definitionAt(check, report, citation), some],
  'completion in a citation': [() => completionAt(check, report, citation), (answer) => answer === undefined || Array.isArray(answer.items)],
  'references of a source id': [() => referencesAt(check, report, citation, true), some],
  'references of a figure': [() => referencesAt(check, report, figure, true), some],
};

console.log(`${files.length} files, ${check.claims().length} claims, ${rounds} rounds; request at ${report.slice(workspace.length + 1)}`);
let wrong = 0;
for (const [name, [request, answered, prepare]] of Object.entries(requests)) {
  const times = [];
  let answer;
  for (let round = 0; round < rounds; round++) {
    prepare?.();
    const started = performance.now();
    answer = request();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(34)} median ${times[Math.floor(rounds / 2)].toFixed(2).padStart(7)} ms   max ${times[rounds - 1].toFixed(2).padStart(7)} ms`);
  if (!answered(answer)) {
    console.error(`requests-probe: ${name} gave no usable answer: ${JSON.stringify(answer)?.slice(0, 200)}`);
    wrong++;
  }
}
if (wrong > 0) process.exit(1);
