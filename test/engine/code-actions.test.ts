// Quick fixes applied to the text: each changes only its own span and leaves a valid document.
import { describe, expect, it } from 'vitest';
import { ClaimWorkspace } from '../../server/engine/src';
import { codeActionsAt } from '../../server/engine/src/features/code-actions';

const SOURCES = 'sources:\n  - id: usgs\n    title: USGS\n';

function fixesFor(claims: string) {
  const ws = new ClaimWorkspace({ root: '/ws', host: { readFile: (f) => (f === '/ws/sources.yaml' ? SOURCES : undefined) } });
  ws.setDocument('/ws/a.claims.yaml', claims);
  const diagnostics = ws.diagnostics();
  const missing = diagnostics.find((d) => d.rule === 'missing-source')!;
  expect(missing).toBeDefined();
  return codeActionsAt(ws, diagnostics, '/ws/a.claims.yaml', missing.span).filter((a) => a.title.startsWith('Add sources'));
}

function apply(text: string, edit: { span: { start: number; end: number }; newText: string }): string {
  return text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
}

describe('the add-sources fix for a YAML claim', () => {
  it('adds a sources line under the value, at the key indent', () => {
    const text = 'claims:\n  - subject: ru\n    value: 3.8 Mt\n    as_of: 2024\n';
    const [fix] = fixesFor(text);
    expect(apply(text, fix!.edits[0]!)).toBe('claims:\n  - subject: ru\n    value: 3.8 Mt\n    sources: [usgs]\n    as_of: 2024\n');
  });

  it('works when value is the first key of the list item, and with CRLF', () => {
    const text = 'claims:\r\n  - value: 3.8 Mt\r\n    subject: ru\r\n';
    const [fix] = fixesFor(text);
    expect(apply(text, fix!.edits[0]!)).toBe('claims:\r\n  - value: 3.8 Mt\r\n    sources: [usgs]\r\n    subject: ru\r\n');
  });

  it('offers nothing for a flow-style claim or one with an empty sources key', () => {
    expect(fixesFor('claims:\n  - {subject: ru, value: 3.8 Mt}\n')).toEqual([]);
    expect(fixesFor('claims:\n  - value: 3.8 Mt\n    sources: []\n')).toEqual([]);
  });

  it('offers nothing for a value over more than one line, where a sources line under it would be inside it', () => {
    // Found by the fix property with 3,000 runs: the sources line went under the value's second line.
    expect(fixesFor('claims:\n  - subject: ru\n    value: {amount: 3.8,\n      unit: Mt}\n')).toEqual([]);
  });
});

describe('the disable fix over a whole document', () => {
  it('offers one per line and rule, at most 32, and each still reads as a suppression', () => {
    const ws = new ClaimWorkspace({ root: '/ws', host: { readFile: (f) => (f === '/ws/sources.yaml' ? SOURCES : undefined) } });
    const text = Array.from({ length: 100 }, (_, i) => `Line ${i} holds ${i + 1} Mt\nand ${i + 2} Mt more.\n`).join('\n');
    ws.setDocument('/ws/a.md', text);
    const diagnostics = ws.diagnostics();
    expect(diagnostics.filter((d) => d.rule === 'missing-source').length).toBe(200);
    const disables = codeActionsAt(ws, diagnostics, '/ws/a.md', { start: 0, end: text.length }).filter((a) => a.title.startsWith('Disable '));
    expect(disables.length).toBe(32);
    // Half of them on a paragraph's first line (a comment line above), half on its second (at its end).
    expect(disables.filter((a) => a.edits[0]!.newText.endsWith('\n')).length).toBe(16);
    expect(disables.filter((a) => a.edits[0]!.newText === ' <!-- claimlint-disable-line missing-source -->').length).toBe(16);
  });
});
