// "tons" (tonne, short ton or long ton?) and "$" alone (which dollar?): the reader guesses tonne and
// USD so comparisons still run, and this rule asks the writer to say which.
import type { Finding } from '../model';
import type { Rule } from './rule';

const EXPLANATIONS: Record<'ton' | '$', string> = {
  ton: '"ton" may be a metric tonne (1,000 kg), a short ton (907 kg) or a long ton (1,016 kg); write t or tonnes, or set `assume: {ton: tonne}` in claimlint.yaml',
  $: '"$" alone may be US, Australian, Canadian or another dollar; write US$ or USD, or set `assume: {$: USD}` in claimlint.yaml',
};

export const ambiguousUnit: Rule = {
  id: 'ambiguous-unit',
  defaultSeverity: 'warning',
  description: 'A unit that has several meanings ("tons", "$" alone) and that `assume` does not fix.',
  checkClaim(claim): Finding[] {
    const ambiguous = claim.quantity?.ambiguousUnit;
    if (!ambiguous) return [];
    return [{ rule: 'ambiguous-unit', file: claim.file, span: claim.span, message: `Ambiguous unit in "${claim.quantity!.written.text}": ${EXPLANATIONS[ambiguous]}`, related: [] }];
  },
};
