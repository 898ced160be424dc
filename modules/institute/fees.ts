/**
 * Fees: invoices get a number; a payment carries its invoice's student (so a
 * student's rule needs one reference hop); and an invoice is PAID exactly when
 * its payments cover the amount, kept so on every payment change; an invoice
 * with payments keeps its student.
 */
import { RecordValidationError, type EntityHooks, type Records } from '../../core/sdk.js';
import { eq, idOf, isPerson } from './helpers.js';

const INVOICE = 'institute.fee_invoice';
const PAYMENT = 'institute.payment';

const cents = (amount: unknown): number => Math.round(Number(amount ?? 0) * 100);

/**
 * Sets the invoice PAID (with paid_at) when its payments cover the amount, and
 * back to PENDING when they no longer do (a payment corrected or removed).
 */
export async function settleInvoice(records: Records, invoiceId: string): Promise<void> {
  const system = records.asSystem('fees');
  await system.transaction(async (tx) => {
    // Locked: two payments recorded at once both see the other's amount.
    const invoice = await tx.lock(INVOICE, invoiceId);
    const payments = await tx.find(PAYMENT, { filters: [eq('invoice', invoiceId)], limit: 1000 });
    const covered = payments.reduce((sum, p) => sum + cents(p.amount), 0) >= cents(invoice.amount);
    if (covered && invoice.status !== 'PAID') await tx.update(INVOICE, invoiceId, { status: 'PAID', paid_at: new Date().toISOString() });
    if (!covered && invoice.status === 'PAID') await tx.update(INVOICE, invoiceId, { status: 'PENDING', paid_at: null });
  });
}

/**
 * The payment's invoice, locked before the payment row is written: the insert's
 * foreign key would otherwise share-lock it first, and two payments settling the
 * same invoice at once would deadlock upgrading that lock.
 */
async function lockInvoice(records: Records, invoiceId: string | null): Promise<{ student: unknown; status: unknown } | undefined> {
  if (!invoiceId) return undefined;
  const system = records.asSystem('fees');
  // Unknown ids are reported by reference validation, after the hooks.
  if (!(await system.getMany(INVOICE, [invoiceId])).length) return undefined;
  const invoice = await system.lock(INVOICE, invoiceId);
  return { student: invoice.student, status: invoice.status };
}

export const invoiceHooks: EntityHooks = {
  beforeCreate(_ctx, values) {
    const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    values.number = `INV-${stamp}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  },
  async beforeUpdate(ctx, change) {
    // Its payments carry its student (the student's rule reads them by it): with payments recorded, the student is settled.
    if (!change.changed.includes('student')) return;
    const paid = await ctx.records.asSystem('fees').count(PAYMENT, [eq('invoice', change.before.id)]);
    if (paid > 0) {
      const message = 'cannot change once payments are recorded on this invoice';
      throw new RecordValidationError(INVOICE, { student: { message, type: 'readOnly' } }, 'This invoice has payments: its student cannot change; remove the payments or issue a new invoice.');
    }
  },
  async afterUpdate(ctx, { before, after }) {
    if (cents(before.amount) !== cents(after.amount)) await settleInvoice(ctx.records, after.id);
  },
};

export const paymentHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    const invoice = await lockInvoice(ctx.records, idOf(values.invoice));
    if (invoice) values.student = invoice.student;
    if (invoice?.status === 'PAID' && isPerson(ctx.actor)) {
      throw new RecordValidationError(PAYMENT, { invoice: { message: 'This invoice is already paid.', type: 'paid' } }, 'This invoice is already paid.');
    }
    if (values.paid_on === undefined || values.paid_on === null || values.paid_on === '') values.paid_on = new Date().toISOString().slice(0, 10);
  },
  async beforeUpdate(ctx, change) {
    // The student follows the invoice, whatever the update says.
    const invoice = await lockInvoice(ctx.records, idOf(change.values.invoice));
    if (invoice) change.values.student = invoice.student;
    // Moving a payment onto a paid invoice is paying it twice, as creating one there would be.
    if (invoice?.status === 'PAID' && change.changed.includes('invoice') && isPerson(ctx.actor)) {
      throw new RecordValidationError(PAYMENT, { invoice: { message: 'This invoice is already paid.', type: 'paid' } }, 'This invoice is already paid.');
    }
  },
  async afterCreate(ctx, payment) {
    await settleInvoice(ctx.records, String(payment.invoice));
  },
  async afterUpdate(ctx, { before, after }) {
    if (before.invoice !== after.invoice) await settleInvoice(ctx.records, String(before.invoice));
    await settleInvoice(ctx.records, String(after.invoice));
  },
  async afterDelete(ctx, payment) {
    await settleInvoice(ctx.records, String(payment.invoice));
  },
};
