// How claims are named in messages and hovers, in one place so the CLI and the language server say
// exactly the same thing: "Russia rare-earth reserves: 10 Mt here (sohu-2025) vs 3.8 Mt in
// reports/usgs.md:12 (usgs-mcs-2025)".
import type { Citation, Claim, Quantity } from '../model';
import { formatValue } from '../quantity';
import type { Vocabulary } from '../vocabulary';

export interface ClaimDescriber {
  /** "Russia rare-earth reserves" */
  label(claim: Claim): string;
  /** "3.8 Mt", "about 44 Mt", "over 90%", "1–2 Mt" */
  value(quantity: Quantity): string;
  /** "usgs-mcs-2025, sohu-2025" or "no source" */
  sources(claim: Claim): string;
  /** "reports/usgs.md:12" */
  where(file: string, offset: number): string;
  /** A workspace-relative path with '/' */
  relativePath(file: string): string;
}

const QUALIFIER_WORDS: Record<string, string> = {
  approx: 'about',
  over: 'over',
  'at-least': 'at least',
  under: 'under',
  'at-most': 'at most',
  nearly: 'nearly',
};

export function createClaimDescriber(
  vocabulary: Vocabulary,
  root: string,
  lineOf: (file: string, offset: number) => number,
): ClaimDescriber {
  const relativePath = (file: string): string => relativeTo(root, file);
  return {
    label(claim) {
      const subject = claim.subject ? (vocabulary.get('subject', claim.subject.id)?.name ?? claim.subject.id) : undefined;
      const metric = claim.metric ? (vocabulary.get('metric', claim.metric.id)?.name ?? claim.metric.id) : undefined;
      return [subject, metric].filter(Boolean).join(' ') || 'this figure';
    },
    value(quantity) {
      return describeValue(quantity);
    },
    sources(claim) {
      return describeCitations(claim.citations);
    },
    where(file, offset) {
      return `${relativePath(file)}:${lineOf(file, offset) + 1}`;
    },
    relativePath,
  };
}

export function describeValue(quantity: Quantity): string {
  const unit = quantity.canonicalUnit;
  const { written } = quantity;
  if (written.amountHi !== undefined && quantity.qualifier === undefined) {
    // A range: both ends, converted with the same factor as the midpoint.
    const perWritten = quantity.value / ((written.amount + written.amountHi) / 2 || 1);
    return `${formatValue(written.amount * perWritten, unit)}–${formatValue(written.amountHi * perWritten, unit)}`;
  }
  const base = formatValue(quantity.value, unit);
  const word = quantity.qualifier ? QUALIFIER_WORDS[quantity.qualifier] : undefined;
  const text = word ? `${word} ${base}` : base;
  return quantity.perYear ? `${text} a year` : text;
}

/** Sources named in a message; a sentence citing hundreds of sources must not make messages of hundreds. */
const LISTED_SOURCES = 3;

/** Every figure of a sentence shares its citation list: name each list once. */
const describedCitations = new WeakMap<readonly Citation[], string>();

export function describeCitations(citations: readonly Citation[]): string {
  let described = describedCitations.get(citations);
  if (described === undefined) {
    const names = new Set<string>();
    for (const citation of citations) {
      const name = citationName(citation);
      if (name) names.add(name);
    }
    const listed = [...names].slice(0, LISTED_SOURCES).join(', ');
    const more = names.size - LISTED_SOURCES;
    described = names.size === 0 ? 'no source' : more > 0 ? `${listed} and ${more} more` : listed;
    describedCitations.set(citations, described);
  }
  return described;
}

function citationName(citation: Citation): string | undefined {
  if (citation.id) return citation.id;
  if (citation.url) {
    const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(citation.url);
    return host ? host[1] : citation.url;
  }
  if (citation.kind === 'table-source') return 'table source';
  return undefined;
}

/** A path relative to a folder, both absolute with '/'. Outside the folder, the absolute path. */
export function relativeTo(root: string, file: string): string {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}
