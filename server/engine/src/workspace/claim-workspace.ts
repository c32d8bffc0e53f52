// The workspace: every checked document, parsed once and kept, the registries they cite, and the
// rules run over the claims grouped by key and by id. The CLI feeds it files from disk; the
// language server feeds it open buffers and disk changes. Nothing here reads a file except through
// the host.
//
// Checking is incremental: an edit re-parses one document, moves its claims between key and id
// groups, re-runs the rules of that document and of the groups it touched, and names the files
// whose diagnostics may have changed. Nothing on that path walks the whole workspace, so an edit
// costs the same at 1,000 claims as at 100,000. A change to what every check reads (the config, a
// registry, an archive) starts again from scratch.
import picomatch from 'picomatch/posix';
import { parseMarkdown } from '../markdown';
import type { Citation, Claim, Diagnostic, FigureMatch, Finding, QuantityOptions, RuleId, Severity, SourceEntry, Span, Suppression } from '../model';
import { findFigures } from '../quantity';
import { RULES, type IdGroup, type IdHolder, type LocatedCitation, type Rule, type RuleContext } from '../rules';
import { invalidClaimFinding } from '../rules/invalid-claim';
import { parseSourceRegistry } from '../sources';
import { isWithin, resolvePath } from '../sources/resolve-path';
import { LineIndex, type Position } from '../text/line-index';
import { Vocabulary } from '../vocabulary';
import { parseClaimsFile } from '../yaml/claims-file';
import { DEFAULT_CONFIG, parseConfig, type ClaimlintConfig } from '../yaml/config';
import { createClaimDescriber, relativeTo, type ClaimDescriber } from './describe-claim';
import { extractMarkdownClaims } from './extract-markdown-claims';
import { extractYamlClaims } from './extract-yaml-claims';
import { keyOf, type KeyGroup } from './key-index';
import { sameFindings } from './same-findings';

/** The engine's only window on the outside world: the front end decides how files are read. */
export interface WorkspaceHost {
  /** Reads a file the engine needs besides the checked documents (archives, registries, a .bib named
   *  in front matter). Returns undefined when it is missing or unreadable. */
  readFile(file: string): string | undefined;
}

export interface WorkspaceOptions {
  /** Absolute folder the include/exclude globs are relative to (the config's folder, else the checked folder). */
  root: string;
  /** claimlint.yaml text and its absolute path, when there is one. */
  configText?: string;
  configFile?: string;
  host: WorkspaceHost;
  /** The rules to run; all of them unless a test injects others. */
  rules?: readonly Rule[];
}

export type DocumentKind = 'markdown' | 'claims' | 'registry' | 'config' | 'other';

/** What one document contributes, computed once per text. */
interface ParsedDocument {
  claims: Claim[];
  /** The document's citations; the file is the document's (no wrapper per citation is kept). */
  citations: Citation[];
  sources: SourceEntry[];
  findings: Finding[];
  suppressions: Suppression[];
  /** Registries this document names (Pandoc `bibliography:`), as absolute paths. */
  bibliography: string[];
}

interface DocumentState {
  text: string;
  lines?: LineIndex;
  parsed?: ParsedDocument;
}

interface ConfigState {
  config: ClaimlintConfig;
  findings: Finding[];
  vocabulary: Vocabulary;
  quantityOptions: QuantityOptions;
}

/** What every check reads besides the checked documents: when it changes, everything is rechecked. */
interface Environment {
  configState: ConfigState;
  epoch: number;
  registries: ParsedDocument[];
  context: RuleContext;
  /** Registry findings, unreadable archives and duplicate source ids, by file. */
  findingsByFile: Map<string, Finding[]>;
}

/**
 * The claims of one key, or the holders of one claim id, with the findings the group's rules made,
 * by the file they are on. Members are one flat list (a map of per-file lists cost 10 MB at 100k
 * claims): a file's share is appended whole and filtered out whole, and the list is put in file
 * order only when the rules need it. Both are linear in the group, as its rules are anyway.
 */
interface Group<T extends { file: string }> {
  kind: 'key' | 'id';
  name: string;
  /** In file order, then document order within a file, when `sorted`; each file's share is contiguous. */
  members: T[];
  sorted: boolean;
  findings: Map<string, Finding[]> | undefined;
}

type AnyGroup = Group<Claim> | Group<IdHolder>;

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const MARKDOWN_FILE = /\.(md|markdown)$/i;
const CLAIMS_FILE = /\.claims\.ya?ml$/i;
const CHECKED_FILE = /\.(md|markdown|claims\.ya?ml)$/i;

