import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Vocabulary, type VocabularyConfig, type VocabularyKind } from '../../server/engine/src/vocabulary';

const SPEC_CONFIG: VocabularyConfig = {
  subjects: {
    ru: { aliases: ['俄'] },
    'f-35': { aliases: ['F-35', 'F-35 fighter'] },
  },
  metrics: {
    're-reserves': {
      unit: 't',
      aliases: ['rare earth reserves', 'rare-earth reserves', 'reserves', '稀土储量', '储量'],
      tolerance: 0.01,
    },
  },
};

const plain = new Vocabulary({});
const configured = new Vocabulary(SPEC_CONFIG);

/** Each match as [id, the document's text it covers]. */
function found(vocabulary: Vocabulary, text: string, kind: VocabularyKind = 'subject'): [string, string][] {
  return vocabulary.findAliases(text, kind).map((m) => [m.id, text.slice(m.start, m.end)]);
}

describe('built-in countries', () => {
  it('finds countries by their English names from the ISO library', () => {
    expect(found(plain, 'Norway, Chile and Germany signed; so did Kazakhstan.')).toEqual([
      ['no', 'Norway'],
      ['cl', 'Chile'],
      ['de', 'Germany'],
      ['kz', 'Kazakhstan'],
    ]);
  });

  it('finds countries by their Chinese names from the ISO library', () => {
    expect(found(plain, '挪威与智利、德国签约')).toEqual([
      ['no', '挪威'],
      ['cl', '智利'],
      ['de', '德国'],
    ]);
  });

  it('uses lower-case ISO alpha-2 codes as ids and common names as display names', () => {
    expect(plain.get('subject', 'ru')?.name).toBe('Russia');
    expect(plain.get('subject', 'us')?.name).toBe('United States');
    expect(plain.get('subject', 'cn')?.name).toBe('China');
    expect(plain.get('subject', 'no')?.name).toBe('Norway');
    expect(plain.get('subject', 'RU')?.id).toBe('ru');
  });

  it('includes every ISO country plus the EU and the world, all marked built in', () => {
    const subjects = plain.entries('subject');
    expect(subjects.length).toBe(252);
    expect(subjects.every((e) => e.builtIn && e.kind === 'subject')).toBe(true);
    expect(plain.get('subject', 'eu')?.name).toBe('European Union');
    expect(plain.get('subject', 'world')).toBeDefined();
    expect(plain.entries('metric')).toEqual([]);
  });
});

describe('short forms people write', () => {
  it.each([
    ['U.S.', 'us'],
    ['US', 'us'],
    ['USA', 'us'],
    ['America', 'us'],
    ['United States', 'us'],
    ['美国', 'us'],
    ['Russia', 'ru'],
    ['俄罗斯', 'ru'],
    ['China', 'cn'],
    ['PRC', 'cn'],
    ['中国', 'cn'],
    ['UK', 'gb'],
    ['Britain', 'gb'],
    ['英国', 'gb'],
    ['South Korea', 'kr'],
    ['Korea', 'kr'],
    ['韩国', 'kr'],
    ['Japan', 'jp'],
    ['日本', 'jp'],
    ['Australia', 'au'],
    ['澳大利亚', 'au'],
    ['澳洲', 'au'],
    ['Myanmar', 'mm'],
    ['Burma', 'mm'],
    ['缅甸', 'mm'],
    ['Vietnam', 'vn'],
    ['越南', 'vn'],
    ['Brazil', 'br'],
    ['巴西', 'br'],
    ['India', 'in'],
    ['印度', 'in'],
    ['Canada', 'ca'],
    ['加拿大', 'ca'],
    ['Greenland', 'gl'],
    ['格陵兰', 'gl'],
    ['EU', 'eu'],
    ['European Union', 'eu'],
    ['欧盟', 'eu'],
    ['world', 'world'],
    ['global', 'world'],
    ['globally', 'world'],
    ['worldwide', 'world'],
    ['全球', 'world'],
    ['世界', 'world'],
  ])('finds %s as %s in a sentence', (alias, id) => {
    const text = `Output in ${alias} rose 5% (2024).`;
    expect(found(plain, text)).toEqual([[id, alias]]);
  });

  it('builds in no single-character Chinese alias: 美 in 美稀土 is not the US by default', () => {
    expect(found(plain, '美稀土产量、中美关系、俄方、日方、澳方')).toEqual([]);
  });
});

