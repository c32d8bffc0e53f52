// Properties of the whole pipeline (issue 5): mutated Markdown, claim files, configs and registries
// go through ClaimWorkspace with an in-memory host; diagnostics() never throws, every span and
// related span lies inside its file and on UTF-16 boundaries, and every feature answers at random
// offsets without throwing. Also what quantity-properties and vocabulary tests did not cover: a
// formatted interval reads back as the same interval, and the alias matcher finds what is there.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClaimWorkspace } from '../../server/engine/src';
import { codeActionsAt } from '../../server/engine/src/features/code-actions';
import { DEFAULT_QUANTITY_OPTIONS, findFigures, formatInterval, readQuantity } from '../../server/engine/src/quantity';
import { Vocabulary } from '../../server/engine/src/vocabulary';
import { loadCorpus } from '../fuzz/corpus';
import { buildWorkspace, ROLES, runFuzzInput, workspaceFiles, type FuzzInput, type Role } from '../fuzz/fuzz-workspace';
import { unknownProblems } from '../fuzz/known-failures';
import { spanProblem } from '../fuzz/span-checks';

const corpus = loadCorpus(`${__dirname}/../..`);

// ---------------------------------------------------------------------------------------------

const NUMBERS = ['0', '1', '3.8', '44', '270,000', '1,234.5', '0.05', '十四', '3.1万', '1.2亿', '１２', '99.999', '5'];
const SCALES = ['', ' million', ' billion', ' thousand', 'k', ' bn', '万', '亿', '千万'];
const UNITS = [' t', ' Mt', ' kt', ' kg', ' tonnes', '吨', '万吨', ' USD', '美元', '%', ' pp', ' aircraft', ' t a year', '/kg'];
const QUALIFIERS = ['', '', 'about ', 'over ', 'under ', 'nearly ', '约', '超过', 'at least '];

const figureText = fc
  .tuple(fc.constantFrom(...QUALIFIERS), fc.constantFrom(...NUMBERS), fc.constantFrom(...SCALES), fc.constantFrom(...UNITS), fc.option(fc.constantFrom(...NUMBERS)))
  .map(([qualifier, number, scale, unit, upper]) => `${qualifier}${number}${upper ? `–${upper}` : ''}${scale}${unit}`);

const WITH_AIRCRAFT = { ...DEFAULT_QUANTITY_OPTIONS, countNouns: { aircraft: 'count' } };

