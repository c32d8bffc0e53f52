// The extension inside a real VS Code, on a copy of examples/rare-earths (the runners open it as the
// workspace folder). Every wait is on an event (diagnostics, client state, the picker), bounded by
// a deadline; nothing sleeps a fixed time.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { ClaimlintApi } from '../../../client/src/extension';
import type { CheckWorkspaceResult, ClaimOfKey } from '../../../client/src/protocol';
import type { ClaimsOfKeyShown } from '../../../client/src/show-claims-of-key';

const EXTENSION_ID = 'claimlint.claimlint';
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const WAIT_MS = 45_000;

interface CliRow {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  related: { file: string; line: number; column: number }[];
}

let api: ClaimlintApi;
let folder: vscode.Uri;

function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(folder, ...relative.split('/'));
}

function claimlintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'claimlint');
}

/** claimlint's diagnostics on the workspace's files (drafts and other schemes are not the CLI's business). */
function allClaimlintDiagnostics(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages
    .getDiagnostics()
    .filter(([uri]) => uri.scheme === 'file')
    .map(([uri, diagnostics]): [vscode.Uri, vscode.Diagnostic[]] => [uri, diagnostics.filter((d) => d.source === 'claimlint')])
    .filter(([, diagnostics]) => diagnostics.length > 0);
}

function ruleOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/**
 * Resolves with check()'s first defined result, trying now and after each of the events; rejects
 * after WAIT_MS with what was expected and what check last saw.
 */
