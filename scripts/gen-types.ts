/**
 * Generates core/manifest/manifest.types.ts from the manifest JSON Schema, so the
 * TypeScript view of a manifest is never written by hand. `--check` exits 1 when
 * the checked-in file is stale (used by the test suite).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const schemaPath = fileURLToPath(new URL('../core/manifest/manifest.schema.json', import.meta.url));
const outPath = fileURLToPath(new URL('../core/manifest/manifest.types.ts', import.meta.url));

export async function renderManifestTypes(): Promise<string> {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as JSONSchema;
  return compile(schema, 'ModuleManifest', {
    bannerComment: '/* Generated from manifest.schema.json by `npm run gen:types`. Do not edit. */',
    additionalProperties: false,
    unknownAny: true,
    style: { singleQuote: true },
  });
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const rendered = await renderManifestTypes();
  if (process.argv.includes('--check')) {
    const current = await readFile(outPath, 'utf8').catch(() => '');
    if (current !== rendered) {
      console.error('core/manifest/manifest.types.ts is stale: run `npm run gen:types`.');
      process.exit(1);
    }
  } else {
    await writeFile(outPath, rendered);
    console.log(`wrote ${outPath}`);
  }
}
