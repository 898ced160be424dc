/**
 * A valued ledger (`ledger.valuation` + `balance.valuation`), in the
 * stockroom fixture: receipts come in at their line's rate; issues go out at
 * the warehouse's moving average or consume FIFO layers oldest first, as the
 * item's method says; every ledger row gets its valuation rate, value change
 * and quantity after, in the posting transaction. A transfer carries the
 * value that left one warehouse into the other; a cancellation puts back what
 * the document took out. Concurrent issues queue on the balance's row lock:
 * exactly the stock there is goes out, and the balance's value stays the sum
 * of its ledger's value changes.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ledgerDrift } from '../core/data/ledgers/drift.js';
import type { RecordService } from '../core/data/records.js';
import { ManifestError, RecordValidationError } from '../core/errors.js';
import { localDate, loadRegistry, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import type { Json } from './support/ledger-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { valuedStockroomDir, valuedStockroomManifest } from './support/valuation-fixture.js';

const ENTRY = 'stockroom.stock_entry';
const LINE = 'stockroom.stock_entry_line';
const dir = valuedStockroomDir();
let runtime: TestRuntime;
let org: Fixture;
let keeper: RecordService;
let main: string;
let annex: string;
let counter = 0;

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

const item = async (sku: string, method: 'AVG' | 'FIFO'): Promise<string> => String((await keeper.create('stockroom.item', { sku, method })).id);
/** Posts an entry (lines: item, qty, rate) through the workflow, as a keeper of its own; returns its id. */
async function post(from: string | null, to: string | null, lines: [string, number, number?][], as?: RecordService): Promise<string> {
  const records = as ?? keeper;
  const id = String((await records.create(ENTRY, { reference: `SE-${++counter}`, posting_date: localDate(new Date(), serverTimeZone()), from_warehouse: from, to_warehouse: to })).id);
  for (const [it, qty, rate] of lines) await records.create(LINE, { entry: id, item: it, qty, rate: rate ?? null });
  await (await WorkflowEngine.for(as ?? (await org.as('keeper')))).run(ENTRY, id, 'submit');
  return id;
}
const cancel = async (id: string): Promise<unknown> => (await WorkflowEngine.for(await org.as('keeper'))).run(ENTRY, id, 'cancel');
async function balance(it: string, warehouse: string): Promise<{ qty: number; value: number; rate: number; layers: { qty: string; value: string }[] | null }> {
  const [row]: { qty: string; value: string; rate: string; layers: { qty: string; value: string }[] | null }[] = await runtime.dataSource.query(
    `SELECT qty, value, rate, layers FROM stockroom_stock_balance WHERE item_id = $1 AND warehouse_id = $2`, [it, warehouse]);
  return { qty: Number(row.qty), value: Number(row.value), rate: Number(row.rate), layers: row.layers };
}
/** The ledger rows of an item in a warehouse, oldest first: [qty, rate, value change, qty after]. */
async function moves(it: string, warehouse: string): Promise<[number, number, number, number][]> {
  const rows: { qty: string; rate: string; value: string; qty_after: string }[] = await runtime.dataSource.query(
    `SELECT qty, rate, value, qty_after FROM stockroom_stock_move WHERE item_id = $1 AND warehouse_id = $2 ORDER BY qty_after IS NULL, created_at, id`, [it, warehouse]);
  return rows.map((r) => [Number(r.qty), Number(r.rate), Number(r.value), Number(r.qty_after)]);
}
/** The balance's value equals the sum of its ledger's value changes, to the cent. */
async function expectNoValueDrift(): Promise<void> {
  const drift: unknown[] = await runtime.dataSource.query(
    `SELECT b.item_id FROM stockroom_stock_balance b LEFT JOIN (SELECT item_id, warehouse_id, sum(value) AS v, sum(qty) AS q FROM stockroom_stock_move GROUP BY 1, 2) m USING (item_id, warehouse_id)
      WHERE b.value <> coalesce(m.v, 0) OR b.qty <> coalesce(m.q, 0)`);
  expect(drift).toEqual([]);
}