export class ClaimWorkspace {
  readonly root: string;
  private readonly host: WorkspaceHost;
  private readonly rules: readonly Rule[];
  private configFile: string | undefined;
  private configText: string | undefined;
  private configState!: ConfigState;
  /** The config that last parsed without a syntax error: kept in force while the file is broken. */
  private lastGoodConfig: ConfigState | undefined;
  private isIncludedPath!: (relative: string) => boolean;
  /** Documents handed in by the front end (checked files, open buffers). */
  private readonly documents = new Map<string, DocumentState>();
  /** Registries and other files read through the host because no document was handed in. */
  private readonly hostFiles = new Map<string, DocumentState | null>();
  private readonly archiveCache = new Map<string, readonly FigureMatch[] | null>();
  private readonly unreadable = new Map<string, Finding>();
  private configDocument: DocumentState | undefined;
  /** Bumped when a file that is not a checked document changes (archives, bibliographies). */
  private environmentEpoch = 0;

  // Front matter `bibliography:` entries, counted over the Markdown documents that name them, so
  // that the set of registries is known without walking every document.
  private readonly bibliographyOf = new Map<string, string[]>();
  private readonly bibliographyCount = new Map<string, number>();
  private readonly unparsedMarkdown = new Set<string>();

  // Incremental checking state (see refresh and takeChangedFiles).
  private environment: Environment | undefined;
  /** Documents whose share of the groups and whose own checks are out of date. */
  private readonly dirtyFiles = new Set<string>();
  /** Files whose diagnostics may have changed for reasons outside any document (unreadable files). */
  private readonly touchedFiles = new Set<string>();
  /** Files whose diagnostics may have changed since the last takeChangedFiles(). */
  private readonly unreportedChanges = new Set<string>();
  /** The parse each document's claims were grouped and checked with. */
  private readonly indexed = new Map<string, ParsedDocument>();
  private readonly documentFindings = new Map<string, Finding[]>();
  private readonly keyGroups = new Map<string, Group<Claim>>();
  private readonly idGroups = new Map<string, Group<IdHolder>>();
  /** Claim ids held by one claim only (most of them): no group, no check and no holder object until a second one comes. */
  private readonly soleIdHolders = new Map<string, Claim>();
  /** For each file, the groups that put findings on it. */
  private readonly groupsWithFindingsIn = new Map<string, Set<AnyGroup>>();
  private readonly diagnosticsCache = new Map<string, Diagnostic[]>();
  private registryFilesOf: { configState: ConfigState; files: string[] } | undefined;
  private allDiagnostics: Diagnostic[] | undefined;

  constructor(options: WorkspaceOptions) {
    this.root = stripTrailingSlash(options.root);
    this.host = options.host;
    this.rules = options.rules ?? RULES;
    this.configFile = options.configFile;
    this.configText = options.configText;
    this.loadConfig();
  }

  get config(): ClaimlintConfig {
    return this.configState.config;
  }

  get vocabulary(): Vocabulary {
    return this.configState.vocabulary;
  }

  /** Whether an absolute file path is to be checked under the config's include/exclude. */
  isIncluded(file: string): boolean {
    const relative = relativeTo(this.root, file);
    if (relative === file) return false; // outside the root
    return this.isIncludedPath(relative);
  }

  /** The registry files the config names, as absolute paths (read through the host). */
  registryFiles(): string[] {
    if (this.registryFilesOf?.configState !== this.configState) {
      const files = this.config.sources.map((source) => this.resolveConfigSource(source)).filter((file) => this.isInsideRoot(file));
      this.registryFilesOf = { configState: this.configState, files };
    }
    return this.registryFilesOf.files;
  }

  /** Whether a file lies in the workspace: nothing outside it is read (registries, archives, bibliographies). */
  private isInsideRoot(file: string): boolean {
    return isWithin(this.root, file);
  }

  kindOf(file: string): DocumentKind {
    if (file === this.configFile) return 'config';
    if (this.allRegistryFiles().has(file)) return 'registry';
    if (CLAIMS_FILE.test(file)) return 'claims';
    if (MARKDOWN_FILE.test(file)) return 'markdown';
    return 'other';
  }

  setDocument(file: string, text: string): void {
    if (file === this.configFile) {
      this.configText = text;
      this.loadConfig();
      return;
    }
    this.noteEnvironmentChange(file);
    this.documents.set(file, { text });
    if (MARKDOWN_FILE.test(file)) this.unparsedMarkdown.add(file);
    this.dirtyFiles.add(file);
    if (this.unreadable.delete(file)) this.touchedFiles.add(file);
    this.hostFiles.delete(file);
    this.archiveCache.delete(file);
  }

