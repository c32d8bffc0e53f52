// The claims reader has three ways to a tree: the plain block scanner (fastest, a subset of YAML),
// js-yaml's events (fast) and the `yaml` document (exact errors). They must agree on every file a
// fast path accepts, or the fast path would change what claimlint reports. These tests compare
// them on the project's claim files, on files like the benchmark's, and on thousands of mutations.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dataOfTree, readCheckedDocument, readCheckedTree, treeFromDocument, treeFromEvents, type TreeNode } from '../../server/engine/src/yaml/yaml-tree';
import { validateClaimsFile, validateSourceRegistry } from '../../server/engine/src/yaml/schema-validators';
import { plainComments, treeFromPlainBlocks } from '../../server/engine/src/yaml/plain-block-scanner';
import { yamlComments, yamlSuppressions } from '../../server/engine/src/yaml/suppressions';
import { parseClaimsFile } from '../../server/engine/src/yaml/claims-file';
import { filesUnder } from '../support/disk';
// @ts-expect-error: plain ESM JavaScript without type declarations (the benchmark's generator)
import { generateWorkspace } from '../../bench/generate-workspace.mjs';

const REPO = join(__dirname, '..', '..');

function claimFiles(dir: string): string[] {
  return filesUnder(dir).filter((path) => /\.claims\.ya?ml$/.test(path));
}

const CORPUS = [...claimFiles(join(REPO, 'examples')), ...claimFiles(join(REPO, 'test', 'fixtures'))].map((path) => readFileSync(path, 'utf8'));

function slowTree(text: string) {
  return treeFromDocument(parseDocument(text, { prettyErrors: false, uniqueKeys: true }));
}

/** Every YAML file of the example workspace: claim files, the registry, the config. */
const EXAMPLES = filesUnder(join(REPO, 'examples')).filter((path) => /\.ya?ml$/.test(path)).map((path) => readFileSync(path, 'utf8'));

