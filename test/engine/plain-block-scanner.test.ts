// The plain block scanner reads the subset of YAML claim files are written in, and leaves the rest
// to js-yaml and the `yaml` package. These tests name each feature of the subset (it must give the
// `yaml` package's tree, spans included) and each reason to leave a text to the others (it must
// say undefined, never guess). test/engine/yaml-tree.test.ts compares it on thousands of files.
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { treeFromPlainBlocks } from '../../server/engine/src/yaml/plain-block-scanner';
import { readClean, treeFromDocument, type TreeMap, type TreeNode, type TreeScalar } from '../../server/engine/src/yaml/yaml-tree';

function yamlTree(text: string): TreeNode | null {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  expect(doc.errors.map((error) => error.code), `yaml errors in ${JSON.stringify(text)}`).toEqual([]);
  return treeFromDocument(doc);
}

/** The scanner's tree, which must exist and be the `yaml` package's. */
function scanned(text: string): TreeNode | null {
  const tree = treeFromPlainBlocks(text);
  expect(tree, `the scanner left ${JSON.stringify(text)} to the others`).not.toBeUndefined();
  expect(tree).toEqual(yamlTree(text));
  return tree!;
}

function valueAt(tree: TreeNode | null, ...path: (string | number)[]): TreeNode | undefined {
  let node: TreeNode | undefined = tree ?? undefined;
  for (const step of path) {
    if (node?.kind === 'map') node = node.pairs.find((pair) => (pair.key as TreeScalar).value === step)?.value;
    else if (node?.kind === 'seq' && typeof step === 'number') node = node.items[step];
    else return undefined;
  }
  return node;
}

const scalar = (node: TreeNode | undefined): TreeScalar => {
  expect(node?.kind).toBe('scalar');
  return node as TreeScalar;
};

