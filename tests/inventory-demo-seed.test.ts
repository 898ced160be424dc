/**
 * The inventory demo seed at the size: 3 warehouses, 150 items (20
 * with batches, 10 serialised, their units numbered), 12 suppliers, 40
 * purchase orders in every state, 600 stock entries over 90 days submitted
 * through the workflow, so every balance equals the sum of its ledger
 * movements and none is negative; exactly 15 items below their reorder level
 * by projected quantity. The seconds the seed takes are printed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import { findOrganization } from '../core/tenancy/index.js';
import { seedDemoIfEmpty, type DemoLogin } from '../core/tenancy/demo.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let logins: DemoLogin[] | undefined;
let records: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime();
  const started = Date.now();
  logins = await seedDemoIfEmpty(runtime, { size: 'demo', systemTypes: ['inventory'] });
  console.log(`inventory demo seed (demo size): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  records = RecordService.forSystem(runtime, (await findOrganization(runtime, 'inventory')).id, 'test');
}, 600_000);
afterAll(() => runtime.dispose());

describe('inventory demo seed', () => {
  it('prints a login per inventory role', () => {
    expect(logins?.map((l) => l.email)).toEqual(expect.arrayContaining(['storekeeper@inventory.demo', 'purchaser@inventory.demo', 'manager@inventory.demo', 'auditor@inventory.demo']));
  });

  it('makes the warehouses, items and suppliers, and posts its entries through the workflow', async () => {
    expect(await records.count('inventory.warehouse')).toBe(3);
    expect(await records.count('inventory.item')).toBe(150);
    expect(await records.count('inventory.item', [{ field: 'has_batch', op: 'eq', value: true }])).toBe(20);
    expect(await records.count('inventory.item', [{ field: 'has_serial', op: 'eq', value: true }])).toBe(10);
    expect(await records.count('inventory.supplier')).toBe(12);
    expect(await records.count('inventory.purchase_order')).toBe(40);
    const submitted = await records.count('inventory.stock_entry', [{ field: 'status', op: 'eq', value: 'SUBMITTED' }]);
    expect(submitted).toBe(600);
    // Serialised items' units are numbered: what is in stock has a serial in stock there.
    expect(await records.count('inventory.serial_number', [{ field: 'status', op: 'eq', value: 'IN_STOCK' }])).toBeGreaterThan(0);
    expect(await records.count('inventory.stock_ledger_entry')).toBeGreaterThan(submitted);
  });

  it('every balance is the sum of its movements and none is negative', async () => {
    const moves: Record<string, unknown>[] = [];
    for await (const page of records.findPages('inventory.stock_ledger_entry', {}, 1000)) moves.push(...page);
    const sums = new Map<string, number>();
    for (const m of moves) sums.set(`${m.item}|${m.warehouse}`, (sums.get(`${m.item}|${m.warehouse}`) ?? 0) + Number(m.quantity_change));
    const balances = await records.find('inventory.stock_balance', { limit: 1000 });
    expect(balances.length).toBe(sums.size);
    for (const b of balances) {
      expect(Number(b.quantity)).toBeGreaterThanOrEqual(0);
      expect(Number(b.quantity)).toBe(sums.get(`${b.item}|${b.warehouse}`));
    }
  });

  it('leaves some items below their reorder level and purchase orders in several states', async () => {
    const rules = await records.find('inventory.reorder_rule', { limit: 100 });
    const balances = await records.find('inventory.stock_balance', { limit: 1000 });
    const below = rules.filter((rule) => Number(balances.find((b) => b.item === rule.item && b.warehouse === rule.warehouse)?.projected ?? 0) < Number(rule.level));
    expect(new Set(below.map((r) => r.item)).size).toBe(15);
    const orders = await records.find('inventory.purchase_order', { limit: 100 });
    expect([...new Set(orders.map((o) => o.status))]).toEqual(expect.arrayContaining(['DRAFT', 'TO_APPROVE', 'APPROVED', 'PARTIALLY_RECEIVED', 'CANCELLED']));
  });
});