/** The YAML files of a small benchmark workspace (the same generator as `npm run bench`). */
const BENCH_LIKE = (() => {
  const folder = mkdtempSync(join(tmpdir(), 'claimlint-yaml-tree-'));
  try {
    generateWorkspace(folder, 600, 3);
    return filesUnder(folder).filter((path) => /\.ya?ml$/.test(path)).map((path) => readFileSync(path, 'utf8'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
})();

/** Every YAML file under test/fixtures (some deliberately broken). */
const FIXTURES = filesUnder(join(REPO, 'test', 'fixtures')).filter((path) => /\.ya?ml$/.test(path)).map((path) => readFileSync(path, 'utf8'));

type FastReader = (text: string) => TreeNode | null | undefined;

/** Where a fast path takes a text, it must give what the `yaml` path gives, and `yaml` must see no error. */
function expectSameTree(text: string, read: FastReader = treeFromEvents): boolean {
  const fast = read(text);
  if (fast === undefined) return false;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  expect(doc.errors.map((error) => error.code), `yaml reports errors the fast path missed in ${JSON.stringify(text)}`).toEqual([]);
  expect(fast, `tree of ${JSON.stringify(text)}`).toEqual(treeFromDocument(doc));
  expect(dataOfTree(fast)).toEqual(doc.toJS());
  return true;
}

describe('the fast YAML tree', () => {
  it('gives the same tree as the yaml package for every claim file in examples/ and test/fixtures/', () => {
    expect(CORPUS.length).toBeGreaterThan(10);
    const taken = CORPUS.filter((text) => expectSameTree(text)).length;
    // Most project files are clean; the broken fixtures go the yaml way.
    expect(taken).toBeGreaterThan(CORPUS.length / 2);
  });

  it.each([
    ['plain, quoted and flow values', 'claims:\n  - id: "a\\"b"\n    value: 3.80\n    sources: [x, \'y\' ]  # note\n    text: it said "x"\n'],
    ['a key with nothing after it', 'claims:\n  - value: 3 Mt\n    sources:\n    text:\n'],
    ['numbers of every core-schema form', 'a: [0o17, 0x1F, -12, +3, 1e3, .5, 2., .inf, -.Inf, .NaN, ~, Null, TRUE, false, 007]\n'],
    ['a plain scalar over several lines', 'claims:\n  - value: 3 Mt\n    text: one line\n      and the next\n'],
    ['CRLF line ends', 'claims:\r\n  - value: 3 Mt\r\n    sources: [a]\r\n'],
    ['Chinese text and an empty flow list', 'claims:\n  - value: 1000万吨\n    text: 俄罗斯稀土储量\n    sources: []\n'],
    ['nested flow mappings', 'claims:\n  - value: {amount: 3.8, unit: Mt}\n    sources: [{id: a, locator: "p. 4"}]\n'],
  ])('gives the same tree as the yaml package for %s', (_name, text) => {
    expect(expectSameTree(text)).toBe(true);
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 2024\n'],
    ['a block scalar followed by a blank line', 'a: |\n  text\n\nb: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a syntax error', 'a: [1, 2\nb: 3\n'],
    // `yaml` reads `x` and `b` as one key over two lines; js-yaml reads `a: x`.
    ['a comment line between a key and its value', 'm:\n  a:\n  #c\n      x\n  b: 1\n'],
    ['a __proto__ key', '__proto__: 1\n'],
  ])('leaves %s to the yaml package', (_name, text) => {
    expect(treeFromEvents(text)).toBeUndefined();
  });

  it('agrees with the yaml package on thousands of mutated claim files, or leaves them to it', () => {
    const pieces = [':', ': ', '- ', ' ', '  ', '\n', '\r\n', '\r', '\u2028', '\u0085', '\t', '#', "'", '"', '[', ']', '{', '}', ',', '&a ', '*a', '!', '|', '>', '?', '%', '`', '@', '\\', 'x', '3.8', '0x1', '万吨', '\u00a0', '\ufeff', '\ud83d\ude00'];
    const { taken } = countMutationsTaken(pieces, 4, (text) => expectSameTree(text), { corpus: CORPUS });
    expect(taken).toBeGreaterThan(300);
  });

  it('reads a clean file to the same claims either way', () => {
    const text = CORPUS.find((candidate) => treeFromEvents(candidate) !== undefined)!;
    const slow = parseClaimsFile(`${text}\n# forces the yaml path: &anchor\nx: &only 1\n`, 'f.claims.yaml');
    const fast = parseClaimsFile(text, 'f.claims.yaml');
    expect(fast.claims.length).toBeGreaterThan(0);
    expect(slowTree(text)).toEqual(treeFromEvents(text));
    expect(slow.claims).toEqual(fast.claims);
  });
});

/** Small edits that reach every corner of the subset and just past it. */
const MUTATION_PIECES = [':', ': ', '- ', ' ', '  ', '\n', '\r\n', '\r', '\t', '#', ' #', "'", "''", '"', '\\', '\\x4', '\\u00e9', '[', ']', '{', '}', ',', ', ', '&a ', '*a', '!', '|', '>', '?', '? ', '%', '`', '@', '---', '...', 'x', 'a: b', '3.8', '0x1', '.inf', '~', 'true', 'null', '__proto__', 'id', '万吨', '\u00a0', '\ufeff', '\u2028', '\u0085', '\ud83d\ude00', '\ud83d'];

/** Applies edits (at, how many characters to remove, what to insert) to a text. */
function mutate(text: string, edits: ReadonlyArray<readonly [number, number, string]>): string {
  for (const [at, remove, piece] of edits) {
    const position = at % (text.length + 1);
    text = text.slice(0, position) + piece + text.slice(position + remove);
  }
  return text;
}

/**
 * Thousands of mutations (one to four edits of `pieces`) of the claim files, the examples and the
 * benchmark-like files; `check` says whether the fast path under test took the text.
 */
function countMutationsTaken(
  pieces: readonly string[],
  defaultSeed: number,
  check: (text: string) => boolean,
  { corpus = [...CORPUS, ...EXAMPLES, ...BENCH_LIKE.slice(0, 3).map((text) => text.slice(0, 3000))], maxEdits = 4, runsShare = 1 } = {},
): { taken: number; runs: number } {
  let taken = 0;
  let runs = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: corpus.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...pieces)), { minLength: 1, maxLength: maxEdits }),
      (index, edits) => {
        runs++;
        if (check(mutate(corpus[index]!, edits))) taken++;
      },
    ),
    { numRuns: Number(process.env.YAML_TREE_RUNS ?? 3000) * runsShare, seed: Number(process.env.YAML_TREE_SEED ?? defaultSeed) },
  );
  return { taken, runs };
}

