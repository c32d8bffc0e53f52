// Front matter is read by the claim files' plain scanner when it can, by `yaml` otherwise: both
// paths must give the same as_of, bibliography, spans and errors for any front matter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../server/engine/src/markdown/front-matter';
import { treeFromPlainBlocks } from '../../server/engine/src/yaml/plain-block-scanner';

const both = (text: string) => ({ scanner: readFrontMatter(text), yaml: readFrontMatter(text, { scanner: false }) });

const scalar = fc.oneof(
  fc.constantFrom('2024', '2024-05', '2024-05-17', '"2024"', "'2023-01'", 'refs.bib', '"refs/main.bib"', "'a b.bib'", 'null', '~', 'true', '3.80', '', '0x1F', '2024 # a comment'),
  fc.stringMatching(/^[a-z0-9][a-z0-9 ./_-]{0,12}$/),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
  fc.array(scalar, { minLength: 1, maxLength: 3 }).map((items) => items.map((item) => `\n  - ${item}`).join('')),
  fc.constantFrom('\n  nested: 1', ' &anchor 2024', ' *anchor', ' |\n  block text', ' "unclosed', ' [a, b', ' {a: 1}'),
);
const key = fc.constantFrom('as_of', 'as-of', 'asOf', 'bibliography', 'title', 'author', '"as_of"', 'as_of ');
const frontMatter = fc.array(fc.tuple(key, value), { maxLength: 5 }).map((pairs) => `---\n${pairs.map(([k, v]) => `${k}:${v.startsWith('\n') ? '' : ' '}${v}`).join('\n')}\n---\n\nBody text.\n`);

describe('front matter: the plain scanner and yaml agree', () => {
  it('on generated front matter', () => {
    fc.assert(
      fc.property(frontMatter, (text) => {
        const { scanner, yaml } = both(text);
        expect(scanner).toEqual(yaml);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the scanner for plain front matter, and the same fields come out', () => {
    const text = '---\ntitle: Supply note\nas_of: 2024\nbibliography:\n  - refs.bib\n  - "more refs.bib"\n---\n\nBody.\n';
    const content = text.slice(4, text.indexOf('\n---\n') + 1);
    // The scanner reads this one (so the first test compares the two paths on it, not yaml with itself).
    expect(treeFromPlainBlocks(content)).toBeDefined();
    const { scanner, yaml } = both(text);
    expect(scanner).toEqual(yaml);
    expect(scanner?.asOf).toBe('2024');
    expect(scanner?.bibliography.map((entry) => text.slice(entry.span.start, entry.span.end))).toEqual(['refs.bib', 'more refs.bib']);
  });

  it('follows an alias to its anchor, as YAML means it (yaml reads it: the scanner declines aliases)', () => {
    const text = '---\ndate: &year 2023\nas_of: *year\n---\n\nBody.\n';
    expect(readFrontMatter(text)?.asOf).toBe('2023');
  });

  it('leaves what the scanner declines to yaml, errors and all', () => {
    const text = '---\nas_of: [2024\n---\n\nBody.\n';
    const { scanner, yaml } = both(text);
    expect(scanner?.error?.message).toMatch(/^Front matter is not valid YAML/);
    expect(scanner).toEqual(yaml);
  });
});
