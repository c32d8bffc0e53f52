// The vocabulary of figures as data: units, currencies, scale words, qualifiers, rate markers and
// the labels that make a number an identifier. Adding a unit means adding a row here.

import type { Qualifier } from '../model';
import { type Phrase, PhraseTable } from './text-scan';

/** What a unit word measures. Currencies are resolved to a dimension per currency at read time. */
export interface UnitDef {
  kind: 'mass' | 'currency' | 'percent' | 'percentage-point';
  /** Multiplier to the canonical unit: t for mass, the currency itself, %, pp. */
  factor: number;
  /** ISO code for currencies; '$' for a dollar of unstated country. */
  currency?: string;
  /** `tons` (tonne, short or long?) and `$` / `dollars` (whose dollar?). */
  ambiguous?: 'ton' | '$';
  /** Units that are rates already (`tpa`, `Mtpa`). */
  perYear?: boolean;
  /** A mass that can stand after `/` or `per` in a price ($/kg, 美元/吨). */
  denominator?: boolean;
}

const TONNE = 1;
const SHORT_TON = 0.90718474;
const LONG_TON = 1.0160469088;
const POUND = 0.00045359237;

function rows(names: string[], def: UnitDef, caseSensitive = false, notFollowedBy?: string[]): Phrase<UnitDef>[] {
  return names.map((text) => ({ text, value: def, caseSensitive, ...(notFollowedBy ? { notFollowedBy } : {}) }));
}

const mass = (factor: number, extra: Partial<UnitDef> = {}): UnitDef => ({ kind: 'mass', factor, ...extra });
const money = (currency: string, extra: Partial<UnitDef> = {}): UnitDef => ({ kind: 'currency', factor: 1, currency, ...extra });

/**
 * Units written after the number. Symbols are case-sensitive (`Mt` is a megatonne, `MT` the metric
 * tonne of trade statistics, `mt` likewise); words are not. `pound(s)` is the mass unit; sterling is
 * `£`/`GBP`. Chinese units may follow a Chinese scale with no space (万吨, 亿美元, 万元/吨).
 */
export const SUFFIX_UNITS: Phrase<UnitDef>[] = [
  ...rows(['t', 'MT', 'mt'], mass(TONNE, { denominator: true }), true),
  ...rows(['tonne', 'tonnes', 'metric ton', 'metric tons', 'metric tonne', 'metric tonnes'], mass(TONNE, { denominator: true })),
  ...rows(['kt'], mass(1e3), true),
  ...rows(['kilotonne', 'kilotonnes', 'kiloton', 'kilotons', 'thousand-tonne'], mass(1e3)),
  ...rows(['Mt'], mass(1e6), true),
  ...rows(['megatonne', 'megatonnes', 'megaton', 'megatons'], mass(1e6)),
  ...rows(['Gt'], mass(1e9), true),
  ...rows(['kg', 'KG', 'Kg'], mass(1e-3, { denominator: true }), true),
  ...rows(['kilogram', 'kilograms', 'kilogramme', 'kilogrammes', 'kilo', 'kilos'], mass(1e-3, { denominator: true })),
  ...rows(['g'], mass(1e-6, { denominator: true }), true),
  ...rows(['gram', 'grams', 'gramme', 'grammes'], mass(1e-6, { denominator: true })),
  ...rows(['lb', 'lbs'], mass(POUND, { denominator: true }), true),
  ...rows(['pound', 'pounds'], mass(POUND, { denominator: true })),
  ...rows(['ton', 'tons'], mass(TONNE, { ambiguous: 'ton', denominator: true })),
  ...rows(['short ton', 'short tons', 'US ton', 'US tons'], mass(SHORT_TON, { denominator: true })),
  ...rows(['long ton', 'long tons', 'imperial ton', 'imperial tons'], mass(LONG_TON, { denominator: true })),
  ...rows(['tpa', 'tpy'], mass(TONNE, { perYear: true }), true),
  ...rows(['ktpa', 'ktpy'], mass(1e3, { perYear: true }), true),
  ...rows(['Mtpa', 'Mtpy'], mass(1e6, { perYear: true }), true),
  ...rows(['吨', '公吨'], mass(TONNE, { denominator: true })),
  ...rows(['公斤', '千克'], mass(1e-3, { denominator: true })),
  ...rows(['磅'], mass(POUND, { denominator: true })),

  ...rows(['USD', 'US$'], money('USD'), true),
  ...rows(['US dollars', 'US dollar', 'U.S. dollars', 'U.S. dollar', 'American dollars', '美元', '美金'], money('USD')),
  ...rows(['dollars', 'dollar'], money('$', { ambiguous: '$' })),
  ...rows(['EUR'], money('EUR'), true),
  ...rows(['euros', 'euro', '欧元'], money('EUR')),
  ...rows(['CNY', 'RMB'], money('CNY'), true),
  ...rows(['yuan', 'renminbi', '人民币', '元人民币'], money('CNY')),
  ...rows(['元'], money('CNY'), false, ['素', '化', '首', '旦', '件', '器', '帅', '老', '宵', '气', '凶', '论', '结', '次', '制', '性', '体', '一', '二']),
  ...rows(['AUD'], money('AUD'), true),
  ...rows(['Australian dollars', 'Australian dollar', '澳元'], money('AUD')),
  ...rows(['GBP'], money('GBP'), true),
  ...rows(['pounds sterling', 'sterling', '英镑'], money('GBP')),
  ...rows(['JPY'], money('JPY'), true),
  ...rows(['yen', '日元'], money('JPY')),
  ...rows(['CAD'], money('CAD'), true),
  ...rows(['Canadian dollars', 'Canadian dollar', '加元'], money('CAD')),

  ...rows(['%'], { kind: 'percent', factor: 1 }),
  ...rows(['percent', 'per cent', 'pct'], { kind: 'percent', factor: 1 }),
  ...rows(['pp', 'p.p.', 'ppt', 'ppts'], { kind: 'percentage-point', factor: 1 }, true),
  ...rows(['percentage point', 'percentage points', '个百分点', '百分点'], { kind: 'percentage-point', factor: 1 }),
  ...rows(['bp', 'bps'], { kind: 'percentage-point', factor: 0.01 }, true),
  ...rows(['basis point', 'basis points', '个基点', '基点'], { kind: 'percentage-point', factor: 0.01 }),
];

