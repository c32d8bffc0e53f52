// The campaign's inputs: seed documents mutated, and hostile input made from nothing. Every
// generator is a pure function of its seed, so a failing input is reproduced from `{generator, seed}`
// alone; that is how inputs too big to keep (10 MB lines, 50 MB files) are saved.
import type { SeedDocument } from './corpus';
import { ROLES, type FuzzInput, type Role } from './fuzz-workspace';
import { mixSeed, Random } from './random';

export type Tier = 'normal' | 'big' | 'huge';

export interface Generator {
  tier: Tier;
  /** How often it is picked among the normal generators (big and huge ones take turns). */
  weight: number;
  make(random: Random, corpus: readonly SeedDocument[]): FuzzInput;
}

export interface FuzzCase {
  generator: string;
  seed: number;
}

export interface GeneratedInput extends FuzzInput, FuzzCase {
  tier: Tier;
  /** How long the engine may take on it before the run counts it as a hang. */
  budgetMs: number;
}

const MB = 1_000_000;

/**
 * 2 s for an ordinary input, and time in proportion to length beyond that (the engine is linear):
 * 0.2 ms a character up to 100,000 (a dense sentence of 8,000 figures, 90 KB, takes 3 s with every
 * check and feature), then 6 s a megabyte (a 10 MB line takes 10-20 s, a 50 MB file two minutes).
 * Margins of 3-4x keep a busy machine from calling slow inputs hangs.
 */
export function budgetFor(text: string): number {
  const length = text.length;
  return Math.round(2000 + 0.2 * Math.min(length, 100_000) + (Math.max(0, length - 100_000) / MB) * 6000);
}

// ---------------------------------------------------------------------------------------------
// Pieces that mean something to one of the readers, for mutations and token soups.

const MARKDOWN_TOKENS = [
  '[', ']', '(', ')', '{', '}', '@', '^', '[^1]', '[^1]: ', '[@', '[@survey-2024]', '[@survey-2024; @desk-2023, p. 4]', '@desk-2023', '[1]', '[1]: ',
  '## References\n', '1. Survey https://example.org/s\n', '`', '```\n', '~~~\n', '<!--', '-->', '<!-- claimlint-disable-next-line -->',
  '<!-- claimlint-disable missing-source -->', '<!-- claimlint-enable missing-source -->', '<b>', '</b>', '<a href="x">', '> ', '- ', '* ', '1. ',
  '    ', '\t', '# ', '## ', '---\n', '===\n', '| a | b |\n|---|---|\n', '| 1 Mt | 2 Mt |\n', '|', 'Source: ', 'Sources: ', '来源：', '{subject=ru metric=re-reserves as_of=2024}',
  '{subject=', '{.class #id key="v"}', ']{', '![img](x.png)', '[link](https://example.org/a_(b))', '<https://example.org>', 'https://example.org/3.8',
  'www.example.org', 'a@b.org', '\\', '*', '**', '_', '~~', '&amp;', '&#51;', 'U.S.', 'e.g.', 'No. 4', '...', '。', '！', '？', '.', '!', '?',
  '\n', '\n\n', '\r\n', '\r', ' ', '  ', 'front: matter\n', '---\nas_of: 2024\nbibliography: refs.bib\n---\n',
];

const QUANTITY_TOKENS = [
  '0', '1', '3.8', '44', '2024', '2025年', '1,000', '240,000', '1 000', '1\u00a0000', '３．８', '12.5%', '％', '90%', '$', 'US$', 'A$', '€', '¥', '£',
  ' t', ' Mt', ' kt', ' kg', ' g', ' lb', ' tons', ' tonnes', ' metric tons', ' short tons', ' million', ' billion', ' trillion', 'k', 'm', 'bn', 'mn',
  ' per year', ' a year', '/yr', ' t/a', '/kg', ' pp', ' percentage points', ' percent', ' per cent', '5N', '4N5', ' aircraft',
  'about ', 'around ', '~', 'over ', 'more than ', 'at least ', 'under ', 'up to ', 'nearly ', 'between ', ' and ', ' to ', '–', '-', 'from ',
  '万', '亿', '千', '百万', '千万', '吨', '万吨', '亿吨', '公斤', '千克', '美元', '元', '人民币', '欧元', '一', '二', '两', '三', '十', '百', '零', '点', '十四万',
  '约', '大约', '左右', '超过', '逾', '以上', '不到', '不足', '以下', '近', '将近', '接近', '至少', '年产', '每年', '百分之', '百分之九十', '个百分点', '多', '余',
  'Russia', 'China', 'the U.S.', 'US', '美国', '中国', '俄罗斯', 'Acme Mining', 'reserves', 'rare-earth reserves', 'output', '产量', '储量', 'oxide price', 'fleet',
  'F-35', 'C919', '5G', 'in 2023', '2023-2025', '10:30', '1st', '3rd',
];

