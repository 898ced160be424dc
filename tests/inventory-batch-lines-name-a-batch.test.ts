/**
 * A stock entry line of a batch-tracked item (`has_batch`) must name a batch, and a line of an
 * item without batches must not: both declared as guards on the line, refused with a field error
 * on `batch` and nothing written; a line that names its batch is written as given.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { localDate, serverTimeZone } from '../core/manifest/index.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const LINE = 'inventory.stock_entry_line';
let runtime: TestRuntime;
let org: Fixture;
let manager: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'inventory', ['manager']);
  manager = await org.as('manager');
}, 60_000);
afterAll(async () => {
  await runtime?.dispose();
});

describe('batch on stock entry lines', () => {
  it('a batch-tracked item needs one, any other item refuses one', async () => {
    const main = String((await manager.create('inventory.warehouse', { name: 'Main store' })).id);
    const tracked = String((await manager.create('inventory.item', { sku: 'MED-1', name: 'Medicine', has_batch: true })).id);
    const plain = String((await manager.create('inventory.item', { sku: 'BOX-1', name: 'Box' })).id);
    const batch = String((await manager.create('inventory.batch', { number: 'L-001', item: tracked, expiry: '2030-01-31' })).id);
    const entry = String((await manager.create('inventory.stock_entry', { purpose: 'RECEIPT', posting_date: localDate(new Date(), serverTimeZone()), to_warehouse: main })).id);

    const missing = await errorOf(manager.create(LINE, { entry, item: tracked, quantity: 5 }));
    expect(missing).toBeInstanceOf(RecordValidationError);
    expect((missing as RecordValidationError).fieldErrors).toEqual({ batch: { message: 'is required: the item is batch-tracked, so each line names the batch it moves', type: 'guard' } });
    const extra = await errorOf(manager.create(LINE, { entry, item: plain, quantity: 5, batch }));
    expect((extra as RecordValidationError).fieldErrors).toEqual({ batch: { message: 'must be empty: the item is not batch-tracked', type: 'guard' } });
    expect(await manager.count(LINE)).toBe(0);

    const ok = await manager.create(LINE, { entry, item: tracked, quantity: 5, batch });
    await manager.create(LINE, { entry, item: plain, quantity: 2 });
    // Clearing the batch of a written line is refused the same way.
    const cleared = await errorOf(manager.update(LINE, String(ok.id), { batch: null }));
    expect((cleared as RecordValidationError).fieldErrors).toEqual({ batch: { message: 'is required: the item is batch-tracked, so each line names the batch it moves', type: 'guard' } });
    expect((await manager.find(LINE)).map((l) => [l.item, l.batch ?? null]).sort()).toEqual([[plain, null], [tracked, batch]].sort());
  }, 60_000);
});
