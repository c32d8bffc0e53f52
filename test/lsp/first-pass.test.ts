// The language server's first pass over a workspace: what it publishes, the progress it reports
// while it reads, and that it keeps answering requests meanwhile.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark's generator is plain JavaScript, without types
import { generateWorkspace } from '../../bench/generate-workspace.mjs';
import { copyExample, ensureServerBuilt, fileUri, LspTestClient } from './lsp-test-client';

const WITH_DIAGNOSTICS = ['reports/global-outlook.md', 'reports/china-brief.zh.md', 'claims/reserves.claims.yaml', 'claims/trade.claims.yaml'];

interface ProgressValue {
  kind: 'begin' | 'report' | 'end';
  message?: string;
  percentage?: number;
}

const progressValues = (client: LspTestClient): ProgressValue[] => client.progress.map((event) => (event as { value: ProgressValue }).value);
const progressEnded = (client: LspTestClient): boolean => progressValues(client).some((value) => value.kind === 'end');

let client: LspTestClient | undefined;

/** A server on `folder`, once its first pass has ended (closed after the test even if it never ends). */
async function startAfterFirstPass(folder: string): Promise<LspTestClient> {
  ensureServerBuilt();
  const started = new LspTestClient(folder);
  client = started;
  await started.initialize();
  await started.waitFor(() => progressEnded(started), 'the end of the first pass');
  return started;
}

afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('the first pass', () => {
  it('publishes the files that have diagnostics, and an empty list only for a clean file once it is opened', async () => {
    const folder = copyExample();
    writeFileSync(join(folder, 'reports/clean.md'), '# Notes\n\nThis page states no figures at all.\n');
    client = await startAfterFirstPass(folder);
    for (const file of WITH_DIAGNOSTICS) expect(client.diagnostics.get(client.uri(file))?.length, file).toBeGreaterThan(0);
    const clean = client.uri('reports/clean.md');
    expect(client.diagnostics.has(clean)).toBe(false);

    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: clean, languageId: 'markdown', version: 1, text: '# Notes\n\nThis page states no figures at all.\n' } });
    await client.waitFor(() => client!.diagnostics.get(clean)?.length === 0, 'an empty list for the opened clean file');
  });

  it('reports progress while it reads and answers requests before it ends', async () => {
    ensureServerBuilt();
    // 10,000 claims in 600 files: reading them takes many of the server's 50 ms slices.
    const folder = mkdtempSync(join(tmpdir(), 'claimlint-lsp-large-'));
    generateWorkspace(folder, 10_000);
    client = new LspTestClient(folder);
    await client.initialize();
    let endedBeforeAnswer: boolean | undefined;
    await client.connection.sendRequest('claimlint/noSuchMethod').catch(() => {
      endedBeforeAnswer = progressEnded(client!);
    });
    expect(endedBeforeAnswer).toBe(false);
    await client.waitFor(() => progressEnded(client!), 'the end of the first pass', 60_000);

    const values = progressValues(client);
    expect(values[0]?.kind).toBe('begin');
    expect(values.at(-1)?.kind).toBe('end');
    const reports = values.filter((value) => value.kind === 'report');
    expect(reports.filter((value) => /^\d+\/600 files read$/.test(value.message ?? '')).length).toBeGreaterThan(1);
    expect(reports.at(-1)?.message).toBe('checking 600 files');
    const percentages = reports.map((value) => value.percentage ?? -1);
    expect(percentages).toEqual([...percentages].sort((a, b) => a - b));
    expect(client.diagnostics.size).toBeGreaterThan(0);
    expect([...client.diagnostics.values()].every((diagnostics) => diagnostics.length > 0)).toBe(true);
  });

  it('lets a reload that starts during another take over, and both requests get the same counts', async () => {
    client = await startAfterFirstPass(copyExample());
    const [first, second] = await Promise.all([client.connection.sendRequest('claimlint/checkWorkspace'), client.connection.sendRequest('claimlint/checkWorkspace')]);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ files: expect.any(Number) });
    await client.waitFor(() => progressValues(client!).filter((value) => value.kind === 'end').length === 3, 'every reload to end its progress');
    expect(progressValues(client).filter((value) => value.kind === 'begin')).toHaveLength(3);
    for (const file of WITH_DIAGNOSTICS) expect(client.diagnostics.get(fileUri(join(client.folder, file)))?.length, file).toBeGreaterThan(0);
  });
});

describe('reloads that overlap', () => {
  it('keeps the newest reload\'s workspace when the client answers its progress request first', async () => {
    client = await startAfterFirstPass(copyExample());
    const expected = await client.connection.sendRequest('claimlint/checkWorkspace');
    // The next two progress requests are answered newest first.
    const waiting: (() => void)[] = [];
    client.connection.onRequest('window/workDoneProgress/create', () => {
      const answered = new Promise<null>((resolve) => waiting.push(() => resolve(null)));
      if (waiting.length === 2) {
        waiting[1]!();
        setTimeout(() => waiting[0]!(), 50);
      }
      return answered;
    });
    const [older, newer] = await Promise.all([client.connection.sendRequest('claimlint/checkWorkspace'), client.connection.sendRequest('claimlint/checkWorkspace')]);
    expect(newer).toEqual(expected);
    expect(older).toEqual(expected);
  });
});

describe('publishing changes', () => {
  it('republishes a file whose related location moved to another line while its offsets stayed', async () => {
    client = await startAfterFirstPass(copyExample());
    const reserves = client.uri('claims/reserves.claims.yaml');
    const outlook = client.uri('reports/global-outlook.md');
    // A contradiction whose second related location is in the outlook: no message names its line.
    const session = client;
    const relatedLine = (): number | undefined =>
      session.diagnostics
        .get(reserves)
        ?.flatMap((d) => (d.relatedInformation?.length ?? 0) > 1 ? [d.relatedInformation![1]!] : [])
        .find((related) => related.location.uri === outlook)?.location.range.start.line;
    const before = relatedLine();
    expect(before).toBeGreaterThan(1);

    // The heading's last space becomes a line break: every offset stays, every later line moves down.
    const text = readFileSync(join(client.folder, 'reports/global-outlook.md'), 'utf8');
    const lines = text.split('\n');
    const heading = lines.findIndex((line) => line.startsWith('# '));
    expect(heading).toBeGreaterThan(0);
    expect(heading).toBeLessThan(before!);
    const space = lines[heading]!.lastIndexOf(' ');
    expect(space).toBeGreaterThan(1);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: outlook, languageId: 'markdown', version: 1, text } });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: outlook, version: 2 },
      contentChanges: [{ range: { start: { line: heading, character: space }, end: { line: heading, character: space + 1 } }, text: '\n' }],
    });
    await client.waitFor(() => relatedLine() === before! + 1, 'the related location one line further down');
  });
});