describe('demonyms', () => {
  it('maps a demonym to its country: writers say "Chinese output"', () => {
    expect(found(plain, 'Chinese output beat American, Russian, Australian and Japanese output.')).toEqual([
      ['cn', 'Chinese'],
      ['us', 'American'],
      ['ru', 'Russian'],
      ['au', 'Australian'],
      ['jp', 'Japanese'],
    ]);
  });

  it('reports the demonym itself as the alias, not the country name inside it', () => {
    const [match] = plain.findAliases('Russian exports', 'subject');
    expect(match).toMatchObject({ id: 'ru', alias: 'Russian', start: 0, end: 7 });
  });
});

describe('aliases written in capitals', () => {
  it('matches US only as written, so "let us" is not the United States', () => {
    expect(found(plain, 'Let us compare: the US leads.')).toEqual([['us', 'US']]);
  });

  it('does not match lower-case or mixed-case forms of EU, UK, PRC or USA', () => {
    expect(found(plain, 'eu uk prc usa Eu Uk Usa')).toEqual([]);
    expect(found(plain, 'EU UK PRC USA')).toEqual([
      ['eu', 'EU'],
      ['gb', 'UK'],
      ['cn', 'PRC'],
      ['us', 'USA'],
    ]);
  });

  it('matches other aliases case-insensitively, so RUSSIA is Russia', () => {
    const [match] = plain.findAliases('RUSSIA AND china', 'subject');
    expect(match).toMatchObject({ id: 'ru', alias: 'Russia', start: 0, end: 6 });
    expect(found(plain, 'RUSSIA AND china')).toEqual([
      ['ru', 'RUSSIA'],
      ['cn', 'china'],
    ]);
  });

  it('needs a capital first letter for country names that are also English words', () => {
    expect(found(plain, 'a turkey, a jersey, a guinea pig, a family reunion')).toEqual([]);
    expect(found(plain, 'Turkey and TURKEY')).toEqual([
      ['tr', 'Turkey'],
      ['tr', 'TURKEY'],
    ]);
  });
});

describe('whole words in Latin script', () => {
  it('does not find US inside usage, nor India inside Indiana', () => {
    expect(found(plain, 'usage in Indiana, USB sticks, USAF bases')).toEqual([]);
  });

  it('does not find a country inside a longer word or next to a digit', () => {
    expect(found(plain, 'Russiagate, Chinatown, 5US, US5, USc')).toEqual([]);
  });

  it('finds aliases next to punctuation, possessives and CJK characters', () => {
    expect(found(plain, "(Russia) China's US/EU 美国US")).toEqual([
      ['ru', 'Russia'],
      ['cn', 'China'],
      ['us', 'US'],
      ['eu', 'EU'],
      ['us', '美国'],
      ['us', 'US'],
    ]);
  });

  it('matches U.S. with its dots, and at a sentence end', () => {
    expect(found(plain, 'The U.S. buys more. Sales to the U.S. fell')).toEqual([
      ['us', 'U.S.'],
      ['us', 'U.S.'],
    ]);
    const text = 'Imports into the U.S, however, rose';
    expect(plain.findAliases(text, 'subject')).toEqual([
      { kind: 'subject', id: 'us', alias: 'U.S.', start: text.indexOf('U.S'), end: text.indexOf('U.S') + 3 },
    ]);
  });

  it('prefers U.S.A. over U.S. when both fit', () => {
    expect(plain.findAliases('the U.S.A. and', 'subject').map((m) => m.alias)).toEqual(['U.S.A.']);
  });
});

