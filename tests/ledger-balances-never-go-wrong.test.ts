/**
 * Ledgers with balances (manifest `ledger` + `balance`), in a fixture module
 * built by code: a movement moves its balance atomically in its own
 * transaction; a non-negative balance refuses what would take it below zero
 * with the balance named by its records' titles, under concurrency too; the
 * ledger is append-only in the data layer and in the database; the balance
 * is written by its ledger only; the core's ledger check reports drift.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import { diffSchema } from '../core/db/migrations.js';
import { RecordValidationError } from '../core/errors.js';
import { resolveJobs } from '../core/jobs/index.js';
import { loadRegistry } from '../core/manifest/index.js';
import { errorOf } from './support/errors.js';
import { stockroomDir } from './support/ledger-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const MOVE = 'stockroom.stock_move';
const BALANCE = 'stockroom.stock_balance';
const dir = stockroomDir();
let runtime: TestRuntime;
let org: Fixture;
let keeper: RecordService;
let main: string;

async function balanceOf(item: string, warehouse: string): Promise<number | undefined> {
  const rows: { qty: string }[] = await runtime.dataSource.query(`SELECT qty FROM stockroom_stock_balance WHERE organization_id = $1 AND item_id = $2 AND warehouse_id = $3`, [org.org.id, item, warehouse]);
  return rows[0] ? Number(rows[0].qty) : undefined;
}

async function newItem(sku: string): Promise<string> {
  return String((await keeper.create('stockroom.item', { sku, name: `Item ${sku}` })).id);
}

const move = (item: string, qty: number, warehouse = main): Promise<unknown> => keeper.create(MOVE, { item, warehouse, qty });

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: loadRegistry({ dir }), poolSize: 25 });
  org = await createFixtureOrg(runtime, 'stockroom', ['keeper']);
  keeper = await org.as('keeper');
  main = String((await keeper.create('stockroom.warehouse', { name: 'Main store' })).id);
}, 60_000);

afterAll(async () => {
  await runtime?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a ledger movement moves its balance', () => {
  it('the first movement creates the balance row, later ones add to it, in the movement\'s transaction', async () => {
    const item = await newItem('SKU-0001');
    expect(await balanceOf(item, main)).toBeUndefined();
    await move(item, 7);
    await move(item, 5);
    await move(item, -2);
    expect(await balanceOf(item, main)).toBe(10);
    // A field of the balance the ledger does not keep starts at its default.
    const [row]: { reserved: string }[] = await runtime.dataSource.query(`SELECT reserved FROM stockroom_stock_balance WHERE item_id = $1`, [item]);
    expect(Number(row.reserved)).toBe(0);
    // A movement that fails later in its transaction leaves the balance as it was.
    await expect(keeper.transaction(async (tx) => {
      await tx.create(MOVE, { item, warehouse: main, qty: 4 });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await balanceOf(item, main)).toBe(10);
  });

  it('refuses a movement below zero with a field error naming the balance by its records\' titles', async () => {
    const item = await newItem('SKU-0042');
    await move(item, 3);
    const err = await errorOf(move(item, -5));
    expect(err).toBeInstanceOf(RecordValidationError);
    expect((err as RecordValidationError).fieldErrors.qty).toEqual({ message: 'Only 3 of item SKU-0042 in Main store', type: 'balance' });
    expect(err.status).toBe(400);
    expect(await balanceOf(item, main)).toBe(3);
    // No balance at all: nothing to take.
    const other = await newItem('SKU-0043');
    expect(((await errorOf(move(other, -1))) as RecordValidationError).fieldErrors.qty.message).toBe('Only 0 of item SKU-0043 in Main store');
    const rows: unknown[] = await runtime.dataSource.query(`SELECT 1 FROM stockroom_stock_move WHERE organization_id = $1 AND item_id = $2`, [org.org.id, other]);
    expect(rows).toHaveLength(0);
  });

  it('20 concurrent issues of the last 10 units: exactly 10 succeed and the balance ends at 0', async () => {
    const item = await newItem('SKU-HOT');
    await move(item, 10);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => move(item, -1)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(10);
    for (const r of refused) expect((r.reason as RecordValidationError).fieldErrors?.qty?.message).toBe('Only 0 of item SKU-HOT in Main store');
    expect(await balanceOf(item, main)).toBe(0);
    const [{ n }]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM stockroom_stock_move WHERE organization_id = $1 AND item_id = $2`, [org.org.id, item]);
    expect(n).toBe(11);
  });
});

describe('append-only, kept by the ledger only', () => {
  it('the data layer refuses to change or delete a ledger entry, with a reason', async () => {
    const item = await newItem('SKU-0100');
    const entry = (await keeper.create(MOVE, { item, warehouse: main, qty: 2 })) as { id: string };
    const update = await errorOf(keeper.update(MOVE, entry.id, { qty: 20 }));
    expect(update.code).toBe('FORBIDDEN');
    expect(update.message).toMatch(/ledger.*never changed.*reversing entry/);
    expect((await errorOf(keeper.delete(MOVE, entry.id))).code).toBe('FORBIDDEN');
    expect((await errorOf(org.system().then((s) => s.delete(MOVE, entry.id)))).code).toBe('FORBIDDEN');
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on the ledger table', async () => {
    const item = await newItem('SKU-0101');
    await move(item, 1);
    await expect(runtime.dataSource.query(`UPDATE stockroom_stock_move SET qty = 5 WHERE item_id = $1`, [item])).rejects.toMatchObject({ driverError: { code: '42501' } });
    await expect(runtime.dataSource.query(`DELETE FROM stockroom_stock_move WHERE item_id = $1`, [item])).rejects.toMatchObject({ driverError: { code: '42501' } });
    await expect(runtime.dataSource.query(`TRUNCATE stockroom_stock_move`)).rejects.toMatchObject({ driverError: { code: '42501' } });
  });

  it('balances cannot be created, edited or deleted through the data layer, even by the system', async () => {
    const item = await newItem('SKU-0102');
    await move(item, 4);
    const [row]: { id: string }[] = await runtime.dataSource.query(`SELECT id FROM stockroom_stock_balance WHERE item_id = $1`, [item]);
    const system = await org.system();
    for (const attempt of [keeper.create(BALANCE, { item, warehouse: main, qty: 9 }), keeper.update(BALANCE, row.id, { qty: 9 }), system.update(BALANCE, row.id, { qty: 9 }), keeper.delete(BALANCE, row.id)]) {
      const err = await errorOf(attempt);
      expect(err.code).toBe('FORBIDDEN');
      expect(err.message).toMatch(/kept by the stock moves: post a movement/);
    }
    expect(await balanceOf(item, main)).toBe(4);
  });

  it('the database holds the rule too: a CHECK refuses a negative balance, the key is unique per organization', async () => {
    const item = await newItem('SKU-0103');
    await move(item, 1);
    await expect(runtime.dataSource.query(`UPDATE stockroom_stock_balance SET qty = -1 WHERE item_id = $1`, [item])).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'CHK_stockroom_stock_balance_nonnegative' } });
    await expect(
      runtime.dataSource.query(`INSERT INTO stockroom_stock_balance (organization_id, item_id, warehouse_id, qty, reserved) VALUES ($1, $2, $3, 1, 0)`, [org.org.id, item, main]),
    ).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'UQ_stockroom_stock_balance_balance' } });
  });

  it('the synchronised schema needs no further statement: constraints and triggers are all in the generated DDL', async () => {
    expect((await diffSchema(runtime.dataSource, runtime.registry)).up).toEqual([]);
  });

  it('migrations:generate\'s diff brings a missing append-only trigger back, and its down drops it', async () => {
    const [{ name }]: { name: string }[] = await runtime.dataSource.query(`SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'stockroom_stock_move'::regclass AND tgname LIKE '%append_only'`);
    await runtime.dataSource.query(`DROP TRIGGER "${name}" ON stockroom_stock_move`);
    const change = await diffSchema(runtime.dataSource, runtime.registry);
    expect(change.up).toEqual([`CREATE TRIGGER "${name}" BEFORE UPDATE OR DELETE ON "stockroom_stock_move" FOR EACH ROW EXECUTE FUNCTION ums_refuse_ledger_change()`]);
    expect(change.down).toEqual([`DROP TRIGGER "${name}" ON "stockroom_stock_move"`]);
    for (const statement of change.up) await runtime.dataSource.query(statement);
    await expect(runtime.dataSource.query(`DELETE FROM stockroom_stock_move`)).rejects.toMatchObject({ driverError: { code: '42501' } });
  });
});

describe('the ledger check', () => {
  it('is declared by the core for the module with the ledger, with no manifest line or handler', () => {
    const job = resolveJobs(runtime.registry, runtime.plugins).find((j) => j.key === 'stockroom.ledger_check');
    expect(job).toMatchObject({ scope: 'organization', schedule: { cron: '30 2 * * *' } });
  });

  it('finds no drift after movements, and reports a balance changed outside the ledger', async () => {
    const job = resolveJobs(runtime.registry, runtime.plugins).find((j) => j.key === 'stockroom.ledger_check')!;
    const lines: string[] = [];
    const ctx = { records: RecordService.forSystem(runtime, org.org.id, 'job:stockroom.ledger_check'), organization: org.org, log: { info: () => undefined, warn: () => undefined, error: (m: string) => lines.push(m) }, job: job.key, now: new Date() };
    expect(await job.handler(ctx)).toMatch(/^\d+ balances checked, no drift$/);
    const item = await newItem('SKU-DRIFT');
    await move(item, 6);
    await runtime.dataSource.query(`UPDATE stockroom_stock_balance SET qty = 8 WHERE item_id = $1`, [item]);
    await expect(job.handler(ctx)).rejects.toThrow(/Ledger drift in 1 of \d+ balances: stockroom.stock_balance .*ledger 6\.?0* ≠ balance 8/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(item);
  });
});
