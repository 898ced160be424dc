/**
 * The library's documents: a fine receipt for a loan that carries a fine,
 * offered to whoever may run `fine_receipt` on the loan (librarians, through
 * `manage`).
 */
import { documentAction, type FineReceiptData, type RecordData } from '../../core/sdk.js';

const DAY_MS = 86_400_000;

const text = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

/** Whole days between due and return (or now, while the book is still out), as the fine counts them. */
function daysLate(loan: RecordData): number | undefined {
  if (!loan.due_at) return undefined;
  const end = loan.returned_at ? new Date(String(loan.returned_at)) : new Date();
  return Math.max(0, Math.ceil((end.getTime() - new Date(String(loan.due_at)).getTime()) / DAY_MS));
}

export const fineReceipt = documentAction({
  name: 'fine_receipt',
  entity: 'loan',
  label: 'Fine receipt',
  translations: { bn: { label: 'জরিমানার রসিদ' } },
  kind: 'fine_receipt',
  icon: 'FileText',
  isAvailable: (loan) => Number(loan.fine ?? 0) > 0,
  async build(ctx, loan): Promise<FineReceiptData> {
    // Read as the printing user: what they may not see stays off the receipt.
    const [book] = await ctx.records.getMany('library.book', [String(loan.book)]);
    const [member] = await ctx.records.getMany('library.member', [String(loan.member)]);
    return {
      member: { name: text(member?.name) ?? '', cardNumber: text(member?.card_number) },
      loanCode: text(loan.code) ?? loan.id,
      bookTitle: text(book?.title) ?? '',
      issuedAt: text(loan.issued_at),
      dueAt: text(loan.due_at),
      returnedAt: text(loan.returned_at),
      daysLate: daysLate(loan),
      amount: Number(loan.fine ?? 0),
    };
  },
});

export const libraryDocuments = [fineReceipt];
