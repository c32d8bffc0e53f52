// The language server's state and handlers: one ClaimWorkspace fed from disk and from open
// buffers, diagnostics pushed for every checked file (only when they changed), and the engine's
// features translated to LSP. Everything LSP-specific lives in this folder.
import * as path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { ClaimWorkspace, sameFindings, type Diagnostic, type Span } from '../../engine/src/index';
import { countBySeverity } from '../../cli/src/located-diagnostic';
import { createDiskHost, diskHost, documentId, findConfig, MAX_FILE_BYTES, readTextFile, walkFolder } from '../../cli/src/fs-workspace';
import { idOfUri, isUntitledId, uriOfId } from './document-ids';
import { registerFeatures } from './feature-handlers';
import { toLspDiagnostic } from './to-lsp-diagnostic';

/** Globs the client watches (the contract); registered dynamically when the client allows it. */
export const WATCHED_GLOBS = ['**/claimlint.yaml', '**/*.claims.{yaml,yml}', '**/*.md', '**/*.bib', '**/*.json', '**/sources.yaml', '**/*.txt'];

interface Settings {
  enable: boolean;
  configPath: string;
}

export interface ServerState {
  readonly workspace: ClaimWorkspace;
  readonly documents: TextDocuments<TextDocument>;
  rangeOf(file: string, span: Span): Range;
  /** The engine id of a document URI, when the server checks that kind of document. */
  idOf(uri: string): string | undefined;
  /** The up-to-date diagnostics of some files (features ask for the few they show). */
  diagnosticsOf(files: readonly string[]): readonly Diagnostic[];
}

/** Diagnostics messages sent before the server waits for the client to take them. */
const PUBLISH_BATCH = 200;
/** How long a reload reads files before it lets other messages and progress through. */
const READ_SLICE_MS = 50;
/** The part of a reload's progress bar given to reading files (the checks take the rest). */
const READ_SHARE_PERCENT = 80;

/**
 * A file's last published diagnostics, as the engine gave them, the text their ranges were computed
 * from and where their related locations were. The engine keeps the first two anyway, so this
 * costs four numbers per related location, where a serialized copy of every file's messages took
 * 6 MB at 100k claims and a second JSON encoding of each.
 */
interface PublishedDiagnostics {
  diagnostics: readonly Diagnostic[];
  text: string | undefined;
  /** Where the related locations were (see relatedPositions). */
  relatedAt: Int32Array | undefined;
}

