/**
 * The bookkeeping primitives through AdminJS's HTTP API, as a signed-in
 * keeper: a ledger entry offers no edit or delete and a balance no new,
 * edit or delete (and a direct call is refused, not a 500); a run is a
 * record action that says what it did; a submission the stock cannot cover
 * comes back as an error notice naming the balance, and nothing is posted.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { loadRegistry } from '../core/manifest/index.js';
import { stockroomDir } from './support/ledger-fixture.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const dir = stockroomDir();
let runtime: TestRuntime;
let org: Fixture;
let keeper: RecordService;
let server: TestServer;
let client: AdminClient;
let item: string;
let main: string;

const api = (resource: string, rest: string): string => `/admin/api/resources/${resource}/${rest}`;
const recordActions = async (resource: string, id: string): Promise<string[]> => {
  const res = await client.get(api(resource, `records/${id}/show`));
  return ((res.body.record as { recordActions: { name: string }[] }).recordActions ?? []).map((a) => a.name);
};

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: loadRegistry({ dir }) });
  org = await createFixtureOrg(runtime, 'stockroom', ['keeper']);
  keeper = await org.as('keeper');
  item = String((await keeper.create('stockroom.item', { sku: 'SKU-0042' })).id);
  main = String((await keeper.create('stockroom.warehouse', { name: 'Main store' })).id);
  await keeper.create('stockroom.employee', { name: 'Ana', status: 'ACTIVE', base: 100 });
  server = await startTestServer(runtime);
  client = await server.login(org.users.get('keeper')!.email, 'secret-123');
}, 60_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('ledger and balance screens', () => {
  it('a ledger entry is shown without edit or delete; a balance without new, edit or delete', async () => {
    const move = await keeper.create('stockroom.stock_move', { item, warehouse: main, qty: 3 });
    expect(await recordActions('StockroomStockMove', move.id)).not.toEqual(expect.arrayContaining(['edit']));
    expect(await recordActions('StockroomStockMove', move.id)).not.toContain('delete');
    expect(await recordActions('StockroomStockMove', move.id)).toContain('show');
    const [balance] = await keeper.find('stockroom.stock_balance');
    const actions = await recordActions('StockroomStockBalance', balance.id);
    expect(actions).toContain('show');
    expect(actions.filter((a) => ['edit', 'delete'].includes(a))).toEqual([]);
  });

  it('a direct edit of a ledger entry or a new balance is refused, not a server error, and changes nothing', async () => {
    const [move] = await keeper.find('stockroom.stock_move');
    const edit = await client.post(api('StockroomStockMove', `records/${move.id}/edit`), { qty: '30' });
    // AdminJS's API answers a refusal with 200 and an error notice (README, Workflows → HTTP).
    expect(edit.status).toBe(200);
    expect(edit.body.notice).toMatchObject({ type: 'error' });
    const created = await client.post(api('StockroomStockBalance', 'actions/new'), { item, warehouse: main, qty: '99' });
    expect(created.status).toBeLessThan(500);
    expect(created.body.notice).toMatchObject({ type: 'error' });
    const [balance] = await keeper.find('stockroom.stock_balance');
    expect(Number(balance.qty)).toBe(3);
  });
});

describe('runs and postings as record actions', () => {
  it('a run posted from its screen creates the payslips and says how many', async () => {
    const run = await keeper.create('stockroom.payroll_run', { period_start: '2026-06-01', period_end: '2026-06-30' });
    expect(await recordActions('StockroomPayrollRun', run.id)).toEqual(expect.arrayContaining(['create_slips', 'cancel_run']));
    const res = await client.post(api('StockroomPayrollRun', `records/${run.id}/create_slips`));
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'Create payslips: 1 payslip created.' });
    expect(await recordActions('StockroomPayrollRun', run.id)).not.toContain('create_slips');
  });

  it('a submission the stock cannot cover is an error notice naming the balance; nothing is posted', async () => {
    const entry = await keeper.create('stockroom.stock_entry', { reference: 'SE-1', posting_date: new Date().toISOString().slice(0, 10), from_warehouse: main });
    await keeper.create('stockroom.stock_entry_line', { entry: entry.id, item, qty: 5 });
    const res = await client.post(api('StockroomStockEntry', `records/${entry.id}/submit`), { comment: '' });
    expect(res.status).toBe(200);
    expect(res.body.notice).toMatchObject({ type: 'error', message: expect.stringContaining('Only 3 of item SKU-0042 in Main store') });
    expect((await keeper.get('stockroom.stock_entry', entry.id)).status).toBe('DRAFT');
  });
});
