/**
 * `searchFields` (what a list's search box looks in besides the title) is resolved at load: the title
 * (when it is text) comes first, each field once; an unknown or non-text field stops the load as
 * file#/json/pointer: problem. The shipped library declares its books' and members' search fields.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';
import { studioDir, studioManifest, type Json } from './support/views-fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The studio fixture with `searchFields` on its task entity (index 1). */
function withTaskSearch(searchFields: unknown): { dir: string; file: string } {
  const manifest = studioManifest();
  const entities = manifest.entities as Json[];
  entities[1] = { ...entities[1], searchFields, fields: [...(entities[1].fields as Json[]), { name: 'notes', type: 'text' }] };
  const dir = studioDir({ ...manifest, views: [] });
  dirs.push(dir);
  return { dir, file: join(dir, 'studio.json') };
}

function problems(searchFields: unknown): { problems: ManifestProblem[]; file: string } {
  const { dir, file } = withTaskSearch(searchFields);
  try {
    loadRegistry({ dir });
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return { problems: err.problems, file };
  }
  throw new Error('the manifest loaded without problems');
}

describe('searchFields', () => {
  it('resolve to the title and the declared text fields, each once', () => {
    const { dir } = withTaskSearch(['notes', 'title']);
    const registry = loadRegistry({ dir });
    expect(registry.entity('studio.task')!.searchFields).toEqual(['title', 'notes']);
    // Undeclared: the title alone, when it is text.
    expect(registry.entity('studio.desk')!.searchFields).toEqual(['name']);
  });

  it('an unknown field or one that is not text is refused at its pointer', () => {
    const { problems: found, file } = problems(['nope', 'due', 'assignee']);
    expect(found).toEqual([
      { file, pointer: '/entities/1/searchFields/0', message: 'unknown field "nope"' },
      { file, pointer: '/entities/1/searchFields/1', message: '"due" is a date field; search looks in text fields only (string, text, email, phone, url)' },
      { file, pointer: '/entities/1/searchFields/2', message: '"assignee" is a reference field; search looks in text fields only (string, text, email, phone, url)' },
    ]);
  });

  it('a value that is not a list of names is a schema problem', () => {
    const { problems: found } = problems('title');
    expect(found.some((p) => p.pointer.startsWith('/entities/1/searchFields'))).toBe(true);
  });

  it('the shipped library searches books by title, authors and ISBN, members by name, card number and e-mail', () => {
    const registry = loadRegistry();
    expect(registry.entity('library.book')!.searchFields).toEqual(['title', 'authors', 'isbn']);
    expect(registry.entity('library.member')!.searchFields).toEqual(['name', 'card_number', 'email']);
    // A title that is no text (an enum) is not searched.
    expect(registry.entity('library.fine_setting')!.searchFields).toEqual([]);
  });
});
