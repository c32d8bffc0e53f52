// The claims reader has two ways to a tree: js-yaml's events (fast) and the `yaml` document (exact
// errors). They must agree on every file the fast path accepts, or the fast path would change what
// claimlint reports. These tests compare both on the project's claim files and on thousands of
// mutations of them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dataOfTree, treeFromDocument, treeFromEvents } from '../../server/engine/src/yaml/yaml-tree';
import { parseClaimsFile } from '../../server/engine/src/yaml/claims-file';
import { filesUnder } from '../support/disk';

const REPO = join(__dirname, '..', '..');

function claimFiles(dir: string): string[] {
  return filesUnder(dir).filter((path) => /\.claims\.ya?ml$/.test(path));
}

const CORPUS = [...claimFiles(join(REPO, 'examples')), ...claimFiles(join(REPO, 'test', 'fixtures'))].map((path) => readFileSync(path, 'utf8'));

function slowTree(text: string) {
  return treeFromDocument(parseDocument(text, { prettyErrors: false, uniqueKeys: true }));
}

/** Where the fast path takes a text, it must give what the `yaml` path gives, and `yaml` must see no error. */
function expectSameTree(text: string): boolean {
  const fast = treeFromEvents(text);
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
    ['a block scalar', 'a: |\n  text\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a syntax error', 'a: [1, 2\nb: 3\n'],
    ['a __proto__ key', '__proto__: 1\n'],
  ])('leaves %s to the yaml package', (_name, text) => {
    expect(treeFromEvents(text)).toBeUndefined();
  });

  it('agrees with the yaml package on thousands of mutated claim files, or leaves them to it', () => {
    const pieces = [':', ': ', '- ', ' ', '  ', '\n', '\r\n', '\t', '#', "'", '"', '[', ']', '{', '}', ',', '&a ', '*a', '!', '|', '>', '?', '%', '`', '@', '\\', 'x', '3.8', '0x1', '万吨', '\u00a0', '\ufeff', '\ud83d\ude00'];
    let taken = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: CORPUS.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 4 }),
        (index, edits) => {
          let text = CORPUS[index]!;
          for (const [at, remove, piece] of edits) {
            const position = at % (text.length + 1);
            text = text.slice(0, position) + piece + text.slice(position + remove);
          }
          if (expectSameTree(text)) taken++;
        },
      ),
      { numRuns: Number(process.env.YAML_TREE_RUNS ?? 3000), seed: Number(process.env.YAML_TREE_SEED ?? 4) },
    );
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
