// The editor features (hover, definition, references, completion, code actions, symbols, the
// custom requests): each asks a pure engine function and translates offsets to LSP ranges.
import {
  CodeActionKind,
  CompletionItemKind,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Location,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { Diagnostic } from '../../engine/src/index';
import { claimsOfKeyAt } from '../../engine/src/features/claims-of-key';
import { codeActionsAt } from '../../engine/src/features/code-actions';
import { completionAt, type CompletionKind } from '../../engine/src/features/completion';
import { definitionAt } from '../../engine/src/features/definition';
import { claimSymbols } from '../../engine/src/features/document-symbols';
import { hoverAt } from '../../engine/src/features/hover';
import { filesAround, type FileSpan } from '../../engine/src/features/locate';
import { referencesAt } from '../../engine/src/features/references';
import { toLspDiagnostic } from './to-lsp-diagnostic';
import { uriOfId } from './document-ids';
import type { ServerState } from './claimlint-server';
import { readDocumentParams, readPositionParams, readRangeParams, type DocumentParams, type PositionParams } from './request-params';

export function registerFeatures(connection: Connection, state: ServerState): void {
  /** The engine id and offset of an LSP position, when the workspace holds that document. */
  const locate = (params: PositionParams): { file: string; offset: number } | undefined => {
    const file = known(params);
    return file === undefined ? undefined : { file, offset: state.workspace.offsetAt(file, params.position) };
  };
  /** The engine id of the request's document, when the workspace holds (or can read) its text. */
  const known = (params: DocumentParams): string | undefined => {
    const file = state.idOf(params.textDocument.uri);
    return file === undefined || state.workspace.textOf(file) === undefined ? undefined : file;
  };

  connection.onHover((raw) => {
    const params = readPositionParams('textDocument/hover', raw);
    const at = locate(params);
    if (!at) return null;
    const hover = hoverAt(state.workspace, state.diagnosticsOf(filesAround(state.workspace, at.file, at.offset)), at.file, at.offset);
    if (!hover) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: state.rangeOf(at.file, hover.span) };
  });

  const toLocation = (target: FileSpan): Location => ({ uri: uriOfId(target.file), range: state.rangeOf(target.file, target.span) });

  connection.onDefinition((raw) => {
    const at = locate(readPositionParams('textDocument/definition', raw));
    return at ? definitionAt(state.workspace, at.file, at.offset).map(toLocation) : null;
  });

  connection.onReferences((raw) => {
    const at = locate(readPositionParams('textDocument/references', raw));
    const includeDeclaration = (raw as { context?: { includeDeclaration?: unknown } }).context?.includeDeclaration === true;
    return at ? referencesAt(state.workspace, at.file, at.offset, includeDeclaration).map(toLocation) : null;
  });

  connection.onCompletion((raw) => {
    const at = locate(readPositionParams('textDocument/completion', raw));
    const result = at ? completionAt(state.workspace, at.file, at.offset) : undefined;
    if (!at || !result) return null;
    const range = state.rangeOf(at.file, result.span);
    return result.items.map((item) => ({
      label: item.label,
      kind: COMPLETION_KINDS[item.kind],
      ...(item.detail !== undefined ? { detail: item.detail } : {}),
      textEdit: { range, newText: item.label },
    }));
  });

  connection.onDocumentSymbol((raw) => {
    const file = known(readDocumentParams('textDocument/documentSymbol', raw));
    if (file === undefined) return null;
    return claimSymbols(state.workspace, file).map((symbol) => {
      const range = state.rangeOf(file, symbol.span);
      return { name: symbol.name, detail: symbol.detail, kind: SymbolKind.Number, range, selectionRange: range };
    });
  });

  connection.onCodeAction((raw) => {
    const params = readRangeParams('textDocument/codeAction', raw);
    const file = known(params);
    if (file === undefined) return null;
    const span = { start: state.workspace.offsetAt(file, params.range.start), end: state.workspace.offsetAt(file, params.range.end) };
    const lspOf = new Map<Diagnostic, LspDiagnostic>();
    return codeActionsAt(state.workspace, state.diagnosticsOf([file]), file, span).map((action): CodeAction => {
      const changes: Record<string, TextEdit[]> = {};
      for (const edit of action.edits) (changes[uriOfId(edit.file)] ??= []).push({ range: state.rangeOf(edit.file, edit.span), newText: edit.newText });
      const diagnostic = action.diagnostic;
      if (diagnostic && !lspOf.has(diagnostic)) lspOf.set(diagnostic, toLspDiagnostic(diagnostic, state.rangeOf));
      return {
        title: action.title,
        kind: CodeActionKind.QuickFix,
        edit: { changes },
        ...(diagnostic ? { diagnostics: [lspOf.get(diagnostic)!] } : {}),
        ...(action.preferred ? { isPreferred: true } : {}),
      };
    });
  });

  connection.onRequest('claimlint/claimsOfKey', (raw: unknown) => {
    const at = locate(readPositionParams('claimlint/claimsOfKey', raw));
    const found = at ? claimsOfKeyAt(state.workspace, state.diagnosticsOf(filesAround(state.workspace, at.file, at.offset)), at.file, at.offset) : undefined;
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

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  source: CompletionItemKind.Reference,
  subject: CompletionItemKind.EnumMember,
  metric: CompletionItemKind.Field,
  unit: CompletionItemKind.Unit,
};