function waitFor<T>(what: string, check: () => T | undefined, events: vscode.Event<unknown>[], lastSeen?: () => unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (settle: () => void) => {
      clearTimeout(deadline);
      for (const subscription of subscriptions) subscription.dispose();
      settle();
    };
    const deadline = setTimeout(
      () => finish(() => reject(new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(lastSeen?.() ?? null)}`))),
      WAIT_MS,
    );
    const attempt = () => {
      let result: T | undefined;
      try {
        result = check();
      } catch (error) {
        finish(() => reject(error));
        return;
      }
      if (result !== undefined) finish(() => resolve(result as T));
    };
    for (const event of events) subscriptions.push(event(attempt));
    attempt();
  });
}

function waitForDiagnostics(uri: vscode.Uri, what: string, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} in ${vscode.workspace.asRelativePath(uri)}`,
    () => {
      const diagnostics = claimlintDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    [vscode.languages.onDidChangeDiagnostics],
    () => claimlintDiagnostics(uri).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(ruleOf(d))}`),
  );
}

async function waitForClientState(state: State): Promise<void> {
  const client = api.client;
  assert.ok(client, 'the language client exists');
  await waitFor(`the client to be ${State[state]}`, () => (client.state === state ? true : undefined), [client.onDidChangeState], () => State[client.state]);
}

/** What the CLI reports on the same folder: the language server must publish exactly this. */
function cliReport(): CliRow[] {
  const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
  let output: string;
  try {
    // ELECTRON_RUN_AS_NODE: under @vscode/test-electron process.execPath is VS Code itself.
    output = execFileSync(process.execPath, [cli, 'check', '--format', 'json'], {
      cwd: folder.fsPath,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
  } catch (error) {
    // Exit status 1 means "there are errors": the report is still on stdout.
    output = (error as { stdout?: string }).stdout ?? '';
  }
  return JSON.parse(output) as CliRow[];
}

const SEVERITY: Record<CliRow['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** One line per diagnostic, comparable between the CLI's JSON and the editor's diagnostics. */
function describeCliRow(row: CliRow): string {
  const related = row.related.map((r) => `${r.file}:${r.line}:${r.column}`).sort().join(',');
  return `${row.file}:${row.line}:${row.column} ${SEVERITY[row.severity]} ${row.rule} ${row.message} [${related}]`;
}

function describeDiagnostic(uri: vscode.Uri, d: vscode.Diagnostic): string {
  const where = (u: vscode.Uri, p: vscode.Position) => `${path.relative(folder.fsPath, u.fsPath).split(path.sep).join('/')}:${p.line + 1}:${p.character + 1}`;
  const related = (d.relatedInformation ?? []).map((r) => where(r.location.uri, r.location.range.start)).sort().join(',');
  return `${where(uri, d.range.start)} ${d.severity} ${String(ruleOf(d))} ${d.message} [${related}]`;
}

async function openInEditor(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fileUri(relative));
  return vscode.window.showTextDocument(document);
}

/** The position of the first character of `figure` where it follows `after` in the document. */
function positionOf(document: vscode.TextDocument, after: string, figure: string): vscode.Position {
  const text = document.getText();
  const anchor = text.indexOf(after);
  assert.ok(anchor >= 0, `"${after}" is in ${document.fileName}`);
  const offset = text.indexOf(figure, anchor);
  assert.ok(offset >= 0, `"${figure}" follows "${after}"`);
  return document.positionAt(offset);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** The server's process: the child of this extension host running dist/server.js (Linux /proc). */
function serverPid(): number | undefined {
  if (!fs.existsSync('/proc/self/stat')) return undefined;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (commandLine.some((arg) => arg.endsWith(path.join('dist', 'server.js'))) && commandLine.includes('--stdio')) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

suite(`claimlint in VS Code ${vscode.version} (${vscode.env.appHost}, extension host on Node ${process.version})`, () => {
  suiteSetup(async () => {
    const folders = vscode.workspace.workspaceFolders;
    assert.ok(folders?.length, 'a workspace folder is open');
    folder = folders[0]!.uri;
    assert.ok(fs.existsSync(path.join(folder.fsPath, 'claimlint.yaml')), 'the workspace is a copy of examples/rare-earths');
    const extension = vscode.extensions.getExtension<ClaimlintApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    api = await extension.activate();
  });

  test('the extension activates in a workspace with claimlint.yaml and starts the bundled server', async () => {
    const extension = vscode.extensions.getExtension<ClaimlintApi>(EXTENSION_ID);
    assert.strictEqual(extension?.isActive, true);
    assert.ok(fs.existsSync(path.join(extension.extensionPath, 'dist', 'server.js')), 'the server is bundled next to the extension');
    await waitForClientState(State.Running);
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['claimlint.restartServer', 'claimlint.checkWorkspace', 'claimlint.showClaimsOfKey']) {
      assert.ok(commands.includes(command), `${command} is registered`);
    }
  });

  test('opening the English report shows the Russia contradiction with its rule, source, doc link and related claims', async () => {
    const editor = await openInEditor('reports/global-outlook.md');
    const diagnostics = await waitForDiagnostics(editor.document.uri, 'a contradiction', (all) => all.some((d) => ruleOf(d) === 'contradiction'));
    const contradiction = diagnostics.find((d) => ruleOf(d) === 'contradiction');
    assert.ok(contradiction);
    assert.strictEqual(contradiction.source, 'claimlint');
    assert.strictEqual(contradiction.severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(contradiction.range.start, positionOf(editor.document, 'Its reserves are', '3.8 Mt'));
    assert.match(contradiction.message, /^Russia rare-earth reserves: 3\.8 Mt here \(usgs-mcs-2025\) vs /);
    assert.ok(typeof contradiction.code === 'object', 'the code carries a link to the rule page');
    assert.match(contradiction.code.target.toString(), /contradiction(\.md)?$/);
    const relatedFiles = (contradiction.relatedInformation ?? []).map((r) => path.basename(r.location.uri.fsPath)).sort();
    assert.deepStrictEqual([...new Set(relatedFiles)], ['china-brief.zh.md', 'reserves.claims.yaml']);
    const rules = new Set(diagnostics.map(ruleOf));
    assert.deepStrictEqual([...rules].sort(), ['ambiguous-unit', 'contradiction', 'missing-source', 'unknown-source']);
  });

  test('hovering the Russia figure shows a table of every claim of Russia rare-earth reserves', async () => {
    const editor = await openInEditor('reports/global-outlook.md');
    const figure = positionOf(editor.document, 'Its reserves are', '3.8 Mt');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, figure.translate(0, 1));
    const text = hoverText(hovers);
    assert.match(text, /Russia/, text);
    const tableRows = text.split('\n').filter((line) => /^\s*\|.*\|\s*$/.test(line));
    assert.ok(tableRows.some((row) => /^\s*\|?(\s*:?-{3,}:?\s*\|)+/.test(row)), `a Markdown table in the hover:\n${text}`);
    const bodyRows = tableRows.filter((row) => !/^\s*\|?(\s*:?-{3,}:?\s*\|)+/.test(row)).slice(1);
    assert.ok(bodyRows.length >= 3, `one row per claim of the key:\n${text}`);
    for (const other of ['china-brief.zh.md', 'reserves.claims.yaml']) {
      assert.ok(bodyRows.some((row) => row.includes(other)), `the table lists the claim in ${other}:\n${text}`);
    }
  });

  test('an unsaved Markdown draft is checked too', async () => {
    const draft = await vscode.workspace.openTextDocument({ language: 'markdown', content: "Vietnam's rare-earth reserves are now given as 3.5 Mt.\n" });
    await vscode.window.showTextDocument(draft);
    const diagnostics = await waitForDiagnostics(draft.uri, 'missing-source', (all) => all.some((d) => ruleOf(d) === 'missing-source'));
    const missing = diagnostics.find((d) => ruleOf(d) === 'missing-source');
    assert.deepStrictEqual(missing?.range.start, new vscode.Position(0, "Vietnam's rare-earth reserves are now given as ".length));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForDiagnostics(draft.uri, 'no problems once the draft is closed', (all) => all.length === 0);
  });

  test('Check Whole Workspace publishes exactly the CLI report and counts it in the status bar', async () => {
    const expected = cliReport();
    assert.ok(expected.length >= 10, `the CLI finds the example's problems (${expected.length})`);
    const result = await vscode.commands.executeCommand<CheckWorkspaceResult | undefined>('claimlint.checkWorkspace');
    assert.ok(result, 'the server answered claimlint/checkWorkspace');
    const count = (severity: CliRow['severity']) => expected.filter((row) => row.severity === severity).length;
    assert.deepStrictEqual(
      { errors: result.errors, warnings: result.warnings, infos: result.infos },
      { errors: count('error'), warnings: count('warning'), infos: count('info') },
    );
    assert.ok(result.files >= new Set(expected.map((row) => row.file)).size, `files checked: ${result.files}`);

    const expectedLines = expected.map(describeCliRow).sort();
    const published = await waitFor(
      'the published diagnostics to equal the CLI report',
      () => {
        const lines = allClaimlintDiagnostics().flatMap(([uri, diagnostics]) => diagnostics.map((d) => describeDiagnostic(uri, d))).sort();
        return JSON.stringify(lines) === JSON.stringify(expectedLines) ? lines : undefined;
      },
      [vscode.languages.onDidChangeDiagnostics],
      () => allClaimlintDiagnostics().flatMap(([uri, diagnostics]) => diagnostics.map((d) => describeDiagnostic(uri, d))).sort(),
    );
    assert.ok(published.some((line) => line.startsWith('claims/reserves.claims.yaml:')), 'files never opened are checked');
    assert.strictEqual(api.statusBarItem.text, `$(error) ${result.errors} $(warning) ${result.warnings} claimlint`);
    assert.strictEqual(api.statusBarItem.command, 'workbench.actions.view.problems');
  });

  test('Show the Claims of This Quantity lists every Russia reserves claim and opens the one picked', async () => {
    const editor = await openInEditor('reports/global-outlook.md');
    const figure = positionOf(editor.document, 'Its reserves are', '3.8 Mt').translate(0, 1);
    const shown = new Promise<ClaimsOfKeyShown>((resolve) => {
      const subscription = api.onDidShowClaimsOfKey((event) => {
        subscription.dispose();
        resolve(event);
      });
    });
    const opened = vscode.commands.executeCommand<ClaimOfKey | undefined>('claimlint.showClaimsOfKey', editor.document.uri, figure);
    const { key, items, quickPick } = await Promise.race([
      shown,
      Promise.resolve(opened).then((claim) => {
        throw new Error(`the command ended without showing the claims (it returned ${JSON.stringify(claim)})`);
      }),
    ]);
    assert.match(key.label, /Russia/);
    const files = items.map((item) => path.basename(vscode.Uri.parse(item.claim.uri).fsPath));
    assert.ok(items.length >= 4, `four claims of the key: ${JSON.stringify(items.map((i) => i.label))}`);
    assert.deepStrictEqual([...new Set(files)].sort(), ['china-brief.zh.md', 'global-outlook.md', 'reserves.claims.yaml']);
    assert.ok(items.every((item) => !item.claim.agrees), 'every Russia reserves claim is in conflict');
    assert.ok(items.every((item) => item.label.includes(item.claim.value)), 'labels show the values');

    // Move the picker's selection to the first claim in another file, the way the arrow keys do.
    const target = items.findIndex((item) => vscode.Uri.parse(item.claim.uri).toString() !== editor.document.uri.toString());
    assert.ok(target >= 0);
    const activeIs = (index: number) =>
      waitFor(`picker item ${index} to be active`, () => (quickPick.activeItems[0] === items[index] ? true : undefined), [quickPick.onDidChangeActive], () =>
        quickPick.activeItems.map((item) => item.label),
      );
    await activeIs(0);
    for (let index = 1; index <= target; index += 1) {
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await activeIs(index);
    }
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const claim = await opened;
    assert.deepStrictEqual(claim, items[target]!.claim);
    const active = vscode.window.activeTextEditor;
    assert.strictEqual(active?.document.uri.toString(), vscode.Uri.parse(claim.uri).toString());
    assert.deepStrictEqual(active.selection.start, new vscode.Position(claim.range.start.line, claim.range.start.character));
  });

  test('Restart Language Server stops the server, starts it again and the diagnostics come back', async () => {
    const editor = await openInEditor('reports/global-outlook.md');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'a contradiction', (all) => all.some((d) => ruleOf(d) === 'contradiction'));
    const client = api.client;
    assert.ok(client);
    const states: string[] = [];
    let cleared = false;
    const watching = [
      client.onDidChangeState((event) => states.push(State[event.newState])),
      vscode.languages.onDidChangeDiagnostics(() => {
        if (claimlintDiagnostics(uri).length === 0) cleared = true;
      }),
    ];
    try {
      assert.strictEqual(await vscode.commands.executeCommand('claimlint.restartServer'), true);
      assert.strictEqual(client.state, State.Running);
      assert.ok(states.includes('Stopped'), `the client stopped: ${states.join(' → ')}`);
      assert.deepStrictEqual(states.slice(-2), ['Starting', 'Running']);
      assert.ok(cleared, 'stopping the server cleared its diagnostics');
      await waitForDiagnostics(uri, 'the contradiction again', (all) => all.some((d) => ruleOf(d) === 'contradiction'));
    } finally {
      for (const subscription of watching) subscription.dispose();
    }
  });

  test('a server that dies is restarted, the user is told, and the diagnostics come back', async function () {
    const editor = await openInEditor('reports/global-outlook.md');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'a contradiction', (all) => all.some((d) => ruleOf(d) === 'contradiction'));
    const pid = serverPid();
    if (pid === undefined) this.skip(); // finding the child process needs Linux's /proc
    const crashed = new Promise<{ restarted: boolean }>((resolve) => {
      const subscription = api.onDidCrash((event) => {
        subscription.dispose();
        resolve(event);
      });
    });
    process.kill(pid!, 'SIGKILL');
    assert.deepStrictEqual(await crashed, { restarted: true });
    await waitForClientState(State.Running);
    assert.notStrictEqual(serverPid(), pid, 'a new server process runs');
    await waitForDiagnostics(uri, 'the contradiction after the restart', (all) => all.some((d) => ruleOf(d) === 'contradiction'));
  });

  test('turning claimlint.enable off stops the server and clears its problems; on brings them back', async () => {
    const editor = await openInEditor('reports/global-outlook.md');
    const uri = editor.document.uri;
    const settings = () => vscode.workspace.getConfiguration('claimlint');
    try {
      await settings().update('enable', false, vscode.ConfigurationTarget.Global);
      await waitFor('every claimlint problem to be cleared', () => (allClaimlintDiagnostics().length === 0 ? true : undefined), [vscode.languages.onDidChangeDiagnostics]);
      assert.strictEqual(api.client, undefined);
    } finally {
      await settings().update('enable', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForDiagnostics(uri, 'the contradiction once enabled', (all) => all.some((d) => ruleOf(d) === 'contradiction'));
    await waitForClientState(State.Running);
  });
});
