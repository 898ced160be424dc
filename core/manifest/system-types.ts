/**
 * System types (the kinds of organization: institute, library, …) are data.
 * A type is declared with its label in `module-manifests/system-types.json`
 * or inline in a manifest's `systemTypes` (`{ "name": "makerspace", "label":
 * "Makerspace" }`); a plain name in a manifest must be declared by one of them.
 */
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import type { ManifestProblem } from '../errors.js';
import type { ModuleManifest, SystemType } from './manifest.types.js';
import type { ResolvedSystemType } from './model.js';

/** The file name that holds the declared system types, beside the manifests. */
export const SYSTEM_TYPES_FILE = 'system-types.json';
export const SYSTEM_TYPES_SCHEMA_PATH = fileURLToPath(new URL('system-types.schema.json', import.meta.url));
/** The shipped list, used when the manifest folder (or the file list) has no system-types.json of its own. */
export const DEFAULT_SYSTEM_TYPES_PATH = fileURLToPath(new URL(`../../module-manifests/${SYSTEM_TYPES_FILE}`, import.meta.url));

export interface SystemTypesFile {
  $schema?: string;
  systemTypes: SystemType[];
}

export interface Declaration extends SystemType {
  file: string;
  pointer: string;
}

/** The declarations of a validated system-types.json, each with where it is. */
export const declarationsOf = (json: SystemTypesFile, file: string): Declaration[] => json.systemTypes.map((t, i) => ({ ...t, file, pointer: `/systemTypes/${i}` }));

/** The names a manifest lists, whether plain or declared inline. */
export const systemTypeNames = (manifest: ModuleManifest): string[] => (manifest.systemTypes ?? []).map((t) => (typeof t === 'string' ? t : t.name));

/**
 * Every declared system type with its label and the modules that list it, in declaration order
 * (the file first, then inline declarations in module order). Reports duplicates, conflicting
 * labels and plain names nobody declares.
 */
export function resolveSystemTypes(
  declared: Declaration[],
  modules: { id: string; file: string; manifest: ModuleManifest }[],
  systemTypesFile: string,
  problems: ManifestProblem[],
): Map<string, ResolvedSystemType> {
  const out = new Map<string, ResolvedSystemType & { file: string; pointer: string }>();
  const declare = (d: Declaration): void => {
    const existing = out.get(d.name);
    if (!existing) {
      out.set(d.name, { name: d.name, label: d.label, description: d.description, modules: [], source: `${d.file}#${d.pointer}`, file: d.file, pointer: d.pointer });
    } else if (existing.file === d.file && existing.file === systemTypesFile) {
      problems.push({ file: d.file, pointer: `${d.pointer}/name`, message: `duplicate system type "${d.name}" (also at ${existing.pointer})` });
    } else if (existing.label !== d.label) {
      problems.push({ file: d.file, pointer: `${d.pointer}/label`, message: `system type "${d.name}" is labelled "${d.label}" here but "${existing.label}" in ${existing.source}` });
    }
  };
  declared.forEach(declare);
  for (const m of modules) {
    (m.manifest.systemTypes ?? []).forEach((t, i) => {
      if (typeof t !== 'string') declare({ ...t, file: m.file, pointer: `/systemTypes/${i}` });
    });
  }
  for (const m of modules) {
    const seen = new Set<string>();
    (m.manifest.systemTypes ?? []).forEach((t, i) => {
      const name = typeof t === 'string' ? t : t.name;
      const type = out.get(name);
      if (seen.has(name)) problems.push({ file: m.file, pointer: `/systemTypes/${i}`, message: `system type "${name}" is listed twice` });
      else if (!type) {
        problems.push({
          file: m.file,
          pointer: `/systemTypes/${i}`,
          message: `unknown system type "${name}" (declare it in ${systemTypesFile}, or here with a label: { "name": "${name}", "label": "…" })`,
        });
      } else type.modules.push(m.id);
      seen.add(name);
    });
  }
  return new Map([...out].map(([name, { file: _file, pointer: _pointer, ...type }]) => [name, type]));
}

/**
 * A manifest's `systemTypes` entry is a name or a declaration (`anyOf`): AJV reports both branches'
 * errors. Keep the branch that matches the entry's kind, so `{ "name": "x" }` says only that its
 * label is missing (used for system-types.json too, for the same label message).
 */
export function oneSystemTypeBranch(errors: ErrorObject[], json: unknown): ErrorObject[] {
  const entries = (json as { systemTypes?: unknown } | null)?.systemTypes;
  if (!Array.isArray(entries)) return errors;
  return errors.flatMap((e) => {
    const match = /^\/systemTypes\/(\d+)$/.exec(e.instancePath);
    if (!match) return [e];
    const entry: unknown = entries[Number(match[1])];
    const kind = typeof entry === 'string' ? 'string' : entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? 'object' : undefined;
    if (e.keyword === 'anyOf') return kind ? [] : [{ ...e, message: 'must be a system type name or { "name": …, "label": … }' }];
    // The other branch's "must be string/object".
    if (e.keyword === 'type') return [];
    if (e.keyword === 'required' && e.params.missingProperty === 'label') {
      const name = (entry as { name?: unknown }).name;
      return [{ ...e, message: `system type ${typeof name === 'string' ? `"${name}" ` : ''}has no label (add "label": "…")` }];
    }
    return [e];
  });
}
