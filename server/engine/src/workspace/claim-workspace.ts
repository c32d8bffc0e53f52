// The workspace: every checked document, parsed once and kept, the registries they cite, and the
// rules run over the claims grouped by key. The CLI feeds it files from disk; the language server
// feeds it open buffers and disk changes. Nothing here reads a file except through the host.
import picomatch from 'picomatch/posix';
import { parseMarkdown } from '../markdown';
import type { Claim, Diagnostic, FigureMatch, Finding, QuantityOptions, Severity, SourceEntry, Suppression } from '../model';
import { findFigures } from '../quantity';
import { RULES, type LocatedCitation, type RuleContext, type WorkspaceFacts } from '../rules';
import { invalidClaimFinding } from '../rules/invalid-claim';
import { parseSourceRegistry } from '../sources';
import { resolvePath } from '../sources/resolve-path';
import { LineIndex, type Position } from '../text/line-index';
import { Vocabulary } from '../vocabulary';
import { parseClaimsFile } from '../yaml/claims-file';
import { DEFAULT_CONFIG, parseConfig, type ClaimlintConfig } from '../yaml/config';
import { createClaimDescriber, relativeTo, type ClaimDescriber } from './describe-claim';
import { extractMarkdownClaims } from './extract-markdown-claims';
import { extractYamlClaims } from './extract-yaml-claims';
import { groupByKey } from './key-index';

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
}

export type DocumentKind = 'markdown' | 'claims' | 'registry' | 'config' | 'other';