describe('the plain block scanner', () => {
  it('reads at least 90% of the example and benchmark-like files, to the same tree as the yaml package', () => {
    const plainFiles = [...EXAMPLES, ...BENCH_LIKE];
    expect(EXAMPLES.length).toBeGreaterThan(3);
    expect(BENCH_LIKE.length).toBeGreaterThan(5);
    const taken = plainFiles.filter((text) => expectSameTree(text, treeFromPlainBlocks)).length;
    // A scanner that silently bails on everything would still be correct, and useless.
    expect(taken, `${taken} of ${plainFiles.length} read`).toBeGreaterThanOrEqual(0.9 * plainFiles.length);
  });

  it('gives the same tree as the yaml package for every fixture it reads', () => {
    const taken = FIXTURES.filter((text) => expectSameTree(text, treeFromPlainBlocks)).length;
    expect(taken).toBeGreaterThan(FIXTURES.length / 2);
  });

  it('agrees with the yaml package on thousands of mutated files, or leaves them to the other readers', () => {
    const { taken, runs } = countMutationsTaken(MUTATION_PIECES, 4, (text) => expectSameTree(text, treeFromPlainBlocks));
    console.info(`plain block scanner: read ${taken} of ${runs} mutated files, left ${runs - taken} to the other readers`);
    // Most single edits keep a file in the subset (a letter, a space in a value, a new comment).
    expect(taken).toBeGreaterThan(runs / 5);
  });

  it('agrees with js-yaml events wherever both read a mutated file', () => {
    let both = 0;
    countMutationsTaken(
      MUTATION_PIECES,
      5,
      (text) => {
        const plain = treeFromPlainBlocks(text);
        const events = treeFromEvents(text);
        if (plain === undefined || events === undefined) return false;
        both++;
        expect(plain, `tree of ${JSON.stringify(text)}`).toEqual(events);
        return true;
      },
      { corpus: CORPUS, maxEdits: 2, runsShare: 1 / 3 },
    );
    expect(both).toBeGreaterThan(100);
  });

  it('reads a clean claims file to the same claims as the yaml path', () => {
    const text = BENCH_LIKE.find((candidate) => candidate.includes('claims:') && treeFromPlainBlocks(candidate) !== undefined)!;
    const fast = parseClaimsFile(text, 'f.claims.yaml');
    const slow = parseClaimsFile(`${text}\n# forces the yaml path: &anchor\nx: &only 1\n`, 'f.claims.yaml');
    expect(fast.claims.length).toBeGreaterThan(10);
    expect(fast.findings).toEqual([]);
    expect(fast.claims).toEqual(slow.claims);
  });
});

