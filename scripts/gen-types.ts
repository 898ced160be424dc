/**
 * Generates, from the manifest JSON Schemas, the two files nobody writes by hand:
 * - core/manifest/manifest.types.ts: the TypeScript view of a manifest;
 * - core/manifest/manifest.validators.ts: AJV's validation code for manifest.schema.json and
 *   system-types.schema.json (ajv/dist/standalone), so a start loads a module instead of
 *   compiling the schema (compiling was ≈13 % of the server's start-up CPU).
 * `--check` exits 1 when a checked-in file is stale (the test suite compares both too).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';

const schemaPath = fileURLToPath(new URL('../core/manifest/manifest.schema.json', import.meta.url));
const systemTypesSchemaPath = fileURLToPath(new URL('../core/manifest/system-types.schema.json', import.meta.url));
const typesPath = fileURLToPath(new URL('../core/manifest/manifest.types.ts', import.meta.url));
const validatorsPath = fileURLToPath(new URL('../core/manifest/manifest.validators.ts', import.meta.url));

export async function renderManifestTypes(): Promise<string> {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as JSONSchema;
  return compile(schema, 'ModuleManifest', {
    bannerComment: '/* Generated from manifest.schema.json by `npm run gen:types`. Do not edit. */',
    additionalProperties: false,
    unknownAny: true,
    style: { singleQuote: true },
  });
}

export async function renderManifestValidators(): Promise<string> {
  // The options the server compiled the schemas with at start until December (verbose: errors carry the
  // offending value, so messages can name it), plus source output: the generated code is what
  // ajv.compile built in memory, so errors, messages and instancePaths are the same. Unlike at start,
  // the schemas are also checked against JSON Schema's meta-schema here, and strict mode refuses
  // unknown keywords.
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true, code: { source: true, esm: true, lines: true } });
  ajv.addKeyword('tsType');
  addFormats.default(ajv);
  const manifest = JSON.parse(await readFile(schemaPath, 'utf8')) as { $id: string };
  const systemTypes = JSON.parse(await readFile(systemTypesSchemaPath, 'utf8')) as { $id: string };
  // Both in one instance and one module: system-types.schema.json refers to the manifest's SystemType.
  ajv.addSchema(manifest);
  ajv.addSchema(systemTypes);
  const code = standaloneCode.default(ajv, { validateManifest: manifest.$id, validateSystemTypes: systemTypes.$id });
  return [
    '/* Generated from manifest.schema.json and system-types.schema.json by `npm run gen:types` (ajv/dist/standalone). Do not edit. */',
    '// @ts-nocheck: AJV emits plain JavaScript; core/manifest/read.ts gives the two exports their types.',
    '/* eslint-disable */',
    // AJV's standalone ESM output still requires its small runtime helpers (equal, ucs2length).
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    code.replace(/^"use strict";\n?/, ''),
    '',
  ].join('\n');
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const outputs: [string, string][] = [
    [typesPath, await renderManifestTypes()],
    [validatorsPath, await renderManifestValidators()],
  ];
  if (process.argv.includes('--check')) {
    let stale = false;
    for (const [path, rendered] of outputs) {
      const current = await readFile(path, 'utf8').catch(() => '');
      if (current !== rendered) {
        console.error(`${path} is stale: run \`npm run gen:types\`.`);
        stale = true;
      }
    }
    if (stale) process.exit(1);
  } else {
    for (const [path, rendered] of outputs) {
      await writeFile(path, rendered);
      console.log(`wrote ${path}`);
    }
  }
}
