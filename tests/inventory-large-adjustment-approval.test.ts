/**
 * A large adjustment needs a manager: an adjustment stock entry whose value
 * (its lines' quantity × rate, a roll-up) is at or above the organization's
 * setting `adjustment_approval_threshold` (1,000 when never set) cannot be
 * submitted; it asks for approval, waits read-only without posting, and
 * posts only when a manager approves (the posting's second `post`
 * transition). Below the threshold, and for every other purpose, submit
 * posts at once. Sent back it is a draft again; cancelled while waiting it
 * reverses nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { localDate, serverTimeZone } from '../core/manifest/index.js';
import { updateOrganizationSettings } from '../core/tenancy/settings.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const ENTRY = 'inventory.stock_entry';
let runtime: TestRuntime;
let org: Fixture;
let manager: RecordService;
let keeper: RecordService;
let main: string;
let item: string;
const today = (): string => localDate(new Date(), serverTimeZone());

async function adjustment(quantity: number, rate: number, purpose = 'ADJUSTMENT'): Promise<string> {
  const id = String((await keeper.create(ENTRY, { purpose, posting_date: today(), to_warehouse: main })).id);
  await keeper.create('inventory.stock_entry_line', { entry: id, item, quantity, rate });
  return id;
}
const engine = async (who: RecordService) => WorkflowEngine.for(who);
const status = async (id: string) => String((await manager.get(ENTRY, id)).status);
async function stock(): Promise<number> {
  const [row] = await manager.find('inventory.stock_balance', { filters: [{ field: 'item', op: 'eq', value: item }, { field: 'warehouse', op: 'eq', value: main }] });
  return row ? Number(row.quantity) : 0;
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'inventory', ['storekeeper', 'manager']);
  manager = await org.as('manager');
  keeper = await org.as('storekeeper');
  main = String((await manager.create('inventory.warehouse', { name: 'প্রধান গুদাম' })).id);
  await manager.create('inventory.warehouse_assignment', { warehouse: main, user: org.users.get('storekeeper')!.id });
  item = String((await manager.create('inventory.item', { sku: 'SKU-ADJ', name: 'Adjusted item' })).id);
}, 120_000);
afterAll(() => runtime?.dispose());

describe('a large adjustment needs a manager before it posts', () => {
  it('below the default threshold of 1,000 the storekeeper submits it at once', async () => {
    const id = await adjustment(10, 99.9);
    expect(Number((await manager.get(ENTRY, id)).value)).toBe(999);
    await (await engine(keeper)).run(ENTRY, id, 'submit');
    expect(await status(id)).toBe('SUBMITTED');
    expect(await stock()).toBe(10);
  });

  it('from the threshold: submit is refused, the approval holds it unposted and read-only, a manager\'s approval posts it', async () => {
    const id = await adjustment(10, 100);
    await expect((await engine(keeper)).run(ENTRY, id, 'submit')).rejects.toThrow("an adjustment of this value needs a manager's approval: ask for it");
    await (await engine(keeper)).run(ENTRY, id, 'request_approval');
    expect(await status(id)).toBe('TO_APPROVE');
    expect(await stock()).toBe(10);
    // Waiting for approval, the entry and its lines are read-only: the value cannot change under the manager.
    const [line] = await manager.find('inventory.stock_entry_line', { filters: [{ field: 'entry', op: 'eq', value: id }] });
    await expect(keeper.update('inventory.stock_entry_line', String(line.id), { quantity: 1000 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The storekeeper may not approve their own request; the manager may.
    await expect((await engine(keeper)).run(ENTRY, id, 'approve')).rejects.toThrow();
    expect(await status(id)).toBe('TO_APPROVE');
    const done = await (await engine(manager)).run(ENTRY, id, 'approve');
    expect(done.moved).toBe(true);
    expect(await status(id)).toBe('SUBMITTED');
    expect(await stock()).toBe(20);
    // Posted like a submitted entry: cancelling reverses it.
    await (await engine(manager)).run(ENTRY, id, 'cancel');
    expect(await stock()).toBe(10);
  });

  it('sent back it is a draft again; cancelled while waiting it reverses nothing', async () => {
    const id = await adjustment(20, 100);
    await (await engine(keeper)).run(ENTRY, id, 'request_approval');
    await (await engine(manager)).run(ENTRY, id, 'reject', { comment: 'গণনা আবার করুন' });
    expect(await status(id)).toBe('DRAFT');
    await (await engine(keeper)).run(ENTRY, id, 'request_approval');
    await (await engine(keeper)).run(ENTRY, id, 'cancel');
    expect(await status(id)).toBe('CANCELLED');
    expect(await stock()).toBe(10);
  });

  it('other purposes never wait, and the threshold is the organization\'s setting', async () => {
    const receipt = await adjustment(100, 100, 'RECEIPT');
    await expect((await engine(keeper)).run(ENTRY, receipt, 'request_approval')).rejects.toThrow('only an adjustment from the organization');
    await (await engine(keeper)).run(ENTRY, receipt, 'submit');
    expect(await stock()).toBe(110);
    await updateOrganizationSettings(runtime, org.org.slug, { set: 'adjustment_approval_threshold=5000' });
    const id = await adjustment(10, 100);
    await (await engine(keeper)).run(ENTRY, id, 'submit');
    expect(await status(id)).toBe('SUBMITTED');
    const big = await adjustment(50, 100);
    await expect((await engine(keeper)).run(ENTRY, big, 'submit')).rejects.toThrow(/needs a manager's approval/);
  });
});
