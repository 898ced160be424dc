/**
 * What an action or a decision set up stays as it was set up, so counts kept
 * from it never drift: an issued loan keeps its book and member and is
 * returned rather than deleted (copies_available stays right); in the
 * institute a decided enrollment keeps its student and course, an invoice
 * with payments keeps its student (its payments carry it), and a payment is
 * not moved onto an invoice already paid.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordValidationError } from '../core/errors.js';
import type { RecordService } from '../core/data/records.js';
import { errorOf } from './support/errors.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let lib: Fixture;
let librarian: RecordService;
let w: InstituteWorld;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  librarian = await lib.as('librarian');
  w = await createInstituteWorld(runtime);
});
afterAll(() => runtime.dispose());

const available = async (bookId: string): Promise<number> => Number((await librarian.get('library.book', bookId)).copies_available);

async function issuedLoan(): Promise<{ loan: string; book: string; other: string; member: string; otherMember: string }> {
  const book = await librarian.create('library.book', { title: 'Counted', copies_total: 2 });
  const other = await librarian.create('library.book', { title: 'Other', copies_total: 2 });
  const card = () => `C-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const member = await librarian.create('library.member', { name: 'Borrower', card_number: card() });
  const otherMember = await librarian.create('library.member', { name: 'Someone else', card_number: card() });
  const loan = await librarian.create('library.loan', { book: book.id, member: member.id });
  await librarian.runAction('library.loan', 'issue', loan.id);
  expect(await available(book.id)).toBe(1);
  return { loan: loan.id, book: book.id, other: other.id, member: member.id, otherMember: otherMember.id };
}

describe('library: an issued loan keeps what issuing set up', () => {
  it('its book cannot be changed (a field error), and both books keep their counts through the return', async () => {
    const { loan, book, other } = await issuedLoan();
    const err = await errorOf(librarian.update('library.loan', loan, { book: other }));
    expect(err).toBeInstanceOf(RecordValidationError);
    expect(Object.keys((err as RecordValidationError).fieldErrors)).toEqual(['book']);
    expect(await available(book)).toBe(1);
    expect(await available(other)).toBe(2);
    await librarian.runAction('library.loan', 'return', loan);
    expect(await available(book)).toBe(2);
    expect(await available(other)).toBe(2);
  });

  it('its member cannot be changed either, returned or not', async () => {
    const { loan, otherMember } = await issuedLoan();
    expect((await errorOf(librarian.update('library.loan', loan, { member: otherMember })) as RecordValidationError).fieldErrors).toHaveProperty('member');
    await librarian.runAction('library.loan', 'return', loan);
    expect((await errorOf(librarian.update('library.loan', loan, { member: otherMember })) as RecordValidationError).fieldErrors).toHaveProperty('member');
  });

  it('an issued loan cannot be deleted (its copy would stay out for good); once returned it can', async () => {
    const { loan, book } = await issuedLoan();
    expect(await errorOf(librarian.delete('library.loan', loan))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/return/i) });
    expect(await available(book)).toBe(1);
    await librarian.runAction('library.loan', 'return', loan);
    await librarian.delete('library.loan', loan);
    expect(await available(book)).toBe(2);
  });

  it('a requested loan (nothing taken yet) may still change its book, or be deleted', async () => {
    const book = await librarian.create('library.book', { title: 'Wanted', copies_total: 1 });
    const other = await librarian.create('library.book', { title: 'Wanted more', copies_total: 1 });
    const member = await librarian.create('library.member', { name: 'Asker', card_number: `C-${Math.random().toString(36).slice(2, 8).toUpperCase()}` });
    const loan = await librarian.create('library.loan', { book: book.id, member: member.id });
    expect((await librarian.update('library.loan', loan.id, { book: other.id })).book).toBe(other.id);
    await librarian.delete('library.loan', loan.id);
    expect(await available(other.id)).toBe(1);
  });
});

describe('institute: decided enrollments and paid invoices keep what was decided', () => {
  it('an ENROLLED enrollment keeps its student and course (no seat handed over without a decision)', async () => {
    const full = await w.system.create('institute.course', { title: 'One seat', code: courseCode(), teacher: w.userId('teacher'), fee: 100, max_seats: 1, status: 'ACTIVE' });
    const enrolled = await w.system.create('institute.enrollment', { student: w.student.id, course: w.courses.active.id, status: 'ENROLLED' });
    const admin = await w.as('admin');
    const err = await errorOf(admin.update('institute.enrollment', enrolled.id, { student: w.student2.id, course: full.id }));
    expect(Object.keys((err as RecordValidationError).fieldErrors).sort()).toEqual(['course', 'student']);
    const after = await w.system.get('institute.enrollment', enrolled.id);
    expect([after.student, after.course]).toEqual([w.student.id, w.courses.active.id]);
    // An application still waiting may move.
    const applied = await w.system.create('institute.enrollment', { student: w.student2.id, course: w.courses.active.id, status: 'APPLIED' });
    expect((await admin.update('institute.enrollment', applied.id, { course: full.id })).course).toBe(full.id);
  });

  it('an invoice with payments keeps its student, so its payments stay the student’s', async () => {
    const finance = await w.as('finance');
    const invoice = await finance.create('institute.fee_invoice', { student: w.student.id, amount: 100, due_date: '2030-01-31' });
    const payment = await finance.create('institute.payment', { invoice: invoice.id, amount: 40, method: 'cash' });
    const err = await errorOf(finance.update('institute.fee_invoice', invoice.id, { student: w.student2.id }));
    expect(Object.keys((err as RecordValidationError).fieldErrors)).toEqual(['student']);
    expect((await w.system.get('institute.fee_invoice', invoice.id)).student).toBe(w.student.id);
    expect((await w.system.get('institute.payment', payment.id)).student).toBe(w.student.id);
    // Without payments the student may still be corrected.
    const fresh = await finance.create('institute.fee_invoice', { student: w.student.id, amount: 10, due_date: '2030-01-31' });
    expect((await finance.update('institute.fee_invoice', fresh.id, { student: w.student2.id })).student).toBe(w.student2.id);
  });

  it('a payment cannot be moved onto an invoice that is already paid', async () => {
    const finance = await w.as('finance');
    const paid = await finance.create('institute.fee_invoice', { student: w.student.id, amount: 50, due_date: '2030-01-31' });
    await finance.create('institute.payment', { invoice: paid.id, amount: 50, method: 'cash' });
    expect((await w.system.get('institute.fee_invoice', paid.id)).status).toBe('PAID');
    const open = await finance.create('institute.fee_invoice', { student: w.student.id, amount: 80, due_date: '2030-01-31' });
    const payment = await finance.create('institute.payment', { invoice: open.id, amount: 30, method: 'card' });
    const err = await errorOf(finance.update('institute.payment', payment.id, { invoice: paid.id }));
    expect((err as RecordValidationError).fieldErrors).toHaveProperty('invoice');
    expect((await w.system.get('institute.payment', payment.id)).invoice).toBe(open.id);
  });
});
