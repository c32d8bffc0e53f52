// ClaimWorkspace keeps rule findings between calls (per document, per key); after any sequence of
// edits its diagnostics must equal those of a workspace computed from scratch, order included.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClaimWorkspace } from '../../server/engine/src/index';
import { diskTestHost, filesUnder } from '../support/disk';
import { REPO_ROOT } from './lsp-test-client';

const EXAMPLE = join(REPO_ROOT, 'examples/rare-earths');
const host = diskTestHost;

function fresh(texts: Map<string, string>): ClaimWorkspace {
  const workspace = new ClaimWorkspace({ root: EXAMPLE, configText: readFileSync(join(EXAMPLE, 'claimlint.yaml'), 'utf8'), configFile: join(EXAMPLE, 'claimlint.yaml'), host });
  for (const [file, text] of texts) workspace.setDocument(file, text);
  return workspace;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDITS: ((text: string, next: () => number) => string)[] = [
  // Change one digit: values move in and out of agreement, scale slips appear.
  (text, next) => {
    const digits = [...text.matchAll(/\d/g)];
    const hit = digits[Math.floor(next() * digits.length)];
    return hit ? text.slice(0, hit.index) + String(Math.floor(next() * 10)) + text.slice(hit.index! + 1) : text;
  },
  // Drop a line: claims, citations and sources disappear.
  (text, next) => {
    const lines = text.split('\n');
    lines.splice(Math.floor(next() * lines.length), 1);
    return lines.join('\n');
  },
  // Duplicate a line: duplicate ids, more claims of a key.
  (text, next) => {
    const lines = text.split('\n');
    const index = Math.floor(next() * lines.length);
    lines.splice(index, 0, lines[index]!);
    return lines.join('\n');
  },
];

describe('cached workspace diagnostics', () => {
  it('equal a computation from scratch after each of 150 random edits to reports, claims and the registry', () => {
    const texts = new Map<string, string>();
    const probe = fresh(new Map());
    for (const file of filesUnder(EXAMPLE)) if (probe.isIncluded(file)) texts.set(file, readFileSync(file, 'utf8'));
    expect(texts.size).toBe(4);
    const editable = [...texts.keys(), join(EXAMPLE, 'sources.yaml')];
    const incremental = fresh(texts);
    expect(incremental.diagnostics()).toEqual(fresh(texts).diagnostics());
    const next = random(20250117);
    for (let step = 0; step < 150; step++) {
      const file = editable[Math.floor(next() * editable.length)]!;
      const before = texts.get(file) ?? readFileSync(file, 'utf8');
      const after = EDITS[Math.floor(next() * EDITS.length)]!(before, next);
      texts.set(file, after);
      incremental.setDocument(file, after);
      const expected = fresh(texts).diagnostics();
      const actual = incremental.diagnostics();
      expect(actual, `step ${step}: ${relative(EXAMPLE, file)}`).toEqual(expected);
    }
  });

  it('reuses the findings of unchanged documents between calls', () => {
    const texts = new Map<string, string>();
    const probe = fresh(new Map());
    for (const file of filesUnder(EXAMPLE)) if (probe.isIncluded(file)) texts.set(file, readFileSync(file, 'utf8'));
    const workspace = fresh(texts);
    const first = workspace.diagnostics();
    const second = workspace.diagnostics();
    // The same finding objects come back (only their severity wrapper is new).
    const missing = (list: typeof first) => list.filter((d) => d.rule === 'missing-source').map((d) => d.related);
    expect(missing(second)).toHaveLength(missing(first).length);
    missing(second).forEach((related, index) => expect(related).toBe(missing(first)[index]));
  });
});
