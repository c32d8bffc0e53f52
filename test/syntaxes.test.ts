// The Markdown injection grammar is data VS Code loads without telling anyone when a pattern is
// wrong, so these tests read it the way a TextMate engine would: every regex must compile, the rules
// must match the lines writers type (and leave e-mail addresses and plain comments alone), and no
// pattern may backtrack badly on a hostile 100,000-character line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Capture {
  name?: string;
  patterns?: { include: string }[];
}
interface Rule {
  match?: string;
  name?: string;
  captures?: Record<string, Capture>;
  include?: string;
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const root = join(__dirname, '..');
const grammarPath = 'syntaxes/claimlint-markdown.injection.tmLanguage.json';
const grammar = JSON.parse(readFileSync(join(root, grammarPath), 'utf8')) as Grammar;

function ruleNamed(name: string): Rule {
  const rule = grammar.repository[name];
  if (!rule?.match) throw new Error(`no match rule named ${name}`);
  return rule;
}

function regexOf(name: string, flags = 'g'): RegExp {
  return new RegExp(ruleNamed(name).match as string, flags);
}

/** What a TextMate engine does with one match rule on one line: every match, with its groups. */
function matchesOf(name: string, line: string): RegExpExecArray[] {
  return [...line.matchAll(regexOf(name))];
}

/** The texts a capture's sub-rule (e.g. citation-key inside a citation's brackets) picks out. */
function subMatches(ruleName: string, captureIndex: number, line: string): string[][] {
  const capture = ruleNamed(ruleName).captures?.[String(captureIndex)];
  const include = capture?.patterns?.[0]?.include;
  if (!include) throw new Error(`${ruleName} capture ${captureIndex} has no sub-patterns`);
  return matchesOf(ruleName, line).map((match) => matchesOf(include.slice(1), match[captureIndex] ?? '').map((sub) => sub[0]));
}

describe('the claimlint Markdown injection grammar', () => {
  it('is the grammar package.json contributes, injected into Markdown prose but not code, links or comments', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] };
    };
    const contributed = manifest.contributes.grammars.find((entry) => entry.path === `./${grammarPath}`);
    expect(contributed).toEqual({ scopeName: grammar.scopeName, path: `./${grammarPath}`, injectTo: ['text.html.markdown'] });
    expect(grammar.injectionSelector).toMatch(/^L:text\.html\.markdown /);
    for (const excluded of ['-markup.fenced_code', '-markup.inline.raw', '-markup.raw', '-comment', '-markup.underline.link']) {
      expect(grammar.injectionSelector.split(' ')).toContain(excluded);
    }
  });

  it('compiles every regex and resolves every include', () => {
    const includes: string[] = grammar.patterns.map((rule) => rule.include ?? '');
    for (const [name, rule] of Object.entries(grammar.repository)) {
      expect(() => new RegExp(rule.match ?? ''), name).not.toThrow();
      for (const capture of Object.values(rule.captures ?? {})) includes.push(...(capture.patterns ?? []).map((p) => p.include));
    }
    expect(includes.length).toBeGreaterThan(4);
    for (const include of includes) expect(Object.keys(grammar.repository)).toContain(include.replace(/^#/, ''));
  });

  it('matches a bracketed Pandoc citation and picks out every key, with or without the author', () => {
    const [single] = matchesOf('bracketed-citation', 'Reserves are 3.8 Mt [@usgs-mcs-2025].');
    expect(single?.[0]).toBe('[@usgs-mcs-2025]');
    expect(subMatches('bracketed-citation', 2, 'as shown [@usgs-mcs-2025].')).toEqual([['@usgs-mcs-2025']]);
    expect(subMatches('bracketed-citation', 2, 'see [@a; -@b, p. 4; also @c:2024.x]')).toEqual([['@a', '-@b', '@c:2024.x']]);
  });

  it('matches an in-text citation but not an e-mail address, a link target or a link text', () => {
    expect(matchesOf('bare-citation', '@smith04 says 44 Mt.').map((m) => m[2])).toEqual(['smith04']);
    expect(matchesOf('bare-citation', 'write to desk@example.org or see https://x.org/@desk')).toEqual([]);
    expect(matchesOf('bracketed-citation', '[annual report](https://example.org/@lynas) and [a@b.com]')).toEqual([]);
    expect(matchesOf('bracketed-citation', '[@usgs](https://example.org/) is a link')).toEqual([]);
  });

  it('matches a claim span: the figure, and each attribute with its value', () => {
    const [span] = matchesOf('claim-span', 'Its reserves are [3.8 Mt]{subject=ru} now.');
    expect(span?.[0]).toBe('[3.8 Mt]{subject=ru}');
    expect(span?.[2]).toBe('3.8 Mt');
    const attributes = matchesOf('claim-span', '[1000万吨]{subject=ru metric="re-reserves" as_of=2024}').flatMap((m) =>
      matchesOf('span-attribute', m[5] ?? '').map((a) => [a[1], a[3]]),
    );
    expect(attributes).toEqual([
      ['subject', 'ru'],
      ['metric', '"re-reserves"'],
      ['as_of', '2024'],
    ]);
  });

  it('leaves a Pandoc span without key attributes alone', () => {
    expect(matchesOf('claim-span', '[small caps]{.smallcaps} and [x]{data-subject=ru}')).toEqual([]);
  });

  it('matches claimlint suppression comments and picks out their rule ids', () => {
    const line = '<!-- claimlint-disable-next-line missing-source -->';
    const [comment] = matchesOf('suppression-comment', line);
    expect(comment?.[0]).toBe(line);
    expect(comment?.[2]).toBe('claimlint-disable-next-line');
    expect(subMatches('suppression-comment', 3, '<!-- claimlint-disable missing-source ambiguous-unit -->')).toEqual([
      ['missing-source', 'ambiguous-unit'],
    ]);
    expect(matchesOf('suppression-comment', '<!-- claimlint-enable scale-slip -->')[0]?.[2]).toBe('claimlint-enable');
  });

  it('leaves ordinary HTML comments and unclosed claimlint comments alone', () => {
    expect(matchesOf('suppression-comment', '<!-- TODO: check the 44 Mt -->')).toEqual([]);
    expect(matchesOf('suppression-comment', '<!-- claimlint-disabled missing-source -->')).toEqual([]);
    expect(matchesOf('suppression-comment', '<!-- claimlint-disable missing-source')).toEqual([]);
  });

  it('takes linear time on hostile 100,000-character lines', () => {
    const hostile = [
      '[' + '@a '.repeat(33_000),
      '[x]{' + 'subject=a '.repeat(10_000),
      '<!-- claimlint-disable ' + ' '.repeat(100_000),
      '<!-- claimlint-disable ' + '- '.repeat(50_000),
      '@a.'.repeat(33_000) + '!',
      '[a'.repeat(50_000),
      'x' + '-@a:'.repeat(25_000) + ':',
      '['.repeat(100_000),
    ];
    for (const name of Object.keys(grammar.repository)) {
      for (const line of hostile) {
        const started = performance.now();
        matchesOf(name, line);
        // A quadratic pattern needs seconds here; a linear one a few milliseconds.
        expect(performance.now() - started, `${name} on ${line.slice(0, 24)}…`).toBeLessThan(250);
      }
    }
  });
});
