/**
 * Organizations never see each other, at the data layer itself: a record of
 * another organization behaves exactly like a record that does not exist, for
 * users and for system actors alike.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData, RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { errorOf } from './support/errors.js';

let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;
let bookB: RecordData;
let memberB: RecordData;
let loanB: RecordData;
let bookA: RecordData;
let memberA: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  a = await createFixtureOrg(runtime, 'library', ['librarian']);
  b = await createFixtureOrg(runtime, 'library', ['librarian']);
  const librarianB = await b.as('librarian');
  bookB = await librarianB.create('library.book', { title: 'Only in B', isbn: '9781111111111', copies_total: 2 });
  memberB = await librarianB.create('library.member', { name: 'Reader B', card_number: 'B-0001' });
  loanB = await librarianB.create('library.loan', { book: bookB.id, member: memberB.id });
  const librarianA = await a.as('librarian');
  bookA = await librarianA.create('library.book', { title: 'Only in A', copies_total: 1 });
  memberA = await librarianA.create('library.member', { name: 'Reader A', card_number: 'A-0001' });
});
afterAll(() => runtime.dispose());


/** Same code and message as for an id that exists nowhere: nothing tells the caller the record exists. */
async function expectSameAsMissing(call: (id: string) => Promise<unknown>, foreignId: string): Promise<void> {
  const missing = await errorOf(call(randomUUID()));
  const foreign = await errorOf(call(foreignId));
  expect(missing.code).toBe('NOT_FOUND');
  expect({ code: foreign.code, message: foreign.message }).toEqual({ code: missing.code, message: missing.message });
}

describe.each([
  ['a librarian of A', () => a.as('librarian')],
  ['the admin of A', () => a.as('admin')],
  ['a system actor of A', () => a.system()],
])('%s and the records of organization B', (_who, actor: () => Promise<RecordService>) => {
  it('get of B’s record by id answers exactly like a missing id', async () => {
    const records = await actor();
    await expectSameAsMissing((id) => records.get('library.book', id), bookB.id);
    await expectSameAsMissing((id) => records.get('library.loan', id), loanB.id);
  });

  it('getMany leaves B’s ids out', async () => {
    const records = await actor();
    const found = await records.getMany('library.book', [bookB.id, bookA.id]);
    expect(found.map((r) => r.id)).toEqual([bookA.id]);
  });

  it('update and delete of B’s record answer like a missing id and change nothing', async () => {
    const records = await actor();
    await expectSameAsMissing((id) => records.update('library.book', id, { title: 'Hijacked' }), bookB.id);
    await expectSameAsMissing((id) => records.delete('library.member', id), memberB.id);
    const sysB = await b.system();
    expect(await sysB.get('library.book', bookB.id)).toMatchObject({ title: 'Only in B', version: 1 });
    expect(await sysB.get('library.member', memberB.id)).toMatchObject({ name: 'Reader B' });
  });

  it('a record action on B’s record answers like a missing id', async () => {
    const records = await actor();
    await expectSameAsMissing((id) => records.runAction('library.loan', 'issue', id), loanB.id);
    expect((await (await b.system()).get('library.loan', loanB.id)).status).toBe('requested');
  });

  it('find with a filter on B’s id returns nothing, and lists hold only A’s records', async () => {
    const records = await actor();
    expect(await records.find('library.book', { filters: [{ field: 'id', op: 'eq', value: bookB.id }] })).toEqual([]);
    expect(await records.count('library.book', [{ field: 'id', op: 'eq', value: bookB.id }])).toBe(0);
    expect(await records.find('library.book', { filters: [{ field: 'isbn', op: 'eq', value: '9781111111111' }] })).toEqual([]);
    expect((await records.find('library.book', { limit: 1000 })).map((r) => r.id)).toEqual([bookA.id]);
  });

  it('a record of A cannot reference a record of B: a field error, nothing saved', async () => {
    const records = await actor();
    const before = await records.count('library.loan');
    const err = await errorOf(records.create('library.loan', { book: bookB.id, member: memberA.id }));
    expect(err).toBeInstanceOf(RecordValidationError);
    expect((err as RecordValidationError).fieldErrors).toEqual({ book: { message: 'no such book', type: 'reference' } });
    expect(await records.count('library.loan')).toBe(before);
    // Pointing an existing loan at B's member is refused the same way.
    const loan = await records.create('library.loan', { book: bookA.id, member: memberA.id });
    const moved = await errorOf(records.update('library.loan', loan.id, { member: memberB.id }));
    expect((moved as RecordValidationError).fieldErrors).toEqual({ member: { message: 'no such member', type: 'reference' } });
  });
});

describe('B’s own view', () => {
  it('is untouched by everything A tried', async () => {
    const sysB = await b.system();
    expect((await sysB.find('library.loan', { limit: 1000 })).map((r) => r.id)).toEqual([loanB.id]);
    expect((await sysB.find('library.book', { limit: 1000 })).map((r) => r.id)).toEqual([bookB.id]);
  });
});