/** Currency symbols and codes written before the number (`$8.5 billion`, `US$ 5bn`, `人民币85亿元`). */
export const PREFIX_CURRENCIES: Phrase<string>[] = [
  { text: '$', value: '$' },
  { text: 'US$', value: 'USD', caseSensitive: true },
  { text: 'U.S.$', value: 'USD', caseSensitive: true },
  { text: 'USD', value: 'USD', caseSensitive: true },
  { text: 'A$', value: 'AUD', caseSensitive: true },
  { text: 'AU$', value: 'AUD', caseSensitive: true },
  { text: 'AUD', value: 'AUD', caseSensitive: true },
  { text: 'C$', value: 'CAD', caseSensitive: true },
  { text: 'CA$', value: 'CAD', caseSensitive: true },
  { text: 'CAD', value: 'CAD', caseSensitive: true },
  { text: '€', value: 'EUR' },
  { text: 'EUR', value: 'EUR', caseSensitive: true },
  { text: '£', value: 'GBP' },
  { text: 'GBP', value: 'GBP', caseSensitive: true },
  { text: '\u00a5', value: 'CNY' },
  { text: 'RMB', value: 'CNY', caseSensitive: true },
  { text: 'CNY', value: 'CNY', caseSensitive: true },
  { text: '人民币', value: 'CNY' },
  { text: 'JPY', value: 'JPY', caseSensitive: true },
];

/** The currencies claimlint knows, each its own dimension `currency:<code>`. */
export const CURRENCY_CODES = ['USD', 'EUR', 'CNY', 'AUD', 'GBP', 'JPY', 'CAD'];

export interface ScaleDef {
  factor: number;
  /** 万, 亿…: may be glued into a Chinese unit (万吨). */
  cjk?: boolean;
  /** `k`, `m`, `bn`…: only glued to the number or right after it (`5m`, `$5bn`), never `100 m`. */
  gluedOnly?: boolean;
  /** `M`, `B`, `K`: only after a currency sign (`$5M`), since `3M` and `5B` are names. */
  afterCurrencyOnly?: boolean;
}

/**
 * Scale words. Lower-case `m` is a million only glued to the number (`5m people`, `$5m`); a spaced
 * `100 m` is neither a scale nor a unit (metres are not read), so it is no figure.
 */