/** What one document contributes, computed once per text. */
interface ParsedDocument {
  claims: Claim[];
  citations: LocatedCitation[];
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

/** Rule findings of one document, by index in RULES, valid while its parse is the same object. */
interface DocumentChecks {
  parsed: ParsedDocument;
  claimFindings: Finding[][];
  citationFindings: Finding[][];
}

/** Rule findings of one key, by index in RULES, valid while its claims are the same objects. */
interface KeyChecks {
  claims: Claim[];
  findings: Finding[][];
}

interface CheckCache {
  configState: unknown;
  epoch: number;
  registries: ParsedDocument[];
  documents: Map<string, DocumentChecks>;
  keys: Map<string, KeyChecks>;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export class ClaimWorkspace {
  readonly root: string;
  private readonly host: WorkspaceHost;
  private configFile: string | undefined;
  private configText: string | undefined;
  private configState!: { config: ClaimlintConfig; findings: Finding[]; vocabulary: Vocabulary; quantityOptions: QuantityOptions };
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
  private checkCache: CheckCache = { configState: undefined, epoch: -1, registries: [], documents: new Map(), keys: new Map() };

  constructor(options: WorkspaceOptions) {
    this.root = stripTrailingSlash(options.root);
    this.host = options.host;
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
    return this.config.sources.map((source) => resolvePath(`${this.root}/claimlint.yaml`, source));
  }

  kindOf(file: string): DocumentKind {
    if (file === this.configFile) return 'config';
    if (this.allRegistryFiles().has(file)) return 'registry';
    if (/\.claims\.ya?ml$/i.test(file)) return 'claims';
    if (/\.(md|markdown)$/i.test(file)) return 'markdown';
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
    this.unreadable.delete(file);
    this.hostFiles.delete(file);
    this.archiveCache.delete(file);
  }

  removeDocument(file: string): void {
    this.noteEnvironmentChange(file);
    this.documents.delete(file);
    this.hostFiles.delete(file);
    this.archiveCache.delete(file);
    this.unreadable.delete(file);
  }

  /** Checks read archives and registries through the context: a change there invalidates them all. */
  private noteEnvironmentChange(file: string): void {
    const checkedKind = /\.(md|markdown|claims\.ya?ml)$/i.test(file);
    if (!checkedKind || this.archiveCache.has(file) || this.hostFiles.has(file)) this.environmentEpoch++;
  }

  /** Reports a file that could not be checked at all (binary, too large, unreadable). */
  reportUnreadable(file: string, message: string): void {
    this.documents.delete(file);
    this.unreadable.set(file, { ...invalidClaimFinding(file, { start: 0, end: 0 }, `${message}`), severity: 'warning' });
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

  /** Every citation of every checked document, with its file. */
  citations(): LocatedCitation[] {
    return [...this.documents.keys()].flatMap((file) => this.parsedDocument(file)?.citations ?? []);
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
   * Every diagnostic of the workspace. Cheap to repeat: a document's claim and citation checks are
   * kept until its text changes, a key's comparisons until one of its claims changes, and both are
   * dropped when the config, a registry or an archive changes. Workspace-wide checks (ids) rerun;
   * they are linear. The result equals a computation from scratch, in the same order.
   */
  diagnostics(): Diagnostic[] {
    const findings: Finding[] = [...this.configState.findings, ...this.unreadable.values()];
    const claims: Claim[] = [];
    const citations: LocatedCitation[] = [];
    const documentChecks: DocumentChecks[] = [];
    const sources: SourceEntry[] = [];
    const registries: ParsedDocument[] = [];
    for (const registry of this.allRegistryFiles()) {
      const parsed = this.parsedDocument(registry);
      if (!parsed) continue;
      registries.push(parsed);
      sources.push(...parsed.sources);
    }
    const context = this.ruleContext(sources);
    this.dropStaleChecks(registries);
    for (const file of this.documents.keys()) {
      const parsed = this.parsedDocument(file);
      if (!parsed) continue;
      claims.push(...parsed.claims);
      citations.push(...parsed.citations);
      findings.push(...parsed.findings);
      let checks = this.checkCache.documents.get(file);
      if (!checks || checks.parsed !== parsed) {
        checks = {
          parsed,
          claimFindings: RULES.map((rule) => (rule.checkClaim ? parsed.claims.flatMap((claim) => rule.checkClaim!(claim, context)) : [])),
          citationFindings: RULES.map((rule) => (rule.checkCitation ? parsed.citations.flatMap((citation) => rule.checkCitation!(citation, context)) : [])),
        };
        this.checkCache.documents.set(file, checks);
      }
      documentChecks.push(checks);
    }
    for (const file of this.checkCache.documents.keys()) if (!this.documents.has(file)) this.checkCache.documents.delete(file);
    for (const registry of this.allRegistryFiles()) {
      const parsed = this.parsedDocument(registry);
      if (parsed && !this.documents.has(registry)) findings.push(...parsed.findings);
    }
    const facts: WorkspaceFacts = { claims, citations, sources };
    const keyChecks: KeyChecks[] = [];
    const seenKeys = new Set<string>();
    for (const group of groupByKey(claims).values()) {
      seenKeys.add(group.key);
      let checks = this.checkCache.keys.get(group.key);
      if (!checks || !sameItems(checks.claims, group.claims)) {
        checks = { claims: group.claims, findings: RULES.map((rule) => (rule.checkKey ? rule.checkKey(group, context) : [])) };
        this.checkCache.keys.set(group.key, checks);
      }
      keyChecks.push(checks);
    }
    for (const key of this.checkCache.keys.keys()) if (!seenKeys.has(key)) this.checkCache.keys.delete(key);
    RULES.forEach((rule, index) => {
      for (const checks of documentChecks) findings.push(...checks.claimFindings[index]!);
      for (const checks of documentChecks) findings.push(...checks.citationFindings[index]!);
      for (const checks of keyChecks) findings.push(...checks.findings[index]!);
      if (rule.checkWorkspace) findings.push(...rule.checkWorkspace(facts, context));
    });
    return this.finish(findings);
  }

  /** Forgets every cached check when what all checks read (config, registries, archives) changed. */
  private dropStaleChecks(registries: ParsedDocument[]): void {
    const cache = this.checkCache;
    const same = cache.configState === this.configState && cache.epoch === this.environmentEpoch && sameItems(cache.registries, registries);
    if (same) return;
    this.checkCache = { configState: this.configState, epoch: this.environmentEpoch, registries, documents: new Map(), keys: new Map() };
  }

  // -------------------------------------------------------------------------------------------

  private loadConfig(): void {
    const parsed = this.configText !== undefined && this.configFile ? parseConfig(this.configText, this.configFile) : { config: DEFAULT_CONFIG, findings: [] };
    const config = parsed.config;
    const vocabulary = new Vocabulary({ subjects: config.subjects, metrics: config.metrics });
    const quantityOptions: QuantityOptions = { approximation: config.approximation, assume: config.assume, countNouns: countNouns(config.units) };
    this.configState = { config, findings: parsed.findings, vocabulary, quantityOptions };
    this.configDocument = undefined;
    const include = picomatch(config.include, { dot: true });
    const exclude = picomatch(config.exclude, { dot: true });
    this.isIncludedPath = (relative) => include(relative) && !exclude(relative);
    // Everything read depends on the config (aliases, units, approximation): parse again lazily.
    for (const state of this.documents.values()) state.parsed = undefined;
    this.hostFiles.clear();
    this.archiveCache.clear();
  }

  private allRegistryFiles(): Set<string> {
    const files = new Set(this.registryFiles());
    for (const file of this.documents.keys()) {
      if (!/\.(md|markdown)$/i.test(file)) continue;
      for (const bibliography of this.parsedDocument(file)?.bibliography ?? []) files.add(bibliography);
    }
    return files;
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
    const state = this.documents.get(file) ?? this.hostDocument(file);
    if (!state) return undefined;
    if (!state.parsed) state.parsed = this.parse(file, state.text);
    return state.parsed;
  }

  private parse(file: string, text: string): ParsedDocument {
    const { vocabulary, quantityOptions } = this.configState;
    const empty: ParsedDocument = { claims: [], citations: [], sources: [], findings: [], suppressions: [], bibliography: [] };
    const isBibliography = /\.(bib|json)$/i.test(file) || this.registryFiles().includes(file);
    if (isBibliography) {
      const { sources, findings } = parseSourceRegistry(text, file);
      for (const source of sources) if (source.archive) source.archivePath = resolvePath(file, source.archive);
      return { ...empty, sources, findings };
    }
    if (/\.claims\.ya?ml$/i.test(file)) {
      const { claims: raws, findings, suppressions } = parseClaimsFile(text, file);
      const extracted = extractYamlClaims(file, raws, vocabulary, quantityOptions);
      return { ...empty, claims: extracted.claims, citations: extracted.citations, findings: [...findings, ...extracted.findings], suppressions };
    }
    if (/\.(md|markdown)$/i.test(file)) {
      const document = parseMarkdown(text);
      const extracted = extractMarkdownClaims(file, document, vocabulary, quantityOptions, this.linesOf(file));
      const findings = [...extracted.findings];
      const frontMatter = document.frontMatter;
      if (frontMatter?.error) findings.push(invalidClaimFinding(file, frontMatter.error.span, `Front matter: ${frontMatter.error.message}`));
      const bibliography = (frontMatter?.bibliography ?? []).map((entry) => resolvePath(file, entry.path));
      return { ...empty, claims: extracted.claims, citations: extracted.citations, findings, suppressions: document.suppressions, bibliography };
    }
    return empty;
  }

  private ruleContext(sources: SourceEntry[]): RuleContext {
    const { config, vocabulary, quantityOptions } = this.configState;
    const sourcesById = new Map<string, SourceEntry[]>();
    for (const source of sources) {
      const list = sourcesById.get(source.id);
      if (list) list.push(source);
      else sourcesById.set(source.id, [source]);
    }
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

  /** Rule settings, per-finding demotions and suppression comments → final diagnostics. */
  private finish(findings: Finding[]): Diagnostic[] {
    const settings = this.config.rules;
    const diagnostics: Diagnostic[] = [];
    for (const finding of findings) {
      const rule = RULES.find((r) => r.id === finding.rule)!;
      const setting = settings[finding.rule] ?? rule.defaultSeverity;
      if (setting === 'off') continue;
      const severity = finding.severity && SEVERITY_RANK[finding.severity] < SEVERITY_RANK[setting] ? finding.severity : setting;
      if (this.isSuppressed(finding)) continue;
      diagnostics.push({ ...finding, severity });
    }
    return diagnostics;
  }

  private isSuppressed(finding: Finding): boolean {
    const suppressions = this.parsedDocument(finding.file)?.suppressions;
    if (!suppressions || suppressions.length === 0) return false;
    const line = this.positionAt(finding.file, finding.span.start).line;
    return suppressions.some((s) => line >= s.fromLine && line <= s.toLine && (s.rules.length === 0 || s.rules.includes(finding.rule)));
  }
}

function countNouns(units: Record<string, string>): Record<string, string> {
  const nouns: Record<string, string> = {};
  for (const [noun, kind] of Object.entries(units)) if (kind === 'count') nouns[noun] = kind;
  return nouns;
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

