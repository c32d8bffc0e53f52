// claimlint.yaml: what to check, where the sources are, the vocabulary and the rule settings.
// A config is read part by part: a bad entry falls back to its default and is reported, and the
// rest of the file still applies (a typo under `rules:` must not silently drop `metrics:`).
import { RULE_IDS, type Finding, type RuleId, type RuleSetting } from '../model';
import { schemaProblems, type MessageHints } from './schema-findings';
import { validateConfig } from './schema-validators';
import { finding, oneLine, parseYaml } from './yaml-document';
import { readClean } from './yaml-tree';

export interface SubjectConfig {
  aliases?: string[];
  name?: string;
}

export interface MetricConfig {
  aliases?: string[];
  name?: string;
  unit?: string;
  tolerance?: number;
}

export interface ClaimlintConfig {
  include: string[];
  exclude: string[];
  sources: string[];
  approximation: number;
  tolerance: number;
  assume: Record<string, string>;
  units: Record<string, string>;
  subjects: Record<string, SubjectConfig>;
  metrics: Record<string, MetricConfig>;
  rules: Partial<Record<RuleId, RuleSetting>>;
}

/** The defaults, frozen: every config is built from a copy. */
export const DEFAULT_CONFIG: ClaimlintConfig = Object.freeze({
  include: Object.freeze(['**/*.md', '**/*.claims.yaml', '**/*.claims.yml']),
  exclude: Object.freeze(['node_modules/**', '.git/**']),
  sources: Object.freeze(['sources.yaml']),
  approximation: 0.1,
  tolerance: 0,
  assume: Object.freeze({}),
  units: Object.freeze({}),
  subjects: Object.freeze({}),
  metrics: Object.freeze({}),
  rules: Object.freeze({}),
}) as unknown as ClaimlintConfig;

/** A fresh copy of the defaults, safe to modify. */
function defaultConfig(): ClaimlintConfig {
  return {
    ...DEFAULT_CONFIG,
    include: [...DEFAULT_CONFIG.include],
    exclude: [...DEFAULT_CONFIG.exclude],
    sources: [...DEFAULT_CONFIG.sources],
    assume: {},
    units: {},
    subjects: {},
    metrics: {},
    rules: {},
  };
}

/** Sections whose entries are named by the user: an error in one entry costs only that entry. */
const ENTRY_SECTIONS: Record<string, { depth: number; noun: string }> = {
  subjects: { depth: 3, noun: 'subject' },
  metrics: { depth: 3, noun: 'metric' },
  rules: { depth: 2, noun: 'rule' },
  assume: { depth: 2, noun: 'assume' },
  units: { depth: 2, noun: 'units' },
};

const hints: MessageHints = {
  label(path) {
    if (path.length === 0) return 'claimlint.yaml';
    const [section, entry, field, index] = path;
    const entries = section === undefined ? undefined : ENTRY_SECTIONS[section];
    if (!entries || entry === undefined) return undefined;
    if (section === 'assume' || section === 'units') return `${section}.${entry}`;
    const owner = `${entries.noun} ${JSON.stringify(entry)}`;
    if (field === undefined) return owner;
    if (index !== undefined) return `${field} entry ${Number(index) + 1} of ${owner}`;
    return `${field} of ${owner}`;
  },
  expectation(path) {
    const [section, , field] = path;
    if (path.length === 1 && (section === 'include' || section === 'exclude')) return 'a glob or a list of globs';
    if (path.length === 1 && section === 'sources') return 'a registry path or a list of them';
    if (path.length === 3 && field === 'aliases') return 'an alias or a list of aliases';
    if (path.length === 2 && (section === 'subjects' || section === 'metrics')) return 'a mapping';
    return undefined;
  },
};

/** Reads claimlint.yaml. Never throws: bad parts are findings, and fall back to their defaults. */
export interface ParsedConfig {
  config: ClaimlintConfig;
  findings: Finding[];
  /** False when the YAML itself is broken (a syntax error): what parsed is a guess, not the writer's settings. */
  usable: boolean;
}

