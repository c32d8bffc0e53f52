// A deterministic report workspace of any size for the benchmarks: half the claims in YAML claim
// files, half in Markdown reports (alternating English and Chinese), with citations, a source
// registry, and planted problems at fixed rates (contradictions, missing sources, unknown source
// ids, scale slips). The same (claims, seed, layout) always writes the same bytes, so runs compare.
// The reports are `structured` (as reports are written) unless `--reports plain` asks for the
// layout of sessions 1–6, which it writes byte for byte as they did.
//
//   node bench/generate-workspace.mjs <dir> <claims> [seed] [--reports structured|plain]
//
// Besides the workspace it writes `bench-manifest.json` (outside the checked globs): the planted
// counts and, for the language-server benchmark, Markdown figures (each with the same figure ×1.5
// and how many other claims of its key hold the true value) and pairs of figures of one key in two
// files. The manifest may grow fields; the workspace files of a (claims, seed, layout) never change.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Claims per YAML file and per Markdown report: ~12 KB and ~2 KB files, like real ones. */
export const CLAIMS_PER_YAML_FILE = 50;
export const CLAIMS_PER_REPORT = 10;

const COUNTRIES = [
  ['cn', 'China', '中国'], ['us', 'the United States', '美国'], ['ru', 'Russia', '俄罗斯'],
  ['au', 'Australia', '澳大利亚'], ['br', 'Brazil', '巴西'], ['in', 'India', '印度'],
  ['vn', 'Vietnam', '越南'], ['mm', 'Myanmar', '缅甸'], ['th', 'Thailand', '泰国'],
  ['za', 'South Africa', '南非'], ['ca', 'Canada', '加拿大'], ['gl', 'Greenland', '格陵兰'],
  ['tz', 'Tanzania', '坦桑尼亚'], ['mg', 'Madagascar', '马达加斯加'], ['kz', 'Kazakhstan', '哈萨克斯坦'],
  ['my', 'Malaysia', '马来西亚'], ['jp', 'Japan', '日本'], ['kr', 'South Korea', '韩国'],
  ['de', 'Germany', '德国'], ['fr', 'France', '法国'], ['gb', 'the United Kingdom', '英国'],
  ['se', 'Sweden', '瑞典'], ['no', 'Norway', '挪威'], ['fi', 'Finland', '芬兰'],
  ['cl', 'Chile', '智利'], ['ar', 'Argentina', '阿根廷'], ['pe', 'Peru', '秘鲁'],
  ['mx', 'Mexico', '墨西哥'], ['id', 'Indonesia', '印度尼西亚'], ['ph', 'the Philippines', '菲律宾'],
  ['mn', 'Mongolia', '蒙古'], ['uz', 'Uzbekistan', '乌兹别克斯坦'], ['tr', 'Turkey', '土耳其'],
  ['sa', 'Saudi Arabia', '沙特阿拉伯'], ['eg', 'Egypt', '埃及'], ['ng', 'Nigeria', '尼日利亚'],
  ['ke', 'Kenya', '肯尼亚'], ['ma', 'Morocco', '摩洛哥'], ['na', 'Namibia', '纳米比亚'],
  ['bw', 'Botswana', '博茨瓦纳'],
];

/** Metrics in tonnes, so figures take scale words (Mt, 万吨) and scale slips are possible. */
const METRICS = [
  ['ree-reserves', 'rare-earth reserves', '稀土储量', 1e6, 5e7],
  ['ree-production', 'rare-earth production', '稀土产量', 1e3, 3e5],
  ['ree-exports', 'rare-earth exports', '稀土出口量', 1e3, 1e5],
  ['ree-imports', 'rare-earth imports', '稀土进口量', 1e3, 1e5],
  ['ndpr-output', 'NdPr oxide output', '氧化镨钕产量', 1e3, 1e5],
  ['magnet-output', 'magnet output', '磁材产量', 1e3, 3e5],
  ['refining-capacity', 'refining capacity', '冶炼产能', 1e3, 3e5],
  ['lithium-reserves', 'lithium reserves', '锂储量', 1e5, 1e7],
  ['graphite-output', 'graphite output', '石墨产量', 1e4, 1e6],
  ['cobalt-output', 'cobalt output', '钴产量', 1e3, 2e5],
];
const YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
/** Claims per (subject, metric, year) slot on average: a few figures of each, as in real reports. */
const CLAIMS_PER_SLOT = 3;
/** Syllables for company names (subjects from claimlint.yaml): English and Chinese, no digits. */
const SYLLABLES = [
  ['ka', '卡'], ['lo', '洛'], ['ra', '拉'], ['mi', '米'], ['no', '诺'], ['ta', '塔'], ['vi', '维'], ['sen', '森'],
  ['dor', '多'], ['bel', '贝'], ['ri', '里'], ['ma', '玛'], ['tu', '图'], ['xan', '桑'], ['zel', '泽'], ['pho', '福'],
  ['gar', '加'], ['lin', '林'], ['quo', '阔'], ['hel', '赫'],
];
const SOURCE_COUNT = 400;

