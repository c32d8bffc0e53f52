// Subjects (who or where) and metrics (what is measured), and where their aliases occur in prose
// (SPEC §1.1).
//
// Matching rules, for every kind:
// - Latin-script aliases match whole words: not preceded or followed by a Latin letter or digit.
//   The check is made at each end of the alias by that end's character, so `美国` needs no boundary
//   and `F-35战机` needs one only before the F.
// - Aliases made of CJK characters match anywhere.
// - Case-insensitive, except aliases written in capitals (`US`, `EU`, `U.S.`, `F-35`), which match
//   only as written, and the few built-in country names that are also English words (`Turkey`),
//   which need a capital first letter.
// - Hyphens, spaces, no-break spaces and line breaks are all one separator, and a run of them is
//   one: `rare-earth reserves` matches "rare earth reserves" and "rare-earth\nreserves". Full-width
//   letters and digits read as ASCII, curly apostrophes as straight ones.
// - An alias ending in a full stop (`U.S.`) also matches without it ("the U.S" at a sentence end).
// - Where matches overlap, the longest wins; ties go to the leftmost.
//
// Where two entries claim one alias, config beats built-in, the earlier config entry beats the
// later, and a name the library gives two countries ("Congo") is nobody's. A config entry without
// aliases is matched by its id ("lynas", "production").

import { CAPITALISED_ONLY_NAMES, NON_REFERRING_SUBJECT_PHRASES } from './alias-exceptions';
import { AliasMatcher, caseRuleFor, type CaseRule, type MatcherAlias } from './alias-matcher';
import { builtInSubjects } from './built-in-subjects';
import { SuggestionIndex } from './suggestions';
import { matchingKey } from './text-folding';

export type VocabularyKind = 'subject' | 'metric';

export interface VocabularyEntry {
  kind: VocabularyKind;
  /** Lower case. */
  id: string;
  /** Display name: "Russia", "rare-earth reserves" (the configured name, else the first alias, else the id). */
  name: string;
  /** As written (built-in + config). */
  aliases: string[];
  builtIn: boolean;
  /** Metrics: the declared canonical unit (`t`, `USD`, `%`). */
  unit?: string;
  /** Metrics: per-metric slack. */
  tolerance?: number;
}

/**
 * One alias occurrence. `alias` is the vocabulary's alias as written there (`Russia` for "RUSSIA",
 * `U.S.` for "U.S"); `text.slice(start, end)` is the document's own spelling.
 */
export interface AliasMatch {
  kind: VocabularyKind;
  id: string;
  alias: string;
  start: number;
  end: number;
}

export interface VocabularyConfig {
  subjects?: Record<string, { aliases?: string[]; name?: string } | null>;
  metrics?: Record<string, { aliases?: string[]; name?: string; unit?: string; tolerance?: number } | null>;
}

/** Longer aliases are dropped: no one writes them, and they would make every search slower. */
const MAX_ALIAS_LENGTH = 200;

interface ConfiguredEntry {
  id: string;
  aliases: string[];
  name?: string;
  unit?: string;
  tolerance?: number;
}

