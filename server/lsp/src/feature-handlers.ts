// The editor features (hover, definition, references, completion, code actions, symbols, the
// custom requests): each asks a pure engine function and translates offsets to LSP ranges.
import { MarkupKind, type Connection, type Position, type TextDocumentIdentifier } from 'vscode-languageserver/node';
import { claimsOfKeyAt } from '../../engine/src/features/claims-of-key';
import { hoverAt } from '../../engine/src/features/hover';
import { uriOfId } from './document-ids';
import type { ServerState } from './claimlint-server';

interface PositionParams {
  textDocument: TextDocumentIdentifier;
  position: Position;
}

export function registerFeatures(connection: Connection, state: ServerState): void {
  /** The engine id and offset of an LSP position, when the workspace holds that document. */
  const locate = (params: PositionParams): { file: string; offset: number } | undefined => {
    const file = state.idOf(params.textDocument.uri);
    if (file === undefined || state.workspace.textOf(file) === undefined) return undefined;
    return { file, offset: state.workspace.offsetAt(file, params.position) };
  };

  connection.onHover((params) => {
    const at = locate(params);
    if (!at) return null;
    const hover = hoverAt(state.workspace, state.lastDiagnostics(), at.file, at.offset);
    if (!hover) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: state.rangeOf(at.file, hover.span) };
  });

  connection.onRequest('claimlint/claimsOfKey', (params: PositionParams) => {
    const at = locate(params);
    const found = at ? claimsOfKeyAt(state.workspace, state.lastDiagnostics(), at.file, at.offset) : undefined;
    if (!found) return { key: null, claims: [] };
    return {
      key: found.key,
      claims: found.claims.map((c) => ({
        uri: uriOfId(c.file),
        range: state.rangeOf(c.file, c.span),
        value: c.value,
        ...(c.asOf !== undefined ? { asOf: c.asOf } : {}),
        sources: c.sources,
        agrees: c.agrees,
        ...(c.context !== undefined ? { context: c.context } : {}),
      })),
    };
  });
}