  removeDocument(file: string): void {
    this.noteEnvironmentChange(file);
    if (this.documents.delete(file)) this.dirtyFiles.add(file);
    this.unparsedMarkdown.delete(file);
    this.countBibliography(file, []);
    this.hostFiles.delete(file);
    this.archiveCache.delete(file);
    if (this.unreadable.delete(file)) this.touchedFiles.add(file);
  }

  /** Checks read archives and registries through the context: a change there invalidates them all. */
  private noteEnvironmentChange(file: string): void {
    if (!CHECKED_FILE.test(file) || this.archiveCache.has(file) || this.hostFiles.has(file)) this.environmentEpoch++;
  }

  /** Reports a file that could not be checked at all (binary, too large, unreadable). */
  reportUnreadable(file: string, message: string): void {
    this.removeDocument(file);
    this.unreadable.set(file, { ...invalidClaimFinding(file, { start: 0, end: 0 }, `${message}`), severity: 'warning' });
    this.touchedFiles.add(file);
  }

  /** The text the workspace holds for a file (a handed-in document, else a file read through the host). */
  textOf(file: string): string | undefined {
    return this.stateOf(file)?.text;
  }

  /** 0-based line/character (UTF-16) of an offset in a document the workspace knows. */
  positionAt(file: string, offset: number): Position {
    return this.linesOf(file).positionAt(offset);
  }

  /** UTF-16 offset of a 0-based line/character in a document the workspace knows. */
  offsetAt(file: string, position: Position): number {
    return this.linesOf(file).offsetAt(position);
  }

  /** Every claim of every checked document. */
  claims(): Claim[] {
    return [...this.documents.keys()].flatMap((file) => this.parsedDocument(file)?.claims ?? []);
  }

  /**
   * Reads a handed-in document now rather than at the next check; nothing is checked yet. Reading
   * is most of a first check, so a host with thousands of files can spread it over several turns
   * of its event loop and report progress between them. Reading a document depends only on the
   * config, so the order does not matter.
   */
  read(file: string): void {
    if (this.documents.has(file)) this.parsedDocument(file);
  }

  /** The claims of one checked document. */
  claimsIn(file: string): readonly Claim[] {
    return this.documents.has(file) ? (this.parsedDocument(file)?.claims ?? []) : [];
  }

  /** Every claim of a key (`subject|metric`), in file and offset order. */
  claimsOfKey(key: string): Claim[] {
    this.refresh();
    return membersInOrder(this.keyGroups.get(key));
  }

  /** Every citation of every checked document, with its file. */
  citations(): LocatedCitation[] {
    return [...this.documents.keys()].flatMap((file) => this.citationsIn(file));
  }

  /**
   * Every citation of one source id, in file order. Tests each citation in place rather than
   * gathering all of them first: at 100k claims that list alone was most of a references request.
   */
  citationsOf(id: string): LocatedCitation[] {
    const found: LocatedCitation[] = [];
    for (const file of this.documents.keys()) {
      for (const citation of this.parsedDocument(file)?.citations ?? []) if (citation.id === id) found.push({ file, citation });
    }
    return found;
  }

  /** The citations of one checked document. */
  citationsIn(file: string): readonly LocatedCitation[] {
    const citations = this.documents.has(file) ? (this.parsedDocument(file)?.citations ?? []) : [];
    return citations.map((citation) => ({ file, citation }));
  }

  /** Every source entry of every registry (the config's and those named in front matter). */
  sources(): SourceEntry[] {
    return [...this.allRegistryFiles()].flatMap((file) => this.parsedDocument(file)?.sources ?? []);
  }

  /** Names claims as messages do (labels, values, file:line). */
  describer(): ClaimDescriber {
    return createClaimDescriber(this.vocabulary, this.root, (file, offset) => this.positionAt(file, offset).line);
  }

  /** The config file's document id, when there is one. */
  get configPath(): string | undefined {
    return this.configFile;
  }

  /**
   * Every diagnostic of the workspace, file by file (files in name order; in a file, by place).
   * Cheap to repeat: only what changed since the last call is checked again.
   */
  diagnostics(): Diagnostic[] {
    this.refresh();
    this.allDiagnostics ??= [...this.filesWithDiagnostics()].sort().flatMap((file) => this.checkedDiagnosticsOf(file));
    return this.allDiagnostics;
  }

  /** The diagnostics of one file, up to date with every change handed in. */
  diagnosticsOf(file: string): Diagnostic[] {
    this.refresh();
    return this.checkedDiagnosticsOf(file);
  }