export const SCALES: Phrase<ScaleDef>[] = [
  { text: 'thousand', value: { factor: 1e3 } },
  { text: 'million', value: { factor: 1e6 } },
  { text: 'billion', value: { factor: 1e9 } },
  { text: 'trillion', value: { factor: 1e12 } },
  { text: 'mn', value: { factor: 1e6 }, caseSensitive: true },
  { text: 'mln', value: { factor: 1e6 }, caseSensitive: true },
  { text: 'bn', value: { factor: 1e9 }, caseSensitive: true },
  { text: 'bln', value: { factor: 1e9 }, caseSensitive: true },
  { text: 'k', value: { factor: 1e3, gluedOnly: true }, caseSensitive: true },
  { text: 'm', value: { factor: 1e6, gluedOnly: true }, caseSensitive: true },
  { text: 'K', value: { factor: 1e3, gluedOnly: true, afterCurrencyOnly: true }, caseSensitive: true },
  { text: 'M', value: { factor: 1e6, gluedOnly: true, afterCurrencyOnly: true }, caseSensitive: true },
  { text: 'B', value: { factor: 1e9, gluedOnly: true, afterCurrencyOnly: true }, caseSensitive: true },
  { text: '千', value: { factor: 1e3, cjk: true } },
  { text: '万', value: { factor: 1e4, cjk: true } },
  { text: '十万', value: { factor: 1e5, cjk: true } },
  { text: '百万', value: { factor: 1e6, cjk: true } },
  { text: '千万', value: { factor: 1e7, cjk: true } },
  { text: '亿', value: { factor: 1e8, cjk: true } },
  { text: '十亿', value: { factor: 1e9, cjk: true } },
  { text: '百亿', value: { factor: 1e10, cjk: true } },
  { text: '千亿', value: { factor: 1e11, cjk: true } },
  { text: '万亿', value: { factor: 1e12, cjk: true } },
];

const q = (texts: string[], value: Qualifier): Phrase<Qualifier>[] => texts.map((text) => ({ text, value }));

/** Qualifiers written before the number. */
export const PRE_QUALIFIERS: Phrase<Qualifier>[] = [
  ...q(['about', 'around', 'approximately', 'approx.', 'approx', 'roughly', 'some', 'circa', 'an estimated', 'estimated', '~', '≈', '∼', '约', '约为', '约需', '约占', '约有', '约达', '约达到', '约合', '约在', '大约为', '大约', '大概', '大致', '近乎'], 'approx'),
  ...q(['over', 'more than', 'above', 'exceeding', 'in excess of', 'upwards of', 'greater than', '>', '超过', '逾', '超', '多于', '高于'], 'over'),
  ...q(['at least', 'no less than', 'not less than', 'no fewer than', '≥', '>=', '至少', '不少于', '不低于'], 'at-least'),
  ...q(['under', 'less than', 'fewer than', 'below', '<', '不到', '不足', '少于', '低于', '未达'], 'under'),
  ...q(['up to', 'at most', 'no more than', 'not more than', 'as much as', 'as many as', '≤', '<=', '至多', '最多', '不超过', '不超'], 'at-most'),
  ...q(['nearly', 'almost', 'close to', 'just under', 'just shy of', '近', '将近', '接近', '逼近', '几乎'], 'nearly'),
];

/** Qualifiers written after the figure (左右, 以上, `or more`). */
export const POST_QUALIFIERS: Phrase<Qualifier>[] = [
  ...q(['左右', 'or so'], 'approx'),
  // 上下游 is "upstream and downstream", not "about".
  { text: '上下', value: 'approx', notFollowedBy: ['游', '文', '级', '班', '楼', '层', '册', '半'] },
  ...q(['以上'], 'over'),
  ...q(['or more', '及以上'], 'at-least'),
  ...q(['以下'], 'under'),
  ...q(['以内', 'or less', 'or fewer'], 'at-most'),
];

/** 多 / 余 between a whole number and its scale or unit: 30多万吨, 10余万吨, 3万余吨 mean "more than". */
export const MID_OVER = new Set(['多', '余']);

/** Rate markers after the unit. `a year` is not one before ago/earlier/later (`44 Mt a year ago`). */
export const RATE_SUFFIXES: Phrase<true>[] = [
  ...['per year', 'a year', 'each year', 'every year', 'per annum', 'annually', 'yearly', 'a yr', 'per yr', 'p.a.', '/yr', '/year', '/y', '/a', '/annum', '/年'].map(
    (text) => ({ text, value: true as const }),
  ),
  { text: 'pa', value: true, caseSensitive: true },
];

/** Words that turn `a year` into a time expression rather than a rate. */
export const NOT_RATE_AFTER_A_YEAR = ['ago', 'earlier', 'later', 'before', 'after', 'old', 'prior', 'on', 'and'];

/** Rate markers before the number (年产3.1万吨, 每年约14万吨). Not after a year's digits (2023年产量). */
export const RATE_PREFIXES: Phrase<true>[] = ['年产量', '年产能', '年产', '年均', '每年', '年供应量', '年需求量', '年消费量', '年出口量', '年进口量'].map(
  (text) => ({ text, value: true as const }),
);

