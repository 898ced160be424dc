/**
 * A report too large to download at once is made in the background: with the download threshold
 * lowered (REPORT_DOWNLOAD_MAX_ROWS=2), the download is refused with the way to the background run;
 * POST queues a run (queued), the job core.report_runs makes it as the requester (done, the CSV
 * holds every row the report has), the requester gets a notification whose link is the file and a
 * mail, and another user of the organization who may see the same report gets the 404 of a missing
 * run for its status and its file. A run whose requester may no longer see the report by the time
 * the job runs ends failed, with the reason in its status and the notification.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { fetchAs } from './support/files.js';
import { runQueuedReports } from '../core/admin/reports/runs.js';

let runtime: TestRuntime;
let server: TestServer;
let w: InstituteWorld;
const cookies = new Map<string, string>();
const before = process.env.REPORT_DOWNLOAD_MAX_ROWS;

interface RunState {
  id: string;
  status: string;
  rows: number | null;
  error: string | null;
  statusUrl: string;
  fileUrl: string | null;
}

async function as(key: string, path: string, init: RequestInit = {}): Promise<Response> {
  if (!cookies.has(key)) cookies.set(key, await sessionCookie(server.url, w.fixture.users.get(key)!.email, 'secret-123'));
  return fetchAs(server.url, cookies.get(key), path, init);
}
async function json<T>(res: Response, status: number): Promise<T> {
  expect(res.status).toBe(status);
  return (await res.json()) as T;
}

beforeAll(async () => {
  process.env.REPORT_DOWNLOAD_MAX_ROWS = '2';
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  const invoice = await w.system.create('institute.fee_invoice', { student: w.student.id, course: w.courses.active.id, amount: 900, due_date: '2026-12-31', description: 'Tuition' });
  // Three months × method: the fee collection report has 3 rows, one more than a download may carry.
  for (const [paid_on, method, amount] of [['2026-09-03', 'cash', 100], ['2026-10-05', 'cash', 50], ['2026-10-20', 'cash', 25], ['2026-11-01', 'card', 10]] as const) {
    await w.system.create('institute.payment', { invoice: invoice.id, amount, paid_on, method });
  }
  server = await startTestServer(runtime);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
  if (before === undefined) delete process.env.REPORT_DOWNLOAD_MAX_ROWS;
  else process.env.REPORT_DOWNLOAD_MAX_ROWS = before;
});

describe('a large report runs as a job and tells the requester', () => {
  it('refuses the direct download over the threshold and names the background run', async () => {
    const res = await as('finance', '/admin/x/reports/institute.fee_collection/download.csv');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/has 3 rows.*at most 2.*POST \/admin\/x\/reports\/institute\.fee_collection\/runs\.csv/);
  });

  it('queues, runs as the requester, stores the file for them only and notifies them', async () => {
    const queued = await json<RunState>(await as('finance', '/admin/x/reports/institute.fee_collection/runs.csv', { method: 'POST' }), 202);
    expect(queued).toMatchObject({ status: 'queued', rows: null, fileUrl: null });
    expect((await json<RunState>(await as('finance', queued.statusUrl), 200)).status).toBe('queued');
    expect((await as('finance', `${queued.statusUrl}/file`)).status).toBe(409);
    // A GET never starts a run; another user (who may see this report) sees no such run.
    expect((await as('admin', queued.statusUrl)).status).toBe(404);
    expect((await as('admin', `${queued.statusUrl}/file`)).status).toBe(404);

    expect(await runQueuedReports({ runtime })).toBe('1 report made');
    const done = await json<RunState>(await as('finance', queued.statusUrl), 200);
    expect(done).toMatchObject({ status: 'done', rows: 3, error: null, fileUrl: `${queued.statusUrl}/file` });

    const file = await as('finance', done.fileUrl!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse((await file.text()).replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual(['Paid on', 'Method', 'Payments', 'Collected']);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3]])).toEqual([
      ['Cash', '1', '100'],
      ['Cash', '2', '75'],
      ['Card', '1', '10'],
    ]);
    expect((await as('admin', done.fileUrl!)).status).toBe(404);
    expect((await as('teacher', done.fileUrl!)).status).toBe(404);

    const bell = await json<{ items: { title: string; href: string | null }[] }>(await as('finance', '/admin/x/notifications'), 200);
    expect(bell.items[0]).toMatchObject({ title: 'Your report is ready: Fee collection per month (CSV, 3 rows)', href: done.fileUrl });
    const mail: { subject: string }[] = await runtime.dataSource.query('SELECT subject FROM core_mail_outbox WHERE recipient = $1 AND organization_id = $2', [w.fixture.users.get('finance')!.email, w.fixture.org.id]);
    expect(mail.map((m) => m.subject)).toContainEqual(expect.stringContaining('Your report is ready: Fee collection per month'));
    // Nothing else was waiting.
    expect(await runQueuedReports({ runtime })).toBe('0 reports made');
  });

  it('only finding the next run crosses tenants, a read; the claim `running`, the outcome and the requester’s mail are written as ums_app for the run’s organization', async () => {
    const ds = runtime.dataSource;
    const queued = await json<RunState>(await as('finance', '/admin/x/reports/institute.fee_collection/runs.csv', { method: 'POST' }), 202);
    await ds.query(`CREATE TABLE test_report_writer (what text, status text, role text, org text, at timestamptz DEFAULT clock_timestamp())`);
    await ds.query(`GRANT INSERT ON test_report_writer TO ums_app, ums_bypass`);
    await ds.query(`CREATE FUNCTION test_report_writer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO test_report_writer (what, status, role, org) VALUES (TG_TABLE_NAME || ' ' || TG_OP, NEW.status, current_user, current_setting('ums.organization_id', true)); RETURN NEW; END $$`);
    await ds.query(`CREATE TRIGGER test_report_writer AFTER UPDATE ON core_report_run FOR EACH ROW EXECUTE FUNCTION test_report_writer()`);
    await ds.query(`CREATE TRIGGER test_report_writer AFTER INSERT ON core_mail_outbox FOR EACH ROW EXECUTE FUNCTION test_report_writer()`);
    try {
      expect(await runQueuedReports({ runtime })).toBe('1 report made');
      const writes: { what: string; status: string; role: string; org: string | null }[] = await ds.query('SELECT what, status, role, org FROM test_report_writer ORDER BY at');
      const org = w.fixture.org.id;
      expect(writes.map((x) => ({ ...x, org: x.org || null }))).toEqual([
        { what: 'core_report_run UPDATE', status: 'running', role: 'ums_app', org },
        { what: 'core_report_run UPDATE', status: 'done', role: 'ums_app', org },
        { what: 'core_mail_outbox INSERT', status: 'queued', role: 'ums_app', org },
      ]);
      expect((await json<RunState>(await as('finance', queued.statusUrl), 200)).status).toBe('done');
    } finally {
      await ds.query('DROP TRIGGER test_report_writer ON core_mail_outbox');
      await ds.query('DROP TRIGGER test_report_writer ON core_report_run');
      await ds.query('DROP FUNCTION test_report_writer()');
      await ds.query('DROP TABLE test_report_writer');
    }
  });

  it('two workers polling at once make a queued run once', async () => {
    const queued = await json<RunState>(await as('finance', '/admin/x/reports/institute.fee_collection/runs.csv', { method: 'POST' }), 202);
    const outcomes = await Promise.all([runQueuedReports({ runtime }), runQueuedReports({ runtime })]);
    expect(outcomes.sort()).toEqual(['0 reports made', '1 report made']);
    expect((await json<RunState>(await as('finance', queued.statusUrl), 200)).status).toBe('done');
    // One notice mail, carrying this run's file link.
    const mail: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_mail_outbox WHERE organization_id = $1 AND strpos(body, $2) > 0`, [w.fixture.org.id, `${queued.statusUrl}/file`]);
    expect(mail[0].n).toBe(1);
  });

  it('refuses a run of a report the user may not see (404) and bad filters or formats (400)', async () => {
    expect((await as('teacher', '/admin/x/reports/institute.fee_collection/runs.csv', { method: 'POST' })).status).toBe(404);
    expect((await as('finance', '/admin/x/reports/institute.fee_collection/runs.csv?filters.nothing=1', { method: 'POST' })).status).toBe(400);
    expect((await as('finance', '/admin/x/reports/institute.fee_collection/runs.docx', { method: 'POST' })).status).toBe(400);
    expect(await runQueuedReports({ runtime })).toBe('0 reports made');
  });

  it('keeps the filters and reports a run that can no longer be made as failed', async () => {
    const cash = await json<RunState>(await as('finance', '/admin/x/reports/institute.fee_collection/runs.xlsx?filters.method=cash', { method: 'POST' }), 202);
    const lost = await json<RunState>(await as('finance', '/admin/x/reports/institute.fee_collection/runs.pdf', { method: 'POST' }), 202);
    expect(await runQueuedReports({ runtime, limit: 1 })).toBe('1 report made');
    expect(await json<RunState>(await as('finance', cash.statusUrl), 200)).toMatchObject({ status: 'done', rows: 2 });
    // The finance role goes before the job reaches the second run: it runs with the access the requester has then.
    const finance = (await w.system.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'institute.finance' }] }))[0];
    for (const a of await w.system.find('core.role_assignment', { filters: [{ field: 'user', op: 'eq', value: w.userId('finance') }, { field: 'role', op: 'eq', value: finance.id }] })) {
      await w.system.delete('core.role_assignment', a.id);
    }
    runtime.access.invalidate();
    expect(await runQueuedReports({ runtime })).toBe('0 reports made, 1 failed');
    const failed = await json<RunState>(await as('finance', lost.statusUrl), 200);
    expect(failed).toMatchObject({ status: 'failed', error: 'You may no longer see this report.', fileUrl: null });
    expect((await as('finance', `${lost.statusUrl}/file`)).status).toBe(409);
    const bell = await json<{ items: { title: string }[] }>(await as('finance', '/admin/x/notifications'), 200);
    expect(bell.items[0].title).toBe('Your report could not be made: Fee collection per month');
  });
});
