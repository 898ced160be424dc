import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { overdueFine } from '../modules/library/fines.js';

let runtime: TestRuntime;
let lib: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian', 'member']);
  const sys = await lib.system();
  await sys.create('library.fine_setting', { loan_days: 7, daily_fine: 1.5, max_fine: 10 });
});
afterAll(() => runtime.dispose());

async function bookAndMember(copies: number) {
  const librarian = await lib.as('librarian');
  const book = await librarian.create('library.book', { title: `Copies ${copies} ${Math.random()}`, copies_total: copies });
  const member = await librarian.create('library.member', { name: 'Reader', card_number: `C-${Math.floor(Math.random() * 1e8)}` });
  return { librarian, book, member };
}

describe('library loans', () => {
  it('a new book has all its copies available', async () => {
    const { book } = await bookAndMember(3);
    expect(book.copies_available).toBe(3);
  });

  it('issuing decrements available copies and sets the due date from the fine setting', async () => {
    const { librarian, book, member } = await bookAndMember(2);
    const loan = await librarian.create('library.loan', { book: book.id, member: member.id });
    expect(loan.status).toBe('requested');
    const result = await librarian.runAction('library.loan', 'issue', loan.id);
    expect(result.record?.status).toBe('issued');
    const due = new Date(String(result.record?.due_at)).getTime() - new Date(String(result.record?.issued_at)).getTime();
    expect(Math.round(due / 86_400_000)).toBe(7);
    expect((await librarian.get('library.book', book.id)).copies_available).toBe(1);
  });

  it('two librarians issuing the last copy at the same time: exactly one succeeds', async () => {
    const { librarian, book, member } = await bookAndMember(1);
    const a = await librarian.create('library.loan', { book: book.id, member: member.id });
    const b = await librarian.create('library.loan', { book: book.id, member: member.id });
    const results = await Promise.allSettled([librarian.runAction('library.loan', 'issue', a.id), librarian.runAction('library.loan', 'issue', b.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(failure.reason.message)).toMatch(/No copy/);
    expect((await librarian.get('library.book', book.id)).copies_available).toBe(0);
  });

  it('returning computes the overdue fine from the organization setting and gives the copy back', async () => {
    const { librarian, book, member } = await bookAndMember(1);
    const loan = await librarian.create('library.loan', { book: book.id, member: member.id });
    await librarian.runAction('library.loan', 'issue', loan.id);
    const sys = await lib.system();
    await sys.update('library.loan', loan.id, { due_at: new Date(Date.now() - 3 * 86_400_000 + 60_000).toISOString() });
    const result = await librarian.runAction('library.loan', 'return', loan.id);
    expect(result.record?.fine).toBe(4.5);
    expect((await librarian.get('library.book', book.id)).copies_available).toBe(1);
  });

  it('caps the fine at the maximum', () => {
    const fine = overdueFine(new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'), { loan_days: 14, daily_fine: 1.5, max_fine: 10 });
    expect(fine).toBe(10);
  });

  it('a member cannot issue a loan', async () => {
    const { librarian, book, member } = await bookAndMember(1);
    const loan = await librarian.create('library.loan', { book: book.id, member: member.id });
    const asMember = await lib.as('member');
    await expect(asMember.runAction('library.loan', 'issue', loan.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
