// Entry of dist/server.js: LSP over stdio (or whatever transport the client names on argv).
// stdout is the protocol channel, so console output goes to the client's log instead.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startClaimlintServer } from './claimlint-server';

const connection = createConnection(ProposedFeatures.all);
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
startClaimlintServer(connection);
connection.listen();
