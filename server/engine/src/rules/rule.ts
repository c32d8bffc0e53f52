// What a rule is and what it may look at. Rules come in three scopes so that the language server
// can re-run only what an edit touched: a claim's own checks, one key's comparisons, and checks
// that need the whole workspace (ids). Rules never throw on user content and never do I/O: the
// context hands them everything, archives included.
import type { Citation, Claim, Finding, RuleId, Severity, SourceEntry } from '../model';
import type { FigureMatch, QuantityOptions } from '../model';
import type { ClaimlintConfig } from '../yaml/config';
import type { Vocabulary } from '../vocabulary';
import type { ClaimDescriber } from '../workspace/describe-claim';
import type { KeyGroup } from '../workspace/key-index';

/** A citation wherever it is written (Markdown sentence or YAML `sources:`), for unknown-source. */
export interface LocatedCitation {
  file: string;
  citation: Citation;
}

export interface RuleContext {
  readonly config: ClaimlintConfig;
  readonly quantityOptions: QuantityOptions;
  readonly vocabulary: Vocabulary;
  readonly sourcesById: ReadonlyMap<string, readonly SourceEntry[]>;
  readonly describe: ClaimDescriber;
  /** The figures in a source's archive copy (read through the host, cached), or undefined when
   *  the archive cannot be read. */
  archiveFigures(archivePath: string): readonly FigureMatch[] | undefined;
  /** Relative tolerance for comparisons of one metric: the metric's own, else the global one. */
  toleranceFor(metricId: string | undefined): number;
}

export interface WorkspaceFacts {
  readonly claims: readonly Claim[];
  readonly citations: readonly LocatedCitation[];
  readonly sources: readonly SourceEntry[];
}

export interface Rule {
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  /** One line, for SARIF's shortDescription, the rule list and hovers. */
  readonly description: string;
  /** Checks one claim on its own. */
  checkClaim?(claim: Claim, context: RuleContext): Finding[];
  /** Checks one citation on its own. */
  checkCitation?(located: LocatedCitation, context: RuleContext): Finding[];
  /** Compares the claims of one key (subject + metric). */
  checkKey?(group: KeyGroup, context: RuleContext): Finding[];
  /** Needs the whole workspace at once. */
  checkWorkspace?(facts: WorkspaceFacts, context: RuleContext): Finding[];
}