/** Problems planted per claim (after the first claim of a key): rates a real draft might have. */
const RATES = { contradiction: 0.02, missingSource: 0.02, unknownSource: 0.005, scaleSlip: 0.005 };

/** mulberry32: small, fast and the same on every machine. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value in tonnes with three significant figures, like published ones. */
function roundTo3(value) {
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 2);
  return Math.round(value / magnitude) * magnitude;
}

function englishTonnes(tonnes) {
  if (tonnes >= 1e6) return `${+(tonnes / 1e6).toPrecision(3)} Mt`;
  if (tonnes >= 1e4) return `${Math.round(tonnes).toLocaleString('en-US')} t`;
  return `${Math.round(tonnes).toLocaleString('en-US')} tonnes`;
}

function chineseTonnes(tonnes) {
  if (tonnes >= 1e8) return `${+(tonnes / 1e8).toPrecision(3)}亿吨`;
  if (tonnes >= 1e4) return `${+(tonnes / 1e4).toPrecision(3)}万吨`;
  return `${Math.round(tonnes)}吨`;
}

/**
 * The claims of the workspace, in order: each key's true value, each claim's value (true, a
 * contradiction, or a scale slip) and its sources. Keys repeat ~2.5 times on average, spread over
 * files, so most keys are compared across files.
 */
/**
 * Countries, then as many mining companies as keep ~CLAIMS_PER_SLOT claims per (subject, metric,
 * year): a workspace ten times larger covers more companies, not the same figures ten times over.
 */
function subjectsFor(count) {
  const wanted = Math.max(COUNTRIES.length, Math.ceil(count / CLAIMS_PER_SLOT / METRICS.length / YEARS.length));
  const subjects = [...COUNTRIES];
  for (let index = 0; subjects.length < wanted; index++) {
    const parts = [index % 20, Math.floor(index / 20) % 20, Math.floor(index / 400) % 20].map((i) => SYLLABLES[i]);
    const english = parts.map(([latin]) => latin).join('');
    const name = english[0].toUpperCase() + english.slice(1);
    subjects.push([`co-${english}`, `${name} Mining`, `${parts.map(([, hanzi]) => hanzi).join('')}矿业`]);
  }
  return subjects;
}

function keyId(key) {
  return `${key.subject}|${key.metric[0]}|${key.year}`;
}

function planClaims(count, next, subjects) {
  const keys = [];
  for (const [subject] of subjects) for (const metric of METRICS) for (const year of YEARS) keys.push({ subject, metric, year });
  const truth = new Map();
  const seen = new Set();
  const claims = [];
  const planted = { contradiction: 0, missingSource: 0, unknownSource: 0, scaleSlip: 0 };
  for (let index = 0; index < count; index++) {
    const key = keys[Math.floor(next() * keys.length)];
    const id = keyId(key);
    if (!truth.has(id)) truth.set(id, roundTo3(key.metric[3] + next() * (key.metric[4] - key.metric[3])));
    let tonnes = truth.get(id);
    let sources = [`src-${Math.floor(next() * SOURCE_COUNT)}`];
    let problem = 'none';
    if (seen.has(id)) {
      const roll = next();
      if (roll < RATES.contradiction) { tonnes = roundTo3(tonnes * 1.5); problem = 'contradiction'; }
      else if (roll < RATES.contradiction + RATES.missingSource) { sources = []; problem = 'missingSource'; }
      else if (roll < RATES.contradiction + RATES.missingSource + RATES.unknownSource) { sources = [`gone-${index}`]; problem = 'unknownSource'; }
      else if (roll < RATES.contradiction + RATES.missingSource + RATES.unknownSource + RATES.scaleSlip) { tonnes = tonnes * 10; problem = 'scaleSlip'; }
    }
    if (problem !== 'none') planted[problem]++;
    seen.add(id);
    claims.push({ index, key, tonnes, sources, problem });
  }
  return { claims, planted, keyCount: truth.size };
}

