// The SARIF 2.1.0 schema (a draft-04 JSON Schema, shipped by @microsoft/jest-sarif) as a validator,
// with format checks on, so a relative `informationUri` or `helpUri` fails as SARIF says it should.
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const schema = JSON.parse(readFileSync(resolve(__dirname, '../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// The schema's `language` pattern is not valid under the `u` flag that Ajv uses by default.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema errors of a SARIF log, as one string; '' when it is valid. */
export function sarifSchemaErrors(log: unknown): string {
  return validate(log) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
}
