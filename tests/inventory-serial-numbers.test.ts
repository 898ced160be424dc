/**
 * Serial numbers: a line of an item with serial numbers needs one distinct
 * serial per unit; submitting a receipt puts them in stock in its warehouse,
 * an issue marks them issued, a transfer moves them, cancelling moves them
 * back; a serial cannot be received twice nor issued twice, also when 20
 * entries issuing the same serial are submitted at once (exactly one wins).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import type { RecordValidationError } from '../core/errors.js';
import { localDate, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let org: Fixture;
let manager: RecordService;
let main: string;
let annex: string;
let counter = 0;
const today = (): string => localDate(new Date(), serverTimeZone());

async function newItem(hasSerial = true): Promise<string> {
  return String((await manager.create('inventory.item', { sku: `SN-ITEM-${++counter}`, name: `সিরিয়াল পণ্য ${counter}`, has_serial: hasSerial })).id);
}

async function entry(from: string | null, to: string | null, lines: { item: string; quantity: number; serials?: string }[]): Promise<string> {
  const purpose = from && to ? 'TRANSFER' : from ? 'ISSUE' : 'RECEIPT';
  const id = String((await manager.create('inventory.stock_entry', { purpose, posting_date: today(), from_warehouse: from, to_warehouse: to })).id);
  for (const l of lines) await manager.create('inventory.stock_entry_line', { entry: id, item: l.item, quantity: l.quantity, rate: 10, serial_numbers: l.serials ?? null });
  return id;
}

const run = async (id: string, transition: string) => (await WorkflowEngine.for(manager)).run('inventory.stock_entry', id, transition);

async function serial(item: string, number: string): Promise<{ status: string; warehouse: string } | undefined> {
  const [row] = await manager.find('inventory.serial_number', { filters: [{ field: 'item', op: 'eq', value: item }, { field: 'number', op: 'eq', value: number }] });
  return row ? { status: String(row.status), warehouse: String(row.warehouse) } : undefined;
}

async function balance(item: string, warehouse: string): Promise<number> {
  const [row] = await manager.find('inventory.stock_balance', { filters: [{ field: 'item', op: 'eq', value: item }, { field: 'warehouse', op: 'eq', value: warehouse }] });
  return row ? Number(row.quantity) : 0;
}

const fieldMessage = (e: unknown, field: string): string | undefined => (e as RecordValidationError).fieldErrors?.[field]?.message;

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 24 });
  org = await createFixtureOrg(runtime, 'inventory', ['manager']);
  manager = await org.as('manager');
  main = String((await manager.create('inventory.warehouse', { name: 'Main store' })).id);
  annex = String((await manager.create('inventory.warehouse', { name: 'Annex' })).id);
}, 120_000);
afterAll(() => runtime?.dispose());

describe('serial numbers on stock entry lines', () => {
  it('a serialised item needs one distinct serial per unit; other items take none', async () => {
    const item = await newItem();
    const id = String((await manager.create('inventory.stock_entry', { purpose: 'RECEIPT', posting_date: today(), to_warehouse: main })).id);
    await expect(manager.create('inventory.stock_entry_line', { entry: id, item, quantity: 3, serial_numbers: 'A-1, A-2' })).rejects.toMatchObject({
      fieldErrors: { serial_numbers: { message: 'needs one serial number per unit: 3 units, 2 serial numbers' } },
    });
    await expect(manager.create('inventory.stock_entry_line', { entry: id, item, quantity: 2, serial_numbers: 'A-1\nA-1' })).rejects.toMatchObject({
      fieldErrors: { serial_numbers: { message: 'lists a serial number twice: A-1' } },
    });
    await expect(manager.create('inventory.stock_entry_line', { entry: id, item, quantity: 1.5, serial_numbers: 'A-1' })).rejects.toMatchObject({
      fieldErrors: { quantity: { message: `must be a whole number: item SN-ITEM-${counter} is counted by serial number` } },
    });
    const line = await manager.create('inventory.stock_entry_line', { entry: id, item, quantity: 2, serial_numbers: 'A-1, A-2' });
    // Changing the quantity alone breaks the rule: refused too.
    await expect(manager.update('inventory.stock_entry_line', String(line.id), { quantity: 3 })).rejects.toMatchObject({ fieldErrors: { serial_numbers: {} } });
    const plain = await newItem(false);
    await expect(manager.create('inventory.stock_entry_line', { entry: id, item: plain, quantity: 2, serial_numbers: 'X-1, X-2' })).rejects.toMatchObject({
      fieldErrors: { serial_numbers: { message: `must be empty: item SN-ITEM-${counter} has no serial numbers` } },
    });
  });

  it('receipt → in stock, transfer → moved, issue → issued, cancel → back; received twice is refused', async () => {
    const item = await newItem();
    await run(await entry(null, main, [{ item, quantity: 2, serials: 'B-1, B-2' }]), 'submit');
    expect(await serial(item, 'B-1')).toEqual({ status: 'IN_STOCK', warehouse: main });
    expect(await serial(item, 'B-2')).toEqual({ status: 'IN_STOCK', warehouse: main });

    // The same serial received again while in stock: refused, the whole receipt rolls back (no stock either).
    const again = await entry(null, annex, [{ item, quantity: 1, serials: 'B-1' }]);
    await expect(run(again, 'submit')).rejects.toMatchObject({ fieldErrors: { serial_numbers: { message: 'B-1 is already in stock in Main store' } } });
    expect(await balance(item, annex)).toBe(0);

    const transfer = await entry(main, annex, [{ item, quantity: 1, serials: 'B-2' }]);
    await run(transfer, 'submit');
    expect(await serial(item, 'B-2')).toEqual({ status: 'IN_STOCK', warehouse: annex });

    // B-2 is no longer in Main store: an issue of it from there is refused and nothing posts.
    const wrong = await entry(main, null, [{ item, quantity: 1, serials: 'B-2' }]);
    await expect(run(wrong, 'submit')).rejects.toMatchObject({ fieldErrors: { serial_numbers: { message: 'B-2 is not in stock in Main store' } } });
    expect(await balance(item, main)).toBe(1);

    const issue = await entry(main, null, [{ item, quantity: 1, serials: 'B-1' }]);
    await run(issue, 'submit');
    expect(await serial(item, 'B-1')).toEqual({ status: 'ISSUED', warehouse: main });
    await run(issue, 'cancel');
    expect(await serial(item, 'B-1')).toEqual({ status: 'IN_STOCK', warehouse: main });
    await run(transfer, 'cancel');
    expect(await serial(item, 'B-2')).toEqual({ status: 'IN_STOCK', warehouse: main });
  });

  it('nobody edits a serial by hand: the manager reads them, may not change them', async () => {
    const item = await newItem();
    await run(await entry(null, main, [{ item, quantity: 1, serials: 'C-1' }]), 'submit');
    const [row] = await manager.find('inventory.serial_number', { filters: [{ field: 'item', op: 'eq', value: item }] });
    await expect(manager.update('inventory.serial_number', String(row.id), { status: 'ISSUED' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(manager.create('inventory.serial_number', { item, number: 'C-2', warehouse: main })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('20 entries issuing the same serial at once: exactly one is submitted, the others are refused', async () => {
    const item = await newItem();
    const all = Array.from({ length: 20 }, (_v, i) => `HOT-${String(i + 1).padStart(2, '0')}`);
    await run(await entry(null, main, [{ item, quantity: 20, serials: all.join(', ') }]), 'submit');
    expect(await balance(item, main)).toBe(20);
    // 20 units in stock, so the balance refuses none of them: only the serial decides.
    const drafts = await Promise.all(Array.from({ length: 20 }, () => entry(main, null, [{ item, quantity: 1, serials: 'HOT-07' }])));
    const results = await Promise.allSettled(drafts.map((id) => run(id, 'submit')));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(fieldMessage(r.reason, 'serial_numbers')).toBe('HOT-07 is not in stock in Main store');
    expect(await serial(item, 'HOT-07')).toEqual({ status: 'ISSUED', warehouse: main });
    expect(await balance(item, main)).toBe(19);
    const submitted = await manager.count('inventory.stock_entry', [{ field: 'id', op: 'in', value: drafts }, { field: 'status', op: 'eq', value: 'SUBMITTED' }]);
    expect(submitted).toBe(1);
  }, 60_000);
});