describe('the plain block scanner reads', () => {
  it('a claims file, with the spans of keys, values and flow items where they are written', () => {
    const text = 'claims:\n  - id: c0\n    value: {amount: 1270, unit: t}\n    sources: [src-1, "src 2"]\n';
    const tree = scanned(text);
    const claim = valueAt(tree, 'claims', 0) as TreeMap;
    expect(claim.span).toEqual({ start: text.indexOf('id'), end: text.indexOf(']') + 1 });
    expect(claim.pairs[0]!.key.span).toEqual({ start: text.indexOf('id'), end: text.indexOf('id') + 2 });
    expect(scalar(valueAt(tree, 'claims', 0, 'id')).span).toEqual({ start: text.indexOf('c0'), end: text.indexOf('c0') + 2 });
    const amount = scalar(valueAt(tree, 'claims', 0, 'value', 'amount'));
    expect(amount).toMatchObject({ value: 1270, text: '1270', span: { start: text.indexOf('1270'), end: text.indexOf('1270') + 4 } });
    expect(valueAt(tree, 'claims', 0, 'value')!.span).toEqual({ start: text.indexOf('{'), end: text.indexOf('}') + 1 });
    const quoted = scalar(valueAt(tree, 'claims', 0, 'sources', 1));
    expect(quoted).toMatchObject({ value: 'src 2', text: 'src 2', span: { start: text.indexOf('"'), end: text.lastIndexOf('"') + 1 } });
    expect(valueAt(tree, 'claims')!.span).toEqual({ start: text.indexOf('-'), end: text.indexOf(']') + 1 });
  });

  it.each([
    ['`3.80` as the number 3.8, written 3.80', 'a: 3.80\n', 3.8, '3.80'],
    ['`1e3` as 1000', 'a: 1e3\n', 1000, '1e3'],
    ['`0x1F` as 31', 'a: 0x1F\n', 31, '0x1F'],
    ['`0o17` as 15', 'a: 0o17\n', 15, '0o17'],
    ['`.inf` as Infinity', 'a: .inf\n', Infinity, '.inf'],
    ['`-.Inf` as -Infinity', 'a: -.Inf\n', -Infinity, '-.Inf'],
    ['`~` as null, with no text', 'a: ~\n', null, undefined],
    ['`Null` as null', 'a: Null\n', null, undefined],
    ['`true` as true', 'a: true\n', true, 'true'],
    ['`FALSE` as false', 'a: FALSE\n', false, 'FALSE'],
    ['`Trueish` as text', 'a: Trueish\n', 'Trueish', 'Trueish'],
    ['`2024-05` as text', 'a: 2024-05\n', '2024-05', '2024-05'],
    ['`007` as 7, written 007', 'a: 007\n', 7, '007'],
    ['`3.8 Mt` as text', 'a: 3.8 Mt\n', '3.8 Mt', '3.8 Mt'],
    ["`'3.80'` as text", "a: '3.80'\n", '3.80', '3.80'],
    ['`"true"` as text', 'a: "true"\n', 'true', 'true'],
  ])('%s (core schema)', (_name, text, value, written) => {
    const node = scalar(valueAt(scanned(text), 'a'));
    expect(node.value).toEqual(value);
    expect(node.text).toBe(written);
  });

  it('`key:` with nothing after it as a null value just after the colon and its blanks', () => {
    for (const text of ['a:\nb: 1\n', 'a:   \nb: 1\n', 'a:  # none yet\nb: 1\n', 'a:\r\nb: 1\r\n', 'b: 1\na:']) {
      const node = scalar(valueAt(scanned(text), 'a'));
      const colon = text.indexOf('a:') + 2;
      let at = colon;
      while (text[at] === ' ') at++;
      expect(node).toEqual({ kind: 'scalar', value: null, text: undefined, span: { start: at, end: at } });
    }
  });

  it('CRLF line ends, with spans that leave out the CR', () => {
    const text = 'claims:\r\n  - value: 3 Mt\r\n    sources: [a]\r\n';
    const tree = scanned(text);
    expect(scalar(valueAt(tree, 'claims', 0, 'value')).span).toEqual({ start: text.indexOf('3 Mt'), end: text.indexOf('3 Mt') + 4 });
  });

  it('comments on their own lines, after values, and after keys whose value is below', () => {
    const text = '# head\nclaims:  # the list\n  # first\n  - id: a  # why\n    text: a#b is not a comment\n# tail\n';
    const tree = scanned(text);
    expect(scalar(valueAt(tree, 'claims', 0, 'id')).value).toBe('a');
    expect(scalar(valueAt(tree, 'claims', 0, 'text')).value).toBe('a#b is not a comment');
  });

  it('quoted scalars with their escapes', () => {
    const text = `a: "say \\"3.8\\" \\\\ \\/ \\n\\t \\x41 \\u00e9 \\ud83d\\ude00"\nb: 'it''s # not a comment'\nc: "#x: y"\nd: ''\n`;
    const tree = scanned(text);
    expect(scalar(valueAt(tree, 'a')).value).toBe('say "3.8" \\ / \n\t A é 😀');
    expect(scalar(valueAt(tree, 'b')).value).toBe("it's # not a comment");
    expect(scalar(valueAt(tree, 'c')).value).toBe('#x: y');
    expect(scalar(valueAt(tree, 'd')).value).toBe('');
  });

  it('quoted keys, and a blank before the colon', () => {
    const tree = scanned('"a b": 1\n\'c\' : 2\nd : 3\n');
    expect((tree as TreeMap).pairs.map((pair) => (pair.key as TreeScalar).value)).toEqual(['a b', 'c', 'd']);
  });

  it('a leading `---`, and a byte order mark', () => {
    expect(valueAt(scanned('# file\n--- # start\na: 1\n'), 'a')).toMatchObject({ value: 1 });
    expect(valueAt(scanned('\ufeffa: 1\n'), 'a')).toMatchObject({ value: 1, span: { start: 4, end: 5 } });
  });

  it('empty documents as null', () => {
    expect(scanned('')).toBeNull();
    expect(scanned('# only a comment\n\n')).toBeNull();
  });

  it('a list written at its key\'s indentation, and a list item whose content starts below its dash', () => {
    const tree = scanned('a:\n- x\n- y\nb:\n  -\n    id: z\n  - w\n');
    expect(valueAt(tree, 'a')).toMatchObject({ kind: 'seq', items: [{ value: 'x' }, { value: 'y' }] });
    expect(valueAt(tree, 'b', 0, 'id')).toMatchObject({ value: 'z' });
  });

  it('nested flow collections, empty ones, and a trailing comma', () => {
    const tree = scanned('a: [{id: x, locator: "p. 4"}, [1, 2], {}, []]\nb: [x, ]\nc: {url: https://example.org/a?b=c}\n');
    expect(valueAt(tree, 'a', 0, 'locator')).toMatchObject({ value: 'p. 4' });
    expect(valueAt(tree, 'a', 1, 1)).toMatchObject({ value: 2 });
    expect(valueAt(tree, 'b')).toMatchObject({ kind: 'seq', items: [{ value: 'x' }] });
    expect(valueAt(tree, 'c', 'url')).toMatchObject({ value: 'https://example.org/a?b=c' });
  });

  it('plain text with colons, brackets, hashes and Chinese inside', () => {
    const tree = scanned('text: 俄罗斯: 1000万吨 is a:b [x] {y}, c#d — 50%\nurl: https://example.org/x#y\n'.replace(': 1000', '：1000'));
    expect(scalar(valueAt(tree, 'text')).value).toBe('俄罗斯：1000万吨 is a:b [x] {y}, c#d — 50%');
    expect(scalar(valueAt(tree, 'url')).value).toBe('https://example.org/x#y');
  });

  it('a key indented by 100,000 spaces under its parent', () => {
    const text = `a:\n${' '.repeat(100_000)}b: 1\n`;
    expect(valueAt(scanned(text), 'a', 'b')).toMatchObject({ value: 1 });
  });

  it('a 10 MB value on one line', () => {
    const text = `a: ${'x'.repeat(10_000_000)}\n`;
    expect(scalar(valueAt(treeFromPlainBlocks(text)!, 'a')).span).toEqual({ start: 3, end: 10_000_003 });
  });
});