describe("the plain block scanner's comments", () => {
  /** Where the scanner reads a text, its comments must be the syntax tree's, offsets and text alike. */
  function expectSameComments(text: string): boolean {
    const fast = plainComments(text);
    if (fast === undefined) return false;
    expect(fast, `comments of ${JSON.stringify(text)}`).toEqual(yamlComments(text));
    return true;
  }

  it('are where the syntax tree finds them: on their own lines, after values, keys, flow collections and quotes', () => {
    const text = [
      '# top',
      '--- # after the marker',
      'claims: # after a key',
      '  # indented, own line',
      '  - id: c1 # after a plain value',
      '    value: {amount: 3, unit: t}   # after a flow map',
      '    sources: [a, "b # not one"] # after a flow list',
      "    text: 'it''s # not one either'  # after a quote",
      '    note: a#b',
      '  -   # an item below',
      '    id: c2',
      '#last',
    ].join('\r\n');
    const comments = plainComments(text)!;
    expect(comments.map((comment) => comment.source)).toEqual([
      '# top',
      '# after the marker',
      '# after a key',
      '# indented, own line',
      '# after a plain value',
      '# after a flow map',
      '# after a flow list',
      '# after a quote',
      '# an item below',
      '#last',
    ]);
    for (const comment of comments) expect(text.slice(comment.offset).startsWith(comment.source)).toBe(true);
    expect(expectSameComments(text)).toBe(true);
  });

  it('are none for a text outside the subset, which the syntax tree reads instead', () => {
    const text = 'claims:\n  - text: |\n      # inside a block scalar\n    id: c1 # a comment\n';
    expect(plainComments(text)).toBeUndefined();
    expect(yamlComments(text).map((comment) => comment.source)).toEqual(['# a comment']);
    expect(yamlSuppressions('a: |\n  # claimlint-disable-next-line missing-source\nb: 1\n')).toEqual([]);
  });

  it('are the syntax tree\'s in every example, benchmark-like and fixture file the scanner reads', () => {
    const files = [...EXAMPLES, ...BENCH_LIKE, ...FIXTURES];
    const taken = files.filter(expectSameComments).length;
    expect(taken).toBeGreaterThan(files.length / 2);
  });

  it('are the syntax tree\'s in thousands of mutated files with comments and directives in them', () => {
    const pieces = [...MUTATION_PIECES, '# c', ' # claimlint-disable-line missing-source', '\n# claimlint-disable-next-line\n', '\n  # x\n'];
    const { taken, runs } = countMutationsTaken(pieces, 6, expectSameComments);
    expect(taken).toBeGreaterThan(runs / 5);
  });
});

describe('schema problems on the fast tree', () => {
  /** Schema slips a writer makes while typing: unknown keys, values half written, wrong types. */
  const SLIPS = [
    '\n    subjekt: china',
    '\n    valu:',
    '\n    value:',
    '\n  - id: typing\n    valu\n',
    '\n    sources: [u: x]',
    '\n  - {id: c9}\n',
    '\n  - id: c9\n',
    'as_of: 20x9',
    ': [a, 3]',
    ': {amount: x, unit: t}',
    ': {amount: 3}',
    ': 12',
    ': true',
    ': ~',
    ': ""',
    '\n    sources: 3',
    '\n    extra: {a: 1}',
  ];

  /** Where the fast readers take a text, the problems and spans must be the yaml path's. */
  function expectSameProblems(text: string): boolean {
    for (const validate of [validateClaimsFile, validateSourceRegistry]) {
      expect(readCheckedTree(text, 'f.yaml', validate, {}), `problems of ${JSON.stringify(text)}`).toEqual(readCheckedDocument(text, 'f.yaml', validate, {}));
    }
    return (treeFromPlainBlocks(text) !== undefined || treeFromEvents(text) !== undefined) && readCheckedTree(text, 'f.yaml', validateClaimsFile, {}).findings.length > 0;
  }

  it('are located where the yaml path locates them: an unknown key, a missing value, a flow claim, a wrong type', () => {
    const text = 'claims:\n  - id: c1\n    subjekt: china\n    value: 3 t\n  - id: c2\n    valu:\n  - {id: c3}\n  - id: c4\n    value: {amount: x, unit: t}\n    sources: 3\n';
    expect(treeFromPlainBlocks(text)).not.toBeUndefined();
    const fast = readCheckedTree(text, 'f.claims.yaml', validateClaimsFile, {});
    expect(fast).toEqual(readCheckedDocument(text, 'f.claims.yaml', validateClaimsFile, {}));
    const underlined = fast.findings.map((found) => text.slice(found.span.start, found.span.end));
    expect(underlined).toEqual(expect.arrayContaining(['subjekt', 'valu', '{id: c3}', 'x', '3']));
  });

  it('are the yaml path\'s in thousands of mutated claim and registry files', () => {
    // A third of the usual runs: each reads the file four times, twice through `yaml`.
    const { taken, runs } = countMutationsTaken([...MUTATION_PIECES, ...SLIPS, ...SLIPS], 7, expectSameProblems, { runsShare: 1 / 3 });
    console.info(`schema problems on the fast tree: ${taken} of ${runs} mutated files`);
    // About one edit in ten breaks only the schema, which is the case this path is for.
    expect(taken).toBeGreaterThan(runs / 20);
  });
});

