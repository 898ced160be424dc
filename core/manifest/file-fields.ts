/**
 * File fields (`file`: one file, `files`: several): the manifest options
 * `maxSize` and `accept`, resolved once at load, and the checks that keep them
 * meaningful. The stored value is the id of a core_file row (core/data/files);
 * the bytes live in the file store.
 */
import type { ManifestProblem } from '../errors.js';
import type { Field } from './manifest.types.js';

export const FILE_TYPES = ['file', 'files'] as const;
export const isFileType = (type: string): boolean => (FILE_TYPES as readonly string[]).includes(type);

/** What a file field accepts, resolved from the manifest (defaults filled). */
export interface FileOptions {
  maxBytes: number;
  /** MIME types or `type/*` patterns; empty: any type. */
  accept: string[];
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** No single file is larger, whatever a manifest says (the store streams, but a quota and a disk are finite). */
export const LARGEST_FILE_BYTES = 5 * 1024 * 1024 * 1024;
/** How many files one `files` field holds. */
export const MAX_FILES_PER_FIELD = 20;

const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)\s*$/i;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,126})$/;

/** Bytes of a manifest size: an integer, or "10MB" / "512 KB" (powers of 1024); undefined when not one. */
export function parseSize(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  const m = SIZE.exec(value);
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * UNITS[m[2].toUpperCase()]);
  return bytes > 0 ? bytes : undefined;
}

/** Whether a detected MIME type is one the field accepts (`image/*` covers every image). */
export function accepts(options: FileOptions, mime: string): boolean {
  if (!options.accept.length) return true;
  return options.accept.some((a) => a === mime || (a.endsWith('/*') && mime.startsWith(a.slice(0, -1))));
}

/** The field's resolved file options, with problems for options that do not apply or do not parse. */
export function resolveFileOptions(f: Field, pointer: string, file: string, problems: ManifestProblem[]): FileOptions | undefined {
  const isFile = isFileType(f.type);
  if (!isFile) {
    if (f.maxSize !== undefined) problems.push({ file, pointer: `${pointer}/maxSize`, message: `"maxSize" only applies to file fields, not ${f.type}` });
    if (f.accept !== undefined) problems.push({ file, pointer: `${pointer}/accept`, message: `"accept" only applies to file fields, not ${f.type}` });
    return undefined;
  }
  let maxBytes = DEFAULT_MAX_FILE_BYTES;
  if (f.maxSize !== undefined) {
    const parsed = parseSize(f.maxSize);
    if (parsed === undefined) problems.push({ file, pointer: `${pointer}/maxSize`, message: `"${f.maxSize}" is not a size: write bytes (1048576) or a number with B, KB, MB or GB ("10MB")` });
    else if (parsed > LARGEST_FILE_BYTES) problems.push({ file, pointer: `${pointer}/maxSize`, message: `a file field holds at most 5GB per file` });
    else maxBytes = parsed;
  }
  const accept = (f.accept ?? []).map((a) => a.trim().toLowerCase());
  accept.forEach((a, i) => {
    if (!MIME.test(a) || a.startsWith('*')) problems.push({ file, pointer: `${pointer}/accept/${i}`, message: `"${f.accept![i]}" is not a MIME type (type/subtype, or type/* for a family)` });
  });
  for (const key of ['unique', 'default', 'min', 'max', 'minLength', 'maxLength', 'pattern', 'computed', 'sequence', 'rollup'] as const) {
    if (f[key] !== undefined && f[key] !== false) problems.push({ file, pointer: `${pointer}/${key}`, message: `"${key}" does not apply to a ${f.type} field` });
  }
  return { maxBytes, accept };
}