function configText(subjects) {
  const lines = [
    '# Generated by bench/generate-workspace.mjs for the benchmarks.',
    'include: ["reports/**/*.md", "claims/**/*.claims.yaml"]',
    'sources: [sources.yaml]',
  ];
  const companies = subjects.filter(([id]) => id.startsWith('co-'));
  if (companies.length > 0) lines.push('subjects:');
  for (const [id, en, zh] of companies) lines.push(`  ${id}:`, `    name: ${en}`, `    aliases: ["${en}", "${zh}"]`);
  lines.push('metrics:');
  for (const [id, en, zh] of METRICS) {
    lines.push(`  ${id}:`, `    name: ${en}`, '    unit: t', `    aliases: ["${en}", "${zh}"]`);
  }
  return lines.join('\n') + '\n';
}

function sourcesText() {
  const lines = ['sources:'];
  for (let index = 0; index < SOURCE_COUNT; index++) {
    lines.push(
      `  - id: src-${index}`,
      `    title: Minerals yearbook, volume ${index}`,
      `    publisher: Example statistics office ${index % 17}`,
      `    url: https://example.org/yearbook/${index}`,
      `    published: ${2015 + (index % 10)}-0${1 + (index % 9)}-15`,
    );
  }
  return lines.join('\n') + '\n';
}

function yamlClaim(claim, next) {
  const metric = claim.key.metric;
  const lines = [`  - id: c${claim.index}`, `    subject: ${claim.key.subject}`, `    metric: ${metric[0]}`];
  lines.push(next() < 0.5 ? `    value: ${englishTonnes(claim.tonnes)}` : `    value: {amount: ${claim.tonnes}, unit: t}`);
  lines.push(`    as_of: ${claim.key.year}`);
  if (claim.sources.length > 0) lines.push(`    sources: [${claim.sources.join(', ')}]`);
  lines.push(`    text: Figure ${claim.index} for ${metric[1]} as the yearbook reports it.`);
  return lines.join('\n');
}

/** A claim's sentence; `footnote` cites through a footnote reference (`[^label]`) instead of `[@id]`. */
function englishSentence(claim, country, footnote) {
  const cite = claim.sources.length === 0 ? '' : footnote ? '' : ` [@${claim.sources[0]}]`;
  const after = claim.sources.length > 0 && footnote ? `[^${footnote}]` : '';
  return `In ${claim.key.year}, ${country[1]} reported ${claim.key.metric[1]} of ${englishTonnes(claim.tonnes)}${cite}.${after}`;
}

function chineseSentence(claim, country, footnote) {
  const cite = claim.sources.length === 0 ? '' : footnote ? `[^${footnote}]` : `[@${claim.sources[0]}]`;
  return `${claim.key.year}年，${country[2]}的${claim.key.metric[2]}为${chineseTonnes(claim.tonnes)}${cite}。`;
}

/** How reports are written: `structured` (the default since session 7) or `plain` (sessions 1–6). */
export const REPORT_LAYOUTS = ['structured', 'plain'];

/**
 * A report's text, with `place(offset, figure, claim)` called for each claim's figure. `plain`: a
 * heading, an intro and one paragraph per claim. `structured`, as reports are written: front
 * matter, emphasis, a link and inline code in the intro, a list, paragraphs, a block quote, a
 * numbered list, a footnote that holds a claim's citation, and a table of sources (no figures in
 * it, so every report still holds exactly its planned claims). markdownlint-cli2 takes 60% longer
 * over the structured reports of the 100k workspace than over the plain ones (docs/benchmarks.md).
 */
