// What a code action may do: edit only the file it was asked about, inside its text, without
// splitting a surrogate pair, with edits that do not overlap, and change exactly what its title
// names (a citation inserted, an id replaced, a figure rewritten, a comment line inserted). Applying
// it must leave every character outside its edits' spans as it was.
import type { Diagnostic, Span } from '../../server/engine/src';
import { codeActionsAt, type CodeAction } from '../../server/engine/src/features/code-actions';
import type { ClaimWorkspace } from '../../server/engine/src/workspace/claim-workspace';
import { applyEdits } from './fuzz-workspace';
import { spanProblem } from './span-checks';

/** Offers every code action for the range and returns what is wrong with them, one sentence each. */
export function codeActionProblems(workspace: ClaimWorkspace, diagnostics: readonly Diagnostic[], file: string, range: Span): string[] {
  const text = workspace.textOf(file);
  if (text === undefined) return [];
  const problems: string[] = [];
  for (const action of codeActionsAt(workspace, diagnostics, file, range)) {
    for (const problem of actionProblems(workspace, text, file, action)) problems.push(`code action "${action.title}" at ${range.start}-${range.end} in ${file}: ${problem}`);
  }
  return problems;
}

export function actionProblems(workspace: ClaimWorkspace, text: string, file: string, action: CodeAction): string[] {
  const problems: string[] = [];
  if (action.edits.length === 0) return ['offers no edit'];
  for (const edit of action.edits) {
    if (edit.file !== file) problems.push(`edits another file, ${edit.file}`);
    const problem = spanProblem(text, edit.span, 'edit');
    if (problem) problems.push(problem);
    if (typeof edit.newText !== 'string') problems.push('an edit without new text');
  }
  if (problems.length > 0) return problems;
  const ordered = [...action.edits].sort((a, b) => a.span.start - b.span.start);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]!.span.start < ordered[i - 1]!.span.end) problems.push(`edits ${JSON.stringify(ordered[i - 1]!.span)} and ${JSON.stringify(ordered[i]!.span)} overlap`);
  }
  problems.push(...titleProblems(workspace, text, action));
  problems.push(...outsideProblems(text, action));
  return problems;
}

/** The edit must be the change the title names. */
function titleProblems(workspace: ClaimWorkspace, text: string, action: CodeAction): string[] {
  const [edit] = action.edits;
  const single = action.edits.length === 1 ? [] : [`${action.edits.length} edits for a one-edit fix`];
  const old = text.slice(edit!.span.start, edit!.span.end);
  const isInsert = edit!.span.start === edit!.span.end;
  const knownIds = new Set(workspace.sources().map((s) => s.id));
  let match: RegExpExecArray | null;
  if ((match = /^Cite \[@(.+)\]$/s.exec(action.title))) {
    const id = match[1]!;
    return [
      ...single,
      ...(isInsert ? [] : ['replaces text instead of inserting a citation']),
      ...(edit!.newText === ` [@${id}]` ? [] : [`inserts ${JSON.stringify(edit!.newText)}`]),
      ...(knownIds.has(id) ? [] : [`cites ${id}, which no registry defines`]),
    ];
  }
  if ((match = /^Add sources: \[(.+)\]$/s.exec(action.title))) {
    const id = match[1]!;
    const at = edit!.span.start;
    return [
      ...single,
      ...(isInsert ? [] : ['replaces text instead of inserting a line']),
      ...(/^\r?\n *sources: \[/.test(edit!.newText) && edit!.newText.endsWith(`[${id}]`) ? [] : [`inserts ${JSON.stringify(edit!.newText)}`]),
      ...(at === text.length || text[at] === '\n' || text[at] === '\r' ? [] : ['inserts a line in the middle of a line']),
      ...(knownIds.has(id) ? [] : [`cites ${id}, which no registry defines`]),
    ];
  }
  if ((match = /^Replace "(.*)" with "(.*)"$/s.exec(action.title))) {
    return [
      ...single,
      ...(old === match[1] ? [] : [`replaces ${JSON.stringify(old)}, not the named text`]),
      ...(edit!.newText === match[2] ? [] : [`writes ${JSON.stringify(edit!.newText)}, not the named id`]),
      ...(knownIds.has(match[2]!) ? [] : [`replaces with ${match[2]}, which no registry defines`]),
    ];
  }
  if ((match = /^Write (.*) as (.*)$/s.exec(action.title))) {
    return [
      ...single,
      ...(old === match[1] ? [] : [`rewrites ${JSON.stringify(old)}, not the named figure`]),
      ...(edit!.newText === match[2] ? [] : [`writes ${JSON.stringify(edit!.newText)}, not the named figure`]),
    ];
  }
  if ((match = /^Disable (\S+) for this line$/.exec(action.title))) {
    const at = edit!.span.start;
    if (edit!.newText === ` <!-- claimlint-disable-line ${match[1]} -->`) {
      // Where a comment line above would split a wrapped figure, a table, paragraph, quote or list,
      // the comment goes at the line's end: after all its text but a hard break's spaces or
      // backslash, a heading's closing #s, or in a table row at the end of a cell.
      const rest = /^[^\r\n]*/.exec(text.slice(at, at + 256))![0];
      const atLineEnd = /^(?:[ \t]*|\\|[ \t]+#+[ \t]*|[ \t]*\|.*)$/.test(rest);
      return [
        ...single,
        ...(isInsert ? [] : ['replaces text instead of inserting a comment']),
        ...(atLineEnd ? [] : ['inserts its disable-line comment before the end of the line']),
      ];
    }
    const atLineStart = at === 0 || text[at - 1] === '\n' || text[at - 1] === '\r';
    return [
      ...single,
      ...(isInsert ? [] : ['replaces text instead of inserting a comment line']),
      ...(atLineStart ? [] : ['inserts its comment in the middle of a line']),
      ...(edit!.newText.includes(`claimlint-disable-next-line ${match[1]}`) ? [] : [`inserts ${JSON.stringify(edit!.newText)}`]),
      ...(/(\r\n|\n)$/.test(edit!.newText) && !/[\r\n]/.test(edit!.newText.replace(/(\r\n|\n)$/, '')) ? [] : ['inserts something other than one whole line']),
    ];
  }
  return [`a title that names no known change`];
}

/** Diffs the applied text against the original: nothing may differ before the first edit or after the last. */
function outsideProblems(text: string, action: CodeAction): string[] {
  const result = applyEdits(text, action.edits);
  if (result === text) return ['changes nothing'];
  const first = Math.min(...action.edits.map((e) => e.span.start));
  const last = Math.max(...action.edits.map((e) => e.span.end));
  const problems: string[] = [];
  if (result.slice(0, first) !== text.slice(0, first)) problems.push(`changes text before its first edit at ${first}`);
  const tail = text.length - last;
  if (result.slice(result.length - tail) !== text.slice(last)) problems.push(`changes text after its last edit at ${last}`);
  return problems;
}
