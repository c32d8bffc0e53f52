// How many of the figures in the real news summaries (/work/shared/seeds) the reader finds. It
// prints, per file, the figures found and the number-with-unit-looking strings it left alone, so a
// person can see the coverage; it fails when coverage drops or a known trap becomes a figure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FigureMatch } from '../../server/engine/src/model';
import { DEFAULT_QUANTITY_OPTIONS, findFigures } from '../../server/engine/src/quantity';

const SEEDS = resolve(__dirname, '../../../shared/seeds');
const seedFiles = existsSync(SEEDS) ? readdirSync(SEEDS).filter((name) => name.endsWith('.txt')).sort() : [];

/** A crude "digits followed by something unit-ish" pattern, only to list what was not read. */
const UNIT_LOOKING = /[0-9０-９][0-9０-９,.．]*\s?(?:%|％|[A-Za-z]+|[\u4e00-\u9fff]{1,2})/g;

interface Coverage {
  file: string;
  found: FigureMatch[];
  texts: string[];
  missed: string[];
}

function coverage(file: string): Coverage {
  const text = readFileSync(join(SEEDS, file), 'utf8');
  const found = findFigures(text, DEFAULT_QUANTITY_OPTIONS);
  const missed: string[] = [];
  for (const match of text.matchAll(UNIT_LOOKING)) {
    const at = match.index;
    if (found.some((f) => f.span.start <= at && at < f.span.end)) continue;
    missed.push(text.slice(Math.max(0, at - 8), at + match[0].length).replace(/\s+/g, ' '));
  }
  return { file, found, texts: found.map((f) => text.slice(f.span.start, f.span.end)), missed };
}

describe.skipIf(seedFiles.length === 0)('figures in the seed news summaries', () => {
  const results = seedFiles.map(coverage);

  it('reports what it found and what it left, per file', () => {
    let total = 0;
    for (const r of results) {
      total += r.found.length;
      console.log(`${r.file}: ${r.found.length} figures`);
      console.log(`  not read (${r.missed.length}): ${r.missed.map((m) => JSON.stringify(m)).join(' ')}`);
    }
    console.log(`total: ${total} figures in ${results.length} files`);
    // 148 when this was written; a drop means figures stopped being read.
    expect(total).toBeGreaterThanOrEqual(140);
  });

  it('reads the disputed figures the summaries are about', () => {
    const all = results.flatMap((r) => r.texts);
    for (const figure of ['1000万吨', '190万吨', '44 million tons', '380,000 tons', 'approximately 3.8 million tons', '1 million tons', '417 kg', '408 kg', '$8.5 billion', '$1 billion', '$3 billion', '年产3.1万吨', '每年约14万吨', '50亿美元', '34%', '37%', '40%', '60%']) {
      expect(all, figure).toContain(figure);
    }
  });

  it('turns none of the traps into figures', () => {
    const all = results.flatMap((r) => r.texts);
    for (const text of all) {
      expect(text).not.toMatch(/F-35|C919|5G|G7|J-36|C5\+1|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\[\d+\]|Group \d|1980s|21st/);
    }
  });

  it('reads every figure with a finite value inside its interval', () => {
    for (const r of results) {
      for (const { quantity } of r.found) {
        expect(Number.isFinite(quantity.value)).toBe(true);
        expect(quantity.lo).toBeLessThanOrEqual(quantity.value);
        expect(quantity.hi).toBeGreaterThanOrEqual(quantity.value);
      }
    }
  });
});

describe.skipIf(seedFiles.length > 0)('figures in the seed news summaries (absent)', () => {
  it('are skipped because the seeds folder is missing', () => {
    console.log(`seed coverage skipped: no seeds at ${SEEDS}`);
    expect(existsSync(SEEDS)).toBe(false);
  });
});
