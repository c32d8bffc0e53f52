// Markdown → claims: every figure in a sentence becomes a claim, its key inferred from the aliases
// and years around it (or fixed by a Pandoc span), its sources the sentence's citations.
import type { Citation, Claim, Finding, KeyPart, QuantityOptions, Span } from '../model';
import type { MarkdownDocument, MarkdownSentence, PandocSpan } from '../markdown';
import { findFigures, nextFigureStart, unitInfo } from '../quantity';
import { invalidClaimFinding } from '../rules/invalid-claim';
import { newClaim, newKeyPart } from './new-claim';
import { sharedYear } from '../text/shared-strings';
import { collapseWhitespace } from '../text/whitespace';
import type { AliasMatch, Vocabulary, VocabularyKind } from '../vocabulary';
import type { LineIndex } from '../text/line-index';

export interface ExtractedMarkdown {
  claims: Claim[];
  /** Each citation once, in document order (a table's Source line is shared by its cells). */
  citations: Citation[];
  findings: Finding[];
}

/** Years a writer dates a figure with: 1900–2099, standing alone (not part of 2025-08 or 2025.5). */
const YEAR = /(?<![\d.\-/])((?:19|20)\d\d)(?![\d.\-/:])/g;

export function extractMarkdownClaims(
  file: string,
  document: MarkdownDocument,
  vocabulary: Vocabulary,
  options: QuantityOptions,
  lines: LineIndex,
): ExtractedMarkdown {
  const claims: Claim[] = [];
  const findings: Finding[] = [];
  const citations: Citation[] = [];
  const seenCitations = new Set<number>();
  const frontAsOf = document.frontMatter?.asOf;
  const spanAttributes = resolveSpans(file, document.spans, vocabulary, findings);
  // Where the next character that can start a figure is, searched once over the prose rather than
  // sentence by sentence: a sentence with none holds no figure, and costs no copy or scan.
  let numberFrom = 0;
  let numberAt = -1;

  for (const sentence of document.sentences) {
    for (const citation of sentence.citations) {
      // A table's Source line is shared by every cell: list each citation once.
      const at = (citation.idSpan ?? citation.span).start;
      if (seenCitations.has(at)) continue;
      seenCitations.add(at);
      citations.push(citation);
    }
    if (numberAt < sentence.span.start || sentence.span.start < numberFrom) {
      numberFrom = sentence.span.start;
      numberAt = nextFigureStart(document.prose, numberFrom);
      if (numberAt < 0) numberAt = Infinity;
    }
    if (numberAt >= sentence.span.end) continue;
    const text = document.prose.slice(sentence.span.start, sentence.span.end);
    const figures = findFigures(text, options);
    if (figures.length === 0) continue;
    const { subjects, metrics } = vocabulary.findSubjectsAndMetrics(text);
    const years = findYears(text, figures.map((f) => f.span));
    const context = collapseWhitespace(text);
    const metricsByDimension = new Map<string, AliasMatch[]>();
    for (const figure of figures) {
      const span = { start: sentence.span.start + figure.span.start, end: sentence.span.start + figure.span.end };
      const attributes = spanAttributes.find((s) => s.span.start <= span.start && span.end <= s.span.end);
      const claim = newClaim(file, 'markdown', span, sentence.citations, sentence.inHeading, lines.positionAt(span.start).line);
      claim.quantity = figure.quantity;
      claim.context = context;
      const subject = attributes?.subject ?? nearestBefore(subjects, figure.span, sentence, 'subject');
      const metric =
        attributes?.metric ?? nearestCompatibleMetric(metrics, metricsByDimension, figure.span, sentence, vocabulary, figure.quantity.dimension, options);
      const asOf = attributes?.asOf ?? nearestYear(years, figure.span, sentence) ?? frontMatterDate(frontAsOf, document);
      if (subject) claim.subject = subject;
      if (metric) claim.metric = metric;
      if (asOf) claim.asOf = asOf;
      claims.push(claim);
    }
  }
  return { claims, citations, findings };
}

interface ResolvedSpan {
  span: Span;
  subject?: KeyPart;
  metric?: KeyPart;
  asOf?: KeyPart;
}