describe('CJK text', () => {
  it('finds a Chinese alias anywhere, with no word boundary: 俄罗斯稀土储量 contains 俄罗斯', () => {
    expect(plain.findAliases('俄罗斯稀土储量', 'subject')).toEqual([
      { kind: 'subject', id: 'ru', alias: '俄罗斯', start: 0, end: 3 },
    ]);
  });

  it('reads 印度尼西亚 as Indonesia, not as 印度 (India) followed by other characters', () => {
    expect(plain.findAliases('2022年，印度尼西亚的稀土出口量', 'subject')).toEqual([
      { kind: 'subject', id: 'id', alias: '印度尼西亚', start: 6, end: 11 },
    ]);
  });

  it('finds subjects and metrics in the same words by separate calls, one per kind', () => {
    const text = '据报道美国稀土储量约为190万吨';
    expect(found(configured, text, 'subject')).toEqual([['us', '美国']]);
    expect(found(configured, text, 'metric')).toEqual([['re-reserves', '稀土储量']]);
  });

  it('reads full-width Latin letters as ASCII', () => {
    expect(found(plain, '来自ＵＳ的报道')).toEqual([['us', 'ＵＳ']]);
  });
});

describe('overlapping matches', () => {
  it('lets the longest alias win: South Korea over Korea, North Korea over Korea', () => {
    expect(found(plain, 'South Korea and North Korea; Korea')).toEqual([
      ['kr', 'South Korea'],
      ['kp', 'North Korea'],
      ['kr', 'Korea'],
    ]);
  });

  it('lets rare-earth reserves win over reserves, and 稀土储量 over 储量', () => {
    expect(found(configured, 'rare-earth reserves and reserves; 中国稀土储量与储量', 'metric')).toEqual([
      ['re-reserves', 'rare-earth reserves'],
      ['re-reserves', 'reserves'],
      ['re-reserves', '稀土储量'],
      ['re-reserves', '储量'],
    ]);
  });

  it('prefers the longer of two overlapping aliases even when the shorter starts first', () => {
    const v = new Vocabulary({ metrics: { earth: { aliases: ['rare earth'] }, output: { aliases: ['earth reserves output'] } } });
    expect(found(v, 'rare earth reserves output', 'metric')).toEqual([['output', 'earth reserves output']]);
  });

  it('keeps the leftmost of two overlapping aliases of equal length', () => {
    const v = new Vocabulary({ metrics: { a: { aliases: ['稀土产'] }, b: { aliases: ['产量值'] } } });
    expect(found(v, '稀土产量值', 'metric')).toEqual([['a', '稀土产']]);
  });
});

describe('hyphens and spaces', () => {
  it.each(['rare earth reserves', 'rare-earth reserves', 'rare\u00a0earth reserves', 'rare-earth\nreserves', 'rare  earth\u2011reserves'])(
    'treats %j as the alias rare-earth reserves',
    (written) => {
      const text = `Its ${written} are large.`;
      const matches = configured.findAliases(text, 'metric');
      expect(matches).toHaveLength(1);
      expect(text.slice(matches[0]!.start, matches[0]!.end)).toBe(written);
    },
  );

  it('treats a hyphen in the text as the space in a multi-word name', () => {
    expect(found(plain, 'South-Korea')).toEqual([['kr', 'South-Korea']]);
  });
});