  /** A file's diagnostics as of the last refresh. */
  private checkedDiagnosticsOf(file: string): Diagnostic[] {
    let diagnostics = this.diagnosticsCache.get(file);
    if (!diagnostics) {
      diagnostics = this.finish(file, this.findingsOf(file));
      this.diagnosticsCache.set(file, diagnostics);
    }
    return diagnostics;
  }

  /**
   * The files whose diagnostics may differ from when this was last called (a superset: some may be
   * unchanged, some may now have none). The language server publishes exactly these.
   */
  takeChangedFiles(): Set<string> {
    this.refresh();
    const changed = new Set(this.unreportedChanges);
    this.unreportedChanges.clear();
    return changed;
  }

  /** Brings the checks up to date with every change handed in since the last refresh. */
  private refresh(): void {
    const changed = new Set<string>(this.touchedFiles);
    this.touchedFiles.clear();
    const environment = this.currentEnvironment(changed);
    if (this.dirtyFiles.size > 0) {
      const dirtyGroups = new Set<AnyGroup>();
      for (const file of this.dirtyFiles) {
        changed.add(file);
        this.reindexDocument(file, environment.context, dirtyGroups);
      }
      this.dirtyFiles.clear();
      for (const group of dirtyGroups) this.recheckGroup(group, environment.context, changed);
    }
    if (changed.size > 0) this.allDiagnostics = undefined;
    for (const file of changed) {
      this.diagnosticsCache.delete(file);
      this.unreportedChanges.add(file);
    }
  }

  // -------------------------------------------------------------------------------------------

  /** The environment of the checks, rebuilt (with every check dropped) when what it holds changed. */
  private currentEnvironment(changed: Set<string>): Environment {
    const registryFiles: string[] = [];
    const registries: ParsedDocument[] = [];
    for (const registry of this.allRegistryFiles()) {
      const parsed = this.parsedDocument(registry);
      if (!parsed) continue;
      registryFiles.push(registry);
      registries.push(parsed);
    }
    const current = this.environment;
    if (current && current.configState === this.configState && current.epoch === this.environmentEpoch && sameItems(current.registries, registries)) {
      return current;
    }
    // Everything that had or may have diagnostics is rechecked and republished.
    for (const file of this.filesWithDiagnostics()) changed.add(file);
    if (this.configFile !== undefined) changed.add(this.configFile);
    for (const file of this.documents.keys()) this.dirtyFiles.add(file);
    for (const file of this.indexed.keys()) this.dirtyFiles.add(file);
    this.indexed.clear();
    this.documentFindings.clear();
    this.keyGroups.clear();
    this.idGroups.clear();
    this.soleIdHolders.clear();
    this.groupsWithFindingsIn.clear();
    this.diagnosticsCache.clear();
    const sources = registries.flatMap((registry) => registry.sources);
    const context = this.ruleContext(sources);
    const environment: Environment = { configState: this.configState, epoch: this.environmentEpoch, registries, context, findingsByFile: new Map() };
    const findings: Finding[] = [];
    registries.forEach((parsed, index) => {
      if (!this.documents.has(registryFiles[index]!)) append(findings, parsed.findings);
    });
    append(findings, this.configSourceFindings());
    for (const rule of this.rules) {
      if (rule.checkSources) append(findings, this.guarded(rule, sources[0]?.file, () => rule.checkSources!(sources, context)));
    }
    for (const group of sourceIdGroups(sources)) {
      for (const rule of this.rules) {
        if (rule.checkIdGroup) append(findings, this.guarded(rule, group.holders[0]?.file, () => rule.checkIdGroup!(group, context)));
      }
    }
    for (const finding of findings) pushTo(environment.findingsByFile, finding.file, finding);
    for (const file of environment.findingsByFile.keys()) changed.add(file);
    this.environment = environment;
    return environment;
  }

  /** Swaps a document's claims and ids in their groups, and reruns its own checks. */
  private reindexDocument(file: string, context: RuleContext, dirtyGroups: Set<AnyGroup>): void {
    const before = this.indexed.get(file);
    const after = this.documents.has(file) ? this.parsedDocument(file) : undefined;
    // Every old claim leaves its groups before any new one joins: a group holds a file's claims as one run.
    const left = new Set<AnyGroup>();
    for (const claim of before?.claims ?? []) this.leaveGroups(file, claim, left);
    for (const group of left) {
      removeFile(group, file);
      dirtyGroups.add(group);
    }
    if (!after) {
      this.indexed.delete(file);
      this.documentFindings.delete(file);
      return;
    }
    this.indexed.set(file, after);
    // The document's claims by key first: each group then takes the file's list in one step.
    const byKey = new Map<string, Claim[]>();
    for (const claim of after.claims) {
      const key = keyOf(claim);
      if (key) pushTo(byKey, key, claim);
      if (claim.id) this.joinIdGroup(claim.id, claim, dirtyGroups);
    }
    for (const [key, claims] of byKey) {
      const group = groupOf(this.keyGroups, 'key', key);
      addMembers(group, claims);
      dirtyGroups.add(group);
    }
    const findings: Finding[] = [];
    for (const rule of this.rules) {
      if (rule.checkClaim) this.checkEach(rule, file, after.claims, (claim) => rule.checkClaim!(claim, context), (claim) => claim.span, findings);
    }
    for (const rule of this.rules) {
      if (rule.checkCitation) {
        this.checkEach(rule, file, after.citations, (citation) => rule.checkCitation!({ file, citation }, context), (citation) => citation.span, findings);
      }
    }
    this.documentFindings.set(file, findings);
  }