function resolveSpans(file: string, spans: PandocSpan[], vocabulary: Vocabulary, findings: Finding[]): ResolvedSpan[] {
  return spans.map((pandoc) => {
    const resolved: ResolvedSpan = { span: pandoc.span };
    const attribute = (id: string, name: string): KeyPart => newKeyPart(id, 'span-attribute', `${name}=${pandoc.attributes[name]}`, pandoc.attributesSpan.start, pandoc.attributesSpan.end);
    for (const kind of ['subject', 'metric'] as const) {
      const value = pandoc.attributes[kind];
      if (value === undefined) continue;
      const entry = vocabulary.resolve(kind, value);
      if (entry) resolved[kind] = attribute(entry.id, kind);
      else findings.push(invalidClaimFinding(file, pandoc.attributesSpan, unknownEntryMessage(kind, value, vocabulary)));
    }
    const asOf = pandoc.attributes['as_of'] ?? pandoc.attributes['as-of'];
    if (asOf !== undefined) {
      if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(asOf)) resolved.asOf = attribute(asOf, pandoc.attributes['as_of'] !== undefined ? 'as_of' : 'as-of');
      else findings.push(invalidClaimFinding(file, pandoc.attributesSpan, `as_of must be YYYY, YYYY-MM or YYYY-MM-DD (got "${asOf}")`));
    }
    return resolved;
  });
}

export function unknownEntryMessage(kind: VocabularyKind, value: string, vocabulary: Vocabulary): string {
  const suggestions = vocabulary.suggest(kind, value);
  const hint = suggestions.length > 0 ? ` (did you mean "${suggestions[0]}"?)` : '';
  return `Unknown ${kind} "${value}"${hint}; declare it under \`${kind}s:\` in claimlint.yaml`;
}

function aliasPart(match: AliasMatch, sentence: MarkdownSentence): KeyPart {
  return newKeyPart(match.id, 'alias', match.alias, sentence.span.start + match.start, sentence.span.start + match.end);
}

/** The nearest subject alias before the figure, else the nearest after it. */
/**
 * Index of the first of `items` (left to right, not overlapping each other) that ends after
 * `offset`: binary search, so a sentence of n figures and n aliases costs n log n, not n².
 */
function firstEndingAfter(items: readonly { end: number }[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (items[mid]!.end > offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** The nearest of `items` to a figure (the earlier one on a tie), or undefined. */
function nearest<T extends Span>(items: readonly T[], figure: Span): T | undefined {
  const next = firstEndingAfter(items, figure.start);
  const before = items[next - 1];
  const after = items[next];
  if (!before) return after;
  if (!after) return before;
  const afterDistance = after.start >= figure.end ? after.start - figure.end : 0;
  return figure.start - before.end <= afterDistance ? before : after;
}

function nearestBefore(matches: AliasMatch[], figure: Span, sentence: MarkdownSentence, _kind: VocabularyKind): KeyPart | undefined {
  const next = firstEndingAfter(matches, figure.start);
  let best: AliasMatch | undefined = matches[next - 1];
  if (!best) {
    for (let k = next; k < matches.length && !best; k++) if (matches[k]!.start >= figure.end) best = matches[k];
  }
  return best ? aliasPart(best, sentence) : undefined;
}

/** The nearest metric alias whose metric can be measured in the figure's dimension: "China's share
 *  of output was 70%" must not make 70% a production figure in tonnes. */
function nearestCompatibleMetric(
  matches: AliasMatch[],
  byDimension: Map<string, AliasMatch[]>,
  figure: Span,
  sentence: MarkdownSentence,
  vocabulary: Vocabulary,
  dimension: string,
  options: QuantityOptions,
): KeyPart | undefined {
  if (matches.length === 0) return undefined;
  let compatible = byDimension.get(dimension);
  if (!compatible) {
    // Once per sentence and dimension, not once per figure.
    compatible = matches.filter((match) => {
      const unit = vocabulary.get('metric', match.id)?.unit;
      return !unit || unitInfo(unit, options)?.dimension === dimension;
    });
    byDimension.set(dimension, compatible);
  }
  const best = nearest(compatible, figure);
  return best ? aliasPart(best, sentence) : undefined;
}

interface YearMatch {
  year: string;
  start: number;
  end: number;
}

function findYears(text: string, figureSpans: Span[]): YearMatch[] {
  const years: YearMatch[] = [];
  // exec rather than matchAll: matchAll copies the regular expression at every call.
  YEAR.lastIndex = 0;
  for (let match = YEAR.exec(text); match !== null; match = YEAR.exec(text)) {
    const start = match.index;
    const end = start + match[1]!.length;
    if (figureSpans.some((f) => start < f.end && f.start < end)) continue;
    years.push({ year: sharedYear(match[1]!), start, end });
  }
  return years;
}

function nearestYear(years: YearMatch[], figure: Span, sentence: MarkdownSentence): KeyPart | undefined {
  const best = nearest(years, figure);
  if (!best) return undefined;
  return newKeyPart(best.year, 'year-in-sentence', best.year, sentence.span.start + best.start, sentence.span.start + best.end);
}

function frontMatterDate(asOf: string | undefined, document: MarkdownDocument): KeyPart | undefined {
  if (!asOf) return undefined;
  return newKeyPart(asOf, 'front-matter', `as_of: ${asOf}`, document.frontMatter!.span.start, document.frontMatter!.span.end);
}
