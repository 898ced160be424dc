/**
 * Documents that post (manifest `posting`): a stock entry with lines posts
 * its movements when the workflow submits it and reverses them when it is
 * cancelled, in the transition's transaction; a refused movement leaves the
 * document in draft with nothing posted; a submitted entry and its lines are
 * read-only; two transfers in opposite directions, 50 times at once, never
 * deadlock and leave the balances exact; backdated postings are refused when
 * the organization says so.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { localDate, loadRegistry, serverTimeZone, addDays } from '../core/manifest/index.js';
import { updateOrganizationSettings } from '../core/tenancy/settings.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { stockroomDir } from './support/ledger-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const ENTRY = 'stockroom.stock_entry';
const LINE = 'stockroom.stock_entry_line';
const dir = stockroomDir();
let runtime: TestRuntime;
let org: Fixture;
let keeper: RecordService;
let main: string;
let annex: string;
let counter = 0;
const today = (): string => localDate(new Date(), serverTimeZone());

async function balanceOf(item: string, warehouse: string): Promise<number> {
  const rows: { qty: string }[] = await runtime.dataSource.query(`SELECT qty FROM stockroom_stock_balance WHERE organization_id = $1 AND item_id = $2 AND warehouse_id = $3`, [org.org.id, item, warehouse]);
  return rows[0] ? Number(rows[0].qty) : 0;
}

async function newItem(sku: string): Promise<string> {
  return String((await keeper.create('stockroom.item', { sku })).id);
}

/** A draft entry with the given lines (item, qty), as the keeper. */
async function entry(from: string | null, to: string | null, lines: [string, number][], postingDate = today()): Promise<string> {
  const id = String((await keeper.create(ENTRY, { reference: `SE-${++counter}`, posting_date: postingDate, from_warehouse: from, to_warehouse: to })).id);
  for (const [item, qty] of lines) await keeper.create(LINE, { entry: id, item, qty });
  return id;
}

async function run(id: string, action: 'submit' | 'cancel'): Promise<unknown> {
  const records = await org.as('keeper');
  return (await WorkflowEngine.for(records)).run(ENTRY, id, action);
}

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: loadRegistry({ dir }), poolSize: 25 });
  org = await createFixtureOrg(runtime, 'stockroom', ['keeper']);
  keeper = await org.as('keeper');
  main = String((await keeper.create('stockroom.warehouse', { name: 'Main store' })).id);
  annex = String((await keeper.create('stockroom.warehouse', { name: 'Annex' })).id);
}, 60_000);