/** Verbs that may stand between a rate marker and the number (年产量达3.1万吨). */
export const RATE_LINKERS: Phrase<true>[] = ['达到', '达', '为', '是'].map((text) => ({ text, value: true as const }));

/** Labels after which a number names something (`No. 4`, `Group 1`, `第3`, `p. 4`). */
export const ID_LABELS: Phrase<true>[] = [
  ...['No.', 'Nos.', 'no.', 'nos.', '#', 'p.', 'pp.', 'page', 'pages', 'Group', 'Phase', 'Article', 'Art.', 'Section', 'Sec.', '§', 'Chapter', 'Ch.', 'Figure', 'Fig.', 'Table', 'Tab.', 'Version', 'ver.', 'v', 'Rule', 'Stage', 'Tier', 'Vol.', 'Volume', 'Appendix', 'Annex', 'Item', 'Step'].map(
    (text) => ({ text, value: true as const }),
  ),
  { text: 'No', value: true, caseSensitive: true },
  { text: 'ID', value: true, caseSensitive: true },
  { text: '第', value: true },
  { text: '编号', value: true },
];

/** Range separators between two amounts. `and` only counts after `between`. */
export const RANGE_SEPARATORS: Phrase<'dash' | 'to' | 'and'>[] = [
  { text: '-', value: 'dash' },
  { text: '–', value: 'dash' },
  { text: '—', value: 'dash' },
  { text: '~', value: 'dash' },
  { text: 'to', value: 'to' },
  { text: '至', value: 'to' },
  { text: '到', value: 'to' },
  { text: 'and', value: 'and' },
];

export const BETWEEN_WORDS: Phrase<true>[] = [{ text: 'between', value: true }];
/** `from 48 to 24` is a change, not a range. */
export const FROM_WORDS: Phrase<true>[] = ['from', '从', '由'].map((text) => ({ text, value: true as const }));

/** Chinese phrases whose numerals are not amounts even though a scale follows. */
export const CJK_IDIOMS = ['十万火急', '十万八千里', '一亿分之', '百万分之', '十万分之', '万分之'];

export const SUFFIX_UNIT_TABLE = new PhraseTable(SUFFIX_UNITS);
export const PREFIX_CURRENCY_TABLE = new PhraseTable(PREFIX_CURRENCIES);
export const SCALE_TABLE = new PhraseTable(SCALES);
export const PRE_QUALIFIER_TABLE = new PhraseTable(PRE_QUALIFIERS);
export const POST_QUALIFIER_TABLE = new PhraseTable(POST_QUALIFIERS);
export const RATE_SUFFIX_TABLE = new PhraseTable(RATE_SUFFIXES);
export const RATE_PREFIX_TABLE = new PhraseTable(RATE_PREFIXES);
export const RATE_LINKER_TABLE = new PhraseTable(RATE_LINKERS);
export const ID_LABEL_TABLE = new PhraseTable(ID_LABELS);
export const RANGE_SEPARATOR_TABLE = new PhraseTable(RANGE_SEPARATORS);
export const BETWEEN_TABLE = new PhraseTable(BETWEEN_WORDS);
export const FROM_TABLE = new PhraseTable(FROM_WORDS);

/** `assume.ton` values and the tonne fraction they fix. */
export function assumedTon(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (v === 'tonne' || v === 't' || v === 'metric-ton' || v === 'metric-tonne' || v === 'tonnes') return TONNE;
  if (v === 'short-ton' || v === 'short' || v === 'us-ton') return SHORT_TON;
  if (v === 'long-ton' || v === 'long' || v === 'imperial-ton') return LONG_TON;
  return undefined;
}

/** `assume.$` values: a currency code or a sign that names one (`US$`, `A$`). */
export function assumedDollar(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  const upper = v.toUpperCase();
  if (CURRENCY_CODES.includes(upper)) return upper;
  const sign = PREFIX_CURRENCIES.find((p) => p.text === v && p.value !== '$');
  return sign?.value;
}

/** Names offered for completion: every unit word and sign, and the usual Chinese compounds. */
export const KNOWN_UNITS: string[] = [
  ...new Set([
    ...SUFFIX_UNITS.map((p) => p.text),
    ...PREFIX_CURRENCIES.map((p) => p.text),
    '万吨', '千吨', '百万吨', '亿吨', '万美元', '亿美元', '万元', '亿元', '万亿元', '亿欧元',
    'USD/kg', 'USD/t', '$/kg', '$/t', 'US$/t', 'CNY/t', '元/吨', '万元/吨', '美元/公斤', '美元/吨',
    't/a', 'Mt/a', 'kt/a', 'Mt/yr', 'thousand tonnes', 'million tonnes', 'million USD', 'billion USD',
  ]),
];
