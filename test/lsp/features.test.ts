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

interface Edit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

/** Applies LSP edits (sorted from last to first) to a text. */
function applyEdits(text: string, edits: Edit[]): string {
  const offsetOf = (p: { line: number; character: number }): number => {
    const lines = text.split('\n');
    return lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
  };
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offsetOf(edit.range.start)) + edit.newText + result.slice(offsetOf(edit.range.end));
  return result;
}

interface Action {
  title: string;
  edit: { changes: Record<string, Edit[]> };
}

async function actionsAt(relative: string, needle: string): Promise<Action[]> {
  const start = positionOf(relative, needle);
  return client.connection.sendRequest<Action[]>('textDocument/codeAction', {
    textDocument: { uri: client.uri(relative) },
    range: { start, end: start },
    context: { diagnostics: [] },
  });
}

function applied(relative: string, action: Action): string {
  const text = readFileSync(join(client.folder, relative), 'utf8');
  expect(Object.keys(action.edit.changes)).toEqual([client.uri(relative)]);
  return applyEdits(text, action.edit.changes[client.uri(relative)]!);
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

  it('goes from a citation to its registry entry', async () => {
    const locations = await client.connection.sendRequest<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', {
      textDocument: { uri: client.uri('reports/global-outlook.md') },
      position: positionOf('reports/global-outlook.md', '@usgs-mcs-2025', 3),
    });
    expect(locations).toEqual([{ uri: client.uri('sources.yaml'), range: expect.objectContaining({ start: positionOf('sources.yaml', 'usgs-mcs-2025') }) }]);
  });

  it('goes from a YAML claim metric to its entry in claimlint.yaml', async () => {
    const locations = await client.connection.sendRequest<{ uri: string; range: { start: unknown } }[]>('textDocument/definition', {
      textDocument: { uri: client.uri('claims/reserves.claims.yaml') },
      position: positionOf('claims/reserves.claims.yaml', 'metric: re-reserves', 10),
    });
    expect(locations).toEqual([{ uri: client.uri('claimlint.yaml'), range: expect.objectContaining({ start: positionOf('claimlint.yaml', 're-reserves:') }) }]);
  });

  it('lists every citation of a source as its references', async () => {
    const locations = await client.connection.sendRequest<{ uri: string }[]>('textDocument/references', {
      textDocument: { uri: client.uri('sources.yaml') },
      position: positionOf('sources.yaml', 'rew-2025-05-17', 2),
      context: { includeDeclaration: false },
    });
    const files = locations.map((l) => l.uri.slice(client.uri('').length + 1)).sort();
    // The brief cites it twice, the YAML claims once.
    expect(files).toEqual(['claims/reserves.claims.yaml', 'reports/china-brief.zh.md', 'reports/china-brief.zh.md']);
  });

  it('completes source ids after [@ in Markdown, replacing the partial id', async () => {
    const uri = client.uri('reports/new.md');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'Output was 12 kt [@usg' } });
    const items = await client.connection.sendRequest<{ label: string; textEdit: Edit }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 22 } });
    expect(items.map((i) => i.label)).toContain('usgs-mcs-2025');
    expect(items[0]!.textEdit.range).toEqual({ start: { line: 0, character: 19 }, end: { line: 0, character: 22 } });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('completes metrics, sources and units in YAML claim fields', async () => {
    const uri = client.uri('claims/new.claims.yaml');
    const text = 'claims:\n  - subject: ru\n    metric: re-\n    value: 12 \n    sources: [us\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const labels = async (line: number, character: number): Promise<string[]> =>
      ((await client.connection.sendRequest<{ label: string }[] | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } })) ?? []).map((i) => i.label);
    expect(await labels(2, 15)).toContain('re-reserves');
    expect(await labels(3, 14)).toContain('Mt');
    expect(await labels(4, 16)).toContain('usgs-mcs-2025');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('inserts a citation of the nearest cited source after an unsourced figure\'s sentence', async () => {
    const actions = await actionsAt('reports/global-outlook.md', '3.5 Mt');
    const cite = actions.find((a) => a.title.startsWith('Cite '))!;
    expect(cite.title).toBe('Cite [@usgs-mcs-2025]');
    expect(applied('reports/global-outlook.md', cite)).toContain('a fraction of what was reported a few years ago [@usgs-mcs-2025].\n');
  });

  it('rewrites a figure in its metric\'s unit', async () => {
    const actions = await actionsAt('reports/china-brief.zh.md', '1000万吨');
    const convert = actions.find((a) => a.title.startsWith('Write '))!;
    expect(applied('reports/china-brief.zh.md', convert)).toContain('俄罗斯稀土储量为10 Mt，');
  });

  it('replaces an unknown source id with the nearest known one', async () => {
    const uri = client.uri('reports/typo.md');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'Output was 12 kt [@usgs-mcs-2052].\n' } });
    await client.waitFor(() => (client.diagnostics.get(uri) ?? []).some((d) => d.code === 'unknown-source'), 'the unknown-source diagnostic');
    const actions = await client.connection.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 22 }, end: { line: 0, character: 22 } },
      context: { diagnostics: [] },
    });
    const replace = actions.find((a) => a.title.startsWith('Replace '))!;
    expect(applyEdits('Output was 12 kt [@usgs-mcs-2052].\n', replace.edit.changes[uri]!)).toBe('Output was 12 kt [@usgs-mcs-2025].\n');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('disables a rule for the next line with a comment in the line\'s indentation', async () => {
    const actions = await actionsAt('claims/reserves.claims.yaml', '190万顿');
    const disable = actions.find((a) => a.title === 'Disable unknown-unit for this line')!;
    expect(applied('claims/reserves.claims.yaml', disable)).toMatch(/\n    # claimlint-disable-next-line unknown-unit\n    value: .*190万顿/);
    const markdown = (await actionsAt('reports/global-outlook.md', '3.5 Mt')).find((a) => a.title === 'Disable missing-source for this line')!;
    expect(applied('reports/global-outlook.md', markdown)).toContain('\n<!-- claimlint-disable-next-line missing-source -->\nVietnam');
  });

  it('lists the claims of a document as symbols', async () => {
    const symbols = await client.connection.sendRequest<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri('reports/china-brief.zh.md') } });
    expect(symbols.map((s) => s.name)).toContain('Russia rare-earth reserves: 10 Mt');
  });

  it('re-checks the whole workspace on claimlint/checkWorkspace and returns the counts', async () => {
    const counts = await client.connection.sendRequest<{ files: number; errors: number; warnings: number; infos: number }>('claimlint/checkWorkspace', {});
    expect(counts).toEqual({ files: 4, errors: 14, warnings: 2, infos: 0 });
  });
});
