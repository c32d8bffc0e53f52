// The editor features (hover, definition, references, completion, code actions, symbols, the
// custom requests): each asks a pure engine function and translates offsets to LSP ranges.
import type { Connection } from 'vscode-languageserver/node';
import type { ServerState } from './claimlint-server';

export function registerFeatures(_connection: Connection, _state: ServerState): void {}
