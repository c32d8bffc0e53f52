// One fuzz input is one file in a fixed little workspace: the input takes the place of one of the
// workspace's files (its role), so a saved regression replays exactly from its role and text. The
// run checks every diagnostic and every feature answer against span-checks.ts, probes the features
// at random offsets, applies code actions, and compares an incremental re-check with a fresh one.
import { ClaimWorkspace, type Diagnostic, type Span } from '../../server/engine/src';
import { claimsOfKeyAt } from '../../server/engine/src/features/claims-of-key';
import { codeActionsAt } from '../../server/engine/src/features/code-actions';
import { completionAt } from '../../server/engine/src/features/completion';
import { definitionAt } from '../../server/engine/src/features/definition';
import { claimSymbols } from '../../server/engine/src/features/document-symbols';
import { hoverAt } from '../../server/engine/src/features/hover';
import { referencesAt } from '../../server/engine/src/features/references';
import { codeActionProblems } from './code-action-checks';
import { Random } from './random';
import { spanProblem, splitsSurrogatePair } from './span-checks';

export const ROLES = ['markdown', 'claims', 'config', 'sources', 'bib', 'csl', 'archive'] as const;
export type Role = (typeof ROLES)[number];

/** The extension a saved input of each role gets. */
export const ROLE_EXTENSIONS: Record<Role, string> = { markdown: 'md', claims: 'yaml', config: 'yaml', sources: 'yaml', bib: 'bib', csl: 'json', archive: 'txt' };

export interface FuzzInput {
  role: Role;
  text: string;
}

export const ROOT = '/ws';

/** Where the input goes in the workspace, relative to ROOT. */
export const TARGET_PATHS: Record<Role, string> = {
  markdown: 'reports/target.md',
  claims: 'claims/target.claims.yaml',
  config: 'claimlint.yaml',
  sources: 'sources.yaml',
  bib: 'refs.bib',
  csl: 'refs.json',
  archive: 'archive/survey.txt',
};

// The rest of the workspace: every kind of file, sources of every format, an archive, and claims that
// agree, contradict and slip by a scale, so an input meets rules with something to compare against.
export const COMPANION_FILES: Record<string, string> = {
  'claimlint.yaml': [
    'sources: [sources.yaml, refs.bib, refs.json]',
    'approximation: 0.1',
    'units: { aircraft: count }',
    'subjects:',
    '  acme: { aliases: ["Acme Mining", "阿克米矿业"] }',
    'metrics:',
    '  re-reserves:',
    '    unit: t',
    '    aliases: ["rare-earth reserves", "reserves", "稀土储量", "储量"]',
    '  re-output:',
    '    unit: t',
    '    tolerance: 0.02',
    '    aliases: ["output", "production", "产量"]',
    '  oxide-price: { unit: USD/kg, aliases: ["oxide price", "价格"] }',
    '  refining-share: { unit: "%", aliases: ["refining share", "精炼份额"] }',
    '  fleet: { unit: aircraft, aliases: ["fleet", "机队"] }',
    'rules:',
    '  ambiguous-unit: info',
    '',
  ].join('\n'),
  'sources.yaml': [
    'sources:',
    '  - id: survey-2024',
    '    title: Mineral survey 2024',
    '    publisher: Example Survey',
    '    url: https://example.org/survey-2024',
    '    published: 2024-02-01',
    '    archive: archive/survey.txt',
    '  - id: weekly-2025',
    '    title: 稀土周报',
    '    url: https://example.org/weekly',
    '',
  ].join('\n'),
  'refs.bib': '@report{desk-2023,\n  title = {Desk notes on oxide prices},\n  year = {2023},\n  url = {https://example.org/desk}\n}\n',
  'refs.json': '[{"id": "agency-2022", "type": "report", "title": "Agency outlook", "issued": {"date-parts": [[2022, 6]]}}]\n',
  'archive/survey.txt': 'The survey counts 3.8 Mt of reserves in Russia and 44 Mt in China; output was 270,000 t.\n',
  'reports/base.md': [
    '---',
    'as_of: 2024',
    '---',
    '# Base report',
    '',
    'Russia holds 3.8 Mt of rare-earth reserves [@survey-2024]. China holds 44 million tonnes of reserves.[^1]',
    '',
    '中国稀土产量约为27万吨 [@weekly-2025]。俄罗斯储量为380万吨 [@unknown-id]。',
    '',
    '| Country | Output |',
    '|---|---|',
    '| Acme Mining | 2,600 t |',
    '',
    'Source: [@desk-2023]',
    '',
    'The oxide price rose to $60/kg [@desk-2023]; the fleet has 24 aircraft.',
    '',
    '[^1]: See [@agency-2022], p. 4.',
    '',
  ].join('\n'),
  'claims/base.claims.yaml': [
    'claims:',
    '  - id: ru-reserves',
    '    subject: Russia',
    '    metric: re-reserves',
    '    value: 38 Mt',
    '    as_of: 2024',
    '    sources: [survey-2024]',
    '  - subject: cn',
    '    metric: output',
    '    value: {amount: 270, unit: kt}',
    '    sources:',
    '      - id: weekly-2025',
    '        locator: p. 2',
    '',
  ].join('\n'),
};