describe('moving average', () => {
  it('receipts raise the rate to the weighted average; issues take out at it; the last unit takes what is left', async () => {
    const a = await item('AVG-1', 'AVG');
    await post(null, main, [[a, 10, 5]]);
    await post(null, main, [[a, 20, 8]]);
    expect(await balance(a, main)).toMatchObject({ qty: 30, value: 210, rate: 7 });
    await post(main, null, [[a, 4]]);
    expect(await balance(a, main)).toMatchObject({ qty: 26, value: 182, rate: 7 });
    await post(null, main, [[a, 3, 1]]);
    // (182 + 3) / 29 = 6.379310…: 28 go out at it (178.62), the last unit takes what is left (6.38).
    await post(main, null, [[a, 28]]);
    await post(main, null, [[a, 1]]);
    expect(await moves(a, main)).toEqual([
      [10, 5, 50, 10],
      [20, 7, 160, 30],
      [-4, 7, -28, 26],
      [3, 6.37931, 3, 29],
      [-28, 6.38, -178.62, 1],
      [-1, 6.38, -6.38, 0],
    ]);
    expect(await balance(a, main)).toMatchObject({ qty: 0, value: 0 });
    await expectNoValueDrift();
  });
});

describe('FIFO', () => {
  it('an issue consumes the oldest layers first; the balance keeps what is left of each receipt', async () => {
    const f = await item('FIFO-1', 'FIFO');
    await post(null, main, [[f, 10, 5]]);
    await post(null, main, [[f, 10, 8]]);
    await post(main, null, [[f, 12]]);
    expect(await moves(f, main)).toEqual([
      [10, 5, 50, 10],
      [10, 6.5, 80, 20],
      [-12, 8, -66, 8],
    ]);
    expect(await balance(f, main)).toEqual({ qty: 8, value: 64, rate: 8, layers: [{ qty: '8.0000', value: '64.00' }] });
    await expectNoValueDrift();
  });

  it('20 concurrent issues of 2 against three layers of 10: exactly 15 succeed, the stock and its value end at 0', async () => {
    const f = await item('FIFO-HOT', 'FIFO');
    for (const rate of [1, 2, 3]) await post(null, main, [[f, 10, rate]]);
    const keepers = await Promise.all(Array.from({ length: 20 }, () => org.as('keeper')));
    const results = await Promise.allSettled(keepers.map((k) => post(main, null, [[f, 2]], k)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(15);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as RecordValidationError).message).toMatch(/^Only [01] of item FIFO-HOT in Main store$/);
    expect(await balance(f, main)).toMatchObject({ qty: 0, value: 0, layers: [] });
    // In the order they got the lock: the quantity after each issue falls by 2.
    const issued = (await moves(f, main)).filter(([q]) => q < 0).sort((x, y) => y[3] - x[3]);
    // Whatever order they queued in, the issues took the layers oldest first: 5 × 2.00, then 5 × 4.00, then 5 × 6.00.
    expect(issued.map(([, , v]) => v)).toEqual([...Array(5).fill(-2), ...Array(5).fill(-4), ...Array(5).fill(-6)]);
    await expectNoValueDrift();
  }, 60_000);

  it('20 concurrent issues of a moving-average item: exactly the stock goes out and its value with it', async () => {
    const a = await item('AVG-HOT', 'AVG');
    await post(null, main, [[a, 7, 3]]);
    await post(null, main, [[a, 3, 4]]);
    const keepers = await Promise.all(Array.from({ length: 20 }, () => org.as('keeper')));
    const results = await Promise.allSettled(keepers.map((k) => post(main, null, [[a, 1]], k)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(await balance(a, main)).toMatchObject({ qty: 0, value: 0 });
    expect((await moves(a, main)).filter(([q]) => q < 0).reduce((s, [, , v]) => s + v, 0)).toBeCloseTo(-33, 6);
    await expectNoValueDrift();
  }, 60_000);
});

describe('transfers and cancellations', () => {
  it('a transfer carries the value that left one warehouse into the other (FIFO and moving average)', async () => {
    const f = await item('FIFO-T', 'FIFO');
    const a = await item('AVG-T', 'AVG');
    await post(null, main, [[f, 5, 2], [a, 4, 2.5]]);
    await post(null, main, [[f, 5, 4], [a, 2, 4]]);
    await post(main, annex, [[f, 7], [a, 3]]);
    // FIFO: 5 × 2 + 2 × 4 = 18 leave Main and arrive in the Annex as one layer of 7 worth 18.
    expect(await balance(f, main)).toMatchObject({ qty: 3, value: 12, rate: 4 });
    expect(await balance(f, annex)).toEqual({ qty: 7, value: 18, rate: 2.571429, layers: [{ qty: '7.0000', value: '18.00' }] });
    // Moving average 3: 3 × 3.00 leave Main and arrive at the same rate.
    expect(await balance(a, main)).toMatchObject({ qty: 3, value: 9, rate: 3 });
    expect(await balance(a, annex)).toMatchObject({ qty: 3, value: 9, rate: 3 });
    await expectNoValueDrift();
  });

  it('cancelling an issue puts back the value it took out', async () => {
    const f = await item('FIFO-C', 'FIFO');
    await post(null, main, [[f, 4, 10]]);
    await post(null, main, [[f, 4, 20]]);
    const issue = await post(main, null, [[f, 6]]);
    expect(await balance(f, main)).toMatchObject({ qty: 2, value: 40 });
    await cancel(issue);
    expect(await balance(f, main)).toMatchObject({ qty: 8, value: 120, rate: 15 });
    await expectNoValueDrift();
  });
});

describe('the ledger check', () => {
  it('reports a balance whose value no longer matches its ledger\'s value changes', async () => {
    const a = await item('AVG-DRIFT', 'AVG');
    await post(null, main, [[a, 2, 10]]);
    const check = () => runtime.dataSource.transaction((m) => ledgerDrift(m, runtime.registry, org.org.id, 'stockroom'));
    expect((await check()).drift).toEqual([]);
    await runtime.dataSource.query(`UPDATE stockroom_stock_balance SET value = value + 1 WHERE item_id = $1`, [a]);
    expect((await check()).drift).toEqual([expect.objectContaining({ key: { item: a, warehouse: main }, ledgerSum: '2.0000', balance_quantity: '2.0000', ledgerValue: '20.00', balanceValue: '21.00' })]);
    await runtime.dataSource.query(`UPDATE stockroom_stock_balance SET value = value - 1 WHERE item_id = $1`, [a]);
  });
});

describe('valuation in manifest:validate', () => {
  type E = { name: string } & Json;
  const problems = (change: (m: Json, entity: (n: string) => E) => void): [string, string][] => {
    const m = valuedStockroomManifest();
    const entities = m.entities as E[];
    change(m, (n) => entities.find((e) => e.name === n)!);
    const d = valuedStockroomDir(m);
    try {
      loadRegistry({ dir: d });
    } catch (err) {
      expect(err).toBeInstanceOf(ManifestError);
      return (err as ManifestError).problems.map((p) => [p.pointer, p.message]);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
    throw new Error('the manifest loaded without problems');
  };
  const idx = (n: string): number => (valuedStockroomManifest().entities as E[]).findIndex((e) => e.name === n);
  const v = `/entities/${idx('stock_move')}/ledger/valuation`;

  it('the method names a reference key and an enum of its entity with both values; FIFO needs layers', () => {
    expect(problems((_m, e) => void ((e('stock_move').ledger as Json).valuation = { ...((e('stock_move').ledger as Json).valuation as Json), method: { key: 'warehouse', field: 'method', average: 'AVG', fifo: 'FIFO' } }))).toEqual([
      [`${v}/method/field`, 'unknown field "method" of stockroom.warehouse'],
    ]);
    expect(problems((_m, e) => void ((e('stock_move').ledger as Json).valuation = { ...((e('stock_move').ledger as Json).valuation as Json), method: { key: 'item', field: 'method', average: 'AVG', fifo: 'LIFO' } }))).toEqual([
      [`${v}/method/fifo`, '"LIFO" is not one of AVG, FIFO'],
    ]);
    expect(problems((_m, e) => void (((e('stock_balance').balance as Json).valuation as Json).layers = undefined))).toEqual([
      [`${v}/method`, 'FIFO keeps layers: stockroom.stock_balance\'s "valuation" needs "layers" (a json field)'],
    ]);
  });

  it('ledger and balance declare it together; the fields exist and are numeric; a movement rate needs an incomingRate', () => {
    expect(problems((_m, e) => void ((e('stock_balance').balance as Json).valuation = undefined))).toEqual([[v, 'stockroom.stock_balance does not declare "valuation" (the value and rate it keeps)']]);
    expect(problems((_m, e) => void (((e('stock_move').ledger as Json).valuation = undefined), ((e('stock_entry').posting as { movements: Json[] }).movements[1].rate = undefined)))).toEqual([
      [`/entities/${idx('stock_move')}/ledger/balance`, 'stockroom.stock_balance declares "valuation": the ledger must declare "valuation" too (its method, rate and value fields)'],
    ]);
    expect(problems((_m, e) => void (((e('stock_move').ledger as Json).valuation as Json).value = 'entry'))).toEqual([[`${v}/value`, 'field "entry" of stockroom.stock_move must be numeric (integer, decimal or money), not reference']]);
    expect(problems((_m, e) => void (((e('stock_move').ledger as Json).valuation as Json).incomingRate = undefined))).toEqual([
      [`/entities/${idx('stock_entry')}/posting/movements/1/rate`, 'stockroom.stock_move has no "valuation" with an "incomingRate" field to write the rate to'],
    ]);
  });
});
