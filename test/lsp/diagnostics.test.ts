// The language server over stdio on a copy of examples/rare-earths: the diagnostics it pushes are
// the CLI's, and they follow edits across files.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonDiagnostic as CliDiagnostic } from '../../server/cli/src/formatters/json';
import { copyExample, ensureServerBuilt, fileUri, LspTestClient, REPO_ROOT } from './lsp-test-client';


const CHECKED = ['reports/global-outlook.md', 'reports/china-brief.zh.md', 'claims/reserves.claims.yaml', 'claims/trade.claims.yaml'];
const SEVERITY_NAMES: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };

let client: LspTestClient;

beforeAll(async () => {
  ensureServerBuilt();
  client = new LspTestClient(copyExample());
  await client.initialize();
  await client.waitFor(() => CHECKED.every((file) => client.diagnostics.has(client.uri(file))), 'the first diagnostics of every checked file');
});

afterAll(async () => {
  await client?.close();
});

describe('language server diagnostics', () => {
  it('publishes the same diagnostics as the CLI in JSON, with rule codes, source and rule links', () => {
    // The CLI exits 1 here (the example has errors); its stdout is the JSON.
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/claimlint.js'), 'check', '.', '--format', 'json'], { cwd: client.folder, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const cli = JSON.parse(run.stdout) as CliDiagnostic[];
    expect(cli.length).toBeGreaterThan(5);
    const fromServer: CliDiagnostic[] = [];
    for (const [uri, diagnostics] of client.diagnostics) {
      for (const d of diagnostics) {
        expect(d.source).toBe('claimlint');
        expect(d.codeDescription?.href).toContain(`docs/rules/${String(d.code)}.md`);
        fromServer.push({
          file: relativeFile(uri),
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
          rule: String(d.code),
          severity: SEVERITY_NAMES[d.severity ?? 1]!,
          message: messageText(d.message),
          related: (d.relatedInformation ?? []).map((r) => ({
            file: relativeFile(r.location.uri),
            line: r.location.range.start.line + 1,
            column: r.location.range.start.character + 1,
            message: r.message,
          })),
        });
      }
    }
    const order = (a: CliDiagnostic, b: CliDiagnostic): number => JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect(fromServer.sort(order)).toEqual(cli.sort(order));
  });

  it('reports the progress of the first read of the workspace', async () => {
    await client.waitFor(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 'the end of the progress');
    expect(client.progressTokens.length).toBeGreaterThan(0);
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds).toContain('end');
  });

  it('updates the diagnostics of another file when an edit changes a claim of the same key', async () => {
    const brief = client.uri('reports/china-brief.zh.md');
    const outlook = client.uri('reports/global-outlook.md');
    const contradictionsIn = (uri: string): number => (client.diagnostics.get(uri) ?? []).filter((d) => d.code === 'contradiction').length;
    expect(contradictionsIn(outlook)).toBe(1);
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(join(client.folder, 'reports/global-outlook.md'), 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: outlook, languageId: 'markdown', version: 1, text } });
    // Remove the Russia figure: the brief's 10 Mt no longer contradicts a 3.8 Mt in the outlook.
    const before = (client.diagnostics.get(brief) ?? []).find((d) => d.code === 'contradiction')!.message;
    expect(messageText(before)).toContain('reports/global-outlook.md');
    const edited = text.replace('[3.8 Mt]{subject=ru metric=re-reserves as_of=2024}', 'unclear');
    expect(edited).not.toBe(text);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: outlook, version: 2 }, contentChanges: [{ text: edited }] });
    await client.waitFor(() => contradictionsIn(outlook) === 0, 'the outlook to lose its contradiction');
    await client.waitFor(
      () => !(client.diagnostics.get(brief) ?? []).some((d) => messageText(d.message).includes('reports/global-outlook.md')),
      'the brief to stop citing the outlook',
    );
    // Closing the unsaved buffer goes back to the file on disk.
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: outlook } });
    await client.waitFor(() => contradictionsIn(outlook) === 1, 'the disk version after close');
  });
});

function relativeFile(uri: string): string {
  const prefix = `${fileUri(client.folder)}/`;
  return uri.startsWith(prefix) ? decodeURIComponent(uri.slice(prefix.length)) : uri;
}

function messageText(message: string | { value: string }): string {
  return typeof message === 'string' ? message : message.value;
}
