// The JSON Schemas of claimlint's YAML files, as validation functions. The schemas are files
// (server/engine/schemas) because editors' YAML extensions use them too; scripts/compile-schemas.mjs
// compiles them ahead of time with Ajv's standalone code, so starting the engine loads no Ajv and
// compiles nothing (`npm run schemas` regenerates ./generated after a schema changes).
import type { ValidateFunction } from 'ajv';
import * as generated from './generated/schema-validators';

export const validateConfig: ValidateFunction = generated.validateConfig;
export const validateClaimsFile: ValidateFunction = generated.validateClaimsFile;
export const validateSourceRegistry: ValidateFunction = generated.validateSourceRegistry;