describe('phrases that contain a name but do not name the subject', () => {
  it('does not read Inner Mongolia or 内蒙古 as Mongolia', () => {
    expect(found(plain, 'Inner Mongolia and 内蒙古 hold most deposits; Mongolia and 蒙古国 fewer.')).toEqual([
      ['mn', 'Mongolia'],
      ['mn', '蒙古国'],
    ]);
  });

  it('does not read Latin American, the Indian Ocean or 印度洋 as America or India', () => {
    expect(found(plain, 'Latin American output; the Indian Ocean; 印度洋航线')).toEqual([]);
  });

  it('does not read 中非合作 (China–Africa) as the Central African Republic', () => {
    expect(found(plain, '中非合作论坛')).toEqual([]);
    expect(plain.get('subject', 'cf')?.aliases).not.toContain('中非');
  });

  it('keeps 美元 from naming the US even after a user adds 美', () => {
    const v = new Vocabulary({ subjects: { us: { aliases: ['美'] } } });
    expect(found(v, '美稀土出口85亿美元')).toEqual([['us', '美']]);
  });

  it('gives a name two countries share (Congo) to neither', () => {
    expect(found(plain, 'Congo; DR Congo; 刚果金')).toEqual([
      ['cd', 'DR Congo'],
      ['cd', '刚果金'],
    ]);
  });
});

describe('configuration', () => {
  it('extends a built-in subject with the configured aliases (ru: 俄)', () => {
    expect(found(configured, '俄稀土储量')).toEqual([['ru', '俄']]);
    const russia = configured.get('subject', 'ru')!;
    expect(russia.builtIn).toBe(true);
    expect(russia.name).toBe('Russia');
    expect(russia.aliases).toContain('俄');
    expect(russia.aliases).toContain('Russian Federation');
  });

  it('adds new subjects such as f-35 with their aliases', () => {
    expect(configured.get('subject', 'f-35')).toEqual({
      kind: 'subject',
      id: 'f-35',
      name: 'F-35',
      aliases: ['F-35', 'F-35 fighter'],
      builtIn: false,
    });
    expect(found(configured, 'Each F-35 fighter needs 417 kg; the F-35 too; not f-35 or F-35A.')).toEqual([
      ['f-35', 'F-35 fighter'],
      ['f-35', 'F-35'],
    ]);
  });

  it('adds metrics with their unit and tolerance, named by their first alias', () => {
    expect(configured.get('metric', 're-reserves')).toEqual({
      kind: 'metric',
      id: 're-reserves',
      name: 'rare earth reserves',
      aliases: ['rare earth reserves', 'rare-earth reserves', 'reserves', '稀土储量', '储量'],
      builtIn: false,
      unit: 't',
      tolerance: 0.01,
    });
  });

  it('uses a configured display name over the built-in one', () => {
    const v = new Vocabulary({ subjects: { us: { name: 'USA' } }, metrics: { prod: { name: 'production', aliases: ['output'] } } });
    expect(v.get('subject', 'us')?.name).toBe('USA');
    expect(v.get('metric', 'prod')?.name).toBe('production');
  });

  it('finds a configured entry that has no aliases by its id', () => {
    const v = new Vocabulary({ metrics: { production: null }, subjects: { lynas: {} } });
    expect(found(v, 'Production at Lynas rose.', 'metric')).toEqual([['production', 'Production']]);
    expect(found(v, 'Production at Lynas rose.')).toEqual([['lynas', 'Lynas']]);
    expect(v.get('metric', 'production')?.aliases).toEqual([]);
  });

  it('gives a configured alias to its configured owner, taking it from the built-in one', () => {
    const v = new Vocabulary({ subjects: { kp: { aliases: ['Korea'] } } });
    expect(found(v, 'Korea and South Korea')).toEqual([
      ['kp', 'Korea'],
      ['kr', 'South Korea'],
    ]);
    expect(v.get('subject', 'kr')?.aliases).not.toContain('Korea');
    expect(v.resolve('subject', 'korea')?.id).toBe('kp');
  });

  it('keeps an alias for the first of two configured entries that claim it', () => {
    const v = new Vocabulary({ metrics: { a: { aliases: ['output'] }, b: { aliases: ['Output', 'production'] } } });
    expect(v.get('metric', 'b')?.aliases).toEqual(['production']);
    expect(found(v, 'output', 'metric')).toEqual([['a', 'output']]);
  });

  it('lower-cases configured ids and merges them with built-ins', () => {
    const v = new Vocabulary({ subjects: { RU: { aliases: ['Rossiya'] } } });
    expect(v.get('subject', 'ru')?.aliases).toContain('Rossiya');
    expect(found(v, 'rossiya')).toEqual([['ru', 'rossiya']]);
  });

  it('never throws on null or malformed configuration, and keeps what is usable', () => {
    const hostile = {
      subjects: 5,
      metrics: {
        a: 7,
        b: { aliases: 'bee', unit: 3, tolerance: -1 },
        c: { aliases: [null, '', '   ', 42, '---', 'sea'], tolerance: Number.NaN },
        '   ': { aliases: ['blank id'] },
        d: { aliases: ['x'.repeat(10_000)] },
      },
    } as unknown as VocabularyConfig;
    for (const config of [null, undefined, 42, 'text', [], {}, hostile] as unknown as VocabularyConfig[]) {
      expect(() => new Vocabulary(config)).not.toThrow();
    }
    const v = new Vocabulary(hostile);
    expect(v.entries('subject')).toHaveLength(252);
    expect(v.entries('metric').map((e) => [e.id, e.aliases, e.unit, e.tolerance])).toEqual([
      ['a', [], undefined, undefined],
      ['b', ['bee'], undefined, undefined],
      ['c', ['sea'], undefined, undefined],
      ['d', [], undefined, undefined],
    ]);
  });

  it('answers nothing rather than throwing for kinds or texts of the wrong type', () => {
    const kind = '__proto__' as VocabularyKind;
    expect(plain.findAliases('Russia', kind)).toEqual([]);
    expect(plain.resolve(kind, 'Russia')).toBeUndefined();
    expect(plain.entries(kind)).toEqual([]);
    expect(plain.findAliases(undefined as unknown as string, 'subject')).toEqual([]);
    expect(plain.resolve('subject', null as unknown as string)).toBeUndefined();
    expect(plain.suggest('subject', 42 as unknown as string)).toEqual([]);
  });
});

