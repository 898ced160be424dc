/**
 * Batch expiry alerts (job inventory.batch_expiry_alerts, daily): a batch
 * expiring within 30 days is announced to the storekeepers of the warehouses
 * it was received into and to the inventory managers, and again within 7
 * days; each batch and threshold once, however often the job runs. A batch
 * received elsewhere does not reach a storekeeper of another warehouse;
 * batches further away, or already expired, are not announced.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { JobScheduler } from '../core/jobs/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let org: Fixture;
let scheduler: JobScheduler;
let manager: RecordService;
const day = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function titlesOf(role: string): Promise<string[]> {
  const rows = await (await org.system()).find('core.notification', { filters: [{ field: 'user', op: 'eq', value: org.users.get(role)!.id }], limit: 100 });
  return rows.map((r) => String(r.title)).sort();
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'inventory', ['manager', 'storekeeper']);
  manager = await org.as('manager');
  scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
}, 60_000);
afterAll(async () => {
  await scheduler?.close();
  await runtime?.dispose();
});

describe('batch expiry alerts', () => {
  it('announce a batch within 30 days and again within 7, once each, to its warehouse\'s storekeepers and the managers', async () => {
    const main = String((await manager.create('inventory.warehouse', { name: 'Main store' })).id);
    const annex = String((await manager.create('inventory.warehouse', { name: 'Annex' })).id);
    await manager.create('inventory.warehouse_assignment', { warehouse: main, user: org.users.get('storekeeper')!.id });
    const item = String((await manager.create('inventory.item', { sku: 'MED-1', name: 'ওষুধ', has_batch: true })).id);
    const batch = async (number: string, expiry: string) => String((await manager.create('inventory.batch', { number, item, expiry })).id);
    const soon = await batch('B-20', day(20));
    const week = await batch('B-5', day(5));
    const far = await batch('B-90', day(90));
    const gone = await batch('B-OLD', day(-1));
    const elsewhere = await batch('B-ANX', day(10));
    const receive = async (to: string, lines: string[]) => {
      const entry = await manager.create('inventory.stock_entry', { purpose: 'RECEIPT', posting_date: day(0), to_warehouse: to });
      for (const b of lines) await manager.create('inventory.stock_entry_line', { entry: entry.id, item, quantity: 5, batch: b });
      await (await WorkflowEngine.for(manager)).run('inventory.stock_entry', String(entry.id), 'submit');
    };
    await receive(main, [soon, week, far, gone]);
    await receive(annex, [elsewhere]);

    const [first] = await scheduler.runNow('inventory.batch_expiry_alerts', org.org.slug);
    // B-5 (7-day alert only), B-20 and B-ANX (30-day alerts): 3 alerts, 2 + 2 + 1 recipients.
    expect(first).toMatchObject({ status: 'ok', message: '3 batch expiry alerts to 5 recipients' });
    expect(await titlesOf('storekeeper')).toEqual([
      `Batch B-20 of MED-1 expires on ${day(20)} (within 30 days)`,
      `Batch B-5 of MED-1 expires on ${day(5)} (within 7 days)`,
    ]);
    expect(await titlesOf('manager')).toHaveLength(3);

    const [again] = await scheduler.runNow('inventory.batch_expiry_alerts', org.org.slug);
    expect(again).toMatchObject({ status: 'ok', message: '0 batch expiry alerts to 0 recipients' });

    // B-20 comes within 7 days: its second alert goes out, once.
    await (await org.system()).update('inventory.batch', soon, { expiry: day(6) });
    const [third] = await scheduler.runNow('inventory.batch_expiry_alerts', org.org.slug);
    expect(third).toMatchObject({ status: 'ok', message: '1 batch expiry alert to 2 recipients' });
    expect(await titlesOf('storekeeper')).toContain(`Batch B-20 of MED-1 expires on ${day(6)} (within 7 days)`);
    const [fourth] = await scheduler.runNow('inventory.batch_expiry_alerts', org.org.slug);
    expect(fourth).toMatchObject({ message: '0 batch expiry alerts to 0 recipients' });
    const stamps = await manager.get('inventory.batch', far);
    expect(stamps.alerted_30_at ?? null).toBeNull();
  }, 60_000);
});