afterAll(async () => {
  await runtime?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('submit posts, cancel reverses', () => {
  it('a receipt posts one movement per line into its warehouse, pointing at the entry; cancelling posts the reversal', async () => {
    const [a, b] = [await newItem('R-A'), await newItem('R-B')];
    const id = await entry(null, main, [[a, 5], [b, 2.5]]);
    expect(await balanceOf(a, main)).toBe(0);
    await run(id, 'submit');
    expect([await balanceOf(a, main), await balanceOf(b, main)]).toEqual([5, 2.5]);
    const moves: { qty: string; entry_id: string; posting_date: string }[] = await runtime.dataSource.query(`SELECT qty, entry_id, posting_date::text FROM stockroom_stock_move WHERE entry_id = $1 ORDER BY qty`, [id]);
    expect(moves.map((m) => Number(m.qty))).toEqual([2.5, 5]);
    expect(moves.every((m) => m.posting_date === today())).toBe(true);
    await run(id, 'cancel');
    expect([await balanceOf(a, main), await balanceOf(b, main)]).toEqual([0, 0]);
    const all: { qty: string }[] = await runtime.dataSource.query(`SELECT qty FROM stockroom_stock_move WHERE entry_id = $1 ORDER BY qty`, [id]);
    expect(all.map((m) => Number(m.qty))).toEqual([-5, -2.5, 2.5, 5]);
  });

  it('a draft cancelled before it was ever submitted posts nothing', async () => {
    const item = await newItem('C-A');
    const id = await entry(null, main, [[item, 5]]);
    await run(id, 'cancel');
    expect(await runtime.dataSource.query(`SELECT 1 FROM stockroom_stock_move WHERE entry_id = $1`, [id])).toHaveLength(0);
    expect(await balanceOf(item, main)).toBe(0);
  });

  it('a transfer moves out of one warehouse and into the other', async () => {
    const item = await newItem('T-A');
    await run(await entry(null, main, [[item, 10]]), 'submit');
    await run(await entry(main, annex, [[item, 4]]), 'submit');
    expect([await balanceOf(item, main), await balanceOf(item, annex)]).toEqual([6, 4]);
  });

  it('an issue beyond the stock is refused naming the balance; the entry stays a draft and nothing is posted', async () => {
    const [a, b] = [await newItem('SKU-0042'), await newItem('SKU-0043')];
    await run(await entry(null, main, [[a, 3], [b, 9]]), 'submit');
    const id = await entry(main, null, [[b, 1], [a, 5]]);
    const err = await errorOf(run(id, 'submit'));
    expect(err).toBeInstanceOf(RecordValidationError);
    expect(err.message).toBe('Only 3 of item SKU-0042 in Main store');
    expect((await keeper.get(ENTRY, id)).status).toBe('DRAFT');
    expect([await balanceOf(a, main), await balanceOf(b, main)]).toEqual([3, 9]);
    expect(await runtime.dataSource.query(`SELECT 1 FROM stockroom_stock_move WHERE entry_id = $1`, [id])).toHaveLength(0);
  });

  it('a submitted entry and its lines are read-only; a draft is not', async () => {
    const item = await newItem('RO-A');
    const id = await entry(null, main, [[item, 1]]);
    const [line] = await keeper.find(LINE, { filters: [{ field: 'entry', op: 'eq', value: id }] });
    await keeper.update(LINE, line.id, { qty: 2 });
    await run(id, 'submit');
    for (const attempt of [keeper.update(ENTRY, id, { reference: 'changed' }), keeper.delete(ENTRY, id), keeper.update(LINE, line.id, { qty: 3 }), keeper.delete(LINE, line.id), keeper.create(LINE, { entry: id, item, qty: 1 })]) {
      const err = await errorOf(attempt);
      expect(err.code).toBe('FORBIDDEN');
      expect(err.message).toMatch(/Submitted is posted and read-only/);
    }
    // The system is held to it as well: the ledger and the document would disagree.
    expect((await errorOf((await org.system()).update(LINE, line.id, { qty: 9 }))).code).toBe('FORBIDDEN');
    expect(await balanceOf(item, main)).toBe(2);
  });
});

describe('concurrency', () => {
  it('two opposite transfers 50 times at once: no deadlock, balances exact', async () => {
    const [a, b] = [await newItem('X-A'), await newItem('X-B')];
    await run(await entry(null, main, [[a, 100], [b, 100]]), 'submit');
    await run(await entry(null, annex, [[a, 100], [b, 100]]), 'submit');
    const there: string[] = [];
    const back: string[] = [];
    for (let i = 0; i < 50; i++) {
      // Lines in opposite orders too: only the posting's key order keeps the locks in one order.
      there.push(await entry(main, annex, [[a, 1], [b, 2]]));
      back.push(await entry(annex, main, [[b, 2], [a, 1]]));
    }
    const results = await Promise.allSettled(there.flatMap((t, i) => [run(t, 'submit'), run(back[i], 'submit')]));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String((r.reason as Error).message));
    expect(failures).toEqual([]);
    expect([await balanceOf(a, main), await balanceOf(a, annex), await balanceOf(b, main), await balanceOf(b, annex)]).toEqual([100, 100, 100, 100]);
  }, 120_000);
});

describe('backdated postings', () => {
  it('are accepted by default and refused once the organization setting (org:settings --backdated-postings off) says so, on submit and on a direct movement', async () => {
    const item = await newItem('BD-A');
    const yesterday = addDays(today(), -1);
    await run(await entry(null, main, [[item, 1]], yesterday), 'submit');
    expect((await errorOf(updateOrganizationSettings(runtime, org.org.slug, { backdatedPostings: 'maybe' }))).message).toMatch(/say on or off/);
    expect(await updateOrganizationSettings(runtime, org.org.slug, { backdatedPostings: 'off' })).toMatchObject({ allowBackdatedPostings: false });
    try {
      const id = await entry(null, main, [[item, 1]], yesterday);
      const err = (await errorOf(run(id, 'submit'))) as RecordValidationError;
      expect(err.fieldErrors.posting_date.message).toMatch(/is before today .*does not accept backdated postings/);
      expect((await keeper.get(ENTRY, id)).status).toBe('DRAFT');
      const direct = (await errorOf(keeper.create('stockroom.stock_move', { item, warehouse: main, qty: 1, posting_date: yesterday }))) as RecordValidationError;
      expect(direct.fieldErrors.posting_date.type).toBe('backdated');
      // Today is fine; and cancelling an old entry posts its reversal today, so it is not backdated.
      await run(await entry(null, main, [[item, 1]]), 'submit');
      expect(await balanceOf(item, main)).toBe(2);
    } finally {
      await updateOrganizationSettings(runtime, org.org.slug, { backdatedPostings: 'on' });
    }
  });
});
