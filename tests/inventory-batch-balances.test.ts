/**
 * Batch tracking on the stock ledger, as ERPNext users know it: stock is kept
 * per item × warehouse, and beside it a batch quantity per batch × warehouse
 * (the ledger's second balance, declared in the manifest). A line of a
 * batch-tracked item must name a batch of that item, a line of an untracked
 * item none (field errors on the line's batch); each ledger row records its
 * batch; issuing more of a batch than that batch has in the warehouse is
 * refused naming the batch, even when the item has enough in other batches;
 * 20 simultaneous issues of the last 10 units of one batch: exactly 10 go
 * through and the batch ends at 0; cancelling reverses the batch balance;
 * the nightly ledger check sums batch balances too.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ledgerDrift } from '../core/data/ledgers/drift.js';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { columnOf, localDate, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const ENTRY = 'inventory.stock_entry';
const LINE = 'inventory.stock_entry_line';
let runtime: TestRuntime;
let org: Fixture;
let manager: RecordService;
let main: string;
let annex: string;
let counter = 0;

const today = (): string => localDate(new Date(), serverTimeZone());
const fieldErrors = (err: unknown) => (err as RecordValidationError).fieldErrors;

async function item(hasBatch: boolean): Promise<string> {
  const n = ++counter;
  return String((await manager.create('inventory.item', { sku: `BT-${n}`, name: `Item ${n}`, has_batch: hasBatch })).id);
}
async function batch(of: string, number: string): Promise<string> {
  return String((await manager.create('inventory.batch', { number, item: of })).id);
}
async function entry(from: string | null, to: string | null, lines: { item: string; quantity: number; batch?: string | null }[]): Promise<string> {
  const purpose = from && to ? 'TRANSFER' : from ? 'ISSUE' : 'RECEIPT';
  const id = String((await manager.create(ENTRY, { purpose, posting_date: today(), from_warehouse: from, to_warehouse: to })).id);
  for (const l of lines) await manager.create(LINE, { entry: id, item: l.item, quantity: l.quantity, batch: l.batch ?? null, rate: 2 });
  return id;
}
const run = async (id: string, transition: string) => (await WorkflowEngine.for(manager)).run(ENTRY, id, transition);

async function batchQty(b: string, warehouse: string): Promise<number> {
  const rows = await manager.find('inventory.batch_balance', { filters: [{ field: 'batch', op: 'eq', value: b }, { field: 'warehouse', op: 'eq', value: warehouse }] });
  return rows.length ? Number(rows[0].quantity) : 0;
}
async function stockQty(i: string, warehouse: string): Promise<number> {
  const rows = await manager.find('inventory.stock_balance', { filters: [{ field: 'item', op: 'eq', value: i }, { field: 'warehouse', op: 'eq', value: warehouse }] });
  return rows.length ? Number(rows[0].quantity) : 0;
}

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 30 });
  org = await createFixtureOrg(runtime, 'inventory', ['manager']);
  manager = await org.as('manager');
  main = String((await manager.create('inventory.warehouse', { name: 'Main store' })).id);
  annex = String((await manager.create('inventory.warehouse', { name: 'Annex' })).id);
}, 120_000);
afterAll(async () => {
  await runtime?.dispose();
});

describe("a line's batch", () => {
  it('a batch-tracked item needs one of its own batches, an untracked item takes none: field errors on the line', async () => {
    const tracked = await item(true);
    const other = await item(true);
    const plain = await item(false);
    const own = await batch(tracked, 'L-1');
    const foreign = await batch(other, 'L-9');
    const e = String((await manager.create(ENTRY, { purpose: 'RECEIPT', posting_date: today(), to_warehouse: main })).id);

    const missing = await errorOf(manager.create(LINE, { entry: e, item: tracked, quantity: 1 }));
    expect(missing).toBeInstanceOf(RecordValidationError);
    expect(fieldErrors(missing)).toEqual({ batch: { message: "is required: this line's item is batch tracked (name the batch its units belong to)", type: 'guard' } });
    const wrong = await errorOf(manager.create(LINE, { entry: e, item: tracked, quantity: 1, batch: foreign }));
    expect(fieldErrors(wrong)).toEqual({ batch: { message: "is a batch of another item: name a batch of this line's item", type: 'guard' } });
    const untracked = await errorOf(manager.create(LINE, { entry: e, item: plain, quantity: 1, batch: own }));
    expect(fieldErrors(untracked)).toEqual({ batch: { message: "must be empty: this line's item is not batch tracked", type: 'guard' } });

    // The right ones are accepted; changing a good line's item to another one is checked again.
    const good = await manager.create(LINE, { entry: e, item: tracked, quantity: 1, batch: own });
    await manager.create(LINE, { entry: e, item: plain, quantity: 1 });
    const moved = await errorOf(manager.update(LINE, String(good.id), { item: other }));
    expect(fieldErrors(moved)).toEqual({ batch: { message: "is a batch of another item: name a batch of this line's item", type: 'guard' } });
    expect(await manager.count(LINE, [{ field: 'entry', op: 'eq', value: e }])).toBe(2);
  }, 60_000);
});

describe('the batch balance', () => {
  it('receipts and transfers move it per batch and warehouse, each ledger row records the batch; an issue beyond the batch is refused naming it', async () => {
    const i = await item(true);
    const a = await batch(i, 'A-1');
    const b = await batch(i, 'B-1');
    await run(await entry(null, main, [{ item: i, quantity: 10, batch: a }, { item: i, quantity: 5, batch: b }]), 'submit');
    await run(await entry(main, annex, [{ item: i, quantity: 4, batch: a }]), 'submit');
    expect([await batchQty(a, main), await batchQty(b, main), await batchQty(a, annex), await batchQty(b, annex)]).toEqual([6, 5, 4, 0]);
    expect([await stockQty(i, main), await stockQty(i, annex)]).toEqual([11, 4]);
    const rows = await manager.find('inventory.stock_ledger_entry', { filters: [{ field: 'item', op: 'eq', value: i }] });
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.batch === a || r.batch === b)).toBe(true);

    // Main has 11 of the item, but only 5 of batch B-1: 7 of B-1 is refused, and nothing moves.
    const tooMuch = await entry(main, null, [{ item: i, quantity: 7, batch: b }]);
    const err = await errorOf(run(tooMuch, 'submit'));
    expect(err).toBeInstanceOf(RecordValidationError);
    expect((err as Error).message).toBe('Only 5 of batch B-1 in Main store');
    expect((await manager.get(ENTRY, tooMuch)).status).toBe('DRAFT');
    expect([await batchQty(b, main), await stockQty(i, main)]).toEqual([5, 11]);
  }, 60_000);

  it('cancelling an issue puts the batch back', async () => {
    const i = await item(true);
    const a = await batch(i, 'C-1');
    await run(await entry(null, main, [{ item: i, quantity: 8, batch: a }]), 'submit');
    const issue = await entry(main, null, [{ item: i, quantity: 3, batch: a }]);
    await run(issue, 'submit');
    expect(await batchQty(a, main)).toBe(5);
    await run(issue, 'cancel');
    expect([await batchQty(a, main), await stockQty(i, main)]).toEqual([8, 8]);
  }, 60_000);

  it('20 simultaneous issues of the last 10 units of one batch: exactly 10 succeed and the batch ends at 0', async () => {
    const i = await item(true);
    const last = await batch(i, 'HOT-1');
    const spare = await batch(i, 'HOT-2');
    // The item has 30 in the warehouse: only the batch's own balance can refuse.
    await run(await entry(null, main, [{ item: i, quantity: 10, batch: last }, { item: i, quantity: 20, batch: spare }]), 'submit');
    const drafts: string[] = [];
    for (let n = 0; n < 20; n++) drafts.push(await entry(main, null, [{ item: i, quantity: 1, batch: last }]));
    const results = await Promise.allSettled(drafts.map((id) => run(id, 'submit')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as Error);
    expect(refusals).toHaveLength(10);
    for (const r of refusals) {
      expect(r).toBeInstanceOf(RecordValidationError);
      expect(r.message).toBe('Only 0 of batch HOT-1 in Main store');
    }
    expect([await batchQty(last, main), await batchQty(spare, main), await stockQty(i, main)]).toEqual([0, 20, 20]);
    expect(await manager.count(ENTRY, [{ field: 'id', op: 'in', value: drafts }, { field: 'status', op: 'eq', value: 'SUBMITTED' }])).toBe(10);
  }, 120_000);
});

describe('the ledger check', () => {
  it('sums the batch balances too: none drifts after the movements above, one changed outside the ledger is reported', async () => {
    const check = () => runtime.dataSource.transaction((m) => ledgerDrift(m, runtime.registry, org.org.id, 'inventory'));
    const before = await check();
    expect(before.drift).toEqual([]);
    const i = await item(true);
    const a = await batch(i, 'D-1');
    await run(await entry(null, main, [{ item: i, quantity: 6, batch: a }]), 'submit');
    const entity = runtime.registry.entity('inventory.batch_balance')!;
    const col = (f: string) => columnOf(entity.field.get(f)!);
    await runtime.dataSource.query(`UPDATE "${entity.table}" SET "${col('quantity')}" = 9 WHERE "${col('batch')}" = $1`, [a]);
    const after = await check();
    expect(after.drift).toEqual([expect.objectContaining({ balance: 'inventory.batch_balance', key: { batch: a, warehouse: main }, balance_quantity: expect.stringMatching(/^9(\.0*)?$/) })]);
    expect(Number(after.drift[0].ledgerSum)).toBe(6);
  }, 60_000);
});