interface KindTables {
  entries: Map<string, VocabularyEntry>;
  /** Matching key of each alias (and of `U.S.`-style aliases without their last dot) → id. */
  idByAliasKey: Map<string, string>;
  /** What the alias matchers are built from, in priority order. */
  matcherAliases: MatcherAlias[];
  matcher?: AliasMatcher<VocabularyKind>;
  suggestions?: SuggestionIndex;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function usableAlias(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const alias = value.trim();
  if (alias.length === 0 || alias.length > MAX_ALIAS_LENGTH || !/[\p{L}\p{N}]/u.test(alias)) return undefined;
  return alias;
}

function aliasList(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const out: string[] = [];
  for (const item of raw) {
    const alias = usableAlias(item);
    if (alias !== undefined) out.push(alias);
  }
  return out;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Reads one kind's config defensively: anything malformed is ignored, nothing throws. */
function readConfigured(section: unknown, kind: VocabularyKind): Map<string, ConfiguredEntry> {
  const out = new Map<string, ConfiguredEntry>();
  if (!isRecord(section)) return out;
  for (const [rawId, value] of Object.entries(section)) {
    const id = rawId.trim().toLowerCase();
    if (id === '') continue;
    let entry = out.get(id);
    if (entry === undefined) out.set(id, (entry = { id, aliases: [] }));
    if (!isRecord(value)) continue;
    // A loop, not push(...list): a generated config may list more aliases than a call takes arguments.
    for (const alias of aliasList(value.aliases)) entry.aliases.push(alias);
    entry.name = nonEmptyString(value.name) ?? entry.name;
    if (kind === 'metric') {
      entry.unit = nonEmptyString(value.unit) ?? entry.unit;
      const tolerance = value.tolerance;
      if (typeof tolerance === 'number' && Number.isFinite(tolerance) && tolerance >= 0) entry.tolerance = tolerance;
    }
  }
  return out;
}

/** Variant keys a YAML `subject:` may use for an alias: `U.S.` is also `U.S`. */
function resolutionKeys(alias: string): string[] {
  const key = matchingKey(alias);
  return key.length > 1 && key.endsWith('.') ? [key, key.slice(0, -1)] : [key];
}

function buildKind(
  kind: VocabularyKind,
  builtIns: readonly { id: string; name: string; aliases: readonly string[] }[],
  section: unknown,
  blockers: readonly string[],
): KindTables {
  const configured = readConfigured(section, kind);

  // Who owns each alias key: config first (in config order), then built-ins.
  const owner = new Map<string, string>();
  for (const c of configured.values()) {
    c.aliases = c.aliases.filter((a) => {
      const key = matchingKey(a);
      const current = owner.get(key);
      if (current !== undefined && current !== c.id) return false;
      owner.set(key, c.id);
      return true;
    });
  }
  const builtInById = new Map<string, { id: string; name: string; aliases: string[] }>();
  for (const b of builtIns) {
    const aliases = b.aliases.filter((a) => {
      const key = matchingKey(a);
      const current = owner.get(key);
      if (current !== undefined && current !== b.id) return false;
      owner.set(key, b.id);
      return true;
    });
    builtInById.set(b.id, { id: b.id, name: b.name, aliases });
  }

  const entries = new Map<string, VocabularyEntry>();
  const matcherAliases: MatcherAlias[] = [];
  const idByAliasKey = new Map<string, string>();
  const addAlias = (id: string, alias: string, caseRule: CaseRule): void => {
    matcherAliases.push({ id, alias, caseRule });
    for (const key of resolutionKeys(alias)) if (!idByAliasKey.has(key)) idByAliasKey.set(key, id);
  };

  for (const b of builtInById.values()) {
    const c = configured.get(b.id);
    const aliases = [...b.aliases];
    // Sets, not aliases.includes: a generated config may give one entry 100,000 aliases.
    const listed = new Set(aliases);
    const written = new Set(aliases.map((a) => `${caseRuleFor(a)}:${matchingKey(a)}`));
    for (const a of b.aliases) addAlias(b.id, a, CAPITALISED_ONLY_NAMES.has(a) ? 'capitalised' : caseRuleFor(a));
    for (const a of c?.aliases ?? []) {
      if (!listed.has(a)) {
        listed.add(a);
        aliases.push(a);
      }
      const sameAlias = `${caseRuleFor(a)}:${matchingKey(a)}`;
      if (written.has(sameAlias)) continue;
      written.add(sameAlias);
      addAlias(b.id, a, caseRuleFor(a));
    }
    entries.set(b.id, freezeEntry({ kind, id: b.id, name: c?.name ?? b.name, aliases, builtIn: true }, c));
  }

  for (const c of configured.values()) {
    if (builtInById.has(c.id)) continue;
    const aliases: string[] = [];
    const listed = new Set<string>();
    const written = new Set<string>();
    for (const a of c.aliases) {
      // Every spelling the user wrote is listed (completion offers them); the matcher needs one.
      if (!listed.has(a)) {
        listed.add(a);
        aliases.push(a);
      }
      const sameAlias = `${caseRuleFor(a)}:${matchingKey(a)}`;
      if (written.has(sameAlias)) continue;
      written.add(sameAlias);
      addAlias(c.id, a, caseRuleFor(a));
    }
    // An entry declared without aliases is still found in prose, by its id.
    if (aliases.length === 0 && usableAlias(c.id) !== undefined && !owner.has(matchingKey(c.id))) {
      owner.set(matchingKey(c.id), c.id);
      addAlias(c.id, c.id, 'insensitive');
    }
    entries.set(c.id, freezeEntry({ kind, id: c.id, name: c.name ?? aliases[0] ?? c.id, aliases, builtIn: false }, c));
  }

  // Blockers go last: a real alias with the same spelling wins over them.
  for (const phrase of blockers) {
    if (!owner.has(matchingKey(phrase))) matcherAliases.push({ id: null, alias: phrase, caseRule: caseRuleFor(phrase) });
  }

  return { entries, idByAliasKey, matcherAliases };
}

function freezeEntry(entry: VocabularyEntry, configured: ConfiguredEntry | undefined): VocabularyEntry {
  if (configured?.unit !== undefined) entry.unit = configured.unit;
  if (configured?.tolerance !== undefined) entry.tolerance = configured.tolerance;
  Object.freeze(entry.aliases);
  return Object.freeze(entry);
}

export class Vocabulary {
  private readonly subjects: KindTables;
  private readonly metrics: KindTables;
  private keyMatcher: AliasMatcher<VocabularyKind> | undefined;

  constructor(config: VocabularyConfig) {
    const safe: Record<string, unknown> = isRecord(config) ? config : {};
    this.subjects = buildKind('subject', builtInSubjects(), safe.subjects, NON_REFERRING_SUBJECT_PHRASES);
    this.metrics = buildKind('metric', [], safe.metrics, []);
  }

  /** Undefined for a kind that is neither (callers in plain JavaScript, or a cast string). */
  private tablesFor(kind: VocabularyKind): KindTables | undefined {
    return kind === 'subject' ? this.subjects : kind === 'metric' ? this.metrics : undefined;
  }

  /** An id or an alias (as in YAML `subject: russia`) → entry; case-insensitive, ids first. */
  resolve(kind: VocabularyKind, idOrAlias: string): VocabularyEntry | undefined {
    const tables = this.tablesFor(kind);
    if (tables === undefined || typeof idOrAlias !== 'string') return undefined;
    const text = idOrAlias.trim();
    const byId = tables.entries.get(text.toLowerCase());
    if (byId !== undefined) return byId;
    const id = tables.idByAliasKey.get(matchingKey(text));
    return id === undefined ? undefined : tables.entries.get(id);
  }

  get(kind: VocabularyKind, id: string): VocabularyEntry | undefined {
    const tables = this.tablesFor(kind);
    if (tables === undefined || typeof id !== 'string') return undefined;
    return tables.entries.get(id.trim().toLowerCase());
  }

  entries(kind: VocabularyKind): VocabularyEntry[] {
    const tables = this.tablesFor(kind);
    return tables === undefined ? [] : [...tables.entries.values()];
  }

  /** Every alias occurrence of `kind` in text, left to right, non-overlapping (longest wins). */
  findAliases(text: string, kind: VocabularyKind): AliasMatch[] {
    const tables = this.tablesFor(kind);
    if (tables === undefined || typeof text !== 'string') return [];
    tables.matcher ??= new AliasMatcher({ kind, aliases: tables.matcherAliases });
    return tables.matcher.find(text);
  }

  /** `findAliases` for subjects and for metrics, in one walk over the text (what claim extraction needs). */
  findSubjectsAndMetrics(text: string): { subjects: AliasMatch[]; metrics: AliasMatch[] } {
    if (typeof text !== 'string') return { subjects: [], metrics: [] };
    this.keyMatcher ??= new AliasMatcher<VocabularyKind>(
      { kind: 'subject', aliases: this.subjects.matcherAliases },
      { kind: 'metric', aliases: this.metrics.matcherAliases },
    );
    const [subjects, metrics] = this.keyMatcher.findInGroups(text);
    return { subjects: subjects!, metrics: metrics! };
  }

  /** Closest ids/aliases to a misspelling, for "did you mean" messages (edit distance). */
  suggest(kind: VocabularyKind, text: string): string[] {
    const tables = this.tablesFor(kind);
    if (tables === undefined || typeof text !== 'string') return [];
    tables.suggestions ??= new SuggestionIndex(
      (function* () {
        for (const entry of tables.entries.values()) {
          yield entry.id;
          yield* entry.aliases;
        }
      })(),
    );
    return tables.suggestions.suggest(text);
  }
}