describe('the plain block scanner leaves to the other readers', () => {
  it.each([
    ['a tab in indentation', 'a:\n\tb: 1\n'],
    ['a tab in a value', 'a: b\tc\n'],
    ['an anchor', 'a: &x 1\n'],
    ['an alias', 'a: *x\n'],
    ['a tag', 'a: !!str 2024\n'],
    ['a literal block scalar', 'a: |\n  text\n'],
    ['a folded block scalar', 'a: >\n  text\n'],
    ['a plain scalar over two lines', 'a: one\n  two\n'],
    ['a quoted scalar over two lines', 'a: "one\n  two"\n'],
    ['a flow collection over two lines', 'a: [1,\n  2]\n'],
    ['a complex key', '? a\n: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a duplicate key in a flow mapping', 'a: {b: 1, b: 2}\n'],
    ['a __proto__ key', '__proto__: 1\n'],
    ['a __proto__ key in a flow mapping', 'a: {__proto__: 1}\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['content after ---', '--- a: 1\n'],
    ['a --- with nothing after it (yaml makes that an empty scalar, not an empty document)', '# c\n---\n'],
    ['a number as a key', '2024: x\n'],
    ['a boolean as a key', 'true: x\n'],
    ['a null key', '~: x\n'],
    ['an empty key', ': x\n'],
    ['a mapping value on the same line as another key', 'a: b: c\n'],
    ['a list on the same line as its key', 'a: - x\n'],
    ['a nested list on one line', '- - a\n'],
    ['an empty list item', '- \n- a\n'],
    ['a plain scalar as the whole document', 'just text\n'],
    ['a flow collection as the whole document', '{a: 1}\n'],
    ['a flow collection as a key', '[a, b]: c\n'],
    ['a JSON-style key without a blank', '"a":b\n'],
    ['a flow mapping entry without a value', 'a: {b}\n'],
    ['a flow mapping entry with an empty value', 'a: {b: , c: 1}\n'],
    ['a pair inside a flow list', 'a: [b: c]\n'],
    ['a comment glued to a quoted scalar', "a: 'x'#c\n"],
    ['text after a quoted scalar', "a: 'x' y\n"],
    ['a comment inside a flow collection', 'a: [x, # c\n  y]\n'],
    ['an escape outside the simple ones', 'a: "\\e"\n'],
    ['a line break escaped in a double-quoted scalar', 'a: "x\\\n  y"\n'],
    ['a misaligned key', 'a:\n  b: 1\n c: 2\n'],
    ['a more indented line after a value', 'a: 1\n  b: 2\n'],
    ['a key at a list\'s indentation', 'a:\n  - x\n  b: 1\n'],
    ['a control character', 'a: b\u0007\n'],
    ['a CR without LF', 'a: 1\rb: 2\n'],
    ['a lone surrogate', 'a: \ud83d\n'],
    ['a line separator', 'a: x\u2028y\n'],
    ['a next-line character', 'a: x\u0085y\n'],
    ['a byte order mark after the start', 'a: 1\n\ufeffb: 2\n'],
    ['a value that starts with an indicator', 'a: @x\n'],
    ['a value that starts with a reserved backquote', 'a: `x`\n'],
    ['a value that starts with a colon', 'a: :x\n'],
    ['a key longer than YAML allows', `${'k'.repeat(1500)}: 1\n`],
  ])('%s', (_name, text) => {
    expect(treeFromPlainBlocks(text)).toBeUndefined();
  });

  it('thousands of levels of indentation, without recursing', () => {
    let text = '';
    for (let depth = 0; depth < 3000; depth++) text += `${' '.repeat(depth)}k:\n`;
    expect(treeFromPlainBlocks(text)).toBeUndefined();
  });

  it('100,000 dashes on one line', () => {
    expect(treeFromPlainBlocks(`${'- '.repeat(100_000)}a\n`)).toBeUndefined();
  });

  it('100,000 nested flow lists, without recursing that deep', () => {
    expect(treeFromPlainBlocks(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)).toBeUndefined();
  });

  it('but 60 levels of block nesting are read', () => {
    let text = '';
    for (let depth = 0; depth < 60; depth++) text += `${' '.repeat(depth)}k:\n`;
    scanned(text);
  });
});

describe('readClean', () => {
  it('reads what the scanner leaves through js-yaml, to the same data', () => {
    const folded = 'a: one\n  two\nb: 2\n';
    expect(treeFromPlainBlocks(folded)).toBeUndefined();
    const clean = readClean(folded, () => true);
    expect(clean?.data).toEqual({ a: 'one two', b: 2 });
    expect(clean?.tree).toEqual(yamlTree(folded));
  });

  it('takes the scanner\'s empty document as a document, not as a bail', () => {
    expect(readClean('# nothing\n', () => true)).toEqual({ tree: null, data: null });
  });
});
