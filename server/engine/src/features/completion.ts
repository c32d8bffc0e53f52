// Completion: source ids after `[@` in Markdown and in YAML `sources:`; subjects, metrics and units
// in YAML claim fields. Looks only at the current line before the cursor (bounded, linear).
import { KNOWN_UNITS } from '../quantity';
import type { ClaimWorkspace } from '../workspace/claim-workspace';
import type { Span } from '../model';

export type CompletionKind = 'source' | 'subject' | 'metric' | 'unit';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** The partial word the items replace. */
  span: Span;
}

/** How far back on a line completion looks (the line may be 10 MB long). */
const WINDOW = 400;
const ID_CHAR = /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u;
const WORD_BREAKS = new Set([' ', '\t', '[', ',', '{', ':', '"', "'"]);

export function completionAt(workspace: ClaimWorkspace, file: string, offset: number): CompletionResult | undefined {
  const text = workspace.textOf(file);
  if (text === undefined) return undefined;
  const windowStart = Math.max(0, offset - WINDOW);
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, windowStart);
  const before = text.slice(lineStart, offset);
  const kind = workspace.kindOf(file);
  if (kind === 'markdown' || file.startsWith('untitled:')) return markdownCompletion(workspace, before, offset);
  if (kind === 'claims') return yamlCompletion(workspace, text, lineStart, before, offset);
  return undefined;
}

function markdownCompletion(workspace: ClaimWorkspace, before: string, offset: number): CompletionResult | undefined {
  const at = before.lastIndexOf('@');
  if (at < 0) return undefined;
  const partial = before.slice(at + 1);
  if (![...partial].every((c) => ID_CHAR.test(c))) return undefined;
  const bracket = before.lastIndexOf('[', at);
  if (bracket < 0 || before.indexOf(']', bracket) >= 0) return undefined;
  return { items: sourceItems(workspace), span: { start: offset - partial.length, end: offset } };
}

function yamlCompletion(workspace: ClaimWorkspace, text: string, lineStart: number, before: string, offset: number): CompletionResult | undefined {
  let wordStart = before.length;
  while (wordStart > 0 && !WORD_BREAKS.has(before[wordStart - 1]!)) wordStart--;
  const span = { start: offset - (before.length - wordStart), end: offset };
  const field = /^\s*(?:-\s+)?([a-z_]+)\s*:/.exec(before)?.[1];
  const inline = before.slice(0, wordStart);
  if (field === 'subject') return { items: vocabularyItems(workspace, 'subject'), span };
  if (field === 'metric') return { items: vocabularyItems(workspace, 'metric'), span };
  if (field === 'sources' || (field === 'id' && underSources(text, lineStart))) return { items: sourceItems(workspace), span };
  if (field === 'unit' || /unit\s*:\s*$/.test(inline.slice(-40)) || (field === 'value' && /^\s*value\s*:\s*[\d.,]+\s+$/.test(inline.slice(-60)))) {
    return { items: KNOWN_UNITS.map((label) => ({ label, kind: 'unit' as const })), span };
  }
  return undefined;
}

/** Whether a `- id:` line sits in a claim's `sources:` list (the nearest less-indented field above). */
function underSources(text: string, lineStart: number): boolean {
  const lines = text.slice(Math.max(0, lineStart - 2000), lineStart).split('\n').reverse();
  for (const line of lines) {
    const field = /^\s*(?:-\s+)?([a-z_]+)\s*:/.exec(line)?.[1];
    if (field === undefined || field === 'id' || field === 'locator') continue;
    return field === 'sources';
  }
  return false;
}

function sourceItems(workspace: ClaimWorkspace): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const source of workspace.sources()) {
    if (seen.has(source.id)) continue;
    seen.add(source.id);
    items.push({ label: source.id, kind: 'source', detail: source.title });
  }
  return items;
}

function vocabularyItems(workspace: ClaimWorkspace, kind: 'subject' | 'metric'): CompletionItem[] {
  return workspace.vocabulary.entries(kind).map((entry) => ({ label: entry.id, kind, detail: entry.name }));
}
