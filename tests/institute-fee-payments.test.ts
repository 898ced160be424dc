/**
 * Fees: payments that cover an invoice mark it PAID with paid_at; a partial
 * payment leaves it PENDING; removing a payment reopens it; a paid invoice
 * takes no further payment; the payment carries the invoice's student.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData, RecordService } from '../core/data/records.js';
import { errorOf } from './support/errors.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let w: InstituteWorld;
let finance: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  finance = await w.as('finance');
});
afterAll(() => runtime.dispose());

const invoice = (amount: number): Promise<RecordData> =>
  finance.create('institute.fee_invoice', { student: w.student.id, course: w.courses.active.id, amount, due_date: '2026-10-01', description: 'Tuition' });

describe('fee payments', () => {
  it('a new invoice is PENDING, numbered, and its status cannot be typed in', async () => {
    const inv = await invoice(120);
    expect(inv).toMatchObject({ status: 'PENDING', paid_at: null });
    expect(String(inv.number)).toMatch(/^INV-\d{8}-[A-Z0-9]{6}$/);
    const err = await errorOf(finance.update('institute.fee_invoice', inv.id, { status: 'PAID' }));
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: { status: { type: 'readOnly' } } });
  });

  it('payments covering the amount mark the invoice PAID with paid_at; a partial one does not', async () => {
    const inv = await invoice(300);
    const before = Date.now();
    const first = await finance.create('institute.payment', { invoice: inv.id, amount: 100, paid_on: '2026-09-01', method: 'cash' });
    expect(first.student).toBe(w.student.id);
    expect(await finance.get('institute.fee_invoice', inv.id)).toMatchObject({ status: 'PENDING', paid_at: null });
    await finance.create('institute.payment', { invoice: inv.id, amount: 200, paid_on: '2026-09-15', method: 'card' });
    const paid = await finance.get('institute.fee_invoice', inv.id);
    expect(paid.status).toBe('PAID');
    expect(new Date(String(paid.paid_at)).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('a paid invoice refuses another payment', async () => {
    const inv = await invoice(50);
    await finance.create('institute.payment', { invoice: inv.id, amount: 50, paid_on: '2026-09-01' });
    const err = await errorOf(finance.create('institute.payment', { invoice: inv.id, amount: 10, paid_on: '2026-09-02' }));
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: { invoice: { message: 'This invoice is already paid.' } } });
  });

  it('removing or lowering a payment reopens the invoice', async () => {
    const inv = await invoice(80);
    const payment = await finance.create('institute.payment', { invoice: inv.id, amount: 80, paid_on: '2026-09-01' });
    expect((await finance.get('institute.fee_invoice', inv.id)).status).toBe('PAID');
    await finance.update('institute.payment', payment.id, { amount: 40 });
    expect(await finance.get('institute.fee_invoice', inv.id)).toMatchObject({ status: 'PENDING', paid_at: null });
    await finance.update('institute.payment', payment.id, { amount: 80 });
    expect((await finance.get('institute.fee_invoice', inv.id)).status).toBe('PAID');
    await finance.delete('institute.payment', payment.id);
    expect((await finance.get('institute.fee_invoice', inv.id)).status).toBe('PENDING');
  });

  it('raising the amount of a paid invoice reopens it', async () => {
    const inv = await invoice(60);
    await finance.create('institute.payment', { invoice: inv.id, amount: 60, paid_on: '2026-09-01' });
    await finance.update('institute.fee_invoice', inv.id, { amount: 90 });
    expect((await finance.get('institute.fee_invoice', inv.id)).status).toBe('PENDING');
  });

  it('two payments recorded at the same moment both count', async () => {
    const inv = await invoice(100);
    const other = await w.as('admin');
    await Promise.all([
      finance.create('institute.payment', { invoice: inv.id, amount: 50, paid_on: '2026-09-01' }),
      other.create('institute.payment', { invoice: inv.id, amount: 50, paid_on: '2026-09-01' }),
    ]);
    expect((await finance.get('institute.fee_invoice', inv.id)).status).toBe('PAID');
  });

  it('the student sees the invoice turn PAID', async () => {
    const inv = await invoice(10);
    await finance.create('institute.payment', { invoice: inv.id, amount: 10, paid_on: '2026-09-01' });
    await expect((await w.as('student')).get('institute.fee_invoice', inv.id)).resolves.toMatchObject({ status: 'PAID' });
  });
});
