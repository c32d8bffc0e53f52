// Go to definition: a citation's id → its registry entry (YAML, BibTeX or CSL-JSON); a YAML claim's
// subject or metric → its entry in claimlint.yaml.
import type { KeyPart } from '../model';
import type { ClaimWorkspace } from '../workspace/claim-workspace';
import { citationAt, touches, type FileSpan } from './locate';

export function definitionAt(workspace: ClaimWorkspace, file: string, offset: number): FileSpan[] {
  const citation = citationAt(workspace, file, offset);
  if (citation?.citation.id) {
    return workspace.sources().filter((s) => s.id === citation.citation.id).map((s) => ({ file: s.file, span: s.idSpan }));
  }
  const claim = workspace.claimsIn(file).find((c) => c.origin === 'yaml' && [c.subject, c.metric].some((part) => part !== undefined && touchesEvidence(part, offset)));
  if (!claim) return [];
  const isSubject = claim.subject !== undefined && touchesEvidence(claim.subject, offset);
  const part = isSubject ? claim.subject! : claim.metric!;
  const configFile = workspace.configPath;
  const configText = configFile !== undefined ? workspace.textOf(configFile) : undefined;
  if (configFile === undefined || configText === undefined) return [];
  const span = configEntrySpan(configText, isSubject ? 'subjects' : 'metrics', part.id);
  return span ? [{ file: configFile, span }] : [];
}

function touchesEvidence(part: KeyPart, offset: number): boolean {
  return touches({ start: part.evidenceStart, end: part.evidenceEnd }, offset);
}

/** Where `id:` is written under the top-level `section:` of claimlint.yaml (a line scan, no YAML parse). */
export function configEntrySpan(configText: string, section: 'subjects' | 'metrics', id: string): { start: number; end: number } | undefined {
  let inSection = false;
  let offset = 0;
  for (const line of configText.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (/^\S/.test(line)) {
      inSection = line.startsWith(`${section}:`);
      continue;
    }
    if (!inSection) continue;
    const indent = line.length - line.trimStart().length;
    const rest = line.slice(indent);
    for (const quote of ['', '"', "'"]) {
      const written = `${quote}${id}${quote}`;
      if (rest.toLowerCase().startsWith(written.toLowerCase()) && /^\s*:/.test(rest.slice(written.length))) {
        return { start: start + indent + quote.length, end: start + indent + quote.length + id.length };
      }
    }
  }
  return undefined;
}
