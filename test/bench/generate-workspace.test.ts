// The benchmark's workspace generator: structured reports hold what reports are written with and
// exactly their planned claims, with the same planted problems as the plain layout, and the plain
// layout still writes the bytes that sessions 1–6 measured.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark's generator is plain JavaScript, without types
import { generateWorkspace } from '../../bench/generate-workspace.mjs';
import { ClaimWorkspace } from '../../server/engine/src';

interface Manifest {
  reports: string;
  planted: { contradiction: number; missingSource: number; unknownSource: number; scaleSlip: number };
  markdownFigures: { file: string; offset: number; figure: string }[];
}

const scratch = mkdtempSync(join(tmpdir(), 'claimlint-generator-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function filesOf(root: string, folder = root): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? filesOf(root, join(folder, entry.name)) : [join(folder, entry.name)]));
}

function generated(reports: 'structured' | 'plain'): { root: string; manifest: Manifest } {
  const root = join(scratch, reports);
  generateWorkspace(root, 4000, 1, { reports });
  return { root, manifest: JSON.parse(readFileSync(join(root, 'bench-manifest.json'), 'utf8')) as Manifest };
}

/** Diagnostics by rule, the engine checking the workspace as the CLI would. */
function findings(root: string): Record<string, number> {
  const workspace = new ClaimWorkspace({
    root,
    configText: readFileSync(join(root, 'claimlint.yaml'), 'utf8'),
    configFile: join(root, 'claimlint.yaml'),
    host: { readFile: (file) => readFileSync(file, 'utf8') },
  });
  for (const file of filesOf(root)) if (/\.(md|claims\.yaml)$/.test(file)) workspace.setDocument(file, readFileSync(file, 'utf8'));
  const byRule: Record<string, number> = {};
  for (const diagnostic of workspace.diagnostics()) byRule[diagnostic.rule] = (byRule[diagnostic.rule] ?? 0) + 1;
  return byRule;
}

describe('bench/generate-workspace.mjs', () => {
  const structured = generated('structured');
  const plain = generated('plain');

  it('writes structured reports by default: front matter, lists, a quote, a footnote and a table', () => {
    expect(structured.manifest.reports).toBe('structured');
    const english = readFileSync(join(structured.root, 'reports/report-00000.md'), 'utf8');
    const chinese = readFileSync(join(structured.root, 'reports/report-00001.zh.md'), 'utf8');
    for (const report of [english, chinese]) {
      expect(report).toMatch(/^---\ntitle: ".+"\nauthor: .+\n---\n\n# /);
      expect(report).toMatch(/^- .+\n- .+\n- .+\n\n/m);
      expect(report).toMatch(/^> .+\n/m);
      expect(report).toMatch(/^1\. .+\n2\. .+\n/m);
      expect(report).toMatch(/^\|.+\|\n\|---\|---\|---\|\n\|.+\|\n/m);
      expect(report).toMatch(/\*\*.+\*\*/);
      expect(report).toMatch(/\]\(https:\/\/example\.org\/guide\/\d+\)/);
    }
    // Report 0's eighth claim is cited, so its citation stands in a footnote.
    expect(english).toMatch(/\[\^n0\]\n[\s\S]*\n\[\^n0\]: As tabulated in \[@src-\d+\]\.\n$/);
  });

  it('puts every listed figure at its offset, in both layouts', () => {
    for (const { root, manifest } of [structured, plain]) {
      expect(manifest.markdownFigures.length).toBeGreaterThan(0);
      for (const { file, offset, figure } of manifest.markdownFigures) {
        expect(readFileSync(join(root, file), 'utf8').slice(offset, offset + figure.length)).toBe(figure);
      }
    }
  });

  it('plants the same problems in both layouts, and the engine finds exactly the planted sources', () => {
    expect(structured.manifest.planted).toEqual(plain.manifest.planted);
    const inStructured = findings(structured.root);
    expect(inStructured).toEqual(findings(plain.root));
    expect(inStructured['missing-source'] ?? 0).toBe(structured.manifest.planted.missingSource);
    expect(inStructured['unknown-source'] ?? 0).toBe(structured.manifest.planted.unknownSource);
    expect(structured.manifest.planted.unknownSource).toBeGreaterThan(0);
  });

  it('writes the plain layout byte for byte as sessions 1–6 did', () => {
    const hash = createHash('sha256');
    for (const file of filesOf(plain.root)) {
      if (file.endsWith('bench-manifest.json')) continue;
      hash.update(`${relative(plain.root, file)}\0`);
      hash.update(readFileSync(file));
    }
    expect(hash.digest('hex')).toBe('d0d4fab656cadc0eb02159f40b09d8619087ddc5c36b1f29c642b6645f23563d');
  });
});
