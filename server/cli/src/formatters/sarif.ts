// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Paths are relative
// to %SRCROOT% (the current folder, which is the repository root in CI); columns are UTF-16 code
// units, said explicitly in `columnKind`.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { RULES, type Severity } from '../../../engine/src/index';
import type { LocatedDiagnostic } from '../located-diagnostic';

export interface SarifOptions {
  version: string;
  /** Absolute folder the relative paths are relative to (the current folder). */
  cwd: string;
  /** Absolute URI of the project's home page; SARIF requires absolute URIs, so omitted when unknown. */
  informationUri?: string;
  /** Absolute URI that `<rule-id>.md` is appended to for each rule's `helpUri`; omitted when unknown. */
  ruleDocsUri?: string;
}

const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };
/** Versioned so a change to what is hashed can start a new series instead of silently re-keying alerts. */
const FINGERPRINT_KEY = 'claimlint/v1';

export function formatSarif(diagnostics: readonly LocatedDiagnostic[], options: SarifOptions): string {
  const rules: Sarif.ReportingDescriptor[] = RULES.map(({ id, description, defaultSeverity }) => {
    const rule: Sarif.ReportingDescriptor = {
      id,
      name: camelName(id),
      shortDescription: { text: description },
      defaultConfiguration: { level: LEVEL[defaultSeverity] },
    };
    if (options.ruleDocsUri) rule.helpUri = `${options.ruleDocsUri}${id}.md`;
    return rule;
  });

  const driver: Sarif.ToolComponent = { name: 'claimlint', version: options.version, semanticVersion: options.version, rules };
  if (options.informationUri) driver.informationUri = options.informationUri;

  const fingerprints = fingerprintAll(diagnostics);
  const results: Sarif.Result[] = diagnostics.map((d, index) => {
    const result: Sarif.Result = {
      ruleId: d.rule,
      ruleIndex: RULES.findIndex((rule) => rule.id === d.rule),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact(d.file),
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[index]! },
    };
    if (d.related.length > 0) {
      result.relatedLocations = d.related.map((r, i) => ({
        id: i + 1,
        message: { text: r.message },
        physicalLocation: { artifactLocation: artifact(r.file), region: { startLine: r.line, startColumn: r.column } },
      }));
    }
    return result;
  });

  const log: Sarif.Log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.cwd.endsWith('/') ? options.cwd : `${options.cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function artifact(file: string): Sarif.ArtifactLocation {
  // A relative URI reference: each segment percent-encoded ('..' and plain names pass unchanged).
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/**
 * A hash of rule, file and message: stable when lines move, so code scanning keeps one alert across
 * runs. Identical triples in one file are told apart by their order, as GitHub's own line hashes are.
 */
function fingerprintAll(diagnostics: readonly LocatedDiagnostic[]): string[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const hash = createHash('sha256').update(`${d.rule}\u0000${d.file}\u0000${d.message}`).digest('hex').slice(0, 32);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}

/** "missing-source" → "MissingSource": SARIF's `name` is an identifier-like form of the id. */
function camelName(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}