describe('resolve', () => {
  it('resolves an id or an alias, case-insensitively', () => {
    expect(configured.resolve('subject', 'ru')?.id).toBe('ru');
    expect(configured.resolve('subject', 'russia')?.id).toBe('ru');
    expect(configured.resolve('subject', ' Russian Federation ')?.id).toBe('ru');
    expect(configured.resolve('subject', '俄罗斯')?.id).toBe('ru');
    expect(configured.resolve('subject', '俄')?.id).toBe('ru');
    expect(configured.resolve('subject', 'U.S')?.id).toBe('us');
    expect(configured.resolve('subject', 'F-35 Fighter')?.id).toBe('f-35');
    expect(configured.resolve('metric', 'rare earth reserves')?.id).toBe('re-reserves');
    expect(configured.resolve('metric', 'Rare-Earth Reserves')?.id).toBe('re-reserves');
    expect(configured.resolve('metric', '储量')?.id).toBe('re-reserves');
  });

  it('tries ids before aliases', () => {
    const v = new Vocabulary({ subjects: { korea: { name: 'the Korean peninsula' } } });
    expect(v.resolve('subject', 'Korea')?.name).toBe('the Korean peninsula');
    expect(v.resolve('subject', 'South Korea')?.id).toBe('kr');
  });

  it('resolves nothing for unknown names and keeps kinds apart', () => {
    expect(configured.resolve('subject', 'Atlantis')).toBeUndefined();
    expect(configured.resolve('subject', 'reserves')).toBeUndefined();
    expect(configured.resolve('metric', 'russia')).toBeUndefined();
    expect(configured.resolve('subject', '')).toBeUndefined();
  });
});