const isCheckedDocument = (path: string): boolean => /\.(md|claims\.yaml)$/.test(path);

/** The workspace's files (relative paths) with the input in its place. */
export function workspaceFiles(input: FuzzInput): Record<string, string> {
  return { ...COMPANION_FILES, [TARGET_PATHS[input.role]]: input.text };
}

/** A workspace as the language server builds one: config text, checked documents handed in, the rest read through the host. */
export function buildWorkspace(files: Record<string, string>): ClaimWorkspace {
  const workspace = new ClaimWorkspace({
    root: ROOT,
    configText: files['claimlint.yaml'],
    configFile: `${ROOT}/claimlint.yaml`,
    host: { readFile: (file) => (file.startsWith(`${ROOT}/`) ? files[file.slice(ROOT.length + 1)] : undefined) },
  });
  for (const [path, text] of Object.entries(files)) if (isCheckedDocument(path)) workspace.setDocument(`${ROOT}/${path}`, text);
  return workspace;
}

export interface RunOptions {
  /** Seeds the choice of probe offsets and code actions. */
  seed: number;
  /** How many random offsets each feature is asked about. */
  probes: number;
  /** Whether to apply a code action and compare the incremental re-check with a fresh one (small inputs). */
  recheck: boolean;
}

export interface RunReport {
  /** Broken invariants, one sentence each; empty when the input passed. */
  problems: string[];
  diagnostics: number;
  claims: number;
}

const MAX_PROBLEMS = 20;