function samePositions(a: Int32Array | undefined, b: Int32Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function startClaimlintServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let rootFolder: string | undefined;
  let settings: Settings = { enable: true, configPath: '' };
  let canPullConfiguration = false;
  let canRegisterWatchers = false;
  let canShowProgress = false;
  let workspace = new ClaimWorkspace({ root: '/', host: diskHost });
  let configFile: string | undefined;
  /** Files checked from disk (the include globs) plus open buffers that are checked. */
  let checkedFiles = new Set<string>();
  /** What was last published per document id, so that only changes are sent. */
  const published = new Map<string, PublishedDiagnostics>();
  /** For each file, the files whose published diagnostics have a related location in it. */
  const relatedFrom = new Map<string, Set<string>>();
  let publishScheduled: NodeJS.Immediate | undefined;
  /** Counts reloads; the one under way stops when a newer one starts. */
  let reloadGeneration = 0;
  /** The generation of the reload under way, if any. */
  let reloading: number | undefined;
  let latestReload: Promise<void> = Promise.resolve();

  const rangeOf = (file: string, span: Span): Range => ({ start: workspace.positionAt(file, span.start), end: workspace.positionAt(file, span.end) });

  function indexRelated(file: string, before: readonly Diagnostic[] | undefined, after: readonly Diagnostic[]): void {
    for (const diagnostic of before ?? []) {
      for (const related of diagnostic.related) {
        const dependents = relatedFrom.get(related.file);
        dependents?.delete(file);
        if (dependents?.size === 0) relatedFrom.delete(related.file);
      }
    }
    for (const diagnostic of after) {
      for (const related of diagnostic.related) {
        if (related.file === file) continue;
        let dependents = relatedFrom.get(related.file);
        if (dependents === undefined) relatedFrom.set(related.file, (dependents = new Set()));
        dependents.add(file);
      }
    }
  }

  /** Line and character of every related location's start and end, in order: they lie in other files, whose text may change. */
  function relatedPositions(diagnostics: readonly Diagnostic[]): Int32Array | undefined {
    let count = 0;
    for (const diagnostic of diagnostics) count += diagnostic.related.length;
    if (count === 0) return undefined;
    const positions = new Int32Array(count * 4);
    let k = 0;
    for (const diagnostic of diagnostics) {
      for (const related of diagnostic.related) {
        const start = workspace.positionAt(related.file, related.span.start);
        const end = workspace.positionAt(related.file, related.span.end);
        positions[k++] = start.line;
        positions[k++] = start.character;
        positions[k++] = end.line;
        positions[k++] = end.character;
      }
    }
    return positions;
  }

  /** Whether a document's text (buffer or disk) is handed to the workspace as a checked document. */
  function isChecked(id: string): boolean {
    return isUntitledId(id) || workspace.isIncluded(id);
  }

  /** Sets up a fresh workspace from the config and returns the files to read from disk. */
  function startWorkspace(): string[] {
    const folder = rootFolder;
    const configured = settings.configPath.trim();
    configFile = undefined;
    let configText: string | undefined;
    if (folder !== undefined) {
      const candidate = configured !== '' ? path.resolve(folder, configured) : findConfig(folder);
      const content = candidate !== undefined ? readTextFile(candidate) : undefined;
      if (candidate !== undefined && content?.kind === 'text') {
        configFile = documentId(candidate);
        configText = content.text;
      } else if (configured !== '') {
        connection.window.showWarningMessage(`claimlint: cannot read the config ${configured}; using the defaults`);
      }
    }
    const root = configFile !== undefined ? path.dirname(configFile) : (folder ?? '/');
    // Registries and archives are read only inside the root (symbolic links out of it are refused).
    workspace = new ClaimWorkspace({ root: documentId(root), configText, configFile, host: createDiskHost(root) });
    checkedFiles = new Set();
    return folder === undefined ? [] : walkFolder(folder, []).map(documentId).filter((id) => workspace.isIncluded(id));
  }

  function readFromDisk(file: string): void {
    const open = documents.get(uriOfId(file));
    if (open) return applyBuffer(open);
    const content = readTextFile(file);
    if (content.kind === 'text') {
      workspace.setDocument(file, content.text);
      checkedFiles.add(file);
    } else if (content.kind === 'unreadable') {
      workspace.reportUnreadable(file, content.reason);
      checkedFiles.add(file);
    } else {
      workspace.removeDocument(file);
      checkedFiles.delete(file);
    }
  }

  function applyBuffer(document: TextDocument): void {
    const id = idOfUri(document.uri);
    const text: unknown = document.getText();
    // TextDocuments keeps whatever a didOpen or full didChange sent as text; the engine takes strings.
    if (id === undefined || typeof text !== 'string') return;
    if (id === configFile) {
      workspace.setDocument(id, text);
      return;
    }
    if (isChecked(id) && text.length > MAX_FILE_BYTES) {
      // The CLI's cap, for buffers too: a 50 MB report would hold the server for minutes.
      workspace.reportUnreadable(id, 'file is larger than 20 MB, not checked');
      checkedFiles.add(id);
    } else if (isChecked(id)) {
      workspace.setDocument(id, text);
      checkedFiles.add(id);
    } else if (workspace.kindOf(id) === 'registry') {
      // A registry's unsaved entries count: the workspace reads it as a document too.
      workspace.setDocument(id, text);
    }
  }

  /**
   * Publishes the diagnostics of the files the engine says may have changed (after a reload, every
   * checked file and every file published before, so that stale diagnostics are cleared).
   */
  async function publishNow(everyFile = false): Promise<void> {
    if (publishScheduled !== undefined) clearImmediate(publishScheduled);
    publishScheduled = undefined;
    const changed = workspace.takeChangedFiles();
    // A changed file may have moved the related locations that other files' diagnostics point at,
    // to other lines, even when the engine's findings (offsets and messages) stay the same.
    for (const file of [...changed]) for (const dependent of relatedFrom.get(file) ?? []) changed.add(dependent);
    const files = everyFile || !settings.enable ? new Set([...changed, ...checkedFiles, ...published.keys()]) : changed;
    let sent: Promise<void> | undefined;
    let unsent = 0;
    for (const file of files) {
      if (unsent >= PUBLISH_BATCH) {
        // Let the client take what was sent before making more: a first pass over thousands of
        // files would otherwise hold every message in memory at once.
        await sent;
        unsent = 0;
      }
      const diagnostics = settings.enable ? workspace.diagnosticsOf(file) : [];
      // A file that never had diagnostics needs no empty list, except in an editor tab, where an
      // empty list says the file was checked. Most files of a first pass are clean.
      if (diagnostics.length === 0 && !published.has(file) && documents.get(uriOfId(file)) === undefined) continue;
      // Ranges come from the text: the same diagnostics over a changed text may lie elsewhere.
      const text = diagnostics.length === 0 ? undefined : workspace.textOf(file);
      const relatedAt = relatedPositions(diagnostics);
      const last = published.get(file);
      if (last !== undefined && last.text === text && sameFindings(last.diagnostics, diagnostics) && samePositions(last.relatedAt, relatedAt)) {
        // Keep the text the workspace holds now, not an equal one it has let go.
        last.text = text;
        continue;
      }
      indexRelated(file, last?.diagnostics, diagnostics);
      published.set(file, { diagnostics, text, relatedAt });
      sent = connection.sendDiagnostics({ uri: uriOfId(file), diagnostics: diagnostics.map((diagnostic) => toLspDiagnostic(diagnostic, rangeOf)) });
      unsent++;
    }
  }

  /**
   * Checks once the messages already queued are handled: a burst of changes (typing, a paste, a
   * branch switch) costs one check, and a single edit is published within milliseconds.
   */
  function schedulePublish(): void {
    // A reload under way publishes everything when it ends; checking a half-read workspace now
    // would publish findings that only hold until the rest is read.
    if (reloading !== undefined) return;
    publishScheduled ??= setImmediate(() => {
      publishNow().catch((error: unknown) => {
        // The engine is meant never to throw; if it does, keep serving what was last published.
        connection.console.error(`claimlint: checking failed, the last diagnostics stay: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      });
    });
  }

  /**
   * Reads the whole workspace again and publishes every change. Files are read in slices of about
   * READ_SLICE_MS, with a turn of the event loop between them: progress reaches the client as it
   * happens, and requests are answered during a first pass of seconds. A reload started while one
   * is under way takes over from it; both resolve when the newest is done, so that whoever asked
   * sees the workspace it leaves.
   */
  async function reload(): Promise<void> {
    let awaited = readWorkspace(++reloadGeneration);
    latestReload = awaited;
    await awaited;
    while (latestReload !== awaited) {
      awaited = latestReload;
      await awaited;
    }
  }

  async function readWorkspace(generation: number): Promise<void> {
    reloading = generation;
    // A client that advertises progress but fails to create it still gets its diagnostics.
    const progress = canShowProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    try {
      progress?.begin('claimlint: reading the workspace', 0, undefined, false);
      // A newer reload may have started its workspace while this one waited for the client.
      if (generation !== reloadGeneration) return;
      const files = startWorkspace();
      let lastPercent = -1;
      let sliceStart = performance.now();
      for (let index = 0; index < files.length; index++) {
        if (generation !== reloadGeneration) return;
        const file = files[index]!;
        readFromDisk(file);
        workspace.read(file);
        if (performance.now() - sliceStart < READ_SLICE_MS) continue;
        // Reading is most of the work; the checks that follow take the last part of the bar.
        const percent = Math.floor(((index + 1) / files.length) * READ_SHARE_PERCENT);
        if (percent !== lastPercent) progress?.report(percent, `${index + 1}/${files.length} files read`);
        lastPercent = percent;
        await nextTurn();
        sliceStart = performance.now();
      }
      if (generation !== reloadGeneration) return;
      for (const document of documents.all()) applyBuffer(document);
      progress?.report(READ_SHARE_PERCENT, `checking ${files.length} files`);
      await nextTurn();
      if (generation !== reloadGeneration) return;
      reloading = undefined;
      await publishNow(true);
    } finally {
      if (reloading === generation) reloading = undefined;
      progress?.done();
    }
  }

  async function pullSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    const pulled: unknown = await connection.workspace.getConfiguration('claimlint');
    applySettings(pulled);
  }

  function applySettings(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const record = value as Record<string, unknown>;
    const next: Settings = {
      enable: typeof record.enable === 'boolean' ? record.enable : settings.enable,
      configPath: typeof record.configPath === 'string' ? record.configPath : settings.configPath,
    };
    const changed = next.enable !== settings.enable || next.configPath !== settings.configPath;
    settings = next;
    return changed;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folderUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folderUri) rootFolder = URI.parse(folderUri).fsPath;
    else if (params.rootPath) rootFolder = params.rootPath;
    const options = params.initializationOptions as { configPath?: unknown } | undefined;
    if (typeof options?.configPath === 'string') settings.configPath = options.configPath;
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canShowProgress = params.capabilities.window?.workDoneProgress === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: ['@', ' ', ':'] },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'claimlint' },
    };
  });

  connection.onInitialized(async () => {
    if (canRegisterWatchers) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) }).catch((error: unknown) => {
        // Without watchers only buffers update the diagnostics; say so where the user can find it.
        connection.console.warn(`claimlint: the client refused to watch files, so changes on disk are not seen: ${String(error)}`);
      });
    }
    try {
      await pullSettings();
    } catch {
      // A client that advertises configuration but fails the request keeps the initial settings.
    }
    await reload();
  });

  connection.onDidChangeConfiguration(async (change) => {
    let changed: boolean;
    if (canPullConfiguration) {
      const before = { ...settings };
      await pullSettings();
      changed = before.enable !== settings.enable || before.configPath !== settings.configPath;
    } else {
      changed = applySettings((change.settings as { claimlint?: unknown } | undefined)?.claimlint);
    }
    if (changed) await reload();
  });

  documents.onDidOpen((event) => {
    applyBuffer(event.document);
    schedulePublish();
  });
  documents.onDidChangeContent((event) => {
    applyBuffer(event.document);
    schedulePublish();
  });
  documents.onDidClose((event) => {
    const id = idOfUri(event.document.uri);
    if (id === undefined) return;
    if (isUntitledId(id)) {
      workspace.removeDocument(id);
      checkedFiles.delete(id);
    } else if (id === configFile || workspace.isIncluded(id)) {
      // The buffer is gone: what counts now is the file on disk (documents no longer holds it).
      if (id === configFile) reloadInBackground();
      else readFromDisk(id);
    } else {
      workspace.removeDocument(id);
    }
    schedulePublish();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let reloadAll = false;
    for (const change of Array.isArray(params?.changes) ? params.changes : []) {
      const id = idOfUri(change?.uri);
      if (id === undefined) continue;
      const name = path.posix.basename(id);
      if (id === configFile || (configFile === undefined && (name === 'claimlint.yaml' || name === '.claimlint.yaml'))) {
        reloadAll = true;
        continue;
      }
      if (documents.get(change.uri)) continue; // the buffer wins over the disk while it is open
      if (workspace.isIncluded(id)) {
        if (change.type === FileChangeType.Deleted) {
          workspace.removeDocument(id);
          checkedFiles.delete(id);
        } else readFromDisk(id);
      } else {
        // Registries, archives, bibliographies: forget the cached copy, the engine rereads it.
        workspace.removeDocument(id);
      }
    }
    if (reloadAll) reloadInBackground();
    else schedulePublish();
  });

  /** A reload nobody awaits: a failure is logged, never an unhandled rejection (which ends Node). */
  function reloadInBackground(): void {
    reload().catch((error: unknown) => connection.console.error(`claimlint: reading the workspace failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  }

  connection.onRequest('claimlint/checkWorkspace', async () => {
    await reload();
    return { files: checkedFiles.size, ...countBySeverity(settings.enable ? workspace.diagnostics() : []) };
  });

  const state: ServerState = {
    get workspace() {
      return workspace;
    },
    documents,
    rangeOf,
    idOf: idOfUri,
    diagnosticsOf: (files) => (settings.enable ? files.flatMap((file) => workspace.diagnosticsOf(file)) : []),
  };
  registerFeatures(connection, state);
  documents.listen(connection);
}
