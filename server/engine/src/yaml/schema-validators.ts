// The JSON Schemas of claimlint's YAML files, compiled once when the engine loads. The schemas are
// files (server/engine/schemas) because editors' YAML extensions use them too.
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import claimlintSchema from '../../schemas/claimlint.schema.json';
import claimsSchema from '../../schemas/claims.schema.json';
import sourcesSchema from '../../schemas/sources.schema.json';

/** Ajv as claimlint uses it; the tests compile the schema files with the same options. */
export function createAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true, // errors carry their schema and data, which the messages need
    strict: true,
    allowUnionTypes: true,
  });
  addFormats(ajv, ['uri', 'date']);
  // VS Code's YAML extension reads this; for validation it is only a description.
  ajv.addKeyword({ keyword: 'markdownDescription', schemaType: 'string' });
  return ajv;
}

const ajv = createAjv();

export const validateConfig: ValidateFunction = ajv.compile(claimlintSchema);
export const validateClaimsFile: ValidateFunction = ajv.compile(claimsSchema);
export const validateSourceRegistry: ValidateFunction = ajv.compile(sourcesSchema);
