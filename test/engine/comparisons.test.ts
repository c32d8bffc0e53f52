// The comparisons the issue names, end to end through the engine: across files and languages, with
// the as_of rules of SPEC §3, scale slips, and bounds that must not contradict.
import { describe, expect, it } from 'vitest';
import { ClaimWorkspace, type Diagnostic } from '../../server/engine/src';

const CONFIG = `metrics:
  re-reserves:
    name: rare-earth reserves
    unit: t
    aliases: ["rare-earth reserves", "reserves", "稀土储量", "储量"]
  refining-share:
    name: share of global refining
    unit: "%"
    aliases: ["share of global refining", "refining", "精炼产能"]
  re-content:
    name: rare-earth content
    unit: kg
    aliases: ["rare-earth content", "稀土用量"]
`;
const SOURCES = 'sources:\n  - id: a\n    title: A\n  - id: b\n    title: B\n';

function check(files: Record<string, string>): Diagnostic[] {
  const all: Record<string, string> = { 'sources.yaml': SOURCES, ...files };
  const ws = new ClaimWorkspace({ root: '/ws', configText: CONFIG, configFile: '/ws/claimlint.yaml', host: { readFile: (f) => all[f.slice(4)] } });
  for (const [name, text] of Object.entries(files)) ws.setDocument(`/ws/${name}`, text);
  return ws.diagnostics();
}

const rules = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.file.slice(4)}:${d.rule}:${d.severity}`).sort();

describe('comparisons across the workspace', () => {
  it('finds a contradiction between a Chinese and an English file of the same year', () => {
    const found = check({
      'brief.zh.md': '俄罗斯稀土储量为1000万吨（2024年）[@a]。\n',
      'report.md': 'In 2024 Russia holds 3.8 million tonnes of reserves [@b].\n',
    });
    expect(rules(found)).toEqual(['brief.zh.md:contradiction:error', 'report.md:contradiction:error']);
    const onReport = found.find((d) => d.file === '/ws/report.md')!;
    expect(onReport.message).toBe('Russia rare-earth reserves: 3.8 Mt here (b) vs 10 Mt in brief.zh.md:1 (a)');
    expect(onReport.related.map((r) => r.file)).toEqual(['/ws/brief.zh.md']);
  });

  it('makes an undated claim against a dated one a warning that names the year', () => {
    const found = check({
      'brief.zh.md': '俄罗斯稀土储量为1000万吨[@a]。\n',
      'report.md': 'In 2024 Russia holds 3.8 million tonnes of reserves [@b].\n',
    });
    expect(rules(found)).toEqual(['brief.zh.md:contradiction:warning', 'report.md:contradiction:warning']);
    expect(found.find((d) => d.file === '/ws/brief.zh.md')!.message).toContain('as of 2024');
  });

  it('does not compare claims of different years', () => {
    expect(check({ 'a.md': 'In 2020 Russia held 10 Mt of reserves [@a].\n', 'b.md': 'In 2024 Russia held 3.8 Mt of reserves [@b].\n' })).toEqual([]);
  });

  it('reports 1000万吨 against "1 million tons" as a scale slip, not a contradiction', () => {
    const found = check({
      'brief.zh.md': '俄罗斯稀土储量为1000万吨[@a]。\n',
      'report.md': 'Russia has 1 million tons of rare-earth reserves [@b].\n',
    });
    expect(rules(found)).toEqual(['brief.zh.md:scale-slip:error', 'report.md:ambiguous-unit:warning', 'report.md:scale-slip:error']);
    expect(found.find((d) => d.rule === 'scale-slip' && d.file === '/ws/report.md')!.message).toMatch(/10× apart/);
  });

  it('does not let "over 90%" contradict 92%, nor 90%以上', () => {
    expect(
      check({
        'a.md': 'China holds over 90% of global refining [@a].\n',
        'b.md': "China's share of global refining is 92% [@b].\n",
        'c.zh.md': '中国精炼产能占全球90%以上[@a]。\n',
      }),
    ).toEqual([]);
  });

  it('lets "about" widen a figure by the approximation, in both languages', () => {
    expect(check({ 'a.md': 'An F-35 fighter holds about 417 kg of rare-earth content [@a].\n', 'b.zh.md': '每架F-35战机稀土用量约为408公斤[@b]。\n' })).toEqual([]);
  });

  it('reports reserves in USD as a unit mismatch when the metric is named by a span', () => {
    const found = check({ 'a.md': 'Russia: [$5 billion]{metric=re-reserves} [@a].\n' });
    expect(rules(found)).toContain('a.md:unit-mismatch:error');
  });
});
