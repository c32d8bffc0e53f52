// Hover text (Markdown): on a figure, its value, interval, key and why, sources, and every claim of
// the same key in a table; on a citation or a registry id, the source's record.
import type { Claim, Diagnostic, KeyPart, SourceEntry, Span } from '../model';
import { formatInterval, formatValue } from '../quantity';
import type { ClaimWorkspace } from '../workspace/claim-workspace';
import { claimsOfKeyAt, type KeyedClaim } from './claims-of-key';
import { citationAt, sourceEntryAt } from './locate';

export interface HoverResult {
  markdown: string;
  span: Span;
}

const REASON_WORDS: Record<KeyPart['how'], string> = {
  alias: 'from the alias',
  'span-attribute': 'from the span attribute',
  'front-matter': 'from the front matter',
  'year-in-sentence': 'from the year in the sentence',
  'yaml-field': 'from the YAML field',
};

export function hoverAt(workspace: ClaimWorkspace, diagnostics: readonly Diagnostic[], file: string, offset: number): HoverResult | undefined {
  const ofKey = claimsOfKeyAt(workspace, diagnostics, file, offset);
  if (ofKey) return { markdown: claimHover(workspace, ofKey.claim, ofKey.claims), span: ofKey.claim.span };
  const citation = citationAt(workspace, file, offset);
  if (citation?.citation.id) {
    const entries = workspace.sources().filter((s) => s.id === citation.citation.id);
    const text = entries.length > 0 ? entries.map((entry) => sourceRecord(workspace, entry)).join('\n\n---\n\n') : `Unknown source \`${citation.citation.id}\``;
    return { markdown: text, span: citation.citation.idSpan ?? citation.citation.span };
  }
  const entry = sourceEntryAt(workspace, file, offset);
  if (entry) return { markdown: sourceRecord(workspace, entry), span: entry.idSpan };
  return undefined;
}

function claimHover(workspace: ClaimWorkspace, claim: Claim, claims: readonly KeyedClaim[]): string {
  const describe = workspace.describer();
  const lines: string[] = [];
  const q = claim.quantity;
  if (q) lines.push(`**${describe.value(q)}** — canonical ${formatValue(q.value, q.canonicalUnit)}, interval ${formatInterval(q)}`);
  else lines.push('**a figure whose value could not be read**');
  lines.push('');
  lines.push(`**${escapeMarkdown(describe.label(claim))}**`);
  for (const [name, part] of [['subject', claim.subject], ['metric', claim.metric], ['as of', claim.asOf]] as const) {
    if (!part) continue;
    const where = ` at ${describe.where(claim.file, part.evidenceStart)}`;
    lines.push(`- ${name} \`${part.id}\` ${REASON_WORDS[part.how]} '${escapeMarkdown(part.evidence)}'${where}`);
  }
  const ids = [...new Set(claim.citations.map((c) => c.id).filter((id): id is string => id !== undefined))];
  const entries = workspace.sources().filter((s) => ids.includes(s.id));
  if (entries.length > 0) {
    lines.push('', '**Sources**');
    for (const entry of entries) lines.push(`- ${sourceLine(workspace, entry)}`);
  } else {
    lines.push('', `Sources: ${escapeMarkdown(describe.sources(claim))}`);
  }
  if (claim.subject && claim.metric) {
    lines.push('', `**Every claim of ${escapeMarkdown(describe.label(claim))}**`, '');
    lines.push('| value | as of | source | where | agrees |', '|---|---|---|---|---|');
    for (const row of claims) {
      const where = describe.where(row.file, row.span.start);
      const line = workspace.positionAt(row.file, row.span.start).line + 1;
      const agrees = row.agrees ? '✓' : `✗ ${row.conflicts.join(', ')}`;
      const self = row.claim === claim ? ' (this)' : '';
      lines.push(`| ${cell(row.value)}${self} | ${cell(row.asOf ?? '')} | ${cell(row.sources)} | [${cell(where)}](${fileLink(row.file, line)}) | ${agrees} |`);
    }
  }
  return lines.join('\n');
}

function sourceLine(workspace: ClaimWorkspace, entry: SourceEntry): string {
  const parts = [`\`${entry.id}\``];
  if (entry.title) parts.push(`*${escapeMarkdown(entry.title)}*`);
  if (entry.publisher) parts.push(escapeMarkdown(entry.publisher));
  if (entry.published) parts.push(entry.published);
  if (entry.url) parts.push(`<${entry.url}>`);
  if (entry.archivePath) parts.push(`archive \`${workspace.describer().relativePath(entry.archivePath)}\``);
  return parts.join(', ');
}

function sourceRecord(workspace: ClaimWorkspace, entry: SourceEntry): string {
  const describe = workspace.describer();
  const lines = [`**Source \`${entry.id}\`** (${entry.format}, ${describe.where(entry.file, entry.idSpan.start)})`, ''];
  if (entry.title) lines.push(`- title: ${escapeMarkdown(entry.title)}`);
  if (entry.publisher) lines.push(`- publisher: ${escapeMarkdown(entry.publisher)}`);
  if (entry.published) lines.push(`- published: ${entry.published}`);
  if (entry.url) lines.push(`- url: <${entry.url}>`);
  if (entry.archivePath) lines.push(`- archive: \`${describe.relativePath(entry.archivePath)}\``);
  return lines.join('\n');
}

function fileLink(file: string, line: number): string {
  return `file://${encodeURI(file)}#L${line}`;
}

function cell(text: string): string {
  return escapeMarkdown(text).replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}