/** Runs one input through the whole pipeline and every feature. Throws only when the engine throws. */
export function runFuzzInput(input: FuzzInput, options: RunOptions): RunReport {
  const random = new Random(options.seed);
  const files = workspaceFiles(input);
  const workspace = buildWorkspace(files);
  const problems: string[] = [];
  const note = (problem: string | undefined): void => {
    if (problem !== undefined && problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  const textOf = (file: string): string | undefined => workspace.textOf(file);
  const checkFileSpan = (file: string, span: Span, what: string): void => note(spanProblem(textOf(file), span, `${what} in ${file}`));

  const diagnostics = workspace.diagnostics();
  for (const d of diagnostics) checkDiagnostic(d, textOf, note);

  const target = `${ROOT}/${TARGET_PATHS[input.role]}`;
  const probed = [target, `${ROOT}/reports/base.md`, `${ROOT}/claims/base.claims.yaml`, `${ROOT}/sources.yaml`];
  const claims = workspace.claims();
  for (let i = 0; i < options.probes; i++) {
    const file = i === 0 || random.chance(0.6) ? target : random.pick(probed);
    const text = textOf(file);
    if (text === undefined) continue;
    let offset = probeOffset(random, text, workspace, file);
    if (splitsSurrogatePair(text, offset)) {
      // No editor sends a position inside a character, but a feature must not throw on one; its
      // answers there may echo the position, so only what they answer at a whole character is checked.
      askEverything(workspace, diagnostics, file, offset);
      offset--;
    }
    const hover = hoverAt(workspace, diagnostics, file, offset);
    if (hover) {
      checkFileSpan(file, hover.span, 'hover span');
      if (typeof hover.markdown !== 'string' || hover.markdown.length === 0) note(`hover at ${offset} in ${file} is empty`);
    }
    for (const found of definitionAt(workspace, file, offset)) checkFileSpan(found.file, found.span, 'definition');
    for (const found of referencesAt(workspace, file, offset, random.chance(0.5))) checkFileSpan(found.file, found.span, 'reference');
    const completion = completionAt(workspace, file, offset);
    if (completion) checkFileSpan(file, completion.span, 'completion span');
    const ofKey = claimsOfKeyAt(workspace, diagnostics, file, offset);
    for (const row of ofKey?.claims ?? []) checkFileSpan(row.file, row.span, 'claim of key');
    const end = Math.min(text.length, offset + random.size(200));
    for (const problem of codeActionProblems(workspace, diagnostics, file, { start: offset, end }).slice(0, 5)) note(problem);
  }
  for (const file of [target, `${ROOT}/reports/base.md`]) for (const symbol of claimSymbols(workspace, file)) checkFileSpan(file, symbol.span, 'symbol');

  if (options.recheck) recheckAfterEdit(workspace, files, input, random, note);
  return { problems, diagnostics: diagnostics.length, claims: claims.length };
}

function askEverything(workspace: ClaimWorkspace, diagnostics: readonly Diagnostic[], file: string, offset: number): void {
  hoverAt(workspace, diagnostics, file, offset);
  definitionAt(workspace, file, offset);
  referencesAt(workspace, file, offset, true);
  completionAt(workspace, file, offset);
  claimsOfKeyAt(workspace, diagnostics, file, offset);
  codeActionsAt(workspace, diagnostics, file, { start: offset, end: offset });
}

function checkDiagnostic(d: Diagnostic, textOf: (file: string) => string | undefined, note: (problem: string | undefined) => void): void {
  note(spanProblem(textOf(d.file), d.span, `${d.rule} diagnostic in ${d.file}`));
  if (typeof d.message !== 'string' || d.message.length === 0) note(`${d.rule} diagnostic in ${d.file} has no message`);
  else if (/\n\s+at /.test(d.message)) note(`${d.rule} diagnostic in ${d.file} shows a stack trace`);
  for (const related of d.related) note(spanProblem(textOf(related.file), related.span, `related location of a ${d.rule} diagnostic in ${related.file}`));
}

/** An offset worth asking about: often on a claim or citation (where features answer), else anywhere. */
function probeOffset(random: Random, text: string, workspace: ClaimWorkspace, file: string): number {
  const roll = random.next();
  if (roll < 0.4) {
    const claims = workspace.claims().filter((c) => c.file === file);
    if (claims.length > 0) {
      const span = random.pick(claims).span;
      return random.pick([span.start, span.end, (span.start + span.end) >> 1]);
    }
  } else if (roll < 0.6) {
    const citations = workspace.citations().filter((c) => c.file === file);
    if (citations.length > 0) {
      const { citation } = random.pick(citations);
      const span = citation.idSpan ?? citation.span;
      return random.range(span.start, span.end);
    }
  }
  return random.int(text.length + 1);
}

/** Edits the target (a code action's edit, else a random splice) and asks the kept workspace and a fresh one: both must agree. */
function recheckAfterEdit(workspace: ClaimWorkspace, files: Record<string, string>, input: FuzzInput, random: Random, note: (problem: string | undefined) => void): void {
  const path = TARGET_PATHS[input.role];
  const file = `${ROOT}/${path}`;
  const text = input.text;
  const diagnostics = workspace.diagnostics();
  const start = random.int(text.length + 1);
  const actions = codeActionsAt(workspace, diagnostics, file, { start, end: Math.min(text.length, start + 50) });
  const action = actions.length > 0 ? random.pick(actions) : undefined;
  let edited: string;
  if (action && action.edits.every((e) => e.file === file)) {
    edited = applyEdits(text, action.edits);
  } else {
    const end = Math.min(text.length, start + random.size(40));
    edited = text.slice(0, start) + random.pick(['', ' 3.8 Mt', '。', '\n', '[@survey-2024]', 'x']) + text.slice(end);
  }
  const editedFiles = { ...files, [path]: edited };
  // A registry or archive edited in the editor is handed in like any buffer; the config replaces the config.
  workspace.setDocument(file, edited);
  const kept = workspace.diagnostics();
  for (const d of kept) checkDiagnostic(d, (f) => workspace.textOf(f), note);
  // A broken config edit keeps the last settings that parsed in force, by design: only a fresh start forgets them.
  if (path === 'claimlint.yaml') return;
  const fresh = buildWorkspace(editedFiles);
  if (!isCheckedDocument(path) && path !== 'claimlint.yaml') fresh.setDocument(file, edited);
  const expected = fresh.diagnostics();
  const shown = (list: Diagnostic[]): string[] => list.map((d) => JSON.stringify([d.rule, d.file, d.span, d.severity, d.message, d.related]));
  const [a, b] = [shown(kept), shown(expected)];
  if (a.length !== b.length || a.some((line, i) => line !== b[i])) {
    const first = a.findIndex((line, i) => line !== b[i]);
    note(`after an edit the kept workspace gives ${a.length} diagnostics and a fresh one ${b.length}; first difference at ${first}: ${a[first] ?? '(none)'} vs ${b[first] ?? '(none)'}`);
  }
}

/** Applies non-overlapping edits of one file, last first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly { span: Span; newText: string }[]): string {
  let result = text;
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.span.start - a.edit.span.start || b.index - a.index);
  for (const { edit } of ordered) result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
  return result;
}

/** FNV-1a over the UTF-16 code units: the probe seed comes from the text, so a saved input replays the same probes. */
export function textSeed(input: FuzzInput): number {
  let hash = 0x811c9dc5;
  const text = `${input.role}\u0000${input.text}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** How the campaign (and the replay of its regressions) runs an input: features probed at a few
 *  offsets, fewer on big inputs; the incremental re-check (half the cost of a run: a second
 *  workspace) on one small input in four. */
export function campaignRunOptions(input: FuzzInput): RunOptions {
  const seed = textSeed(input);
  const small = input.text.length < 64 * 1024;
  return { seed, probes: small ? 4 : 1, recheck: small && seed % 4 === 0 };
}
