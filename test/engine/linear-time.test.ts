// The engine is linear on hostile input (issue 5): for each family of pathological text, doubling
// the input at most roughly doubles the time of the whole pipeline (Markdown or YAML reading,
// figures, aliases, claims, rules, and a hover and code actions at the end). The only timing
// ratio in the suite: it tests complexity, not speed. Each size is timed three times and the
// fastest kept, so a busy machine does not make it flaky; quadratic behaviour shows as ×4.
//
// Every regular expression the engine applies to user text is listed, with why it cannot
// backtrack catastrophically, in docs/robustness.md ("Linear-time review").
import { describe, expect, it } from 'vitest';
import { ClaimWorkspace } from '../../server/engine/src';
import { codeActionsAt } from '../../server/engine/src/features/code-actions';
import { hoverAt } from '../../server/engine/src/features/hover';

const CONFIG = 'sources: [sources.yaml, refs.bib]\nmetrics:\n  re-reserves: {unit: t, aliases: [reserves, 储量]}\n';
const SOURCES = 'sources:\n  - id: survey-2024\n    title: Survey\n';
const BIB = '@misc{desk-2023, title = {Desk}}\n';

type Kind = 'markdown' | 'claims' | 'bib';

interface Family {
  kind: Kind;
  /** The text of about `size` characters. */
  make(size: number): string;
  /** An open bug in code another engineer owns: the family is timed (smaller) as an expected failure. */
  knownSuperlinear?: string;
}

const run = (piece: string) => (size: number) => piece.repeat(Math.ceil(size / piece.length));
const markdown = (make: (size: number) => string): Family => ({ kind: 'markdown', make });

const FAMILIES: Record<string, Family> = {
  'digits': markdown(run('1')),
  'digits with spaces': markdown(run('1 ')),
  'thousands separators': markdown(run('1,')),
  'commas': markdown(run(',')),
  'spaces after a figure': markdown((size) => `3.8 Mt${' '.repeat(size)}x`),
  'dots': markdown(run('.')),
  'decimal dots': markdown(run('1.')),
  'dashes': markdown(run('-')),
  'ranges': markdown(run('1-')),
  'CJK numerals': markdown(run('九')),
  'CJK numerals and scales': markdown(run('三万')),
  // One long sentence of n figures and n metric aliases: each figure finds its nearest alias by
  // binary search (it once scanned them all, which made this quadratic).
  'Chinese figures': markdown(run('储量一万吨，')),
  'English figures': markdown(run('reserves of 3 Mt, ')),
  'full-width digits': markdown(run('３')),
  'open brackets': markdown(run('[')),
  'close brackets and braces': markdown(run(']{')),
  'span openers': markdown(run('[a]{')),
  'nested brackets': markdown((size) => `${'['.repeat(size / 2)}3.8 Mt${']'.repeat(size / 2)}`),
  'comment openers': markdown(run('<!--')),
  'at signs': markdown(run('@')),
  'citation groups': markdown(run('[@a;')),
  'citations of one source': markdown(run('3 Mt [@survey-2024], ')),
  'footnote markers': markdown(run('[^1]')),
  'numbered markers': markdown((size) => `${'[1]'.repeat(size / 3)}\n\n## References\n\n1. Survey https://example.org/s\n`),
  'table rows': markdown((size) => `| a | b |\n|---|---|\n${'| 3 Mt | 4 Mt |\n'.repeat(size / 16)}Source: [@survey-2024]\n`),
  'table pipes': markdown((size) => `| a |\n|---|\n|${'|'.repeat(size)}\n`),
  'Source labels with spaces': markdown((size) => `| a |\n|---|\n| 1 Mt |\nSource${' '.repeat(size)}x\n`),
  'unclosed tags': markdown(run('<a b="')),
  'tag attributes': markdown((size) => `<a${' b'.repeat(size / 2)}`),
  'e-mail-like runs': markdown(run('a.b@c.d ')),
  'URLs': markdown(run('https://example.org/3.8 ')),
  'heading numbering': markdown((size) => `# ${'1.'.repeat(size / 2)}x 3 Mt\n`),
  'blockquotes': markdown((size) => `${'> '.repeat(size / 2)}Russia holds 3.8 Mt of reserves.\n`),
  'list markers': markdown(run('- ')),
  'CR-only lines': markdown(run('3 Mt\r')),
  'surrogate pairs': markdown(run('😀3')),
  'aliases': markdown(run('Russia 储量 ')),
  'letters': markdown(run('U')),
  'qualifiers': markdown(run('about ')),
  'YAML text of digits': { kind: 'claims', make: (size) => `claims:\n  - value: 3.8 Mt\n    sources: [survey-2024]\n    text: "${'1,'.repeat(size / 2)}"\n` },
  'YAML value of digits': { kind: 'claims', make: (size) => `claims:\n  - value: ${'9'.repeat(size)} t\n` },
  'YAML flow sequence': { kind: 'claims', make: (size) => `claims:\n  - value: 3.8 Mt\n    sources: [${'survey-2024, '.repeat(size / 13)}]\n` },
  'YAML comments': { kind: 'claims', make: (size) => `${'# claimlint-disable-next-line x\n'.repeat(size / 32)}claims: []\n` },
  'YAML claims': { kind: 'claims', make: (size) => `claims:\n${'  - {subject: ru, metric: reserves, value: 3.8 Mt, sources: [survey-2024]}\n'.repeat(size / 74)}` },
  'BibTeX braces': { kind: 'bib', make: (size) => `@misc{k, title = {${'{a}'.repeat(size / 3)}}}\n` },
  'BibTeX entries of one id': { kind: 'bib', make: (size) => '@misc{k, title = {x}}\n'.repeat(size / 22) },
  'YAML claims of one id': { kind: 'claims', make: (size) => `claims:\n${'  - {id: c, subject: ru, value: 3.8 Mt}\n'.repeat(size / 38)}` },
  // The plain block scanner (yaml/plain-block-scanner.ts) reads these; each stop it considers
  // (a colon, a hash, a doubled quote, a deeper line) must cost it constant time.
  'YAML text of colons and hashes': { kind: 'claims', make: (size) => `claims:\n  - value: 3.8 Mt\n    text: ${'a:b c#d '.repeat(size / 8)}\n` },
  'YAML doubled single quotes': { kind: 'claims', make: (size) => `claims:\n  - value: 3.8 Mt\n    text: '${"''".repeat(size / 2)}'\n` },
  'YAML block claims': { kind: 'claims', make: (size) => `claims:\n${'  - subject: ru\n    value: 3.8 Mt\n    sources: [survey-2024]\n'.repeat(size / 60)}` },
  'YAML nesting by indentation': { kind: 'claims', make: (size) => Array.from({ length: Math.sqrt(2 * size) }, (_, depth) => `${' '.repeat(depth)}k${depth}:\n`).join('') },
};

