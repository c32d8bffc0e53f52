// The language server's first pass over a workspace: what it publishes, the progress it reports
// while it reads, and that it keeps answering requests meanwhile.
import { mkdtempSync, writeFileSync } from 'node:fs';
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

afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('the first pass', () => {
  it('publishes the files that have diagnostics, and an empty list only for a clean file once it is opened', async () => {
    ensureServerBuilt();
    const folder = copyExample();
    writeFileSync(join(folder, 'reports/clean.md'), '# Notes\n\nThis page states no figures at all.\n');
    client = new LspTestClient(folder);
    await client.initialize();
    await client.waitFor(() => progressEnded(client!), 'the end of the first pass');
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
    ensureServerBuilt();
    client = new LspTestClient(copyExample());
    await client.initialize();
    await client.waitFor(() => progressEnded(client!), 'the end of the first pass');
    const [first, second] = await Promise.all([client.connection.sendRequest('claimlint/checkWorkspace'), client.connection.sendRequest('claimlint/checkWorkspace')]);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ files: expect.any(Number) });
    await client.waitFor(() => progressValues(client!).filter((value) => value.kind === 'end').length === 3, 'every reload to end its progress');
    expect(progressValues(client).filter((value) => value.kind === 'begin')).toHaveLength(3);
    for (const file of WITH_DIAGNOSTICS) expect(client.diagnostics.get(fileUri(join(client.folder, file)))?.length, file).toBeGreaterThan(0);
  });
});
