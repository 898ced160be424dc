/**
 * File fields (`file`, `files`) resolve at load with their limits (a size in
 * bytes or as "10MB", MIME types or families), and every mistake — a size that
 * is no size, a MIME type that is none, `maxSize`/`accept` on another type,
 * options that mean nothing for a file (unique, default) — stops the load as
 * file#/json/pointer: problem. Also the size parser and the accept check.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { DEFAULT_MANIFEST_DIR, loadRegistry } from '../core/manifest/index.js';
import { accepts, DEFAULT_MAX_FILE_BYTES, parseSize } from '../core/manifest/file-fields.js';

type Json = Record<string, unknown>;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The shipped library manifest with extra fields on its book entity, alone in a folder. */
function libraryWith(fields: Json[]): string {
  const manifest = JSON.parse(readFileSync(join(DEFAULT_MANIFEST_DIR, 'library.json'), 'utf8')) as { entities: { name: string; fields: Json[] }[] } & Json;
  delete manifest.$schema;
  manifest.entities.find((e) => e.name === 'book')!.fields.push(...fields);
  const dir = mkdtempSync(join(tmpdir(), 'ums-file-fields-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'library.json'), JSON.stringify(manifest));
  return dir;
}

function problemsWith(fields: Json[]): ManifestProblem[] {
  try {
    loadRegistry({ dir: libraryWith(fields) });
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return err.problems;
  }
  throw new Error('the manifest loaded without problems');
}

describe('file fields resolve', () => {
  it('with their size and types, and a default size of 10 MB', () => {
    const registry = loadRegistry({ dir: libraryWith([
      { name: 'cover', type: 'file', maxSize: '2MB', accept: ['image/*', 'Application/PDF'] },
      { name: 'scans', type: 'files', maxSize: 1000 },
      { name: 'notes_file', type: 'file' },
    ]) });
    const book = registry.entity('library.book')!;
    expect(book.field.get('cover')!.file).toEqual({ maxBytes: 2 * 1024 * 1024, accept: ['image/*', 'application/pdf'] });
    expect(book.field.get('scans')!.file).toEqual({ maxBytes: 1000, accept: [] });
    expect(book.field.get('notes_file')!.file).toEqual({ maxBytes: DEFAULT_MAX_FILE_BYTES, accept: [] });
    expect(book.field.get('title')!.file).toBeUndefined();
  });
});

describe('file field mistakes stop the load', () => {
  it('a size that is no size, or above 5 GB', () => {
    const problems = problemsWith([{ name: 'a', type: 'file', maxSize: 'ten megabytes' }, { name: 'b', type: 'file', maxSize: '6GB' }, { name: 'c', type: 'file', maxSize: 0 }]);
    const at = (p: string) => problems.find((x) => x.pointer.endsWith(p));
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems.some((p) => /"ten megabytes" is not a size/.test(p.message))).toBe(true);
    expect(problems.some((p) => /at most 5GB/.test(p.message))).toBe(true);
    expect(at('/maxSize')?.file).toMatch(/library\.json$/);
  });

  it('a MIME type that is none', () => {
    const problems = problemsWith([{ name: 'a', type: 'file', accept: ['pdf', '*/*', 'image/png'] }]);
    expect(problems.map((p) => p.message)).toEqual(['"pdf" is not a MIME type (type/subtype, or type/* for a family)', '"*/*" is not a MIME type (type/subtype, or type/* for a family)']);
    expect(problems[0].pointer).toMatch(/\/fields\/\d+\/accept\/0$/);
  });

  it('maxSize or accept on a field that is not a file, and unique or a default on one', () => {
    const messages = problemsWith([
      { name: 'a', type: 'string', maxSize: '1MB', accept: ['image/png'] },
      { name: 'b', type: 'file', unique: true },
      { name: 'c', type: 'file', default: 'x' },
    ]).map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([
      '"maxSize" only applies to file fields, not string',
      '"accept" only applies to file fields, not string',
      '"unique" does not apply to a file field',
      'a file field cannot have a default',
    ]));
  });
});

describe('sizes and types', () => {
  it('parses sizes in bytes and in B, KB, MB and GB (powers of 1024)', () => {
    expect([parseSize(512), parseSize('512 KB'), parseSize('1.5MB'), parseSize('1gb'), parseSize('10 B')]).toEqual([512, 512 * 1024, 1.5 * 1024 * 1024, 1024 ** 3, 10]);
    expect([parseSize(-1), parseSize(1.5), parseSize('MB'), parseSize('10 TB')]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('accepts exact types and families, and anything when accept is empty', () => {
    const pdfOrImage = { maxBytes: 1, accept: ['application/pdf', 'image/*'] };
    expect([accepts(pdfOrImage, 'application/pdf'), accepts(pdfOrImage, 'image/webp'), accepts(pdfOrImage, 'application/x-msdownload'), accepts(pdfOrImage, 'imagex/png')]).toEqual([true, true, false, false]);
    expect(accepts({ maxBytes: 1, accept: [] }, 'application/x-msdownload')).toBe(true);
  });
});
