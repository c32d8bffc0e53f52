// Claim file records → claims: the value read as a quantity, subject and metric resolved through the
// vocabulary (ids or aliases), sources as citations.
import type { Citation, Claim, Finding, QuantityOptions } from '../model';
import { quantityFromAmount, readQuantity } from '../quantity';
import { invalidClaimFinding } from '../rules/invalid-claim';
import { newClaim, newKeyPart } from './new-claim';
import { sharedString, sharedYear } from '../text/shared-strings';
import { unknownUnitFinding } from '../rules/unknown-unit';
import type { Vocabulary } from '../vocabulary';
import type { RawClaim } from '../yaml/claims-file';
import { unknownEntryMessage } from './extract-markdown-claims';

export interface ExtractedYaml {
  claims: Claim[];
  citations: Citation[];
  findings: Finding[];
}

/** A value with no digit or Chinese numeral at all is not a quantity with an odd unit: it is no quantity. */
const HAS_NUMBER = /[0-9０-９零〇一二三四五六七八九十百千万亿两]/;

export function extractYamlClaims(file: string, raws: RawClaim[], vocabulary: Vocabulary, options: QuantityOptions): ExtractedYaml {
  const claims: Claim[] = [];
  const citations: Citation[] = [];
  const findings: Finding[] = [];
  for (const raw of raws) {
    const claimCitations: Citation[] = raw.sources.map((source) => ({
      kind: 'yaml' as const,
      id: sharedString(source.id),
      span: source.span,
      idSpan: source.idSpan,
      ...(source.locator !== undefined ? { locator: source.locator } : {}),
    }));
    const claim = newClaim(file, 'yaml', raw.value?.span ?? raw.span, claimCitations, false, raw.line);
    if (raw.id) {
      claim.id = raw.id.value;
      claim.idSpan = raw.id.span;
    }
    if (raw.text) claim.context = raw.text.value;
    for (const citation of claimCitations) citations.push(citation);

    if (raw.value) {
      const value = raw.value.value;
      const result = typeof value === 'string' ? readQuantity(value, options) : quantityFromAmount(value.amount, value.unit, options);
      const written = typeof value === 'string' ? value : `${value.amount} ${value.unit}`;
      if ('error' in result) {
        if (HAS_NUMBER.test(written)) findings.push(unknownUnitFinding(file, raw.value.span, written, result.error));
        else findings.push(invalidClaimFinding(file, raw.value.span, `value "${written}" is not a quantity (a number with a unit, such as "3.8 Mt")`));
      } else if (result.dimension === 'number' && result.written.scale === 1) {
        findings.push(unknownUnitFinding(file, raw.value.span, written, 'it has no unit (write e.g. "3.8 Mt", "92%", "8.5 billion USD")'));
      } else {
        claim.quantity = result;
      }
    }
    for (const kind of ['subject', 'metric'] as const) {
      const field = raw[kind];
      if (!field) continue;
      const entry = vocabulary.resolve(kind, field.value);
      if (!entry) {
        findings.push(invalidClaimFinding(file, field.span, unknownEntryMessage(kind, field.value, vocabulary)));
        continue;
      }
      const part = newKeyPart(entry.id, 'yaml-field', field.value === entry.id ? entry.id : field.value, field.span.start, field.span.end);
      claim[kind] = part;
    }
    if (raw.asOf) {
      const asOf = sharedYear(raw.asOf.value);
      claim.asOf = newKeyPart(asOf, 'yaml-field', asOf, raw.asOf.span.start, raw.asOf.span.end);
    }
    claims.push(claim);
  }
  return { claims, citations, findings };
}
