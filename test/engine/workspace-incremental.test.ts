// ClaimWorkspace checks incrementally: an edit reruns the rules of one document and of the key and
// id groups it touched, and names the files whose diagnostics may have changed. These tests hold
// it to that: the named files cover every real change, an edit names few files, a throwing rule
// costs only its own findings, and a broken config does not switch the checks off.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaimWorkspace, RULES, type Diagnostic, type Rule } from '../../server/engine/src/index';
import { diskTestHost, filesUnder } from '../support/disk';
// @ts-expect-error: plain ESM JavaScript without type declarations (the benchmark's generator)
import { generateWorkspace } from '../../bench/generate-workspace.mjs';

const host = diskTestHost;

let folder: string;
let texts: Map<string, string>;

function load(rules?: readonly Rule[]): ClaimWorkspace {
  const configFile = join(folder, 'claimlint.yaml');
  const workspace = new ClaimWorkspace({ root: folder, configText: readFileSync(configFile, 'utf8'), configFile, host, rules });
  for (const [file, text] of texts) workspace.setDocument(file, text);
  return workspace;
}

function byFile(workspace: ClaimWorkspace, files: Iterable<string>): Map<string, string> {
  return new Map([...files].map((file) => [file, JSON.stringify(workspace.diagnosticsOf(file))]));
}

/** Scales the n-th figure of a report by 1.5: a new contradiction with every other claim of its slot. */
function scaleFigure(text: string, n: number): string {
  const figures = [...text.matchAll(/(\d[\d,.]*)( Mt| t| tonnes|万吨|亿吨|吨)/g)];
  const hit = figures[n % figures.length]!;
  const value = Number(hit[1]!.replace(/,/g, '')) * 1.5;
  return text.slice(0, hit.index) + String(+value.toPrecision(3)) + text.slice(hit.index! + hit[1]!.length);
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'claimlint-incremental-'));
  generateWorkspace(folder, 3000, 7);
  const probe = new ClaimWorkspace({ root: folder, configText: readFileSync(join(folder, 'claimlint.yaml'), 'utf8'), configFile: join(folder, 'claimlint.yaml'), host });
  texts = new Map(filesUnder(folder).filter((file) => probe.isIncluded(file)).map((file) => [file, readFileSync(file, 'utf8')]));
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('incremental checking', () => {
  it('names every file whose diagnostics changed, after each of 40 edits, and matches a fresh check', () => {
    const workspace = load();
    const files = [...texts.keys()];
    workspace.takeChangedFiles();
    let before = byFile(workspace, files);
    for (let step = 0; step < 40; step++) {
      const file = files[(step * 37) % files.length]!;
      const edited = step % 3 === 2 ? texts.get(file)!.replace(/\[@src-\d+\]/, '') : scaleFigure(texts.get(file)!, step);
      texts.set(file, edited);
      workspace.setDocument(file, edited);
      const changed = workspace.takeChangedFiles();
      const after = byFile(workspace, files);
      for (const other of files) {
        if (after.get(other) !== before.get(other)) expect(changed, `step ${step}: ${other} changed unannounced`).toContain(other);
      }
      before = after;
    }
    expect(workspace.diagnostics()).toEqual(load().diagnostics());
  });

  it('names only the files that share a key or id with an edited report, not the whole workspace', () => {
    const workspace = load();
    workspace.diagnostics();
    workspace.takeChangedFiles();
    const report = [...texts.keys()].find((file) => file.endsWith('.md'))!;
    const edited = scaleFigure(texts.get(report)!, 0);
    workspace.setDocument(report, edited);
    const changed = workspace.takeChangedFiles();
    expect(changed).toContain(report);
    expect(changed.size).toBeGreaterThan(0);
    expect(changed.size).toBeLessThan(texts.size / 5);
  });

  it('keeps the other rules working when one rule throws, and reports the failure as a warning where it happened', () => {
    const broken: Rule = {
      ...RULES.find((rule) => rule.id === 'missing-source')!,
      checkClaim() {
        throw new TypeError('boom');
      },
    };
    const rules = RULES.map((rule) => (rule.id === 'missing-source' ? broken : rule));
    const healthy = load().diagnostics();
    const diagnostics = load(rules).diagnostics();
    const failures = diagnostics.filter((d) => d.message.includes('rule failed here'));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((d) => d.rule === 'missing-source' && d.severity === 'warning' && d.message.includes('TypeError: boom'))).toBe(true);
    const others = (list: Diagnostic[]) => list.filter((d) => d.rule !== 'missing-source').map((d) => `${d.file}:${d.span.start}:${d.rule}`);
    expect(others(diagnostics)).toEqual(others(healthy));
    expect(others(healthy).length).toBeGreaterThan(0);
  });

  it('keeps the last config that parsed while claimlint.yaml has a syntax error, and says so on the config', () => {
    const configFile = join(folder, 'claimlint.yaml');
    const configText = readFileSync(configFile, 'utf8');
    const workspace = load();
    const contradictions = workspace.diagnostics().filter((d) => d.rule === 'contradiction').length;
    expect(contradictions).toBeGreaterThan(0);
    workspace.setDocument(configFile, configText.replace('metrics:', 'metrics: [unclosed'));
    const broken = workspace.diagnostics();
    expect(broken.filter((d) => d.rule === 'contradiction')).toHaveLength(contradictions);
    const onConfig = broken.filter((d) => d.file === configFile);
    expect(onConfig.length).toBeGreaterThan(0);
    expect(onConfig[0]!.message).toContain('the last settings that parsed stay in force');
    workspace.setDocument(configFile, configText);
    expect(workspace.diagnostics().filter((d) => d.file === configFile)).toEqual([]);
  });
});
