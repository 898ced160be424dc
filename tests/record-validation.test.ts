/**
 * Records are validated from the manifest before anything is written: errors
 * come back per field and nothing is saved. Database constraint violations
 * become field errors or clear conflicts, never a 500.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { errorOf } from './support/errors.js';

let runtime: TestRuntime;
let lib: Fixture;
let librarian: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  librarian = await lib.as('librarian');
});
afterAll(() => runtime.dispose());


/** The field errors of a refused create, checking that nothing was saved. */
async function refusedCreate(entity: string, input: Record<string, unknown>): Promise<RecordValidationError['fieldErrors']> {
  const before = await librarian.count(entity);
  const err = await errorOf(librarian.create(entity, input));
  expect(err).toBeInstanceOf(RecordValidationError);
  expect(err.code).toBe('VALIDATION_FAILED');
  expect(err.status).toBe(400);
  expect(await librarian.count(entity)).toBe(before);
  const audit: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_audit_log WHERE organization_id = $1 AND entity = $2 AND action = 'create'`, [lib.org.id, entity]);
  expect(audit[0].n).toBe(before);
  return (err as RecordValidationError).fieldErrors;
}

describe('record validation', () => {
  it('a missing required field', async () => {
    expect(await refusedCreate('library.book', { isbn: '9780000000001', copies_total: 1 })).toEqual({ title: { message: 'is required', type: 'required' } });
    // An empty form value counts as missing.
    expect(await refusedCreate('library.book', { title: '   ', copies_total: 1 })).toEqual({ title: { message: 'is required', type: 'required' } });
  });

  it('a value of the wrong type', async () => {
    expect(await refusedCreate('library.book', { title: 'T', copies_total: 1, published_year: 'nineteen-ninety' })).toEqual({
      published_year: { message: 'must be a whole number', type: 'type' },
    });
    expect(await refusedCreate('library.book', { title: 'T', copies_total: 2.5 })).toEqual({ copies_total: { message: 'must be a whole number', type: 'type' } });
  });

  it('below the minimum and above the maximum, several fields at once', async () => {
    expect(await refusedCreate('library.book', { title: 'T', copies_total: -1, published_year: 2101, acquisition_price: -3 })).toEqual({
      copies_total: { message: 'must be at least 0', type: 'minimum' },
      published_year: { message: 'must be at most 2100', type: 'maximum' },
      acquisition_price: { message: 'must be at least 0', type: 'minimum' },
    });
  });

  it('a pattern (ISBN)', async () => {
    const errors = await refusedCreate('library.book', { title: 'T', copies_total: 1, isbn: '12-34' });
    expect(errors).toEqual({ isbn: { message: 'does not have the expected format (ISBN-10 or ISBN-13, digits only)', type: 'pattern' } });
  });

  it('a value outside the enum', async () => {
    const errors = await refusedCreate('library.book', { title: 'T', copies_total: 1, category: 'poetry' });
    expect(errors).toEqual({ category: { message: 'must be one of: fiction, non_fiction, science, history, children, reference, biography, technology', type: 'enum' } });
  });

  it('an e-mail address that is not one', async () => {
    const errors = await refusedCreate('library.member', { name: 'M', card_number: 'CARD-1', email: 'not-an-address' });
    expect(errors).toEqual({ email: { message: 'must be an e-mail address', type: 'format' } });
  });

  it('a field the entity does not have', async () => {
    expect(await refusedCreate('library.book', { title: 'T', copies_total: 1, colour: 'red' })).toEqual({ colour: { message: 'is not a field of Book', type: 'unknown' } });
  });

  it('an update is validated on the record as it would be saved', async () => {
    const book = await librarian.create('library.book', { title: 'Valid', copies_total: 1 });
    const err = await errorOf(librarian.update('library.book', book.id, { title: '', published_year: 1000 }));
    expect((err as RecordValidationError).fieldErrors).toEqual({
      title: { message: 'is required', type: 'required' },
      published_year: { message: 'must be at least 1450', type: 'minimum' },
    });
    expect(await librarian.get('library.book', book.id)).toMatchObject({ title: 'Valid', published_year: null, version: 1 });
  });
});

describe('database constraints as errors', () => {
  it('the same ISBN twice in one organization is a field error on isbn, not a 500', async () => {
    await librarian.create('library.book', { title: 'First', isbn: '9780306406157', copies_total: 1 });
    const errors = await refusedCreate('library.book', { title: 'Second', isbn: '9780306406157', copies_total: 1 });
    expect(errors).toEqual({ isbn: { message: 'is already used by another record', type: 'unique' } });
    // Changing another book to that ISBN is refused the same way.
    const other = await librarian.create('library.book', { title: 'Third', isbn: '9780306406164', copies_total: 1 });
    const err = await errorOf(librarian.update('library.book', other.id, { isbn: '9780306406157' }));
    expect((err as RecordValidationError).fieldErrors).toEqual({ isbn: { message: 'is already used by another record', type: 'unique' } });
  });

  it('a reference to a record that does not exist is a field error', async () => {
    const member = await librarian.create('library.member', { name: 'Ref', card_number: 'REF-0001' });
    const errors = await refusedCreate('library.loan', { book: randomUUID(), member: member.id });
    expect(errors).toEqual({ book: { message: 'no such book', type: 'reference' } });
    expect(await refusedCreate('library.loan', { book: 'not-an-id', member: member.id })).toEqual({ book: { message: 'must be a record id', type: 'format' } });
  });

  it('deleting a book that has loans is a clear conflict, and the book stays', async () => {
    const book = await librarian.create('library.book', { title: 'Borrowed', copies_total: 1 });
    const member = await librarian.create('library.member', { name: 'Borrower', card_number: 'BOR-0001' });
    await librarian.create('library.loan', { book: book.id, member: member.id });
    const err = await errorOf(librarian.delete('library.book', book.id));
    expect(err.code).toBe('CONFLICT');
    expect(err.status).toBe(409);
    expect(err.message).toBe('This book is still used by loans; remove those first.');
    expect(await librarian.get('library.book', book.id)).toMatchObject({ title: 'Borrowed' });
  });

  it('a read-only field is refused on create by a user', async () => {
    const errors = await refusedCreate('library.book', { title: 'T', copies_total: 3, copies_available: 99 });
    expect(errors).toEqual({ copies_available: { message: 'is set by the system and cannot be entered', type: 'readOnly' } });
    const book = await librarian.create('library.book', { title: 'RO', copies_total: 3 });
    const err = await errorOf(librarian.update('library.book', book.id, { copies_available: 99 }));
    expect((err as RecordValidationError).fieldErrors).toEqual({ copies_available: { message: 'is set by the system and cannot be changed', type: 'readOnly' } });
  });

  it('an update with a stale expectedVersion is a conflict and changes nothing', async () => {
    const book = await librarian.create('library.book', { title: 'Versioned', copies_total: 1 });
    const v2 = await librarian.update('library.book', book.id, { title: 'Versioned 2' }, { expectedVersion: 1 });
    expect(v2.version).toBe(2);
    const err = await errorOf(librarian.update('library.book', book.id, { title: 'Lost update' }, { expectedVersion: 1 }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/changed by someone else/);
    expect(await librarian.get('library.book', book.id)).toMatchObject({ title: 'Versioned 2', version: 2 });
  });
});