export function parseConfig(text: string, file: string): ParsedConfig {
  const config = defaultConfig();
  const findings: Finding[] = [];
  let usable = false;
  try {
    // A config that reads cleanly and fits the schema needs no positions: take js-yaml's fast path.
    const clean = readClean(text, validateConfig);
    if (clean) {
      if (isRecord(clean.data)) applyConfig(config, clean.data, new PartFilter([]));
      return { config, findings, usable: true };
    }
    const parsed = parseYaml(text, file, 'YAML');
    usable = !parsed.hasSyntaxErrors;
    for (const found of parsed.findings) findings.push(found);
    const problems = schemaProblems(validateConfig, parsed, file, hints);
    for (const found of problems.filter((problem) => problem.reported).map((problem) => problem.finding)) findings.push(found);
    const invalid = problems
      .filter((problem) => problem.keyword !== 'additionalProperties')
      .map((problem) => invalidPart(problem.path));
    const data = parsed.data;
    if (isRecord(data)) applyConfig(config, data, new PartFilter(invalid));
  } catch (error) {
    findings.push(finding(file, { start: 0, end: Math.min(1, text.length) }, `claimlint.yaml could not be read: ${oneLine(error)}`));
  }
  return { config, findings, usable };
}

/** The part of the config an error at `path` invalidates: a top-level key, an entry, or an entry's field. */
function invalidPart(path: readonly string[]): string[] {
  const section = path[0];
  const depth = section !== undefined ? (ENTRY_SECTIONS[section]?.depth ?? 1) : 0;
  return path.slice(0, depth);
}

class PartFilter {
  private readonly invalid: Set<string>;

  constructor(parts: readonly string[][]) {
    this.invalid = new Set(parts.map((part) => JSON.stringify(part)));
  }

  /** Whether the value at path, or anything containing it, failed the schema. */
  isValid(...path: string[]): boolean {
    for (let length = 0; length <= path.length; length++) {
      if (this.invalid.has(JSON.stringify(path.slice(0, length)))) return false;
    }
    return true;
  }
}

function applyConfig(config: ClaimlintConfig, data: Record<string, unknown>, parts: PartFilter): void {
  if (!parts.isValid()) return;
  for (const key of ['include', 'exclude', 'sources'] as const) {
    const list = stringList(data[key]);
    if (list && parts.isValid(key)) config[key] = list;
  }
  for (const key of ['approximation', 'tolerance'] as const) {
    const value = data[key];
    if (typeof value === 'number' && Number.isFinite(value) && parts.isValid(key)) config[key] = value;
  }
  for (const key of ['assume', 'units'] as const) {
    const section = data[key];
    if (!isRecord(section) || !parts.isValid(key)) continue;
    for (const [name, value] of Object.entries(section)) {
      if (typeof value === 'string' && parts.isValid(key, name)) setEntry(config[key], name, value);
    }
  }
  const subjects = data.subjects;
  if (isRecord(subjects) && parts.isValid('subjects')) {
    for (const [id, value] of Object.entries(subjects)) {
      if (!parts.isValid('subjects', id) || (value !== null && !isRecord(value))) continue;
      const entry = value ?? {};
      const subject: SubjectConfig = {};
      const aliases = stringList(entry.aliases);
      if (aliases && parts.isValid('subjects', id, 'aliases')) subject.aliases = aliases;
      if (typeof entry.name === 'string' && parts.isValid('subjects', id, 'name')) subject.name = entry.name;
      setEntry(config.subjects, id, subject);
    }
  }
  const metrics = data.metrics;
  if (isRecord(metrics) && parts.isValid('metrics')) {
    for (const [id, value] of Object.entries(metrics)) {
      if (!parts.isValid('metrics', id) || (value !== null && !isRecord(value))) continue;
      const entry = value ?? {};
      const metric: MetricConfig = {};
      const aliases = stringList(entry.aliases);
      if (aliases && parts.isValid('metrics', id, 'aliases')) metric.aliases = aliases;
      for (const field of ['name', 'unit'] as const) {
        const text = entry[field];
        if (typeof text === 'string' && parts.isValid('metrics', id, field)) metric[field] = text;
      }
      const tolerance = entry.tolerance;
      if (typeof tolerance === 'number' && Number.isFinite(tolerance) && parts.isValid('metrics', id, 'tolerance')) {
        metric.tolerance = tolerance;
      }
      setEntry(config.metrics, id, metric);
    }
  }
  const rules = data.rules;
  if (isRecord(rules) && parts.isValid('rules')) {
    for (const [id, setting] of Object.entries(rules)) {
      if (isRuleId(id) && isRuleSetting(setting) && parts.isValid('rules', id)) config.rules[id] = setting;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A string or a list of strings, as a list; undefined for anything else. */
function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return [...value] as string[];
  return undefined;
}

/** Sets a user-named entry; `__proto__` is a key like any other, not a prototype. */
function setEntry<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}

function isRuleSetting(value: unknown): value is RuleSetting {
  return value === 'off' || value === 'info' || value === 'warning' || value === 'error';
}