function reportText(layout, number, chinese, claims, subjectById, place) {
  let text = '';
  const write = (part) => {
    text += part;
  };
  /** Writes one claim's sentence between `before` and `after`, noting where its figure starts. */
  const claimAt = (claim, before, after, footnote) => {
    const country = subjectById.get(claim.key.subject);
    const sentence = chinese ? chineseSentence(claim, country, footnote) : englishSentence(claim, country, footnote);
    const figure = chinese ? chineseTonnes(claim.tonnes) : englishTonnes(claim.tonnes);
    place(text.length + before.length + sentence.indexOf(figure), figure, claim);
    write(before + sentence + after);
  };
  if (layout === 'plain') {
    write(chinese ? `# 矿产简报 ${number}\n\n` : `# Minerals brief ${number}\n\n`);
    write(chinese ? '本简报汇总各国关键矿产的储量与产量数据，数字均以吨计。\n\n' : 'This brief gathers reserve and output figures by country. All figures are in tonnes.\n\n');
    for (const claim of claims) claimAt(claim, '', chinese ? '\n\n' : ' Analysts expect the figure to be revised next year.\n\n');
    return text;
  }
  const year = claims[0]?.key.year ?? 2024;
  const office = number % 17;
  write(chinese ? `---\ntitle: "矿产简报 ${number}"\nauthor: 示例研究组\n---\n\n# 矿产简报 ${number}\n\n` : `---\ntitle: "Minerals brief ${number}"\nauthor: Example research desk\n---\n\n# Minerals brief ${number}\n\n`);
  write(
    chinese
      ? `本简报汇总各国**储量与产量**数据，数字均以吨计。方法说明见[年鉴指南](https://example.org/guide/${number})，表格采用\`yearbook\`格式。\n\n## 储量与产量\n\n`
      : `This brief gathers **reserve and output** figures by country, in tonnes. Method notes are in the [yearbook guide](https://example.org/guide/${number}); tables follow the \`yearbook\` layout.\n\n## Reserves and output\n\n`,
  );
  const footnotes = [];
  claims.forEach((claim, index) => {
    const space = chinese ? '' : ' ';
    switch (index) {
      case 0: case 1: case 2:
        claimAt(claim, '- ', index === 2 ? '\n\n' : '\n');
        break;
      case 3:
        claimAt(claim, '', chinese ? '\n\n' : ' Analysts expect the figure to be revised next year.\n\n');
        break;
      case 4:
        claimAt(claim, '> ', '\n\n');
        break;
      case 5: case 6:
        claimAt(claim, `${index - 4}. `, index === 6 ? '\n\n' : '\n');
        break;
      case 7: {
        const label = `n${number}`;
        claimAt(claim, '', '\n\n', label);
        if (claim.sources.length > 0) footnotes.push(chinese ? `[^${label}]: 数据见[@${claim.sources[0]}]。` : `[^${label}]: As tabulated in [@${claim.sources[0]}].`);
        write(
          chinese
            ? `| 来源 | 发布方 | 年份 |\n|---|---|---|\n| 矿产年鉴 | 示例统计局 ${office} | ${year} |\n\n`
            : `| Source | Publisher | Year |\n|---|---|---|\n| Minerals yearbook | Example statistics office ${office} | ${year} |\n\n`,
        );
        break;
      }
      default:
        claimAt(claim, '', index === claims.length - 1 ? '\n\n' : space);
    }
  });
  if (!text.endsWith('\n\n')) write('\n\n');
  for (const footnote of footnotes) write(`${footnote}\n`);
  return text;
}