const YAML_TOKENS = [
  'claims:\n', '  - ', '- ', 'id: ', 'subject: ', 'metric: ', 'value: ', 'as_of: ', 'sources: ', 'text: ', 'locator: ', 'quote: ', 'amount: ', 'unit: ',
  '{amount: 3.8, unit: Mt}', '[survey-2024]', '[]', '{}', '[', ']', '{', '}', ':', ': ', ',', '&a ', '*a', '<<: *a', '!!str ', '!!binary ', '!tag ', '? ',
  '|\n', '>-\n', '"', "'", '\\u', '#', '# claimlint-disable-next-line missing-source\n', '---\n', '...\n', '%YAML 1.2\n', '\n', '  ', '    ', '\t',
  'null', '~', 'true', '.nan', '.inf', '-.inf', '0x1F', '0o17', '1e999', '2024-13-45', '2024-02', 'include: ', 'exclude: ', 'approximation: ', 'tolerance: ',
  'assume: { ton: tonne, $: USD }', 'units: { aircraft: count }', 'subjects:\n', 'metrics:\n', 'aliases: ', 'rules:\n', 'missing-source: off', 'sources:\n', 'archive: ',
  'title: ', 'url: https://example.org', 'published: 2025-01-31', 'archive: ../../etc/passwd', 'archive: /abs/path.txt',
];

const REGISTRY_TOKENS = [
  '@article{', '@misc{', '@string{', '@comment{', '@preamble{', 'key,', 'title = {', '}', '{', '"', '#', 'year = 2024', 'url = {https://example.org}', ',', '=',
  '%', '\\"o', '{\\em x}', 'crossref = {k}', '@', '[', ']', '{"id": "', '"type": "report"', '"title": ', '"issued": {"date-parts": [[2024]]}', 'null', '1e400',
  '"URL": ', '\\u0000', '\\ud800', '"', ':', ',',
];

const ALL_TOKENS = [...MARKDOWN_TOKENS, ...QUANTITY_TOKENS, ...YAML_TOKENS, ...REGISTRY_TOKENS];

const TOKENS_BY_ROLE: Record<Role, readonly string[]> = {
  markdown: [...MARKDOWN_TOKENS, ...QUANTITY_TOKENS],
  archive: QUANTITY_TOKENS,
  claims: [...YAML_TOKENS, ...QUANTITY_TOKENS],
  config: [...YAML_TOKENS, ...QUANTITY_TOKENS],
  sources: YAML_TOKENS,
  bib: REGISTRY_TOKENS,
  csl: REGISTRY_TOKENS,
};

/** Characters from other scripts and Unicode corners: digits of other systems, marks, joiners, RTL, astral. */
const EXOTIC = [
  '٣', '٨', '۴', '३', '८', '๓', '໘', '፫', '𝟑', '𝟖', 'Ⅻ', '①', '½', '²', '\u0301', '\u20dd', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u202d',
  '\u2028', '\u2029', '\u0085', '\u00a0', '\u2009', '\u3000', '\ufffd', '\ufffe', '\uffff', '\u0000', '\u0007', '\u001b', '\ud800', '\udfff', '\udbff\udfff',
  '😀', '👩‍🔬', '🇨🇳', '𠀀', '𪚥', 'ﬀ', 'İ', 'ß', 'ẞ', 'ǅ', 'Ω', 'ρ', 'Россия', 'قدره', 'לערך', 'संयुक्त', 'ประเทศ', '한국', '日本', 'ｆｕｌｌ', 'Ｍｔ', '１２３',
];

