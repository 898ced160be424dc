/**
 * The concurrency measure on the shipped inventory manifest (not a test fixture): a
 * storekeeper assigned to two warehouses submits two transfers in opposite directions 50 times at
 * once (100 submissions in flight, their lines in opposite orders) through the real workflow and
 * role rules. Nobody gets a deadlock (or any) error, and every balance — quantity and stock value
 * — ends exactly where it started, with 400 ledger rows posted by the transfers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { localDate, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const ENTRY = 'inventory.stock_entry';
const LINE = 'inventory.stock_entry_line';

let runtime: TestRuntime;
let org: Fixture;
let keeper: RecordService;
let main: string;
let annex: string;

const today = (): string => localDate(new Date(), serverTimeZone());

async function entry(purpose: string, from: string | null, to: string | null, lines: [string, number, number?][]): Promise<string> {
  const e = await keeper.create(ENTRY, { purpose, posting_date: today(), from_warehouse: from, to_warehouse: to });
  for (const [item, quantity, rate] of lines) await keeper.create(LINE, { entry: e.id, item, quantity, rate: rate ?? null });
  return String(e.id);
}
const submit = async (id: string) => (await WorkflowEngine.for(keeper)).run(ENTRY, id, 'submit');

async function balances(items: string[]): Promise<[number, number][]> {
  const out: [number, number][] = [];
  for (const item of items) {
    for (const warehouse of [main, annex]) {
      const [b] = await keeper.find('inventory.stock_balance', { filters: [{ field: 'item', op: 'eq', value: item }, { field: 'warehouse', op: 'eq', value: warehouse }] });
      out.push([Number(b.quantity), Number(b.stock_value)]);
    }
  }
  return out;
}

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 20 });
  org = await createFixtureOrg(runtime, 'inventory', ['storekeeper', 'manager']);
  const manager = await org.as('manager');
  main = String((await manager.create('inventory.warehouse', { name: 'Main store' })).id);
  annex = String((await manager.create('inventory.warehouse', { name: 'Annex' })).id);
  for (const warehouse of [main, annex]) await manager.create('inventory.warehouse_assignment', { warehouse, user: org.users.get('storekeeper')!.id });
  keeper = await org.as('storekeeper');
}, 60_000);
afterAll(async () => {
  await runtime?.dispose();
});

describe('opposite transfers on the inventory manifest', () => {
  it('50 pairs at once: no deadlock reaches anyone, balances exact', async () => {
    const manager = await org.as('manager');
    const [a, b] = await Promise.all(['OT-A', 'OT-B'].map(async (sku) => String((await manager.create('inventory.item', { sku, name: sku })).id)));
    await submit(await entry('RECEIPT', null, main, [[a, 100, 10], [b, 100, 4]]));
    await submit(await entry('RECEIPT', null, annex, [[a, 100, 10], [b, 100, 4]]));
    expect(await balances([a, b])).toEqual([[100, 1000], [100, 1000], [100, 400], [100, 400]]);

    const there: string[] = [];
    const back: string[] = [];
    for (let i = 0; i < 50; i++) {
      // Lines in opposite orders too: only the posting's fixed key order keeps the row locks in one order.
      there.push(await entry('TRANSFER', main, annex, [[a, 1], [b, 2]]));
      back.push(await entry('TRANSFER', annex, main, [[b, 2], [a, 1]]));
    }
    const results = await Promise.allSettled(there.flatMap((t, i) => [submit(t), submit(back[i])]));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String((r.reason as Error).message));
    expect(failures).toEqual([]);

    expect(await keeper.count(ENTRY, [{ field: 'purpose', op: 'eq', value: 'TRANSFER' }, { field: 'status', op: 'eq', value: 'SUBMITTED' }])).toBe(100);
    expect(await balances([a, b])).toEqual([[100, 1000], [100, 1000], [100, 400], [100, 400]]);
    // 100 transfers × 2 lines × (out of one warehouse, into the other), beside the 4 receipt rows.
    expect(await manager.count('inventory.stock_ledger_entry')).toBe(404);
  }, 180_000);
});