  /** Notes the groups a claim of `file` leaves (the caller takes the file's share out of each once). */
  private leaveGroups(file: string, claim: Claim, left: Set<AnyGroup>): void {
    const key = keyOf(claim);
    const keyGroup = key ? this.keyGroups.get(key) : undefined;
    if (keyGroup) left.add(keyGroup);
    const idGroup = claim.id ? this.idGroups.get(claim.id) : undefined;
    if (idGroup) left.add(idGroup);
    else if (claim.id && this.soleIdHolders.get(claim.id)?.file === file) this.soleIdHolders.delete(claim.id);
  }

  private joinIdGroup(id: string, claim: Claim, dirtyGroups: Set<AnyGroup>): void {
    const group = this.idGroups.get(id);
    if (group) {
      addMembers(group, [idHolderOf(id, claim)]);
      dirtyGroups.add(group);
      return;
    }
    const sole = this.soleIdHolders.get(id);
    if (!sole) {
      this.soleIdHolders.set(id, claim);
      return;
    }
    // A second holder: from now on the id is a group that the rules check.
    this.soleIdHolders.delete(id);
    const created = groupOf(this.idGroups, 'id', id);
    addMembers(created, [idHolderOf(id, sole), idHolderOf(id, claim)]);
    dirtyGroups.add(created);
  }

  /** Reruns one key's or one id's checks and notes the files whose findings changed. */
  private recheckGroup(group: AnyGroup, context: RuleContext, changed: Set<string>): void {
    const findings: Finding[] = [];
    if (group.kind === 'key') {
      const claims = membersInOrder(group as Group<Claim>);
      if (claims.length === 0) this.keyGroups.delete(group.name);
      else {
        const keyGroup: KeyGroup = { key: group.name, subject: claims[0]!.subject!.id, metric: claims[0]!.metric!.id, claims };
        for (const rule of this.rules) {
          if (rule.checkKey) append(findings, this.guarded(rule, claims[0]!.file, () => rule.checkKey!(keyGroup, context), claims[0]!.span));
        }
      }
    } else {
      const holders = membersInOrder(group as Group<IdHolder>);
      if (holders.length === 0) this.idGroups.delete(group.name);
      else {
        const idGroup: IdGroup = { id: group.name, kind: 'claim', holders };
        for (const rule of this.rules) {
          if (rule.checkIdGroup) append(findings, this.guarded(rule, holders[0]!.file, () => rule.checkIdGroup!(idGroup, context), holders[0]!.span));
        }
      }
    }
    const before = group.findings;
    for (const file of before?.keys() ?? []) this.groupsWithFindingsIn.get(file)?.delete(group);
    group.findings = undefined;
    if (findings.length > 0) {
      group.findings = new Map();
      for (const finding of findings) pushTo(group.findings, finding.file, finding);
      for (const file of group.findings.keys()) {
        let groups = this.groupsWithFindingsIn.get(file);
        if (!groups) this.groupsWithFindingsIn.set(file, (groups = new Set()));
        groups.add(group);
      }
    }
    // Only files whose findings from this group really differ are republished: an edit in a key
    // of many claims need not resend every file of the key.
    for (const file of new Set([...(before?.keys() ?? []), ...(group.findings?.keys() ?? [])])) {
      if (!sameFindings(before?.get(file), group.findings?.get(file))) changed.add(file);
    }
  }

  /** Runs a rule on each unit of a document; only after a failure is each unit guarded on its own. */
  private checkEach<T>(rule: Rule, file: string, units: readonly T[], check: (unit: T) => Finding[], spanOf: (unit: T) => Span, out: Finding[]): void {
    const mark = out.length;
    try {
      for (const unit of units) append(out, check(unit));
    } catch {
      out.length = mark;
      for (const unit of units) append(out, this.guarded(rule, file, () => check(unit), spanOf(unit)));
    }
  }

