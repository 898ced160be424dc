/**
 * Reading manifest files: JSON parsed and checked against the manifest JSON
 * Schema, each problem as file#/pointer: message. The validation code is AJV's,
 * generated from the schemas by `npm run gen:types` (manifest.validators.ts):
 * compiling the schema at every start cost ≈13 % of the server's start-up CPU.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ManifestProblem } from '../errors.js';
import type { ModuleManifest } from './manifest.types.js';
import * as generated from './manifest.validators.js';
import { oneSystemTypeBranch, type SystemTypesFile } from './system-types.js';

const here = fileURLToPath(new URL('.', import.meta.url));
export const MANIFEST_SCHEMA_PATH = join(here, 'manifest.schema.json');
export const CORE_MANIFEST_PATH = join(here, 'core-module.json');
export const DEFAULT_MANIFEST_DIR = fileURLToPath(new URL('../../module-manifests/', import.meta.url));

// The generated module is untyped JavaScript (@ts-nocheck); these are the functions ajv.compile<T> returned.
const validateSchema = generated.validateManifest as unknown as ValidateFunction<ModuleManifest>;
export const validateSystemTypes = generated.validateSystemTypes as unknown as ValidateFunction<SystemTypesFile>;

export interface SourceManifest {
  file: string;
  manifest: ModuleManifest;
}

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/** A JSON file checked against its schema; undefined (and problems) when it cannot be read or is invalid. */
export function readValidated<T>(path: string, validate: ValidateFunction<T>, problems: ManifestProblem[], simplify = (e: ErrorObject[], _json: unknown) => e): T | undefined {
  const file = displayPath(path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    problems.push({ file, pointer: '', message: `cannot read JSON: ${(err as Error).message}` });
    return undefined;
  }
  if (!validate(json)) {
    for (const e of simplify(validate.errors ?? [], json)) problems.push({ file, pointer: e.instancePath, message: describeAjvError(e) });
    return undefined;
  }
  return json;
}

export function readManifest(path: string, problems: ManifestProblem[]): SourceManifest | undefined {
  const file = displayPath(path);
  const json = readValidated(path, validateSchema, problems, oneSystemTypeBranch);
  if (!json) return undefined;
  const expected = basename(path, '.json');
  if (path !== CORE_MANIFEST_PATH && json.id !== expected) {
    problems.push({ file, pointer: '/id', message: `module id "${json.id}" must match the file name "${expected}.json"` });
  }
  return { file, manifest: json };
}

export function describeAjvError(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `unknown value ${JSON.stringify(e.data)} (allowed: ${(e.params.allowedValues as unknown[]).map(String).join(', ')})`;
  return e.message ?? e.keyword;
}
