// Every claim is made here, with every field present from the start and always in the same order.
// A workspace holds 100,000 claims or more: one hidden class for all of them keeps the rules'
// property reads monomorphic, and no field added later spills into a separate property store
// (about 8 MB at 100k claims, docs/benchmarks.md).
import type { Claim, Citation, KeyPart, KeyPartOrigin, Span } from '../model';

export function newClaim(file: string, origin: Claim['origin'], span: Span, citations: Citation[], inHeading: boolean, line: number): Claim {
  return {
    file,
    origin,
    span,
    id: undefined,
    idSpan: undefined,
    quantity: undefined,
    subject: undefined,
    metric: undefined,
    asOf: undefined,
    citations,
    inHeading,
    context: undefined,
    line,
  };
}

/** Every key part is made here, for the same reason: one hidden class, fields in one order. */
export function newKeyPart(id: string, how: KeyPartOrigin, evidence: string, evidenceStart: number, evidenceEnd: number): KeyPart {
  return { id, how, evidence, evidenceStart, evidenceEnd };
}
