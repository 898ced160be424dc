/**
 * Library behaviour a manifest cannot express: available copies follow the
 * total, loans get a code, and the issue/return actions move copies and
 * compute fines in one transaction; an issued loan keeps its book and member,
 * and is returned, not deleted, so the counts never drift.
 */
import { RecordValidationError, UmsError, definePlugin } from '../../core/sdk.js';
import { seedLibrary } from './seed.js';
import { libraryDocuments } from './documents.js';
import { DAY_MS, fineSetting, overdueFine } from './fines.js';
import { fineAccrual, overdueReminder } from './jobs.js';

export default definePlugin({
  module: 'library',
  hooks: {
    book: {
      beforeCreate(_ctx, values) {
        // An invalid total is reported on copies_total alone.
        if (Number.isInteger(values.copies_total) && Number(values.copies_total) >= 0) values.copies_available = values.copies_total;
      },
      beforeUpdate(ctx, change) {
        if (!change.changed.includes('copies_total')) return;
        const delta = Number(change.values.copies_total) - Number(change.before.copies_total);
        const available = Number(change.before.copies_available ?? 0) + delta;
        if (available < 0) {
          throw new UmsError('VALIDATION_FAILED', `${-available} more copies are on loan than the new total allows.`, { entity: ctx.entity.key, field: 'copies_total' });
        }
        change.values.copies_available = available;
      },
    },
    loan: {
      beforeCreate(_ctx, values) {
        const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
        values.code = `L-${stamp}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
        values.status = 'requested';
      },
      beforeUpdate(ctx, change) {
        // Issuing took a copy of this book for this member: from then on both are history, or copies_available drifts.
        if (change.before.status === 'requested') return;
        const locked = ['book', 'member'].filter((f) => change.changed.includes(f));
        if (locked.length) {
          throw new RecordValidationError(ctx.entity.key, Object.fromEntries(locked.map((f) => [f, { message: `cannot change once the loan is ${String(change.before.status)}`, type: 'readOnly' }])), `An ${String(change.before.status)} loan keeps its book and member; return it and make a new loan.`);
        }
      },
      beforeDelete(ctx, loan) {
        // Deleting it would keep its copy out for good: the return action gives the copy back (and settles the fine).
        if (loan.status === 'issued') throw new UmsError('CONFLICT', 'This loan is issued: return the book first, then delete the loan if it must go.', { entity: ctx.entity.key });
      },
    },
  },
  actions: [
    {
      name: 'issue',
      entity: 'loan',
      label: 'Issue',
      translations: { bn: { label: 'ধার দিন' } },
      icon: 'ArrowRight',
      confirm: 'Hand the book to the member now?',
      isAvailable: (loan) => loan.status === 'requested',
      async handler(ctx, loan) {
        const { records } = ctx;
        // The book row is locked until commit: of two librarians issuing the last copy, the second waits and then sees 0.
        const book = await records.lock('library.book', String(loan.book));
        const available = Number(book.copies_available ?? 0);
        if (available < 1) throw new UmsError('CONFLICT', `No copy of "${String(book.title)}" is available.`, { entity: 'library.book', field: 'copies_available' });
        const member = await records.get('library.member', String(loan.member));
        if (member.status !== 'active') throw new UmsError('CONFLICT', `${String(member.name)} is suspended and cannot borrow.`, { entity: 'library.member' });
        const setting = await fineSetting(ctx);
        const now = new Date();
        await records.update('library.book', book.id, { copies_available: available - 1 });
        const record = await records.update('library.loan', loan.id, {
          status: 'issued',
          issued_at: now.toISOString(),
          due_at: new Date(now.getTime() + setting.loan_days * DAY_MS).toISOString(),
        });
        return { message: `Issued "${String(book.title)}" to ${String(member.name)}.`, record };
      },
    },
    {
      name: 'return',
      entity: 'loan',
      label: 'Return',
      translations: { bn: { label: 'ফেরত নিন' } },
      icon: 'ArrowLeft',
      isAvailable: (loan) => loan.status === 'issued',
      async handler(ctx, loan) {
        const { records } = ctx;
        const book = await records.lock('library.book', String(loan.book));
        const now = new Date();
        const fine = overdueFine(new Date(String(loan.due_at)), now, await fineSetting(ctx));
        await records.update('library.book', book.id, { copies_available: Math.min(Number(book.copies_total), Number(book.copies_available ?? 0) + 1) });
        const record = await records.update('library.loan', loan.id, { status: 'returned', returned_at: now.toISOString(), fine });
        return { message: fine > 0 ? `Returned late: fine ${fine.toFixed(2)}.` : 'Returned on time.', record };
      },
    },
    ...libraryDocuments,
  ],
  jobs: { overdue_reminder: overdueReminder, fine_accrual: fineAccrual },
  seed: seedLibrary,
});
