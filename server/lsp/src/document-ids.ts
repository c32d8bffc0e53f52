// LSP URIs ↔ engine document ids (absolute paths with '/'). Unsaved buffers get an id that no
// disk file can have, ending in .md so the engine reads them as Markdown.
import { URI } from 'vscode-uri';
import { documentId } from '../../cli/src/fs-workspace';

const UNTITLED_PREFIX = 'untitled:';

export function idOfUri(uri: string): string | undefined {
  // Off the wire, a uri may be anything; URI.parse would read 42 as the file /42.
  if (typeof uri !== 'string') return undefined;
  const parsed = URI.parse(uri);
  if (parsed.scheme === 'file') return documentId(parsed.fsPath);
  if (parsed.scheme === 'untitled') return `${UNTITLED_PREFIX}${parsed.path}.md`;
  return undefined;
}

export function uriOfId(id: string): string {
  if (id.startsWith(UNTITLED_PREFIX)) return URI.from({ scheme: 'untitled', path: id.slice(UNTITLED_PREFIX.length, -'.md'.length) }).toString();
  return URI.file(id).toString();
}

export function isUntitledId(id: string): boolean {
  return id.startsWith(UNTITLED_PREFIX);
}
