/**
 * Two inventory dashboard counts, over HTTP as each inventory role: "Batches expiring in 30 days"
 * (expiry from today up to and including today + 30; expired, later and undated batches do not
 * count) and "Purchase orders awaiting approval" (status TO_APPROVE only). Every role reads all
 * batches and orders, so each sees the same exact numbers; another organization's rows never count.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { addDays, localDate, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const ROLES = ['storekeeper', 'purchaser', 'manager', 'auditor'] as const;

let runtime: TestRuntime;
let server: TestServer;
let a: Fixture;
let b: Fixture;

/** Batches around the 30-day window and orders in four states; `expiring`/`awaiting`: how many of each count. */
async function world(manager: RecordService, prefix: string, expiring: number[], awaiting: number): Promise<void> {
  const today = localDate(new Date(), serverTimeZone());
  const item = String((await manager.create('inventory.item', { sku: `${prefix}-B1`, name: 'Batched', has_batch: true })).id);
  let n = 0;
  // Counted: the given offsets (0 = today, 30 = the last day). Not counted: yesterday, day 31, no expiry.
  for (const days of [...expiring, -1, 31, null]) await manager.create('inventory.batch', { number: `${prefix}-${++n}`, item, expiry: days === null ? null : addDays(today, days) });
  const supplier = String((await manager.create('inventory.supplier', { name: `${prefix} Supplies` })).id);
  const engine = await WorkflowEngine.for(manager);
  const order = async (rate: number, transition?: string) => {
    const po = await manager.create('inventory.purchase_order', { supplier, order_date: today });
    await manager.create('inventory.purchase_order_line', { order: po.id, item, quantity: 1, rate });
    if (transition) await engine.run('inventory.purchase_order', String(po.id), transition);
  };
  // From the threshold (5,000 when not set) an order waits for a manager; under it, it is placed at once.
  for (let i = 0; i < awaiting; i++) await order(6000 + i, 'request_approval');
  await order(6000); // a draft above the threshold: not asked yet
  await order(100, 'place'); // approved at once
}

async function counts(fixture: Fixture, role: string): Promise<Record<string, number | undefined>> {
  const client = await server.login(fixture.users.get(role)!.email, 'secret-123');
  const res = await client.get('/admin/api/dashboard');
  expect(res.status).toBe(200);
  const cards = res.body.cards as { label: string; count?: number }[];
  const of = (label: string) => cards.find((c) => c.label === label)?.count;
  return { expiring: of('Batches expiring in 30 days'), awaiting: of('Purchase orders awaiting approval') };
}

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 10 });
  a = await createFixtureOrg(runtime, 'inventory', [...ROLES]);
  b = await createFixtureOrg(runtime, 'inventory', ['manager']);
  await world(await a.as('manager'), 'A', [0, 12, 30], 2);
  await world(await b.as('manager'), 'B', [5], 1);
  server = await startTestServer(runtime);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('inventory cards: expiring batches and orders awaiting approval', () => {
  it.each(ROLES)('the %s counts 3 batches expiring within 30 days and 2 orders awaiting approval', async (role) => {
    expect(await counts(a, role)).toEqual({ expiring: 3, awaiting: 2 });
  }, 60_000);

  it("another organization's batches and orders never count", async () => {
    expect(await counts(b, 'manager')).toEqual({ expiring: 1, awaiting: 1 });
  }, 60_000);
});
