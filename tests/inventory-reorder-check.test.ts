/**
 * The daily reorder check: rules below their level become one draft
 * purchase order per supplier (one line per item, the rule's quantity);
 * an item at or above its level, or already on an open order, is not
 * ordered again, so a second run the same day orders nothing.
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
});
