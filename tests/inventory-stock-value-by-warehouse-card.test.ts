/**
 * The inventory dashboard's "Stock value by warehouse" chart over HTTP, with exact figures: each
 * warehouse's bar is the sum of its stock balances' values, as posted (moving average: two receipts
 * at different rates, then an issue at the average; a transfer carries its rate to the other
 * warehouse). The figures are checked twice: against values worked out by hand, and against the
 * balances read back through the data layer, so neither a wrong sum nor a wrong posting goes unseen.
 * Another organization's stock never counts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { localDate, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

interface Card {
  label: string;
  type: string;
  labels?: string[];
  values?: number[];
}

let runtime: TestRuntime;
let server: TestServer;
let a: Fixture;
let b: Fixture;

const cents = (n: number): number => Math.round(n * 100) / 100;

/** Two warehouses of one organization, stock moved into, out of and between them. */
async function world(manager: RecordService, prefix: string, scale: number): Promise<void> {
  const main = String((await manager.create('inventory.warehouse', { name: `${prefix} Main store` })).id);
  const annex = String((await manager.create('inventory.warehouse', { name: `${prefix} Annex` })).id);
  const bolt = String((await manager.create('inventory.item', { sku: `${prefix}-BOLT`, name: 'Bolt' })).id);
  const nut = String((await manager.create('inventory.item', { sku: `${prefix}-NUT`, name: 'Nut' })).id);
  const engine = await WorkflowEngine.for(manager);
  const post = async (head: Record<string, unknown>, lines: [string, number, number?][]): Promise<void> => {
    const entry = await manager.create('inventory.stock_entry', { posting_date: localDate(new Date(), serverTimeZone()), ...head });
    for (const [item, quantity, rate] of lines) await manager.create('inventory.stock_entry_line', { entry: entry.id, item, quantity, ...(rate === undefined ? {} : { rate: rate * scale }) });
    await engine.run('inventory.stock_entry', String(entry.id), 'submit');
  };
  await post({ purpose: 'RECEIPT', to_warehouse: main }, [[bolt, 10, 5], [nut, 4, 2.5]]);
  await post({ purpose: 'RECEIPT', to_warehouse: main }, [[bolt, 10, 7]]); // Bolt in Main: 20 at an average of 6
  await post({ purpose: 'RECEIPT', to_warehouse: annex }, [[bolt, 2, 8]]);
  await post({ purpose: 'ISSUE', from_warehouse: main }, [[bolt, 5]]); // leaves 15 at 6
  await post({ purpose: 'TRANSFER', from_warehouse: main, to_warehouse: annex }, [[nut, 1]]); // one nut at 2.50 moves
}

async function chart(fixture: Fixture, role: string): Promise<Record<string, number>> {
  const client = await server.login(fixture.users.get(role)!.email, 'secret-123');
  const res = await client.get('/admin/api/dashboard');
  expect(res.status).toBe(200);
  const card = (res.body.cards as Card[]).find((c) => c.label === 'Stock value by warehouse');
  expect(card?.type).toBe('chart');
  return Object.fromEntries(card!.labels!.map((l, i) => [l, cents(Number(card!.values![i]))]));
}

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 10 });
  a = await createFixtureOrg(runtime, 'inventory', ['manager', 'auditor']);
  b = await createFixtureOrg(runtime, 'inventory', ['manager']);
  await world(await a.as('manager'), 'A', 1);
  // The same moves at ten times the rates in another organization: had they leaked, A's bars would differ.
  await world(await b.as('manager'), 'B', 10);
  server = await startTestServer(runtime);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('stock value by warehouse', () => {
  it("each bar is the warehouse's posted stock value, worked out by hand", async () => {
    // Main: 15 bolts at 6 (90) + 3 nuts at 2.50 (7.50). Annex: 2 bolts at 8 (16) + 1 nut at 2.50.
    expect(await chart(a, 'manager')).toEqual({ 'A Main store': 97.5, 'A Annex': 18.5 });
    expect(await chart(b, 'manager')).toEqual({ 'B Main store': 975, 'B Annex': 185 });
  });

  it("each bar equals the sum of that warehouse's stock balance values read through the data layer", async () => {
    const system = await a.system();
    const balances = await system.find('inventory.stock_balance', { limit: 100 });
    const warehouses = await system.getMany('inventory.warehouse', [...new Set(balances.map((x) => String(x.warehouse)))]);
    const name = new Map(warehouses.map((w) => [String(w.id), String(w.name)]));
    const sums: Record<string, number> = {};
    for (const x of balances) {
      const w = name.get(String(x.warehouse))!;
      sums[w] = cents((sums[w] ?? 0) + Number(x.stock_value));
    }
    expect(balances.length).toBe(4);
    expect(await chart(a, 'auditor')).toEqual(sums);
  });
});
