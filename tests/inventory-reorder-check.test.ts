/**
 * The daily reorder check: rules below their level become one draft
 * purchase order per supplier (one line per item, the rule's quantity);
 * an item at or above its level, or already on an order being prepared, is
 * not ordered again, so a second run the same day orders nothing. The level
 * is compared with the balance's projected quantity: actual + ordered (lines
 * of approved orders for that warehouse, less what their receipts brought)
 * − reserved, each kept by its own ledger and checked by the ledger check.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { JobScheduler } from '../core/jobs/index.js';
import { localDate, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let org: Fixture;
let scheduler: JobScheduler;
let manager: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'inventory', ['manager']);
  manager = await org.as('manager');
  scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
}, 60_000);
afterAll(async () => {
  await scheduler?.close();
  await runtime?.dispose();
});

describe('reorder check', () => {
  it('orders what is below its level, one draft per supplier, and nothing twice', async () => {
    const main = String((await manager.create('inventory.warehouse', { name: 'Main store' })).id);
    const [acme, globex] = await Promise.all(['Acme', 'Globex'].map(async (name) => String((await manager.create('inventory.supplier', { name })).id)));
    const items = [];
    for (let i = 1; i <= 4; i++) items.push(String((await manager.create('inventory.item', { sku: `SKU-R${i}`, name: `Item ${i}` })).id));
    // Stock: item 1 has 3, item 4 has 50; items 2 and 3 have none.
    const entry = await manager.create('inventory.stock_entry', { purpose: 'RECEIPT', posting_date: localDate(new Date(), serverTimeZone()), to_warehouse: main });
    await manager.create('inventory.stock_entry_line', { entry: entry.id, item: items[0], quantity: 3 });
    await manager.create('inventory.stock_entry_line', { entry: entry.id, item: items[3], quantity: 50 });
    await (await WorkflowEngine.for(manager)).run('inventory.stock_entry', String(entry.id), 'submit');
    const rule = (item: string, supplier: string, level: number, quantity: number) => manager.create('inventory.reorder_rule', { item, warehouse: main, supplier, level, quantity });
    await rule(items[0], acme, 10, 40); // below
    await rule(items[1], acme, 5, 20); // below
    await rule(items[2], globex, 1, 7); // below
    await rule(items[3], globex, 10, 99); // above

    const [outcome] = await scheduler.runNow('inventory.reorder_check', org.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: '2 draft purchase orders with 3 lines' });
    const orders = await manager.find('inventory.purchase_order');
    expect(orders.map((o) => [o.supplier, o.status]).sort()).toEqual([[acme, 'DRAFT'], [globex, 'DRAFT']].sort());
    const lines = await manager.find('inventory.purchase_order_line');
    expect(lines.map((l) => [l.item, Number(l.quantity)]).sort()).toEqual([[items[0], 40], [items[1], 20], [items[2], 7]].sort());

    const [again] = await scheduler.runNow('inventory.reorder_check', org.org.slug);
    expect(again).toMatchObject({ status: 'ok', message: '0 draft purchase orders with 0 lines' });
    expect(await manager.count('inventory.purchase_order')).toBe(2);
  }, 60_000);

  it('compares the projected quantity: ordered stock of approved orders counts, reserved stock does not', async () => {
    const main = String((await manager.create('inventory.warehouse', { name: 'গুদাম ২' })).id);
    const supplier = String((await manager.create('inventory.supplier', { name: 'Initech' })).id);
    const [onOrder, reserved] = await Promise.all(['SKU-P1', 'SKU-P2'].map(async (sku) => String((await manager.create('inventory.item', { sku, name: sku })).id)));
    const today = localDate(new Date(), serverTimeZone());
    const engine = await WorkflowEngine.for(manager);
    const entry = await manager.create('inventory.stock_entry', { purpose: 'RECEIPT', posting_date: today, to_warehouse: main });
    await manager.create('inventory.stock_entry_line', { entry: entry.id, item: onOrder, quantity: 3 });
    await manager.create('inventory.stock_entry_line', { entry: entry.id, item: reserved, quantity: 20 });
    await engine.run('inventory.stock_entry', String(entry.id), 'submit');
    const balance = async (item: string) => {
      const [b] = await manager.find('inventory.stock_balance', { filters: [{ field: 'item', op: 'eq', value: item }, { field: 'warehouse', op: 'eq', value: main }] });
      return { actual: Number(b.quantity), ordered: Number(b.ordered), reserved: Number(b.reserved), projected: Number(b.projected) };
    };
    // 20 of the first item on an approved order for this warehouse: ordered 20, projected 23.
    const order = await manager.create('inventory.purchase_order', { supplier, warehouse: main, order_date: today });
    await manager.create('inventory.purchase_order_line', { order: order.id, item: onOrder, quantity: 20, rate: 10 });
    await engine.run('inventory.purchase_order', String(order.id), 'place');
    expect(await balance(onOrder)).toEqual({ actual: 3, ordered: 20, reserved: 0, projected: 23 });
    // 15 of the second reserved: actual 20 but projected 5.
    await manager.create('inventory.stock_reservation', { item: reserved, warehouse: main, quantity_change: 15, remarks: 'মেরামতের জন্য' });
    expect(await balance(reserved)).toEqual({ actual: 20, ordered: 0, reserved: 15, projected: 5 });
    await manager.create('inventory.reorder_rule', { item: onOrder, warehouse: main, supplier, level: 10, quantity: 40 });
    await manager.create('inventory.reorder_rule', { item: reserved, warehouse: main, supplier, level: 10, quantity: 30 });

    const [outcome] = await scheduler.runNow('inventory.reorder_check', org.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: '1 draft purchase order with 1 line' });
    const drafts = await manager.find('inventory.purchase_order', { filters: [{ field: 'warehouse', op: 'eq', value: main }, { field: 'status', op: 'eq', value: 'DRAFT' }] });
    expect(drafts).toHaveLength(1);
    const lines = await manager.find('inventory.purchase_order_line', { filters: [{ field: 'order', op: 'eq', value: String(drafts[0].id) }] });
    expect(lines.map((l) => [l.item, Number(l.quantity)])).toEqual([[reserved, 30]]);

    // A receipt of 5 against the order: actual 8, ordered 15 (projected unchanged); cancelling it puts the 5 back on order.
    const receipt = await manager.create('inventory.stock_entry', { purpose: 'RECEIPT', posting_date: today, to_warehouse: main, purchase_order: order.id });
    await manager.create('inventory.stock_entry_line', { entry: receipt.id, item: onOrder, quantity: 5 });
    await engine.run('inventory.stock_entry', String(receipt.id), 'submit');
    expect(await balance(onOrder)).toEqual({ actual: 8, ordered: 15, reserved: 0, projected: 23 });
    await engine.run('inventory.stock_entry', String(receipt.id), 'cancel');
    expect(await balance(onOrder)).toEqual({ actual: 3, ordered: 20, reserved: 0, projected: 23 });
    // The order closed as received: nothing is on order any more, projected 3 is below 10, so the item is ordered now.
    await engine.run('inventory.purchase_order', String(order.id), 'receive');
    expect(await balance(onOrder)).toEqual({ actual: 3, ordered: 0, reserved: 0, projected: 3 });
    const [next] = await scheduler.runNow('inventory.reorder_check', org.org.slug);
    expect(next).toMatchObject({ status: 'ok', message: '1 draft purchase order with 1 line' });

    // The ledger check sums the ordered and reserved ledgers against the balances too: no drift.
    const [check] = await scheduler.runNow('inventory.ledger_check', org.org.slug);
    expect(check).toMatchObject({ status: 'ok' });
  }, 60_000);
});
