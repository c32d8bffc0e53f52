// Every rule, in one explicit list: adding a rule means adding a file and a line here.
import { ambiguousUnit } from './ambiguous-unit';
import { contradiction } from './contradiction';
import { duplicateId } from './duplicate-id';
import { invalidClaim } from './invalid-claim';
import { missingSource } from './missing-source';
import type { Rule } from './rule';
import { scaleSlip } from './scale-slip';
import { sourceMismatch } from './source-mismatch';
import { unitMismatch } from './unit-mismatch';
import { unknownSource } from './unknown-source';
import { unknownUnit } from './unknown-unit';

export const RULES: readonly Rule[] = [
  missingSource,
  unknownSource,
  contradiction,
  scaleSlip,
  unitMismatch,
  ambiguousUnit,
  unknownUnit,
  invalidClaim,
  duplicateId,
  sourceMismatch,
];

export type { Rule, RuleContext, LocatedCitation, IdGroup, IdHolder } from './rule';