describe('block scalars on the js-yaml path', () => {
  const HEADERS = ['|', '>', '|-', '>-', '|+', '>+', '|2', '>-2', '|+1', '| # a comment', '>  #c'];

  /** The corpus with each `text:` written as a block scalar (one header per file, in turn). */
  const BLOCK_CORPUS = [...CORPUS, ...BENCH_LIKE.slice(0, 3).map((text) => text.slice(0, 3000))].flatMap((text, index) =>
    [0, 1, 2].map((turn) => {
      const header = HEADERS[(index + turn) % HEADERS.length]!;
      // Blank lines between claims would leave every block scalar before one to the yaml path.
      return text.replace(/\n(?: *\n)+/g, '\n').replace(/^( *)text: (.*)$/gm, (_line, indent: string, value: string) => `${indent}text: ${header}\n${indent}   ${value}\n${indent}   and a second line`);
    }),
  ).filter((text) => text.includes('text: |') || text.includes('text: >'));

  it.each([
    ['a literal one', 'a: |\n  x\n  y\nb: 1\n'],
    ['a folded, stripped one', 'a: >-\n  x\n  y\nb: 1\n'],
    ['a kept one', 'a: |+\n  x\nb: 1\n'],
    ['one with an indentation indicator', 'a: |2\n   x\nb: 1\n'],
    ['one with a comment in its header', 'a: | # note\n  x\n'],
    ['one followed by a comment line', 'a: |\n  x\n# c\nb: 1\n'],
    ['one that holds a comment-like line', 'a: |\n  x\n  # not a comment\nb: 1\n'],
    ['one at the end of the text', 'a: |\n  x'],
    ['a list item', 'claims:\n  - text: >\n      A quotation\n      kept.\n    value: 3 t\n'],
  ])('reads %s to the yaml tree', (_name, text) => {
    expect(treeFromEvents(text)).not.toBeUndefined();
    expect(expectSameTree(text)).toBe(true);
  });

  it.each([
    ['a blank line after it', 'a: |\n  x\n\nb: 1\n'],
    ['CRLF line ends', 'a: |\r\n  x\r\nb: 1\r\n'],
  ])('leaves one with %s to the yaml package', (_name, text) => {
    expect(treeFromEvents(text)).toBeUndefined();
  });

  it('reads the corpus with block scalars to the yaml tree', () => {
    expect(BLOCK_CORPUS.length).toBeGreaterThan(10);
    const taken = BLOCK_CORPUS.filter((text) => expectSameTree(text)).length;
    expect(taken, `${taken} of ${BLOCK_CORPUS.length} read`).toBeGreaterThan(BLOCK_CORPUS.length / 2);
  });

  it('agrees with the yaml package, findings included, on thousands of mutated files with block scalars', () => {
    const pieces = [...MUTATION_PIECES, '\n\n', '\n  ', '\n      more', ' |', ' >-', '\n    subjekt: x', '\n    valu:'];
    let read = 0;
    const { runs } = countMutationsTaken(
      pieces,
      8,
      (text) => {
        if (expectSameTree(text)) read++;
        for (const validate of [validateClaimsFile, validateSourceRegistry]) {
          expect(readCheckedTree(text, 'f.yaml', validate, {}), `problems of ${JSON.stringify(text)}`).toEqual(readCheckedDocument(text, 'f.yaml', validate, {}));
        }
        return true;
      },
      // A sixth of the usual runs: each reads a long file five times, four through `yaml`.
      { corpus: BLOCK_CORPUS, runsShare: 1 / 6 },
    );
    expect(read).toBeGreaterThan(runs / 10);
  });
});
