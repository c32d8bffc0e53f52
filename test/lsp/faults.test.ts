// The language server under faults, over a real stdio connection on a copy of examples/rare-earths:
// malformed frames, unknown methods, garbage params, out-of-order document sync, files deleted while
// open, a config broken mid-session. After each, the server must still be running, answer a hover
// on the Russia figure and publish correct diagnostics for a new edit.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ResponseError, type Diagnostic } from 'vscode-languageserver-protocol';
import { copyExample, ensureServerBuilt, LspTestClient, REPO_ROOT, type RawResponse } from './lsp-test-client';

const CHECKED = ['reports/global-outlook.md', 'reports/china-brief.zh.md', 'claims/reserves.claims.yaml', 'claims/trade.claims.yaml'];
const OUTLOOK = 'reports/global-outlook.md';
const BRIEF = 'reports/china-brief.zh.md';
const RESERVES = 'claims/reserves.claims.yaml';
const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;
const CHANGE = { created: 1, changed: 2, deleted: 3 } as const;

let client: LspTestClient;
let probeCount = 0;

beforeAll(() => {
  ensureServerBuilt();
});

beforeEach(async () => {
  client = new LspTestClient(copyExample(), { captureStderr: true });
  await client.initialize();
  await client.waitFor(() => CHECKED.every((file) => client.diagnostics.has(client.uri(file))), 'the first diagnostics of every checked file');
});

afterEach(async () => {
  await client?.close();
});

const rulesIn = (relative: string, rules: string[]): Diagnostic[] => (client.diagnostics.get(client.uri(relative)) ?? []).filter((d) => rules.includes(String(d.code)));
const conflictsIn = (relative: string): number => rulesIn(relative, ['contradiction', 'scale-slip']).length;

/** A file of the example as it was copied (tests delete and rewrite the copy). */
function textOf(relative: string): string {
  return readFileSync(join(REPO_ROOT, 'examples/rare-earths', relative), 'utf8');
}