const FILES: Record<Kind, string> = { markdown: '/ws/report.md', claims: '/ws/data.claims.yaml', bib: '/ws/refs.bib' };

/** Milliseconds for the whole pipeline on one text: reading it, its diagnostics, and two features.
 *  The workspace is made first, untimed: building the vocabulary is a constant that would hide a ratio. */
function pipelineTime(kind: Kind, text: string): number {
  const files: Record<string, string> = { '/ws/sources.yaml': SOURCES, '/ws/refs.bib': kind === 'bib' ? text : BIB };
  const workspace = new ClaimWorkspace({ root: '/ws', configText: CONFIG, configFile: '/ws/claimlint.yaml', host: { readFile: (file) => files[file] } });
  const started = performance.now();
  if (kind !== 'bib') workspace.setDocument(FILES[kind], text);
  const diagnostics = workspace.diagnostics();
  const middle = text.length >> 1;
  hoverAt(workspace, diagnostics, FILES[kind], middle);
  codeActionsAt(workspace, diagnostics, FILES[kind], { start: middle, end: middle + 100 });
  return performance.now() - started;
}

const fastest = (kind: Kind, text: string): number => Math.min(pipelineTime(kind, text), pipelineTime(kind, text), pipelineTime(kind, text));

/** Large enough to take tens of milliseconds, small enough for the suite. */
const SIZE = 100_000;
/** For the known quadratic families: big enough to show the ratio, small enough to finish. */
const KNOWN_SIZE = 6_000;

describe('the pipeline on pathological input', () => {
  for (const [name, family] of Object.entries(FAMILIES)) {
    const title = family.knownSuperlinear
      ? `still takes more than twice as long for twice as much (an open bug: ${family.knownSuperlinear}): ${name}`
      : `takes at most about twice as long for twice as much: ${name}`;
    (family.knownSuperlinear ? it.fails : it)(title, { timeout: 120_000 }, () => {
      const size = family.knownSuperlinear ? KNOWN_SIZE : SIZE;
      const small = family.make(size);
      const large = family.make(2 * size);
      pipelineTime(family.kind, family.make(size / 4)); // warm up
      let smallTime = fastest(family.kind, small);
      let largeTime = fastest(family.kind, large);
      if (largeTime >= 3 * smallTime + 30) {
        // A collection that fell on every sample of one size must not decide: both sizes get
        // three samples more, and the fastest of all six counts for each.
        smallTime = Math.min(smallTime, fastest(family.kind, small));
        largeTime = Math.min(largeTime, fastest(family.kind, large));
      }
      // Linear doubles, quadratic quadruples; 3× leaves room for garbage collection and caches,
      // and the constant for timings too short to measure well.
      expect(largeTime, `${Math.round(smallTime)} ms for ${small.length} characters, ${Math.round(largeTime)} ms for ${large.length}`).toBeLessThan(3 * smallTime + 30);
    });
  }
});