/** Number spellings that stress parsing and arithmetic. */
function hugeNumber(random: Random): string {
  switch (random.int(12)) {
    case 0: return '9'.repeat(random.range(16, 400));
    case 1: return `1${'0'.repeat(random.range(300, 330))}`;
    case 2: return '1.7976931348623157e308';
    case 3: return `0.${'0'.repeat(random.range(300, 400))}1`;
    case 4: return Array.from({ length: random.range(2, 200) }, () => '999').join(',');
    case 5: return '九'.repeat(random.range(1, 500)) + random.pick(['万', '亿', '']);
    case 6: return '亿'.repeat(random.range(2, 300));
    case 7: return `${random.range(1, 9)}${'万亿'.repeat(random.range(1, 100))}`;
    case 8: return '１'.repeat(random.range(20, 500));
    case 9: return '0'.repeat(random.range(20, 500));
    case 10: return `${'1'.repeat(random.range(1, 50))}.${'9'.repeat(random.range(1, 300))}`;
    default: return '-' + '9'.repeat(random.range(1, 400));
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations

function randomCodeUnit(random: Random): string {
  return String.fromCharCode(random.int(0x10000));
}

function randomCodePoint(random: Random): string {
  return String.fromCodePoint(random.chance(0.7) ? random.int(0x3000) : random.int(0x110000));
}

function mutate(random: Random, text: string, role: Role, corpus: readonly SeedDocument[]): string {
  const at = random.int(text.length + 1);
  const span = Math.min(text.length - at, random.size(200));
  const tokens = TOKENS_BY_ROLE[role];
  const token = (): string => (random.chance(0.85) ? random.pick(tokens) : random.pick(ALL_TOKENS));
  switch (random.int(14)) {
    case 0: return text.slice(0, at) + token() + text.slice(at);
    case 1: return text.slice(0, at) + text.slice(at + span);
    case 2: {
      const to = random.int(text.length + 1);
      return text.slice(0, to) + text.slice(at, at + span) + text.slice(to);
    }
    case 3: return text.slice(0, at) + token() + text.slice(at + span);
    case 4: return text.slice(0, at) + random.pick(EXOTIC) + text.slice(at);
    case 5: return text.slice(0, at) + (random.chance(0.5) ? randomCodeUnit(random) : randomCodePoint(random)) + text.slice(at);
    case 6: return text.slice(0, at) + token().repeat(random.size(300)) + text.slice(at);
    case 7: return text.slice(0, at);
    case 8: return text.replace(/\r\n|\n/g, random.pick(['\r', '\r\n', '\n\r', '\u2028']));
    case 9: return text.replace(/\d+/, () => hugeNumber(random));
    case 10: {
      const other = random.pick(corpus).text;
      const from = random.int(other.length + 1);
      return text.slice(0, at) + other.slice(from, from + random.size(2000)) + text.slice(at);
    }
    case 11: {
      // Indentation is structure in YAML and Markdown: shift one line.
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      return random.chance(0.5) ? text.slice(0, lineStart) + random.pick([' ', '  ', '\t', '    ', '- ', '> ']) + text.slice(lineStart) : text.slice(0, lineStart) + text.slice(lineStart).replace(/^[ \t]+/, '');
    }
    case 12: {
      const start = random.int(text.length + 1);
      const end = Math.min(text.length, start + random.size(200));
      return text.slice(0, start) + text.slice(end, end + random.size(200)) + text.slice(start, end) + text.slice(end + random.size(200));
    }
    default: {
      // Cut a surrogate pair in half, or glue a lone half next to a figure.
      const pair = text.search(/[\ud800-\udbff][\udc00-\udfff]/);
      if (pair >= 0 && random.chance(0.5)) return text.slice(0, pair + 1) + random.pick([' 3.8 Mt', '', '\n']) + text.slice(pair + 1);
      return text.slice(0, at) + random.pick(['\ud83d', '\ude00', '😀3.8 Mt', '3.8😀Mt', '3.8 Mt😀']) + text.slice(at);
    }
  }
}

function mutateMany(random: Random, text: string, role: Role, corpus: readonly SeedDocument[], count: number): string {
  let result = text;
  for (let i = 0; i < count; i++) result = mutate(random, result, role, corpus);
  return result;
}

/** Encodes as UTF-8, then decodes as the CLI does (fs-workspace.ts): invalid sequences become U+FFFD, a leading BOM goes. */
function decodeAsCli(bytes: Uint8Array): string {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  const text = new TextDecoder(utf16 ?? 'utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------
// Structures made from nothing

/** Nesting `depth` deep. Structures that need indentation grow with depth², so they nest at most 1,500 deep; the rest nest fully. */
function deepNesting(random: Random, depth: number): FuzzInput {
  const indented = Math.min(depth, 1500);
  const lines = (n: number, make: (i: number) => string): string => Array.from({ length: n }, (_, i) => make(i)).join('');
  switch (random.int(12)) {
    case 0: return { role: 'markdown', text: lines(indented, (i) => `${'  '.repeat(i)}- item 3.${i % 10} Mt [@survey-2024]\n`) };
    case 1: return { role: 'markdown', text: `${'> '.repeat(depth)}Russia holds 3.8 Mt of reserves.\n` };
    case 2: return { role: 'markdown', text: `${lines(depth, (i) => (i % 3 === 0 ? '> ' : i % 3 === 1 ? '- ' : '1. '))}44 Mt [@x]\n` };
    case 3: return { role: 'markdown', text: `${'['.repeat(depth)}3.8 Mt${']'.repeat(random.chance(0.5) ? depth : 0)}{subject=ru}` };
    case 4: return { role: 'claims', text: `claims:\n  ${'- '.repeat(depth)}value: 3.8 Mt\n` };
    case 5: return { role: random.pick(['claims', 'config', 'sources'] as const), text: `claims: ${'['.repeat(depth)}${']'.repeat(random.chance(0.7) ? depth : 0)}\n` };
    case 6: return { role: random.pick(['claims', 'config'] as const), text: `${lines(indented, (i) => `${' '.repeat(i)}k${i}:\n`)}${' '.repeat(indented)}value: 3.8 Mt\n` };
    case 7: return { role: random.pick(['claims', 'config', 'sources'] as const), text: `claims: ${'{a: '.repeat(depth)}3.8 Mt${'}'.repeat(depth)}\n` };
    case 8: return { role: 'csl', text: `${'['.repeat(depth)}{"id":"x"}${']'.repeat(depth)}` };
    case 9: return { role: 'bib', text: `@misc{k, title = ${'{'.repeat(depth)}x${'}'.repeat(depth)}}\n` };
    case 10: return { role: 'markdown', text: lines(indented, (i) => `${' '.repeat(i)}${random.pick(['>', '-', '*', '1.', '#', '|', '```'])} 3.8 Mt\n`) };
    default: return { role: 'markdown', text: `${'> - '.repeat(depth)}Russia holds 3.8 Mt of reserves [@survey-2024].\n${'> '.repeat(depth)}  continued 44 Mt.\n` };
  }
}

function aliasBomb(random: Random, levels: number, width: number): FuzzInput {
  const lines = ['a0: &a0 ["3.8 Mt", "lol"]'];
  for (let level = 1; level < levels; level++) lines.push(`a${level}: &a${level} [${Array(width).fill(`*a${level - 1}`).join(', ')}]`);
  const last = `*a${levels - 1}`;
  const role = random.pick(['claims', 'config', 'sources'] as const);
  const tail = random.pick([`claims: ${last}\n`, `claims:\n  - value: ${last}\n    sources: ${last}\n`, `sources: ${last}\n`, `metrics: ${last}\n`, `subjects: {x: {aliases: ${last}}}\n`, `<<: ${last}\n`]);
  return { role, text: `${lines.join('\n')}\n${tail}` };
}

function figure(random: Random): string {
  const number = random.pick(['3.8', '44', '1,000', '270,000', '十四万', '3.1万', '1.2亿', '½', '0.5', String(random.int(100000))]);
  const unit = random.pick([' Mt', ' t', ' kt', '万吨', ' tonnes', '%', ' million', ' billion tonnes', ' USD', '美元', ' tons', ' aircraft', '/kg']);
  const qualifier = random.pick(['', '', 'about ', 'over ', '约', '超过', 'nearly ', '~']);
  return `${qualifier}${random.chance(0.2) ? '$' : ''}${number}${unit}`;
}

function yamlShape(random: Random, depth = 0): string {
  const scalar = (): string => random.pick(['3.8 Mt', '"3.8 Mt"', "'44 万吨'", '{amount: 3.8, unit: Mt}', 'null', '~', '2024', '2024-02', '.nan', '-1e400', hugeNumber(random), '!!binary aGVsbG8=', '&x 1', '*x', '|\n  3.8 Mt', '[]', '{}', '"\\ud800"', '"\\x00"', random.pick(EXOTIC)]);
  if (depth > 3 || random.chance(0.3)) return scalar();
  const keys = ['id', 'subject', 'metric', 'value', 'as_of', 'sources', 'text', 'amount', 'unit', 'locator', 'aliases', 'name', 'tolerance', 'claims', '<<', '? [a]', '"value"', 'value ', 'VALUE'];
  if (random.chance(0.5)) return `{${Array.from({ length: random.range(0, 5) }, () => `${random.pick(keys)}: ${yamlShape(random, depth + 1)}`).join(', ')}}`;
  return `[${Array.from({ length: random.range(0, 5) }, () => yamlShape(random, depth + 1)).join(', ')}]`;
}

function yamlDocument(random: Random): FuzzInput {
  const role = random.pick(['claims', 'config', 'sources'] as const);
  const top = role === 'claims' ? 'claims' : role === 'sources' ? 'sources' : random.pick(['metrics', 'subjects', 'rules', 'assume', 'units', 'approximation', 'tolerance', 'include', 'sources']);
  const items = Array.from({ length: random.range(0, 8) }, () => {
    const fields = Array.from({ length: random.range(0, 6) }, () => `${random.pick(['id', 'subject', 'metric', 'value', 'as_of', 'sources', 'text', 'title', 'url', 'archive', 'unit', 'aliases', 'tolerance', 'x'])}: ${yamlShape(random)}`);
    return `  - ${fields.join('\n    ') || '{}'}`;
  });
  const prefix = random.pick(['', '%YAML 1.2\n---\n', '--- !tag\n', '\ufeff', '# claimlint-disable-next-line\n']);
  const suffix = random.pick(['', '---\nclaims: []\n', '...\n', `${top}: again\n`]);
  return { role, text: `${prefix}${top}:\n${items.join('\n')}\n${suffix}` };
}

function registryShape(random: Random): FuzzInput {
  if (random.chance(0.5)) {
    const entry = (): string => {
      const type = random.pick(['article', 'misc', 'report', 'book', 'string', 'comment', 'preamble', 'ARTICLE', '']);
      const key = random.pick(['desk-2023', 'survey-2024', 'k', '', 'ключ', '中文', 'a b', 'x,y', hugeNumber(random)]);
      const fields = Array.from({ length: random.range(0, 5) }, () => `${random.pick(['title', 'url', 'year', 'author', 'crossref', 'note', 'date'])} = ${random.pick(['{x}', '"y"', '2024', 'jan', '{\\"{o}}', '{{{x}}}', 'a # b', '{', '"', hugeNumber(random)])}`);
      return `@${type}{${key},\n  ${fields.join(',\n  ')}\n}`;
    };
    return { role: 'bib', text: Array.from({ length: random.range(0, 6) }, entry).join('\n\n') };
  }
  const value = (depth: number): string => {
    if (depth > 3 || random.chance(0.5)) return random.pick(['"x"', '1e400', 'null', 'true', '[]', '{}', '"\\ud800"', '"\\u0000"', '-0', '"https://example.org"', JSON.stringify(random.pick(EXOTIC))]);
    return random.chance(0.5) ? `[${Array.from({ length: random.range(0, 3) }, () => value(depth + 1)).join(',')}]` : `{"date-parts": ${value(depth + 1)}}`;
  };
  const item = (): string => `{${['id', 'type', 'title', 'URL', 'issued', 'publisher', 'archive'].filter(() => random.chance(0.6)).map((k) => `"${k}": ${value(0)}`).join(', ')}}`;
  const items = Array.from({ length: random.range(0, 6) }, item);
  return { role: 'csl', text: random.pick([`[${items.join(',')}]`, `{"items": [${items.join(',')}]}`, items.join('\n'), `[${items.join(',')}`]) };
}

/** Pieces whose long runs are hard for scanners (the linear-time families, as 10 MB lines). */
const LONG_LINE_PIECES = [
  '1', '1,', '1 ', '1.', ',', ' ', '.', '-', '|', '@', '[', ']{', '<!--', '万', '九', '一万吨', '3.8 Mt ', '[@a;', '[^1]', '`a``b', '*a', 'U.S. ', '稀土。',
  '$1 ', '1-2 Mt ', '[a](b', '<a b="', '\\', 'Russia reserves 3.8 Mt [@survey-2024]. ', '😀', '1\u00a0', 'about ', '百分之', '\u0000', '\r',
];

function longLine(random: Random, length: number): FuzzInput {
  const piece = random.pick(LONG_LINE_PIECES);
  const run = piece.repeat(Math.ceil(length / piece.length));
  switch (random.int(5)) {
    case 0: return { role: 'claims', text: `claims:\n  - value: 3.8 Mt\n    text: "${run.replace(/["\\]/g, ' ')}"\n    sources: [survey-2024]\n` };
    case 1: return { role: 'archive', text: run };
    default: return { role: 'markdown', text: `Russia holds 3.8 Mt of reserves. ${run}\n` };
  }
}

function reportSection(random: Random, i: number): string {
  return [
    `## ${i}. ${random.pick(['Reserves', 'Output', '产量', 'Prices'])} in ${2000 + (i % 25)}`,
    '',
    `Russia holds about ${(i % 90) / 10 + 1} Mt of rare-earth reserves [@survey-2024], while China reports ${figure(random)} of output.[^n${i}] ` +
      `美国计划年产${(i % 9) + 1}万吨。中国约${i % 100}万吨，超过全球产量的60%。 The oxide price was $${i % 500}/kg in ${2000 + (i % 25)} [@desk-2023].`,
    '',
    '| Country | Output |',
    '|---|---:|',
    `| China | ${figure(random)} |`,
    '',
    'Source: [@weekly-2025]',
    '',
    `[^n${i}]: See <https://example.org/${i}>.`,
    '',
    '',
  ].join('\n');
}

function manyClaims(random: Random, count: number): string {
  const claims = Array.from({ length: count }, (_, i) =>
    [
      `  - id: c${i % (count - 7)}`,
      `    subject: ${random.pick(['ru', 'cn', 'us', 'Acme Mining', '俄罗斯'])}`,
      `    metric: ${random.pick(['re-reserves', 'output', 'oxide price', 'refining share'])}`,
      `    value: ${figure(random)}`,
      `    as_of: ${2000 + (i % 25)}`,
      `    sources: [${random.pick(['survey-2024', 'desk-2023', 'nope'])}]`,
    ].join('\n'),
  );
  return `claims:\n${claims.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

export const GENERATORS: Record<string, Generator> = {
  'mutated-seed': {
    tier: 'normal',
    weight: 30,
    make(random, corpus) {
      const seed = random.pick(corpus);
      return { role: seed.role, text: mutateMany(random, seed.text, seed.role, corpus, random.range(1, 10)) };
    },
  },
  'spliced-seeds': {
    tier: 'normal',
    weight: 6,
    make(random, corpus) {
      const [a, b] = [random.pick(corpus), random.pick(corpus)];
      const text = a.text.slice(0, random.int(a.text.length + 1)) + b.text.slice(random.int(b.text.length + 1));
      const role = random.chance(0.5) ? a.role : b.role;
      return { role, text: mutateMany(random, text, role, corpus, random.range(0, 3)) };
    },
  },
  'role-swap': {
    tier: 'normal',
    weight: 5,
    make(random, corpus) {
      const seed = random.pick(corpus);
      return { role: random.pick(ROLES), text: mutateMany(random, seed.text, seed.role, corpus, random.range(0, 2)) };
    },
  },
  'token-soup': {
    tier: 'normal',
    weight: 10,
    make(random) {
      const role = random.pick(ROLES);
      const tokens = random.chance(0.8) ? TOKENS_BY_ROLE[role] : ALL_TOKENS;
      return { role, text: Array.from({ length: random.size(400) }, () => random.pick(tokens)).join('') };
    },
  },
  'random-bytes': {
    tier: 'normal',
    weight: 4,
    make(random) {
      const bytes = Uint8Array.from({ length: random.size(4096) }, () => (random.chance(0.5) ? random.range(0x20, 0x7e) : random.int(256)));
      return { role: random.pick(ROLES), text: decodeAsCli(bytes) };
    },
  },
  'invalid-utf8': {
    tier: 'normal',
    weight: 4,
    make(random, corpus) {
      const seed = random.pick(corpus);
      const bytes = Array.from(new TextEncoder().encode(seed.text));
      for (let i = random.range(1, 20); i > 0; i--) {
        const at = random.int(bytes.length + 1);
        const bad = random.pick([[0xff], [0xfe], [0xc0, 0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xf5, 0x80, 0x80, 0x80], [0x80], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]]);
        bytes.splice(at, random.chance(0.3) ? 1 : 0, ...bad);
      }
      if (random.chance(0.2)) bytes.unshift(...random.pick([[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]]));
      return { role: seed.role, text: decodeAsCli(Uint8Array.from(bytes)) };
    },
  },
  'control-chars': {
    tier: 'normal',
    weight: 4,
    make(random, corpus) {
      const seed = random.pick(corpus);
      let text = seed.text;
      for (let i = random.range(1, 30); i > 0; i--) {
        const at = random.int(text.length + 1);
        text = text.slice(0, at) + random.pick(['\u0000', '\ufeff', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\u200b', '\u202e', '\ud800', '\udc00', '\u0000'.repeat(10)]) + text.slice(at);
      }
      return { role: seed.role, text };
    },
  },
  'line-ends': {
    tier: 'normal',
    weight: 4,
    make(random, corpus) {
      const seed = random.pick(corpus);
      const style = random.pick(['\r', '\r\n', 'mixed', '\n\r']);
      let text = seed.text.replace(/\r\n|\n/g, () => (style === 'mixed' ? random.pick(['\r', '\n', '\r\n']) : style));
      if (random.chance(0.5)) text = `\ufeff${text}`;
      if (random.chance(0.3)) text = text.replace(/[\r\n]+$/, '');
      return { role: seed.role, text };
    },
  },
  'figure-storm': {
    tier: 'normal',
    weight: 1,
    make(random) {
      const count = random.size(5000);
      const joiner = random.pick([', ', ' and ', '、', '，', ' ', ' [@survey-2024], ', '; ', ' to ', '-']);
      const figures = Array.from({ length: count }, () => figure(random)).join(joiner);
      const role = random.pick(['markdown', 'markdown', 'archive', 'claims'] as const);
      if (role === 'claims') return { role, text: `claims:\n  - value: ${figure(random)}\n    sources: [survey-2024]\n    text: "${figures}"\n` };
      return { role, text: `Russia's reserves were ${figures} [@survey-2024].\n` };
    },
  },
  'citation-storm': {
    tier: 'normal',
    weight: 1,
    make(random) {
      // Every figure of one long sentence with a citation of its own: n figures × n sources.
      const count = random.size(3000);
      const cite = (i: number): string => random.pick([`[@key-${i}]`, `[@key-${i}; @survey-2024]`, `[^${i}]`, `[link](https://example.org/${i})`, '[@survey-2024]']);
      const figures = Array.from({ length: count }, (_, i) => `${figure(random)} ${cite(i)}`).join(random.pick([', ', '、', ' and ']));
      const notes = Array.from({ length: Math.min(count, 50) }, (_, i) => `[^${i}]: See @key-${i}.`).join('\n');
      return { role: 'markdown', text: `Russia's reserves were ${figures}.\n\n${notes}\n` };
    },
  },
  'huge-numbers': {
    tier: 'normal',
    weight: 4,
    make(random) {
      const n = (): string => hugeNumber(random);
      switch (random.int(5)) {
        case 0: return { role: 'markdown', text: `Russia holds ${n()} Mt of reserves, about ${n()}万吨 [@survey-2024]. 中国储量${n()}吨。Output rose ${n()}% to $${n()} billion.\n` };
        case 1: return { role: 'claims', text: `claims:\n  - subject: ru\n    metric: reserves\n    value: ${n()} ${random.pick(['Mt', 't', '万吨', '%', 'USD'])}\n    sources: [survey-2024]\n  - subject: ru\n    metric: reserves\n    value: {amount: ${n()}, unit: Mt}\n` };
        case 2: return { role: 'config', text: `approximation: ${n()}\ntolerance: ${random.pick([n(), '-1', '.nan', '.inf', '1e-400'])}\nmetrics:\n  re-reserves: {unit: t, tolerance: ${n()}, aliases: [reserves]}\n` };
        case 3: return { role: 'archive', text: `Reserves: ${n()} Mt; ${n()}万吨; ${n()}%.\n` };
        default: return { role: 'markdown', text: `Russia's reserves were ${n()}–${n()} Mt, between ${n()} and ${n()} tonnes [@survey-2024].\n` };
      }
    },
  },
  'mixed-scripts': {
    tier: 'normal',
    weight: 4,
    make(random, corpus) {
      const seed = random.pick(corpus);
      let text = seed.text;
      for (let i = random.range(1, 40); i > 0; i--) {
        const at = random.int(text.length + 1);
        text = text.slice(0, at) + random.pick(EXOTIC) + text.slice(at + (random.chance(0.3) ? 1 : 0));
      }
      return { role: seed.role, text };
    },
  },
  'yaml-shapes': { tier: 'normal', weight: 6, make: (random) => yamlDocument(random) },
  'registry-shapes': { tier: 'normal', weight: 3, make: (random) => registryShape(random) },
  'alias-bomb': { tier: 'normal', weight: 2, make: (random) => aliasBomb(random, random.range(2, 9), random.range(2, 10)) },
  'deep-nesting': { tier: 'normal', weight: 3, make: (random) => deepNesting(random, random.size(3000)) },

  // Big inputs take turns in this order: a short run (the 2,000 of CI) meets the quick ones first.
  'deep-nesting-10k': { tier: 'big', weight: 1, make: (random) => deepNesting(random, 10_000) },
  'wide-alias-bomb': { tier: 'big', weight: 1, make: (random) => aliasBomb(random, random.range(8, 12), random.range(20, 100)) },
  'many-claims': { tier: 'big', weight: 1, make: (random) => ({ role: 'claims', text: manyClaims(random, 20_000) }) },
  'long-line': { tier: 'big', weight: 1, make: (random) => longLine(random, 10 * MB) },

  'huge-file': {
    tier: 'huge',
    weight: 1,
    make(random) {
      const parts: string[] = [];
      let length = 0;
      for (let i = 0; length < 50 * MB; i++) {
        const part = reportSection(random, i);
        parts.push(part);
        length += part.length;
      }
      return { role: random.chance(0.8) ? 'markdown' : 'archive', text: parts.join('') };
    },
  },
};

/** Every 1,000th input is big and every 50,000th (from the 25,000th on) huge: a full run of 100,000 has 100 and 2. */
export const BIG_EVERY = 1000;
export const HUGE_EVERY = 50_000;

function tierOf(index: number): Tier {
  if (index % HUGE_EVERY === HUGE_EVERY / 2 - 1) return 'huge';
  if (index % BIG_EVERY === BIG_EVERY - 1) return 'big';
  return 'normal';
}

/** The generator and seed of the index-th input of a run. Big inputs take their generators in turn, so a short run still meets each. */
export function caseAt(runSeed: number, index: number): FuzzCase {
  const seed = mixSeed(runSeed, index);
  const tier = tierOf(index);
  const names = Object.keys(GENERATORS).filter((name) => GENERATORS[name]!.tier === tier);
  if (tier !== 'normal') {
    const turn = Math.floor(index / (tier === 'big' ? BIG_EVERY : HUGE_EVERY));
    return { generator: names[turn % names.length]!, seed };
  }
  const random = new Random(seed);
  const total = names.reduce((sum, name) => sum + GENERATORS[name]!.weight, 0);
  let roll = random.next() * total;
  for (const name of names) {
    roll -= GENERATORS[name]!.weight;
    if (roll < 0) return { generator: name, seed };
  }
  return { generator: names[names.length - 1]!, seed };
}

export function generate(fuzzCase: FuzzCase, corpus: readonly SeedDocument[]): GeneratedInput {
  const generator = GENERATORS[fuzzCase.generator];
  if (!generator) throw new Error(`no generator named ${fuzzCase.generator}`);
  // The generator's own stream differs from the one caseAt used to pick it.
  const input = generator.make(new Random(mixSeed(fuzzCase.seed, 0x5eed)), corpus);
  return { ...input, ...fuzzCase, tier: generator.tier, budgetMs: budgetFor(input.text) };
}