/** The 0-based position of the first occurrence of `needle` in a file of the copy (plus `shift` characters). */
function positionOf(relative: string, needle: string, shift = 0): { line: number; character: number } {
  const text = textOf(relative);
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in ${relative}`);
  const before = text.slice(0, index + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

async function open(relative: string, text: string, languageId = 'markdown'): Promise<string> {
  const uri = client.uri(relative);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return uri;
}

async function hover(uri: string, position: unknown): Promise<{ contents: { value: string } } | null> {
  return client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
}

/**
 * The server is up and well: the process runs, hover on the YAML Russia claim answers with its
 * interval, the example's contradictions are published, and a new unsourced figure gets its
 * missing-source error (and loses it when its buffer closes).
 */
async function expectServing(): Promise<void> {
  expect(client.exit).toBeUndefined();
  const russia = await hover(client.uri(RESERVES), positionOf(RESERVES, '{amount: 3.8', 2));
  expect(russia?.contents.value).toContain('3.75–3.85 Mt');
  expect(conflictsIn(RESERVES)).toBeGreaterThan(0);
  const probe = `reports/probe-${++probeCount}.md`;
  const uri = await open(probe, 'Vietnam mined 12 kt of rare earths in 2024.\n');
  await client.waitFor(() => rulesIn(probe, ['missing-source']).length === 1, `a missing-source error on ${probe}`);
  expect(rulesIn(probe, ['missing-source'])[0]!.range.start).toEqual({ line: 0, character: 14 });
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await client.waitFor(() => client.diagnostics.get(uri)?.length === 0, `${probe} to lose its diagnostics when closed`);
  expect(client.exit).toBeUndefined();
  expect(client.stderr).not.toMatch(/Uncaught|TypeError|RangeError|at .*server\.js/);
}

describe('the language server under malformed JSON-RPC', () => {
  it('survives a Content-Length frame whose body is not JSON, and frames that are not JSON-RPC', async () => {
    client.writeFrame('{"jsonrpc": "2.0", "id": 1, "method": ');
    client.writeFrame('\u0000\u0001\u00ff garbage ☃');
    client.writeFrame('null');
    client.writeFrame('[]');
    client.writeFrame('{"jsonrpc":"2.0","id":{"nested":true},"method":"textDocument/hover"}');
    client.writeFrame('{"jsonrpc":"2.0","method":42}');
    await expectServing();
  });

  it('answers a request for an unknown method with MethodNotFound', async () => {
    await expect(client.connection.sendRequest('claimlint/noSuchMethod', {})).rejects.toMatchObject({ code: METHOD_NOT_FOUND });
    const raw = await client.sendRawRequest('textDocument/noSuchFeature', '{}');
    expect(raw.error?.code).toBe(METHOD_NOT_FOUND);
    await expectServing();
  });
});

describe('the language server under garbage request params', () => {
  it('answers hover with no position, or no params at all, with an error naming what it expects', async () => {
    const uri = JSON.stringify(client.uri(OUTLOOK));
    const answers: RawResponse[] = [
      await client.sendRawRequest('textDocument/hover', `{"textDocument":{"uri":${uri}}}`),
      await client.sendRawRequest('textDocument/hover', `{"textDocument":{"uri":${uri}},"position":{"line":"3","character":null}}`),
      await client.sendRawRequest('textDocument/hover', `{"textDocument":{"uri":${uri}},"position":{"line":1.5,"character":0}}`),
      await client.sendRawRequest('textDocument/hover', `{"textDocument":{},"position":{"line":0,"character":0}}`),
    ];
    for (const answer of answers) {
      expect(answer.error, answer.error?.message).toMatchObject({ code: INVALID_PARAMS });
      expect(answer.error?.message).toMatch(/^claimlint: textDocument\/hover expects \{textDocument: \{uri: string\}, position: /);
    }
    // No params at all: vscode-jsonrpc refuses them before the server's handler runs.
    expect((await client.sendRawRequest('textDocument/hover')).error).toMatchObject({ code: INVALID_PARAMS });
    // null params: vscode-languageserver's hover wrapper reads params.workDoneToken first and fails
    // with InternalError; an error answer all the same, and the server carries on.
    expect((await client.sendRawRequest('textDocument/hover', 'null')).error?.code).toBeLessThan(0);
    await expectServing();
  });

  it('clamps positions outside the document: negative, line 1e9, character beyond the line', async () => {
    const uri = client.uri(OUTLOOK);
    expect(await hover(uri, { line: -1, character: -1 })).toBeNull();
    expect(await hover(uri, { line: 1e9, character: 0 })).toBeNull();
    // Past the end of the Russia figure's line: clamped to the line's end, which holds no figure.
    const russiaLine = positionOf(OUTLOOK, '3.8 Mt]{subject=ru').line;
    expect(await hover(uri, { line: russiaLine, character: 1e9 })).toBeNull();
    // A character past the end of "3.8 Mt" on a line that ends with it would still hover on it.
    const shortUri = await open('reports/short.md', 'Russia holds [3.8 Mt]{subject=ru metric=re-reserves as_of=2024}');
    await client.waitFor(() => client.diagnostics.has(shortUri), 'the diagnostics of the short report');
    expect(await hover(shortUri, { line: 0, character: 14 })).not.toBeNull();
    await expectServing();
  });

  it('answers null for a uri that is not a URI, or names a file never opened or not on disk', async () => {
    for (const uri of ['not a uri', '::::', '', 'http://example.org/report.md', client.uri('reports/never-written.md'), client.uri('reports')]) {
      expect(await hover(uri, { line: 0, character: 0 })).toBeNull();
      expect(await client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 0 } })).toBeNull();
      expect(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })).toBeNull();
    }
    // Not a string at all: a protocol error, not a crash.
    const numeric = await client.sendRawRequest('textDocument/hover', '{"textDocument":{"uri":42},"position":{"line":0,"character":0}}');
    expect(numeric.error?.code).toBe(INVALID_PARAMS);
    await expectServing();
  });

  it('reads a code action range given end first as the same range', async () => {
    const start = positionOf(OUTLOOK, '3.5 Mt');
    const end = { line: start.line, character: start.character + 6 };
    const actionsFor = (range: { start: unknown; end: unknown }): Promise<{ title: string }[]> =>
      client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: client.uri(OUTLOOK) }, range, context: { diagnostics: [] } });
    const forward = (await actionsFor({ start, end })).map((a) => a.title);
    const reversed = (await actionsFor({ start: end, end: start })).map((a) => a.title);
    expect(forward).toContain('Cite [@usgs-mcs-2025]');
    expect(reversed).toEqual(forward);
    const missingRange = await client.sendRawRequest('textDocument/codeAction', `{"textDocument":{"uri":${JSON.stringify(client.uri(OUTLOOK))}},"context":{"diagnostics":[]}}`);
    expect(missingRange.error?.code).toBe(INVALID_PARAMS);
    await expectServing();
  });

  it('completes in an empty document without failing', async () => {
    const uri = await open('reports/empty.md', '');
    const items = await client.connection.sendRequest<{ label: string }[] | null>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expect(items === null || Array.isArray(items)).toBe(true);
    const yamlUri = await open('claims/empty.claims.yaml', '', 'yaml');
    const yamlItems = await client.connection.sendRequest<unknown>('textDocument/completion', { textDocument: { uri: yamlUri }, position: { line: 5, character: 5 } });
    expect(yamlItems === null || Array.isArray(yamlItems)).toBe(true);
    await expectServing();
  });

  it('answers claimlint/claimsOfKey with bad params by InvalidParams, and with no key for an unknown document', async () => {
    for (const params of [undefined, 'null', '42', '[]', '{"textDocument":{"uri":[]},"position":{"line":0,"character":0}}', `{"textDocument":{"uri":"${client.uri(OUTLOOK)}"}}`]) {
      const answer = await client.sendRawRequest('claimlint/claimsOfKey', params);
      expect(answer.error?.code, `claimsOfKey with ${params}`).toBe(INVALID_PARAMS);
    }
    const unknown = await client.connection.sendRequest('claimlint/claimsOfKey', { textDocument: { uri: 'not a uri' }, position: { line: -5, character: 1e9 } });
    expect(unknown).toEqual({ key: null, claims: [] });
    await expectServing();
  });

  it('answers claimlint/checkWorkspace whatever its params, with the counts', async () => {
    for (const params of [undefined, 'null', '42', '"text"', '[1,2]', '{"unexpected":true}']) {
      const answer = await client.sendRawRequest('claimlint/checkWorkspace', params);
      expect(answer.error, `checkWorkspace with ${params}`).toBeUndefined();
      expect(answer.result).toEqual({ files: 4, errors: 14, warnings: 2, infos: 0 });
    }
    await expectServing();
  });
});

describe('the language server under out-of-order document sync', () => {
  it('ignores a change to a document that was never opened', async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: client.uri(OUTLOOK), version: 7 },
      contentChanges: [{ text: 'All figures removed.' }],
    });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'not a uri', version: 1 }, contentChanges: [{ text: 'x' }] });
    await expectServing();
    expect(conflictsIn(OUTLOOK)).toBe(1);
  });

  it('applies a change whose range lies beyond the end of the document at the end', async () => {
    const uri = await open('reports/growing.md', 'Output was steady [@usgs-mcs-2025].\n');
    await client.waitFor(() => client.diagnostics.get(uri)?.length === 0, 'the clean report');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 40, character: 3 }, end: { line: 90, character: 0 } }, text: 'Laos mined 9 kt.' }],
    });
    await client.waitFor(() => rulesIn('reports/growing.md', ['missing-source']).length === 1, 'the appended figure to lack a source');
    expect(rulesIn('reports/growing.md', ['missing-source'])[0]!.range.start).toEqual({ line: 1, character: 11 });
    await expectServing();
  });

  it('ignores a second close of the same document', async () => {
    const uri = client.uri(OUTLOOK);
    await open(OUTLOOK, textOf(OUTLOOK));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri('reports/never-opened.md') } });
    await expectServing();
    expect(conflictsIn(OUTLOOK)).toBe(1);
  });

  it('ignores opens and changes whose text is not a string, or that name no document', async () => {
    const uri = client.uri('reports/odd.md');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 42 } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: null }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: 'not a list' });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'no version' }] });
    await client.connection.sendNotification('textDocument/didOpen', {});
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 7, text: 'Laos mined 9 kt.' } });
    await client.connection.sendNotification('textDocument/didClose', {});
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: 'everything' });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [null, 5, { type: CHANGE.changed }] });
    await expectServing();
    expect(client.diagnostics.get(uri) ?? []).toEqual([]);
    // A proper open of the same document afterwards is checked as usual.
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await open('reports/odd.md', 'Laos mined 9 kt.');
    await client.waitFor(() => rulesIn('reports/odd.md', ['missing-source']).length === 1, 'the reopened document to be checked');
  });

  it('opens a binary-looking buffer and a huge one without failing', async () => {
    const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)) + '\ud800\udfff\udc00 12 kt';
    const binaryUri = await open('reports/binary.md', binary);
    await client.waitFor(() => client.diagnostics.has(binaryUri), 'the diagnostics of the binary-looking buffer');
    // 4 MB on a few lines: figures without sources, repeated.
    const hugeLine = 'Myanmar mined 31 kt of rare earths in 2024 and exported more. '.repeat(20_000);
    const huge = `${hugeLine}\n${hugeLine}\n`;
    const hugeUri = await open('reports/huge.md', huge);
    await client.waitFor(() => rulesIn('reports/huge.md', ['missing-source']).length > 0, 'the huge buffer to be checked', 60_000);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: hugeUri } });
    await client.waitFor(() => client.diagnostics.get(hugeUri)?.length === 0, 'the huge buffer to be forgotten', 60_000);
    await expectServing();
  }, 120_000);
});

describe('the language server when files change on disk', () => {
  it('keeps an open buffer whose file was deleted on disk, and drops its diagnostics after close', async () => {
    const uri = await open(OUTLOOK, textOf(OUTLOOK));
    rmSync(join(client.folder, OUTLOOK));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: CHANGE.deleted }] });
    // The buffer wins: the outlook is still checked and still contradicts the brief.
    await expectServing();
    expect(conflictsIn(OUTLOOK)).toBe(1);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.waitFor(() => client.diagnostics.get(uri)?.length === 0, 'the deleted file to lose its diagnostics');
    await client.waitFor(
      () => !(client.diagnostics.get(client.uri(BRIEF)) ?? []).some((d) => JSON.stringify(d.message).includes(OUTLOOK)),
      'the brief to stop citing the deleted outlook',
    );
    await expectServing();
  });

  it('ignores watched-file events for files that do not exist', async () => {
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: client.uri('reports/ghost.md'), type: CHANGE.changed },
        { uri: client.uri('reports/ghost.md'), type: CHANGE.deleted },
        { uri: client.uri('claims/ghost.claims.yaml'), type: CHANGE.created },
        { uri: client.uri('nowhere/refs.bib'), type: CHANGE.deleted },
        { uri: client.uri('archive/none.txt'), type: CHANGE.changed },
        { uri: 'not a uri', type: CHANGE.changed },
        { uri: client.uri('reports/ghost.md'), type: 99 },
      ],
    });
    await expectServing();
    expect(client.diagnostics.has(client.uri('reports/ghost.md'))).toBe(false);
  });

  it('re-reads a registry deleted on disk, reporting its citations as unknown, and recovers when it returns', async () => {
    // The outlook cites one unknown id on purpose (usgs-2052); the rest resolve through sources.yaml.
    const unknownAtStart = rulesIn(OUTLOOK, ['unknown-source']).length;
    expect(unknownAtStart).toBe(1);
    rmSync(join(client.folder, 'sources.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('sources.yaml'), type: CHANGE.deleted }] });
    await client.waitFor(() => rulesIn(OUTLOOK, ['unknown-source']).length > unknownAtStart, 'the outlook\'s citations to become unknown');
    writeFileSync(join(client.folder, 'sources.yaml'), textOf('sources.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('sources.yaml'), type: CHANGE.created }] });
    await client.waitFor(() => rulesIn(OUTLOOK, ['unknown-source']).length === unknownAtStart, 'the outlook\'s citations to resolve again');
    await expectServing();
  });
});

describe('the language server with a client that fails its requests', () => {
  it('publishes diagnostics when the client refuses progress, file watching and configuration', async () => {
    await client.close();
    client = new LspTestClient(copyExample(), { captureStderr: true });
    const refuse = (): ResponseError<void> => new ResponseError(-32603, 'refused by the test client');
    client.connection.onRequest('window/workDoneProgress/create', refuse);
    client.connection.onRequest('client/registerCapability', refuse);
    client.connection.onRequest('workspace/configuration', refuse);
    await client.initialize();
    await client.waitFor(() => CHECKED.every((file) => client.diagnostics.has(client.uri(file))), 'the first diagnostics despite the refusals');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // Closing the config's buffer rereads the workspace, asking for progress again.
    const config = await open('claimlint.yaml', textOf('claimlint.yaml'), 'yaml');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: config } });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: CHANGE.changed }] });
    await expectServing();
    expect(conflictsIn(OUTLOOK)).toBe(1);
  });
});

describe('the language server with a config broken mid-session', () => {
  const brokenConfig = (text: string): string => text.replace('metrics:\n', 'metrics: [unclosed\n');

  it('reports the YAML error on claimlint.yaml and keeps checking the other files', async () => {
    const config = textOf('claimlint.yaml');
    expect(brokenConfig(config)).not.toBe(config);
    const uri = await open('claimlint.yaml', config, 'yaml');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: brokenConfig(config) }] });
    await client.waitFor(() => rulesIn('claimlint.yaml', ['invalid-claim']).some((d) => d.severity === 1), 'an invalid-claim error on claimlint.yaml');
    await expectServing();
    // Mending the buffer brings the contradictions back in full.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: config }] });
    await client.waitFor(() => rulesIn('claimlint.yaml', ['invalid-claim']).length === 0 && conflictsIn(BRIEF) > 0, 'the mended config');
  });

  // Were the engine to fall back to the defaults while claimlint.yaml does not parse, every metric
  // alias (稀土储量, reserves…) would vanish, and with it the contradictions they make.
  it('keeps the last good config in force while claimlint.yaml does not parse', async () => {
    const config = textOf('claimlint.yaml');
    const uri = await open('claimlint.yaml', config, 'yaml');
    await client.waitFor(() => conflictsIn(BRIEF) > 0 && conflictsIn(OUTLOOK) > 0, 'the contradictions made by the config\'s aliases');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: brokenConfig(config) }] });
    await client.waitFor(() => rulesIn('claimlint.yaml', ['invalid-claim']).length > 0, 'an invalid-claim error on claimlint.yaml');
    await expectServing(); // a later publish: everything the broken config changed has arrived
    // The brief's 1000万吨 is a reserves figure only through the alias 稀土储量 in the config.
    expect(conflictsIn(BRIEF)).toBeGreaterThan(0);
    expect(conflictsIn(OUTLOOK)).toBeGreaterThan(0);
  });
});