/** Writes the workspace into `dir` (emptied first) and returns its manifest. */
export function generateWorkspace(dir, claimCount, seed = 1, { reports = 'structured' } = {}) {
  if (!REPORT_LAYOUTS.includes(reports)) throw new Error(`unknown report layout ${reports} (known: ${REPORT_LAYOUTS.join(', ')})`);
  const next = random(seed);
  const subjects = subjectsFor(claimCount);
  const { claims, planted, keyCount } = planClaims(claimCount, next, subjects);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'claims'), { recursive: true });
  mkdirSync(join(dir, 'reports'), { recursive: true });
  writeFileSync(join(dir, 'claimlint.yaml'), configText(subjects));
  writeFileSync(join(dir, 'sources.yaml'), sourcesText());
  const subjectById = new Map(subjects.map((subject) => [subject[0], subject]));
  const yamlCount = Math.ceil(claimCount / 2);
  const files = { yaml: [], markdown: [] };
  /** Where each claim was written, for the edit benchmark: file and offset of its figure. */
  const placed = [];
  let bytes = 0;
  for (let start = 0; start < yamlCount; start += CLAIMS_PER_YAML_FILE) {
    const name = `claims/batch-${String(files.yaml.length).padStart(5, '0')}.claims.yaml`;
    const parts = ['# Figures transcribed from the yearbooks.', 'claims:'];
    for (const claim of claims.slice(start, Math.min(start + CLAIMS_PER_YAML_FILE, yamlCount))) parts.push(yamlClaim(claim, next));
    const text = parts.join('\n') + '\n';
    writeFileSync(join(dir, name), text);
    files.yaml.push(name);
    bytes += Buffer.byteLength(text);
  }
  for (let start = yamlCount; start < claimCount; start += CLAIMS_PER_REPORT) {
    const chinese = files.markdown.length % 2 === 1;
    const name = `reports/report-${String(files.markdown.length).padStart(5, '0')}${chinese ? '.zh' : ''}.md`;
    const text = reportText(reports, files.markdown.length, chinese, claims.slice(start, Math.min(start + CLAIMS_PER_REPORT, claimCount)), subjectById, (offset, figure, claim) => {
      // `scaled`: the same figure ×1.5, written the same way; an edit to it makes a contradiction
      // with every other claim of the key that holds the true value (`partners` of them).
      const scaled = chinese ? chineseTonnes(roundTo3(claim.tonnes * 1.5)) : englishTonnes(roundTo3(claim.tonnes * 1.5));
      placed.push({ file: name, offset, figure, scaled, claim });
    });
    writeFileSync(join(dir, name), text);
    files.markdown.push(name);
    bytes += Buffer.byteLength(text);
  }
  /** Claims per key that hold the key's true value: the ones a ×1.5 edit contradicts. */
  const truthHolders = new Map();
  for (const claim of claims) {
    if (claim.problem === 'contradiction' || claim.problem === 'scaleSlip') continue;
    const id = keyId(claim.key);
    truthHolders.set(id, (truthHolders.get(id) ?? 0) + 1);
  }
  const partnersOf = (claim) => (truthHolders.get(keyId(claim.key)) ?? 0) - (claim.problem === 'contradiction' || claim.problem === 'scaleSlip' ? 0 : 1);
  const figureEntry = ({ file, offset, figure, scaled, claim }) => ({ file, offset, figure, scaled, key: keyId(claim.key), partners: partnersOf(claim) });
  // Pairs of Markdown figures of one key in two files: editing one changes the other's contradiction.
  const byKey = new Map();
  for (const place of placed) {
    if (place.claim.problem !== 'none') continue;
    const id = keyId(place.claim.key);
    const list = byKey.get(id) ?? [];
    list.push(place);
    byKey.set(id, list);
  }
  const crossFilePairs = [];
  for (const list of byKey.values()) {
    const other = list.find((place) => place.file !== list[0].file);
    if (other) crossFilePairs.push([list[0], other].map(figureEntry));
  }
  const manifest = {
    claims: claimCount,
    seed,
    reports,
    subjects: subjects.length,
    slots: keyCount,
    files: { yaml: files.yaml.length, markdown: files.markdown.length },
    bytes,
    planted,
    markdownFigures: placed.map(figureEntry).filter((_, index) => index % 7 === 0).slice(0, 2000),
    crossFilePairs: crossFilePairs.slice(0, 1000),
  };
  writeFileSync(join(dir, 'bench-manifest.json'), JSON.stringify(manifest));
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const layoutAt = args.indexOf('--reports');
  const reports = layoutAt >= 0 ? args.splice(layoutAt, 2)[1] : 'structured';
  const [dir, count, seed] = args;
  if (!dir || !count || !REPORT_LAYOUTS.includes(reports)) {
    console.error(`usage: node bench/generate-workspace.mjs <dir> <claims> [seed] [--reports ${REPORT_LAYOUTS.join('|')}]`);
    process.exit(2);
  }
  const manifest = generateWorkspace(dir, Number(count), Number(seed ?? 1), { reports });
  const { markdownFigures, crossFilePairs, ...summary } = manifest;
  console.log(JSON.stringify({ ...summary, crossFilePairs: crossFilePairs.length }));
}