describe('suggest', () => {
  it('suggests the closest names for a misspelt subject', () => {
    expect(plain.suggest('subject', 'Rusia')[0]).toBe('Russia');
    expect(plain.suggest('subject', 'Austrlia')).toContain('Australia');
    expect(plain.suggest('subject', 'Untied States')).toEqual(['United States']);
    expect(plain.suggest('subject', '俄罗期')).toContain('俄罗斯');
  });

  it('suggests metric aliases and ids', () => {
    expect(configured.suggest('metric', 'reserve')).toEqual(['reserves']);
    expect(configured.suggest('metric', 're-reserve')).toEqual(['re-reserves']);
  });

  it('suggests nothing when nothing is close, and at most five names', () => {
    expect(plain.suggest('subject', 'xqzzyv')).toEqual([]);
    expect(plain.suggest('subject', '')).toEqual([]);
    expect(plain.suggest('subject', 'x'.repeat(1_000_000))).toEqual([]);
    expect(plain.suggest('subject', 'Ma').length).toBeLessThanOrEqual(5);
  });
});

describe('performance', () => {
  it('searches a 1 MB text in one pass and finds every occurrence', () => {
    const paragraph = 'Russia reported 3.8 Mt of rare-earth reserves, while 美国年产3.1万吨 and the EU imports most. ';
    const repeats = Math.ceil(1_000_000 / paragraph.length);
    const text = paragraph.repeat(repeats);
    expect(configured.findAliases(text, 'subject')).toHaveLength(3 * repeats);
    expect(configured.findAliases(text, 'metric')).toHaveLength(repeats);
  });

  it('finishes on hostile text: long runs of letters, separators and overlapping aliases', () => {
    const v = new Vocabulary({ subjects: { us: { aliases: ['美', '美美'] } } });
    expect(plain.findAliases('U'.repeat(1_000_000), 'subject')).toEqual([]);
    expect(plain.findAliases(`South${' '.repeat(1_000_000)}x`, 'subject')).toEqual([]);
    expect(v.findAliases('美'.repeat(1_000_000), 'subject')).toHaveLength(500_000);
  });
});

describe('invariants', () => {
  const fragments = ['Russia', 'RUSSIA', 'US', 'us', 'U.S.', 'U.S', 'South', 'Korea', '美国', '俄罗斯', '稀土储量', '储量', 'reserves', 'rare', 'earth', '内蒙古', '蒙古', ' ', '-', '\n', '.', 'a', '5', '中'];
  const textArb = fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => parts.join(''));

  it('returns sorted, non-overlapping matches whose text resolves to the matched id', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        for (const kind of ['subject', 'metric'] as const) {
          let previousEnd = 0;
          for (const m of configured.findAliases(text, kind)) {
            expect(m.start).toBeGreaterThanOrEqual(previousEnd);
            expect(m.end).toBeGreaterThan(m.start);
            expect(configured.resolve(kind, text.slice(m.start, m.end))?.id).toBe(m.id);
            previousEnd = m.end;
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

const seedsDir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

describe.skipIf(!existsSync(seedsDir))('the news summaries in shared/seeds', () => {
  const text = existsSync(seedsDir)
    ? readdirSync(seedsDir)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFileSync(seedsDir + f, 'utf8'))
        .join('\n')
    : '';
  const spellings = (vocabulary: Vocabulary, id: string) =>
    new Set(vocabulary.findAliases(text, 'subject').filter((m) => m.id === id).map((m) => text.slice(m.start, m.end)));

  it('name the US and China in both languages', () => {
    for (const [id, chinese, english] of [
      ['us', '美国', 'U.S.'],
      ['cn', '中国', 'China'],
    ] as const) {
      expect(spellings(plain, id)).toContain(chinese);
      expect(spellings(plain, id)).toContain(english);
    }
  });

  it('write Russia in Chinese only as 俄, which takes the configured alias to find', () => {
    expect(spellings(plain, 'ru')).toEqual(new Set(['Russia']));
    expect(spellings(configured, 'ru')).toEqual(new Set(['Russia', '俄']));
  });
});
