import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RULE_IDS } from '../../server/engine/src/model';

const SCHEMA_DIR = join(__dirname, '../../server/engine/schemas');
const SCHEMA_FILES = ['claimlint.schema.json', 'claims.schema.json', 'sources.schema.json'];

type Schema = Record<string, unknown>;

function load(name: string): Schema {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as Schema;
}

/** Ajv in strict mode, knowing only the one extra keyword the schemas use for VS Code. */
function strictAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'markdownDescription', schemaType: 'string' });
  return ajv;
}

/** Every schema reachable in a schema document, with a path for messages. */
function* subschemas(schema: unknown, path = '#'): Generator<[string, Schema]> {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  const node = schema as Schema;
  yield [path, node];
  for (const key of ['properties', 'definitions']) {
    const children = node[key] as Record<string, unknown> | undefined;
    for (const [name, child] of Object.entries(children ?? {})) yield* subschemas(child, `${path}/${key}/${name}`);
  }
  for (const key of ['items', 'additionalProperties', 'if', 'then', 'else']) {
    if (typeof node[key] === 'object') yield* subschemas(node[key], `${path}/${key}`);
  }
}

function resolveRef(root: Schema, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Schema)[key], root);
  return target as Schema;
}

describe.each(SCHEMA_FILES)('schema file %s', (name) => {
  const schema = load(name);

  it('declares draft-07', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('compiles in ajv strict mode and is a valid draft-07 schema', () => {
    const ajv = strictAjv();
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('describes every property', () => {
    const missing: string[] = [];
    for (const [path, node] of subschemas(schema)) {
      const properties = (node.properties ?? {}) as Record<string, Schema>;
      for (const [property, child] of Object.entries(properties)) {
        const described = typeof child.description === 'string' || typeof resolveRef(schema, child).description === 'string';
        if (!described) missing.push(`${path}/properties/${property}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('closes every object whose keys it lists', () => {
    const open: string[] = [];
    for (const [path, node] of subschemas(schema)) {
      if (node.properties !== undefined && node.additionalProperties !== false) open.push(path);
    }
    expect(open).toEqual([]);
  });
});

describe('the schemas against the spec', () => {
  const ajv = strictAjv();

  it('accepts the claimlint.yaml example of the spec and lists exactly the rule ids', () => {
    const schema = load('claimlint.schema.json');
    const validate = ajv.compile(schema);
    const example = parse(`
include: ["**/*.md", "**/*.claims.yaml", "**/*.claims.yml"]
exclude: ["node_modules/**", ".git/**"]
sources: ["sources.yaml"]
approximation: 0.10
tolerance: 0
assume: { ton: tonne, $: USD }
units: { aircraft: count }
subjects:
  ru: { aliases: ["俄"] }
  f-35: { aliases: ["F-35", "F-35 fighter"] }
metrics:
  re-reserves:
    unit: t
    aliases: ["rare earth reserves", "rare-earth reserves", "reserves", "稀土储量", "储量"]
    tolerance: 0.01
rules:
  ambiguous-unit: warning
`);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    const rules = (schema.properties as Record<string, Schema>).rules!;
    expect(Object.keys(rules.properties as object).sort()).toEqual([...RULE_IDS].sort());
  });

  it('accepts the claim file example of the spec and rejects a bad month', () => {
    const validate = ajv.compile(load('claims.schema.json'));
    const example = parse(`
claims:
  - id: ru-reserves-2024
    subject: russia
    metric: re-reserves
    value: 3.8 Mt
    as_of: 2024
    sources: [usgs-mcs-2025]
    text: Russia holds about 3.8 million tonnes of rare-earth reserves.
  - value: {amount: 3.8, unit: Mt}
    as_of: 2024-05-17
    sources: [{id: usgs-mcs-2025, locator: p. 4, quote: "3.8 million t"}]
`);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(parse('claims:\n  - value: 3.8 Mt\n    as_of: 2024-13\n'))).toBe(false);
    expect(validate(parse('claims:\n  - subject: ru\n'))).toBe(false);
  });

  it('accepts the sources.yaml example of the spec and rejects an unknown key', () => {
    const validate = ajv.compile(load('sources.schema.json'));
    const example = parse(`
sources:
  - id: usgs-mcs-2025
    title: Mineral Commodity Summaries 2025, Rare Earths
    publisher: U.S. Geological Survey
    url: https://example.org/mcs2025-rare-earths.pdf
    published: 2025-01-31
    archive: archive/usgs-mcs-2025.txt
`);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(parse('sources:\n  - id: a\n    titel: A\n'))).toBe(false);
  });
});