function relativelyEqual(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

describe('the quantity reader', () => {
  it('reads a formatted interval back as the same interval, in the same unit', () => {
    let checked = 0;
    fc.assert(
      fc.property(figureText, (text) => {
        const [figure] = findFigures(text, WITH_AIRCRAFT);
        if (!figure) return;
        const q = figure.quantity;
        // One-sided intervals are written with ≥ / ≤, which are for people, not for reading back; a
        // range of bare numbers (`0–31,000`) reads as a period, not a figure.
        if (!Number.isFinite(q.lo) || !Number.isFinite(q.hi) || q.lo >= q.hi || q.lo < 0 || q.dimension === 'number') return;
        const written = formatInterval(q);
        const read = readQuantity(written, WITH_AIRCRAFT);
        if ('error' in read) throw new Error(`${text} → ${written}: ${read.error}`);
        expect(read.canonicalUnit, `${text} → ${written}`).toBe(q.canonicalUnit);
        expect(relativelyEqual(read.lo, q.lo) && relativelyEqual(read.hi, q.hi), `${text} → ${written} → [${read.lo}, ${read.hi}], not [${q.lo}, ${q.hi}]`).toBe(true);
        checked++;
      }),
      { numRuns: 1500 },
    );
    expect(checked).toBeGreaterThan(300);
  });

  it('keeps lo <= value <= hi and no NaN for any approximation, huge numbers and long digit runs', () => {
    const huge = fc.oneof(
      fc.integer({ min: 1, max: 400 }).map((n) => '9'.repeat(n)),
      fc.integer({ min: 300, max: 330 }).map((n) => `1${'0'.repeat(n)}`),
      fc.integer({ min: 1, max: 400 }).map((n) => `0.${'0'.repeat(n)}1`),
      fc.integer({ min: 1, max: 300 }).map((n) => '九'.repeat(n) + '亿'),
      fc.constant('1.7976931348623157e308'),
      fc.constant('4.9e-324'),
    );
    fc.assert(
      fc.property(huge, fc.constantFrom(...QUALIFIERS), fc.constantFrom(...UNITS), fc.double({ min: 0, max: 1e308, noNaN: true }), (number, qualifier, unit, approximation) => {
        const text = `${qualifier}${number}${unit}`;
        for (const q of [...findFigures(text, { ...WITH_AIRCRAFT, approximation }).map((f) => f.quantity), readQuantity(text, { ...WITH_AIRCRAFT, approximation })]) {
          if ('error' in q) continue;
          const where = `${text} with approximation ${approximation}: [${q.lo}, ${q.value}, ${q.hi}]`;
          expect(Number.isNaN(q.lo) || Number.isNaN(q.hi) || Number.isNaN(q.value), where).toBe(false);
          expect(q.lo <= q.value && q.value <= q.hi, where).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

const vocabulary = new Vocabulary({
  subjects: { acme: { aliases: ['Acme Mining', '阿克米矿业'] }, ru: { aliases: ['俄'] } },
  metrics: { 're-reserves': { unit: 't', aliases: ['rare-earth reserves', 'reserves', '稀土储量', '储量'] } },
});

const CJK_FILLER = ['的', '稀土', '产量', '为', '万吨', '。', '，', '中', '美', '国', '俄', '储', '量', '3.8', ' ', '😀', '𠀀'];
const LATIN_FILLER = ['the', 'rare', 'earth', 'output', 'of', 'in', 'a', 'us', 'US', 'U.S.', '3.8', 'Mt', ',', '.', '-', '😀', 'é'];

describe('the alias matcher', () => {
  const aliasesOf = (kind: 'subject' | 'metric', cjk: boolean): string[] =>
    vocabulary.entries(kind).flatMap((entry) => entry.aliases).filter((alias) => /\p{Script=Han}/u.test(alias) === cjk && alias.length > 1);

  for (const kind of ['subject', 'metric'] as const) {
    it(`finds a Chinese ${kind} alias inserted anywhere in Chinese text, or a longer match over it`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...CJK_FILLER), { maxLength: 30 }), fc.constantFrom(...aliasesOf(kind, true)), fc.nat(), (parts, alias, at) => {
          const before = parts.slice(0, at % (parts.length + 1)).join('');
          const text = before + alias + parts.slice(at % (parts.length + 1)).join('');
          const start = before.length;
          const end = start + alias.length;
          const expected = vocabulary.resolve(kind, alias)!.id;
          const matches = vocabulary.findAliases(text, kind);
          // Where matches overlap the longest wins, so the alias may sit inside a longer one; never is it lost.
          const covering = matches.find((m) => m.start < end && m.end > start);
          expect(covering, `${alias} in ${text}`).toBeDefined();
          if (covering!.start === start && covering!.end === end) expect(covering!.id).toBe(expected);
          else expect(covering!.end - covering!.start).toBeGreaterThanOrEqual(alias.length);
        }),
        { numRuns: 400 },
      );
    });

    it(`finds an English ${kind} alias written as a whole word between spaces`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...LATIN_FILLER), { maxLength: 20 }), fc.constantFrom(...aliasesOf(kind, false)), fc.nat(), (words, alias, at) => {
          const index = at % (words.length + 1);
          const before = words.slice(0, index).join(' ');
          const text = `${before}${before ? ' ' : ''}${alias} ${words.slice(index).join(' ')}`;
          const start = before.length + (before ? 1 : 0);
          const end = start + alias.length;
          const covering = vocabulary.findAliases(text, kind).find((m) => m.start < end && m.end > start);
          expect(covering, `${alias} in ${text}`).toBeDefined();
          expect(covering!.end - covering!.start).toBeGreaterThanOrEqual(alias.length);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('matches aliases written in capitals only as written, and never splits a surrogate pair', () => {
    const pieces = [...CJK_FILLER, ...LATIN_FILLER, 'Us', 'uS', 'EU', 'eu', 'Eu', 'ＵＳ', 'UK', 'uk', 'PRC', 'prc', 'USA', 'usa', '\ud83d', '\ude00', 'Russia', 'RUSSIA'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.constantFrom('', ' ', '-'), (parts, joiner) => {
        const text = parts.join(joiner);
        for (const kind of ['subject', 'metric'] as const) {
          for (const m of vocabulary.findAliases(text, kind)) {
            expect(spanProblem(text, m, 'alias match')).toBeUndefined();
            if (/^[A-Z.]+$/.test(m.alias) && /[A-Z].*[A-Z]/.test(m.alias)) {
              const written = text.slice(m.start, m.end).normalize('NFKC').replace(/\./g, '');
              expect(written, `${m.alias} in ${text}`).toBe(m.alias.replace(/\./g, ''));
            }
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('finds subjects and metrics in one walk exactly as it finds each kind on its own', () => {
    // Aliases that subjects and metrics share, or that overlap across the kinds, so one kind's
    // match could hide the other's if the walk mixed them up.
    const crossing = new Vocabulary({
      subjects: { acme: { aliases: ['Acme', 'Acme Mining', '阿克米'] }, ore: { aliases: ['Ore Co', '矿业'] }, ru: { aliases: ['俄'] } },
      metrics: {
        'acme-output': { unit: 't', aliases: ['Acme', 'mining output', 'Ore', '矿业产量', '储量'] },
        're-reserves': { unit: 't', aliases: ['rare-earth reserves', 'reserves', '稀土储量'] },
      },
    });
    const aliases = [...crossing.entries('subject'), ...crossing.entries('metric')].flatMap((entry) => entry.aliases);
    const pieces = [...CJK_FILLER, ...LATIN_FILLER, ...aliases, ...aliases.map((alias) => alias.toUpperCase()), 'U.S', 'the U.S.', 'Mining', 'Co', 'output'];
    let bothKinds = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.constantFrom('', ' ', ', '), (parts, joiner) => {
        const text = parts.join(joiner);
        const together = crossing.findSubjectsAndMetrics(text);
        expect(together).toEqual({ subjects: crossing.findAliases(text, 'subject'), metrics: crossing.findAliases(text, 'metric') });
        if (together.subjects.some((s) => together.metrics.some((m) => s.start < m.end && m.start < s.end))) bothKinds++;
      }),
      { numRuns: 2000 },
    );
    // The property is only worth something where a subject and a metric overlap.
    expect(bothKinds).toBeGreaterThan(20);
  });
});

// ---------------------------------------------------------------------------------------------

/** Pieces that mean something to one reader or another, to splice into seed documents. */
const PIECES = [
  '[', ']', '{', '}', '[@', '@survey-2024', '[@survey-2024]', '[^1]', '[^1]: ', '[1]', '<!--', '-->', '`', '```\n', '> ', '- ', '  ', '\t', '\n', '\r\n', '\r',
  '|', ':', ': ', '- value: ', 'sources: [', '&a ', '*a', '"', "'", '#', '---\n', '3.8 Mt', '380万吨', '约', 'over ', '%', '$', 'tons', 'Russia', '俄罗斯', 'reserves',
  '\u0000', '\ufeff', '\u2028', '😀', '\ud83d', '\ude00', '𠀀', '٣', '９', 'claimlint-disable-next-line missing-source',
];

const mutation = fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom(...PIECES));

function mutated(text: string, mutations: [number, number, string][]): string {
  let result = text;
  for (const [at, cut, piece] of mutations) {
    const position = at % (result.length + 1);
    result = result.slice(0, position) + piece + result.slice(position + cut);
  }
  return result;
}

function seedsOf(role: Role): string[] {
  const own = corpus.filter((seed) => seed.role === role).map((seed) => seed.text);
  return own.length > 0 ? own : corpus.filter((seed) => seed.role === 'markdown').map((seed) => seed.text);
}

describe('the whole pipeline on mutated documents', () => {
  for (const role of ROLES) {
    it(`never throws and keeps every span and feature answer well formed when the ${role} file is mutated`, { timeout: 120_000 }, () => {
      const seeds = seedsOf(role);
      fc.assert(
        fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { maxLength: 12 }), fc.nat(), (which, mutations, seed) => {
          const input: FuzzInput = { role, text: mutated(seeds[which]!, mutations) };
          const report = runFuzzInput(input, { seed, probes: 3, recheck: seed % 3 === 0 });
          expect(unknownProblems(report.problems)).toEqual([]);
        }),
        { numRuns: 100 },
      );
    });
  }

  it('answers every feature at random offsets of every file of the example workspace', () => {
    const example = corpus.filter((seed) => seed.name.startsWith('examples/rare-earths/'));
    const files: Record<string, string> = {};
    for (const seed of example) files[seed.name.slice('examples/rare-earths/'.length)] = seed.text;
    expect(Object.keys(files)).toContain('claimlint.yaml');
    const workspace = new ClaimWorkspace({
      root: '/ex',
      configText: files['claimlint.yaml'],
      configFile: '/ex/claimlint.yaml',
      host: { readFile: (file) => files[file.slice('/ex/'.length)] },
    });
    for (const [path, text] of Object.entries(files)) if (/\.(md|claims\.yaml)$/.test(path) && !path.startsWith('README')) workspace.setDocument(`/ex/${path}`, text);
    const diagnostics = workspace.diagnostics();
    expect(diagnostics.length).toBeGreaterThan(5);
    for (const d of diagnostics) {
      expect(spanProblem(workspace.textOf(d.file), d.span, d.rule)).toBeUndefined();
      for (const r of d.related) expect(spanProblem(workspace.textOf(r.file), r.span, `related of ${d.rule}`)).toBeUndefined();
    }
    const paths = Object.keys(files).map((path) => `/ex/${path}`);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.nat(), fc.nat({ max: 300 }), (file, at, width) => {
        const length = workspace.textOf(file)!.length;
        const offset = at % (length + 1);
        expect(() => codeActionsAt(workspace, diagnostics, file, { start: offset, end: Math.min(length, offset + width) })).not.toThrow();
        const report = runFuzzInput({ role: 'markdown', text: workspace.textOf(file)!.slice(offset, offset + 2000) }, { seed: at, probes: 2, recheck: false });
        expect(unknownProblems(report.problems)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Bugs the fuzzing campaign found in the quantity, vocabulary, rules and features code, fixed there.

describe('regressions found by fuzzing', () => {
  it('reports one source-mismatch per figure, not one per citation, when every figure of a long sentence cites the same archived source', () => {
    // 300 figures, each followed by the same citation: the sentence's 300 citations are every figure's sources.
    const text = `Russia's reserves were ${Array.from({ length: 300 }, (_, i) => `${i + 1}.5 Mt [@survey-2024]`).join(', ')}.\n`;
    const workspace = buildWorkspace(workspaceFiles({ role: 'markdown', text }));
    const mismatches = workspace.diagnostics().filter((d) => d.rule === 'source-mismatch' && d.file === '/ws/reports/target.md');
    const figures = workspace.claims().filter((c) => c.file === '/ws/reports/target.md');
    expect(figures).toHaveLength(300);
    // The archive holds 3.8 Mt and 44 Mt: 3.5 and 43.5-44.5 Mt match within precision, the rest do not.
    expect(mismatches.length).toBeGreaterThan(290);
    expect(mismatches.length).toBeLessThanOrEqual(300);
    expect(new Set(mismatches.map((d) => d.span.start)).size).toBe(mismatches.length);
  });

  it('reads a config that lists 200,000 aliases for one subject, in time linear in their number', () => {
    // Once a stack overflow (push(...aliases)), then quadratic (aliases.includes for each alias).
    const build = (count: number): number => {
      const aliases = Array.from({ length: count }, (_, i) => `place ${i}`);
      const started = performance.now();
      const big = new Vocabulary({ subjects: { x: { aliases }, cn: { aliases } } });
      expect(big.resolve('subject', `place ${count - 1}`)?.id).toBe('x');
      return performance.now() - started;
    };
    build(20_000); // warm up
    const small = Math.min(build(50_000), build(50_000));
    const large = build(200_000);
    // Four times the aliases: linear is ×4, quadratic ×16.
    expect(large).toBeLessThan(8 * small + 500);
  });

  it('offers code actions over a whole document of 150,000 figures without overflowing the stack', { timeout: 120_000 }, () => {
    const config = 'metrics:\n  re-reserves:\n    unit: kt\n    aliases: [reserves]\n';
    const workspace = new ClaimWorkspace({ root: '/ws', configText: config, configFile: '/ws/claimlint.yaml', host: { readFile: () => undefined } });
    const text = 'Reserves 3.8 Mt. '.repeat(150_000);
    workspace.setDocument('/ws/big.md', text);
    // No diagnostics handed in: the conversions alone are one action per figure.
    const actions = codeActionsAt(workspace, [], '/ws/big.md', { start: 0, end: text.length });
    expect(actions).toHaveLength(150_000);
    expect(actions[0]!.title).toBe('Write 3.8 Mt as 3800 kt');
  });
});