  /**
   * Runs one rule on one unit. A rule that throws loses its findings for that unit only, and the
   * failure is reported where the unit is, so that a bug in one rule never hides the others.
   */
  private guarded(rule: Rule, file: string | undefined, run: () => Finding[], span: Span = { start: 0, end: 0 }): Finding[] {
    try {
      return run();
    } catch (error) {
      if (file === undefined) return [];
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return [
        {
          rule: rule.id as RuleId,
          file,
          span,
          severity: 'warning',
          message: `claimlint's ${rule.id} rule failed here (${reason.replace(/\s+/g, ' ').slice(0, 200)}), so its findings for this part are missing. This is a bug in claimlint; please report it.`,
          related: [],
        },
      ];
    }
  }

  /** Every finding on one file, before rule settings and suppressions. */
  private findingsOf(file: string): Finding[] {
    const findings: Finding[] = [];
    if (file === this.configFile) append(findings, this.configState.findings);
    const unreadable = this.unreadable.get(file);
    if (unreadable) findings.push(unreadable);
    if (this.documents.has(file)) append(findings, this.parsedDocument(file)?.findings ?? []);
    append(findings, this.documentFindings.get(file) ?? []);
    for (const group of this.groupsWithFindingsIn.get(file) ?? []) append(findings, group.findings?.get(file) ?? []);
    append(findings, this.environment?.findingsByFile.get(file) ?? []);
    return findings;
  }

  /** Files that may have diagnostics (a file not listed has none). */
  private filesWithDiagnostics(): Set<string> {
    const files = new Set<string>(this.documents.keys());
    for (const file of this.unreadable.keys()) files.add(file);
    if (this.configFile !== undefined && this.configState.findings.length > 0) files.add(this.configFile);
    for (const file of this.groupsWithFindingsIn.keys()) files.add(file);
    for (const file of this.environment?.findingsByFile.keys() ?? []) files.add(file);
    return files;
  }

  private loadConfig(): void {
    const parsed = this.configText !== undefined && this.configFile ? parseConfig(this.configText, this.configFile) : { config: DEFAULT_CONFIG, findings: [], usable: true };
    if (!parsed.usable && this.lastGoodConfig) {
      // Half-typed YAML must not switch every alias and rule off while the writer is mid-edit.
      const first = parsed.findings[0];
      const note = first ? [{ ...first, message: `${first.message} (the last settings that parsed stay in force until this is fixed)` }] : [];
      this.configState = { ...this.lastGoodConfig, findings: [...note, ...parsed.findings.slice(1)] };
    } else {
      const config = parsed.config;
      const vocabulary = new Vocabulary({ subjects: config.subjects, metrics: config.metrics });
      const quantityOptions: QuantityOptions = { approximation: config.approximation, assume: config.assume, countNouns: countNouns(config.units) };
      this.configState = { config, findings: parsed.findings, vocabulary, quantityOptions };
      if (parsed.usable) this.lastGoodConfig = this.configState;
    }
    this.configDocument = undefined;
    const include = picomatch(this.config.include, { dot: true });
    const exclude = picomatch(this.config.exclude, { dot: true });
    this.isIncludedPath = (relative) => include(relative) && !exclude(relative);
    // Everything read depends on the config (aliases, units, approximation): parse again lazily.
    for (const [file, state] of this.documents) {
      state.parsed = undefined;
      if (MARKDOWN_FILE.test(file)) this.unparsedMarkdown.add(file);
    }
    this.hostFiles.clear();
    this.archiveCache.clear();
  }

  /**
   * Findings on claimlint.yaml's `sources:` entries: one that leads out of the workspace is not
   * read, and one that names no readable file would make all its citations look unknown.
   */
  private configSourceFindings(): Finding[] {
    if (this.configFile === undefined) return [];
    const text = this.configText ?? '';
    // Only entries the writer listed are missing files: the default (sources.yaml) may well not exist.
    const listed = /^sources\s*:/m.test(text);
    const findings: Finding[] = [];
    for (const source of this.config.sources) {
      const file = this.resolveConfigSource(source);
      const at = text.indexOf(source);
      const span = at >= 0 ? { start: at, end: at + source.length } : { start: 0, end: 0 };
      if (!this.isInsideRoot(file)) {
        findings.push(invalidClaimFinding(this.configFile, span, outsideMessage('registry', source, this.root)));
      } else if (listed && at >= 0 && this.stateOf(file) === undefined) {
        const remote = /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? '; claimlint never fetches URLs, so keep a local copy in the workspace' : '';
        findings.push(invalidClaimFinding(this.configFile, span, `the source registry "${source}" cannot be read${remote}`));
      }
    }
    return findings;
  }

