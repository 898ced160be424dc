/**
 * Two purchase order rules, both declared in the manifest: an order's lines are read-only once it
 * is no longer a draft, for everyone (a guard refuses a manager's or an admin's change or new line
 * with a field error on `order`, and so is deleting a line: the guard reads only the order the line
 * hangs on, so it holds for a delete too), and
 * an order without lines cannot be placed (ERPNext refuses to submit a purchase order without
 * items): a field error on `status`, the order stays a draft. Sent back to draft, its lines are
 * editable again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordValidationError } from '../core/errors.js';
import type { RecordService } from '../core/data/records.js';
import { localDate, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const PO = 'inventory.purchase_order';
const LINE = 'inventory.purchase_order_line';

let runtime: TestRuntime;
let org: Fixture;
let purchaser: RecordService;
let manager: RecordService;
let admin: RecordService;
let supplier: string;
let item: string;

const today = (): string => localDate(new Date(), serverTimeZone());
const fieldErrors = (err: unknown) => (err as RecordValidationError).fieldErrors;

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'inventory', ['purchaser', 'manager']);
  purchaser = await org.as('purchaser');
  manager = await org.as('manager');
  admin = await org.as('admin');
  supplier = String((await manager.create('inventory.supplier', { name: 'Acme' })).id);
  item = String((await manager.create('inventory.item', { sku: 'PO-1', name: 'Widget' })).id);
}, 60_000);
afterAll(async () => {
  await runtime?.dispose();
});

describe('purchase order lines outside draft', () => {
  it('nobody changes, adds or deletes a line of an order awaiting approval', async () => {
    const order = await purchaser.create(PO, { supplier, order_date: today(), buyer: org.users.get('purchaser')!.id });
    const line = await purchaser.create(LINE, { order: order.id, item, quantity: 10, rate: 600 });
    await (await WorkflowEngine.for(purchaser)).run(PO, String(order.id), 'request_approval');
    expect((await manager.get(PO, String(order.id))).status).toBe('TO_APPROVE');

    // A manager (and an admin) may write every line, and the guard still refuses it, on the field that says why.
    const byManager = await errorOf(manager.update(LINE, String(line.id), { quantity: 1 }));
    expect(fieldErrors(byManager)).toEqual({ order: { message: 'is no longer a draft: its lines are read-only (send it back to draft to change them)', type: 'guard' } });
    const err = await errorOf(admin.update(LINE, String(line.id), { quantity: 1 }));
    expect(err).toBeInstanceOf(RecordValidationError);
    expect(fieldErrors(err)).toEqual({ order: { message: 'is no longer a draft: its lines are read-only (send it back to draft to change them)', type: 'guard' } });
    const added = await errorOf(admin.create(LINE, { order: order.id, item, quantity: 1, rate: 1 }));
    expect(fieldErrors(added)).toEqual({ order: { message: 'is no longer a draft: its lines are read-only (send it back to draft to change them)', type: 'guard' } });
    const after = await manager.get(LINE, String(line.id));
    expect([Number(after.quantity), Number((await manager.get(PO, String(order.id))).total)]).toEqual([10, 6000]);
    expect(await manager.count(LINE, [{ field: 'order', op: 'eq', value: order.id }])).toBe(1);

    // Deleting the line is changing the order too: refused for the manager and the admin alike, the line and total stay.
    for (const who of [manager, admin]) {
      const deleted = await errorOf(who.delete(LINE, String(line.id)));
      expect(deleted).toBeInstanceOf(RecordValidationError);
      expect(fieldErrors(deleted)).toEqual({ order: { message: 'is no longer a draft: its lines are read-only (send it back to draft to change them)', type: 'guard' } });
    }
    expect(await manager.count(LINE, [{ field: 'order', op: 'eq', value: order.id }])).toBe(1);
    expect(Number((await manager.get(PO, String(order.id))).total)).toBe(6000);

    // Sent back, it is a draft again: its lines can change, and be deleted.
    await (await WorkflowEngine.for(manager)).run(PO, String(order.id), 'reject', { comment: 'Too many' });
    await manager.update(LINE, String(line.id), { quantity: 5 });
    expect(Number((await manager.get(PO, String(order.id))).total)).toBe(3000);
    const spare = await manager.create(LINE, { order: order.id, item, quantity: 1, rate: 1 });
    await manager.delete(LINE, String(spare.id));
    expect(await manager.count(LINE, [{ field: 'order', op: 'eq', value: order.id }])).toBe(1);
  }, 60_000);
});

describe('an order without lines', () => {
  it('cannot be placed: a field error on status, and it stays a draft', async () => {
    const order = await purchaser.create(PO, { supplier, order_date: today(), buyer: org.users.get('purchaser')!.id });
    expect(Number(order.total ?? 0)).toBe(0);
    const err = await errorOf((await WorkflowEngine.for(purchaser)).run(PO, String(order.id), 'place'));
    expect(fieldErrors(err)).toEqual({ status: { message: 'cannot be placed or sent for approval without lines: add the items to order first', type: 'guard' } });
    expect((await manager.get(PO, String(order.id))).status).toBe('DRAFT');

    // With a line (even at rate 0, as the reorder check's drafts are) it is placed.
    await purchaser.create(LINE, { order: order.id, item, quantity: 2, rate: 0 });
    await (await WorkflowEngine.for(purchaser)).run(PO, String(order.id), 'place');
    expect((await manager.get(PO, String(order.id))).status).toBe('APPROVED');
  }, 60_000);
});
