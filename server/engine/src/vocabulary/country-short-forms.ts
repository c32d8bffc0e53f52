// Names of countries as people write them in reports, added by hand to what i18n-iso-countries
// gives. The library holds catalogue names: official and common English names (a few short forms
// such as "USA" and "UK") and exactly one Chinese name per country. It has no demonyms ("Chinese
// output"), no colloquial names ("America", "Britain", "Burma", "Korea"), no Chinese short or
// alternative forms (澳洲 beside 澳大利亚, 俄国, 格陵兰岛), and no abbreviations such as PRC or DRC.
//
// No single-character Chinese alias is built in (美, 中, 俄, 日, 澳): each is part of too many other
// words (美元, 中心, 日期, 澳门). Users who want them add them in claimlint.yaml
// (`ru: { aliases: ["俄"] }`).
//
// `name` is the display name when the library's first name is not what people call the country.
// Entries here come first among a country's aliases.

export interface HandAddedSubject {
  name?: string;
  aliases: string[];
}

/** Keyed by ISO 3166-1 alpha-2 code, lower case. */
export const COUNTRY_SHORT_FORMS: Readonly<Record<string, HandAddedSubject>> = {
  us: {
    name: 'United States',
    aliases: ['United States', 'U.S.', 'US', 'USA', 'U.S.A.', 'America', '美国', 'American', 'Americans'],
  },
  cn: { name: 'China', aliases: ['China', 'PRC', '中国', '中华人民共和国', 'Chinese'] },
  ru: { name: 'Russia', aliases: ['Russia', '俄罗斯', '俄国', 'Russian', 'Russians'] },
  gb: { name: 'United Kingdom', aliases: ['United Kingdom', 'UK', 'U.K.', 'Britain', 'Great Britain', '英国', 'British'] },
  kr: { name: 'South Korea', aliases: ['South Korea', 'Korea', '韩国', 'South Korean', 'Korean'] },
  kp: { name: 'North Korea', aliases: ['North Korea', 'DPRK', '朝鲜', 'North Korean'] },
  jp: { name: 'Japan', aliases: ['Japan', '日本', 'Japanese'] },
  au: { name: 'Australia', aliases: ['Australia', '澳大利亚', '澳洲', 'Australian', 'Australians'] },
  mm: { name: 'Myanmar', aliases: ['Myanmar', 'Burma', '缅甸', 'Burmese'] },
  vn: { name: 'Vietnam', aliases: ['Vietnam', 'Viet Nam', '越南', 'Vietnamese'] },
  br: { name: 'Brazil', aliases: ['Brazil', '巴西', 'Brazilian'] },
  in: { name: 'India', aliases: ['India', '印度', 'Indian'] },
  // The library's 印尼 alone would leave 印度尼西亚 to be read as 印度 (India) plus 尼西亚.
  id: { name: 'Indonesia', aliases: ['Indonesia', '印度尼西亚', '印尼', 'Indonesian'] },
  ca: { name: 'Canada', aliases: ['Canada', '加拿大', 'Canadian'] },
  gl: { name: 'Greenland', aliases: ['Greenland', '格陵兰', '格陵兰岛', 'Greenlandic'] },
  // Further rare-earth and critical-mineral countries that reports name often.
  de: { name: 'Germany', aliases: ['Germany', '德国', 'German'] },
  fr: { name: 'France', aliases: ['France', '法国', 'French'] },
  mn: { name: 'Mongolia', aliases: ['Mongolia', '蒙古国', '蒙古', 'Mongolian'] },
  my: { name: 'Malaysia', aliases: ['Malaysia', '马来西亚', 'Malaysian'] },
  la: { name: 'Laos', aliases: ['Laos', '老挝', 'Lao PDR'] },
  za: { name: 'South Africa', aliases: ['South Africa', '南非', 'South African'] },
  cd: { name: 'DR Congo', aliases: ['DR Congo', 'DRC', 'Democratic Republic of Congo', '刚果金', '刚果(金)', '民主刚果'] },
  ua: { name: 'Ukraine', aliases: ['Ukraine', '乌克兰', 'Ukrainian'] },
  kz: { name: 'Kazakhstan', aliases: ['Kazakhstan', '哈萨克斯坦'] },
  sy: { name: 'Syria', aliases: ['Syria', '叙利亚'] },
  bn: { name: 'Brunei', aliases: ['Brunei', '文莱'] },
  mo: { name: 'Macao', aliases: ['Macao', 'Macau', '澳门'] },
  // The library names these only in catalogue order ("Moldova, Republic of"), which prose never uses.
  md: { name: 'Moldova', aliases: ['Moldova'] },
  fm: { name: 'Micronesia', aliases: ['Micronesia'] },
  vg: { name: 'British Virgin Islands', aliases: ['British Virgin Islands'] },
  vi: { name: 'U.S. Virgin Islands', aliases: ['U.S. Virgin Islands', 'US Virgin Islands'] },
};

export interface NonCountrySubject extends HandAddedSubject {
  id: string;
  name: string;
}

/** Built-in subjects that are not countries, so the library cannot know them. */
export const NON_COUNTRY_SUBJECTS: readonly NonCountrySubject[] = [
  { id: 'eu', name: 'European Union', aliases: ['European Union', 'EU', 'E.U.', '欧盟'] },
  { id: 'world', name: 'world', aliases: ['world', 'global', 'globally', 'worldwide', '全球', '世界'] },
];