  private resolveConfigSource(source: string): string {
    return resolvePath(`${this.root}/claimlint.yaml`, source);
  }

  private allRegistryFiles(): Set<string> {
    for (const file of this.unparsedMarkdown) this.parsedDocument(file);
    const files = new Set(this.registryFiles());
    for (const file of this.bibliographyCount.keys()) files.add(file);
    return files;
  }

  /** Records the registries a Markdown document names (front matter `bibliography:`). */
  private countBibliography(file: string, bibliography: string[]): void {
    for (const entry of this.bibliographyOf.get(file) ?? []) {
      const count = (this.bibliographyCount.get(entry) ?? 1) - 1;
      if (count > 0) this.bibliographyCount.set(entry, count);
      else this.bibliographyCount.delete(entry);
    }
    if (bibliography.length === 0) this.bibliographyOf.delete(file);
    else this.bibliographyOf.set(file, bibliography);
    for (const entry of bibliography) this.bibliographyCount.set(entry, (this.bibliographyCount.get(entry) ?? 0) + 1);
  }

  private hostDocument(file: string): DocumentState | undefined {
    let state = this.hostFiles.get(file);
    if (state === undefined) {
      const text = this.host.readFile(file);
      state = text === undefined ? null : { text };
      this.hostFiles.set(file, state);
    }
    return state ?? undefined;
  }

  /** The config, a handed-in document, or a file read through the host. */
  private stateOf(file: string): DocumentState | undefined {
    if (file === this.configFile && this.configText !== undefined) return (this.configDocument ??= { text: this.configText });
    return this.documents.get(file) ?? this.hostDocument(file);
  }

  private linesOf(file: string): LineIndex {
    const state = this.stateOf(file);
    if (!state) return new LineIndex('');
    return (state.lines ??= new LineIndex(state.text));
  }

  private parsedDocument(file: string): ParsedDocument | undefined {
    const isDocument = this.documents.has(file);
    const state = this.documents.get(file) ?? this.hostDocument(file);
    if (!state) return undefined;
    if (!state.parsed) {
      state.parsed = this.parse(file, state.text);
      if (isDocument && MARKDOWN_FILE.test(file)) {
        this.unparsedMarkdown.delete(file);
        this.countBibliography(file, state.parsed.bibliography);
      }
    }
    return state.parsed;
  }

  private parse(file: string, text: string): ParsedDocument {
    const { vocabulary, quantityOptions } = this.configState;
    const empty: ParsedDocument = { claims: [], citations: [], sources: [], findings: [], suppressions: [], bibliography: [] };
    const isBibliography = /\.(bib|json)$/i.test(file) || this.registryFiles().includes(file);
    if (isBibliography) {
      const { sources, findings } = parseSourceRegistry(text, file);
      for (const source of sources) {
        if (!source.archive) continue;
        const archivePath = resolvePath(file, source.archive);
        if (this.isInsideRoot(archivePath)) source.archivePath = archivePath;
        else {
          delete source.archivePath;
          findings.push(invalidClaimFinding(file, source.idSpan, outsideMessage(`archive of "${source.id}"`, source.archive, this.root)));
        }
      }
      return { ...empty, sources, findings };
    }
    if (CLAIMS_FILE.test(file)) {
      const { claims: raws, findings, suppressions } = parseClaimsFile(text, file);
      const extracted = extractYamlClaims(file, raws, vocabulary, quantityOptions);
      return { ...empty, claims: extracted.claims, citations: extracted.citations, findings: [...findings, ...extracted.findings], suppressions };
    }
    if (MARKDOWN_FILE.test(file)) {
      const document = parseMarkdown(text);
      const extracted = extractMarkdownClaims(file, document, vocabulary, quantityOptions, this.linesOf(file));
      const findings = [...extracted.findings];
      const frontMatter = document.frontMatter;
      if (frontMatter?.error) findings.push(invalidClaimFinding(file, frontMatter.error.span, frontMatter.error.message));
      const bibliography: string[] = [];
      for (const entry of frontMatter?.bibliography ?? []) {
        const resolved = resolvePath(file, entry.path);
        if (this.isInsideRoot(resolved)) bibliography.push(resolved);
        else findings.push(invalidClaimFinding(file, entry.span, outsideMessage('bibliography', entry.path, this.root)));
      }
      return { ...empty, claims: extracted.claims, citations: extracted.citations, findings, suppressions: document.suppressions, bibliography };
    }
    return empty;
  }

