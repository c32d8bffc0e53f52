// What a rule is and what it may look at. Rules come in scopes so that the language server can
// re-run only what an edit touched: a claim's or citation's own checks, one key's comparisons, one
// id's holders, and checks of the source registries (which change rarely). No scope sees the whole
// workspace at once: an edit's cost must not grow with the workspace. Rules never do I/O: the
// context hands them everything, archives included. They should never throw on user content; if
// one does, the workspace reports it and keeps the other rules' findings.
import type { Citation, Claim, Finding, RuleId, Severity, SourceEntry, Span } from '../model';
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

/** Something with an id: a claim or a source entry, where its id is written. */
export interface IdHolder {
  id: string;
  file: string;
  span: Span;
}

/** Every claim, or every source, that carries one id, in file and offset order. */
export interface IdGroup {
  id: string;
  kind: 'claim' | 'source';
  holders: readonly IdHolder[];
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
  /** Checks the claims, or the sources, that share one id. */
  checkIdGroup?(group: IdGroup, context: RuleContext): Finding[];
  /** Checks the source registries as a whole (rerun only when a registry or archive changes). */
  checkSources?(sources: readonly SourceEntry[], context: RuleContext): Finding[];
}
