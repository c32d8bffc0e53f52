// Hover, the custom requests and the navigation features of the language server, over stdio on a
// copy of examples/rare-earths.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, ensureServerBuilt, LspTestClient } from './lsp-test-client';

const CHECKED = ['reports/global-outlook.md', 'reports/china-brief.zh.md', 'claims/reserves.claims.yaml', 'claims/trade.claims.yaml'];
let client: LspTestClient;

beforeAll(async () => {
  ensureServerBuilt();
  client = new LspTestClient(copyExample());
  await client.initialize();
  await client.waitFor(() => CHECKED.every((file) => client.diagnostics.has(client.uri(file))), 'the first diagnostics');
});

afterAll(async () => {
  await client?.close();
});

/** The 0-based position of the first occurrence of `needle` in a file of the copy (plus `shift` characters). */
function positionOf(relative: string, needle: string, shift = 0): { line: number; character: number } {
  const text = readFileSync(join(client.folder, relative), 'utf8');
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in ${relative}`);
  const before = text.slice(0, index + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('language server features', () => {
  it('hovers on the Russia figure with its interval, key reasons, sources and a table of every claim of its key', async () => {
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: client.uri('reports/global-outlook.md') },
      position: positionOf('reports/global-outlook.md', '3.8 Mt]{subject=ru', 1),
    });
    const text = hover!.contents.value;
    expect(text).toContain('3.75–3.85 Mt');
    expect(text).toContain('subject `ru` from the span attribute');
    expect(text).toContain('Mineral Commodity Summaries 2025');
    expect(text).toContain('| value | as of | source | where | agrees |');
    // Four claims of Russia's reserves: this one, the YAML 3.8 Mt, the YAML 1 Mt and the brief's 10 Mt.
    const rows = text.split('\n').filter((line) => /^\| .*\]\(file:/.test(line));
    expect(rows).toHaveLength(4);
    expect(rows.some((row) => row.includes('reports/china-brief.zh.md:11') && row.includes('✗ contradiction, scale-slip'))).toBe(true);
  });

  it('hovers on a citation with the source record', async () => {
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: client.uri('reports/global-outlook.md') },
      position: positionOf('reports/global-outlook.md', '@usgs-mcs-2025', 3),
    });
    expect(hover!.contents.value).toContain('**Source `usgs-mcs-2025`**');
    expect(hover!.contents.value).toContain('- publisher: U.S. Geological Survey');
  });

  it('answers claimlint/claimsOfKey with every claim of the key and whether it agrees', async () => {
    const result = await client.connection.sendRequest<{ key: { subject: string; metric: string; label: string } | null; claims: { uri: string; value: string; agrees: boolean }[] }>(
      'claimlint/claimsOfKey',
      { textDocument: { uri: client.uri('claims/reserves.claims.yaml') }, position: positionOf('claims/reserves.claims.yaml', '{amount: 3.8', 2) },
    );
    expect(result.key).toEqual({ subject: 'ru', metric: 're-reserves', label: 'Russia rare-earth reserves' });
    expect(result.claims.map((c) => c.value).sort()).toEqual(['1 Mt', '10 Mt', '3.8 Mt', '3.8 Mt']);
    expect(result.claims.every((c) => c.agrees === false)).toBe(true);
  });

  it('answers claimlint/claimsOfKey with no key away from any figure', async () => {
    const result = await client.connection.sendRequest('claimlint/claimsOfKey', {
      textDocument: { uri: client.uri('reports/global-outlook.md') },
      position: { line: 0, character: 0 },
    });
    expect(result).toEqual({ key: null, claims: [] });
  });
});