  private ruleContext(sources: SourceEntry[]): RuleContext {
    const { config, vocabulary, quantityOptions } = this.configState;
    const sourcesById = new Map<string, SourceEntry[]>();
    for (const source of sources) pushTo(sourcesById, source.id, source);
    return {
      config,
      quantityOptions,
      vocabulary,
      sourcesById,
      describe: createClaimDescriber(vocabulary, this.root, (file, offset) => this.positionAt(file, offset).line),
      archiveFigures: (path) => this.archiveFigures(path),
      toleranceFor: (metricId) => (metricId ? vocabulary.get('metric', metricId)?.tolerance : undefined) ?? config.tolerance,
    };
  }

  private archiveFigures(path: string): readonly FigureMatch[] | undefined {
    let figures = this.archiveCache.get(path);
    if (figures === undefined) {
      const text = this.textOf(path);
      figures = text === undefined ? null : findFigures(text, this.configState.quantityOptions);
      this.archiveCache.set(path, figures);
    }
    return figures ?? undefined;
  }

  /** Rule settings, per-finding demotions and suppression comments → one file's final diagnostics. */
  private finish(file: string, findings: Finding[]): Diagnostic[] {
    const settings = this.config.rules;
    const suppressions = this.documents.has(file) || this.hostFiles.has(file) ? this.parsedDocument(file)?.suppressions : undefined;
    const diagnostics: Diagnostic[] = [];
    for (const finding of findings) {
      const rule = RULES.find((r) => r.id === finding.rule);
      const setting = settings[finding.rule] ?? rule?.defaultSeverity ?? 'error';
      if (setting === 'off') continue;
      const severity = finding.severity && SEVERITY_RANK[finding.severity] < SEVERITY_RANK[setting] ? finding.severity : setting;
      if (suppressions && suppressions.length > 0 && this.isSuppressed(finding, suppressions)) continue;
      diagnostics.push({ ...finding, severity });
    }
    return diagnostics.sort(compareDiagnostics);
  }

  private isSuppressed(finding: Finding, suppressions: readonly Suppression[]): boolean {
    const line = this.positionAt(finding.file, finding.span.start).line;
    return suppressions.some((s) => line >= s.fromLine && line <= s.toLine && (s.rules.length === 0 || s.rules.includes(finding.rule)));
  }
}

const RULE_ORDER = new Map(RULES.map((rule, index) => [rule.id as string, index]));

/** In a file: by place, then by rule (in RULES order), then by message, so the order never depends on history. */
function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.span.start - b.span.start ||
    a.span.end - b.span.end ||
    (RULE_ORDER.get(a.rule) ?? 99) - (RULE_ORDER.get(b.rule) ?? 99) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function outsideMessage(what: string, written: string, root: string): string {
  return `the ${what} "${written}" lies outside the workspace (${root}), so it is not read: claimlint reads only files inside the workspace`;
}

function groupOf<T extends { file: string }>(groups: Map<string, Group<T>>, kind: Group<T>['kind'], name: string): Group<T> {
  let group = groups.get(name);
  if (!group) groups.set(name, (group = { kind, name, members: [], sorted: true, findings: undefined }));
  return group;
}

/** Appends one file's share (in document order) to a group that holds none of that file. */
function addMembers<T extends { file: string }>(group: Group<T>, share: readonly T[]): void {
  const last = group.members[group.members.length - 1];
  if (last !== undefined && share.length > 0 && last.file > share[0]!.file) group.sorted = false;
  for (const member of share) group.members.push(member);
}

function removeFile(group: AnyGroup, file: string): void {
  (group as Group<{ file: string }>).members = group.members.filter((member: { file: string }) => member.file !== file);
}

/** A group's members in file order, then in document order within a file. */
function membersInOrder<T extends { file: string }>(group: Group<T> | undefined): T[] {
  if (!group) return [];
  if (!group.sorted) {
    // Stable: each file's share keeps its document order.
    group.members.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    group.sorted = true;
  }
  return group.members.slice();
}

function idHolderOf(id: string, claim: Claim): IdHolder {
  return { id, file: claim.file, span: claim.idSpan ?? claim.span };
}

function sourceIdGroups(sources: readonly SourceEntry[]): IdGroup[] {
  const byId = new Map<string, IdHolder[]>();
  for (const source of sources) pushTo(byId, source.id, { id: source.id, file: source.file, span: source.idSpan });
  return [...byId].map(([id, holders]) => ({ id, kind: 'source', holders }));
}

/** push(...items) passes every item as an argument: a key of 100,000 claims overflows the stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function countNouns(units: Record<string, string>): Record<string, string> {
  const nouns: Record<string, string> = {};
  for (const [noun, kind] of Object.entries(units)) if (kind === 'count') nouns[noun] = kind;
  return nouns;
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
