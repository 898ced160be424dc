/**
 * Weekly timesheets through AdminJS's HTTP API: the member submits a whole
 * ISO week (Monday to Sunday, every project) in one POST from any of its
 * entries, and nobody else can submit it for them; a manager of a project
 * approves or rejects that person's submitted entries of the week on their
 * project only (the other project's entries wait for its own manager); an
 * approved entry cannot be edited or deleted, through the admin or through
 * the data layer; a rejected week is submitted again; twenty submits of one
 * week at once move it once; and the Friday reminder leaves out a member
 * whose week is submitted while reminding those with unsubmitted time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService, type RecordData } from '../core/data/records.js';
import { JobScheduler } from '../core/jobs/index.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createTaskWorld, day, type TaskLogin, type TaskWorld } from './support/task.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let scheduler: JobScheduler;
let w: TaskWorld;
const clients = new Map<TaskLogin, AdminClient>();
/** The member's entries of the week of Monday 16 November 2026, and the Monday after. */
const week: Record<'mon' | 'wed' | 'sun' | 'beta' | 'nextMon', RecordData> = {} as never;

const api = (rest: string): string => `/admin/api/resources/TaskTimeEntry/${rest}`;
const as = (login: TaskLogin): AdminClient => clients.get(login)!;
const notice = (res: { body: Record<string, unknown> }) => res.body.notice as { type?: string; message?: string } | undefined;
const statuses = async (...entries: RecordData[]): Promise<string[]> =>
  Promise.all(entries.map(async (e) => String((await w.system.get('task.time_entry', e.id)).status)));

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 30 });
  w = await createTaskWorld(runtime);
  // The member also works on Beta, so one week holds time on two projects with different managers.
  await w.system.create('task.member', { project: w.projects.beta.id, user: w.users.member.id, role: 'member' });
  const log = (work_item: string, date: string, hours: number) => w.system.create('task.time_entry', { work_item, user: w.users.member.id, date, hours, note: 'নকশা পর্যালোচনা' });
  week.mon = await log(w.items.child.id, '2026-11-16', 3);
  week.wed = await log(w.items.blocker.id, '2026-11-18', 4.5);
  week.sun = await log(w.items.child.id, '2026-11-22', 1);
  week.beta = await log(w.items.beta.id, '2026-11-17', 2);
  week.nextMon = await log(w.items.child.id, '2026-11-23', 6);
  server = await startTestServer(runtime);
  for (const [login, u] of Object.entries(w.users)) clients.set(login as TaskLogin, await server.login(u.email, 'secret-123'));
  scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
}, 120_000);
afterAll(async () => {
  await scheduler?.close();
  await server?.close();
  await runtime?.dispose();
});

describe('weekly timesheets', () => {
  it('only the member submits their week: a manager of the project cannot, and a GET does nothing', async () => {
    const refused = await as('manager').post(api(`records/${week.mon.id}/submit_week`));
    expect(refused.status).toBeLessThan(500);
    expect(notice(refused)?.type).toBe('error');
    await as('member').get(api(`records/${week.mon.id}/submit_week`));
    expect(await statuses(week.mon, week.wed, week.sun, week.beta)).toEqual(['draft', 'draft', 'draft', 'draft']);
  });

  it('the member submits the whole week, Monday to Sunday on every project, in one POST from any of its entries', async () => {
    const res = await as('member').post(api(`records/${week.wed.id}/submit_week`));
    expect(notice(res)).toMatchObject({ type: 'success', message: 'Submitted 4 time entries (10.5 h) for the week of 2026-11-16.' });
    expect(await statuses(week.mon, week.wed, week.sun, week.beta)).toEqual(['submitted', 'submitted', 'submitted', 'submitted']);
    // The next week and this week's draft are left alone.
    expect(await statuses(week.nextMon, w.time.draft)).toEqual(['draft', 'draft']);
    // Submitted: the member can no longer change it, and nothing is left to submit.
    expect(notice(await as('member').post(api(`records/${week.mon.id}/edit`), { hours: '8' }))?.type).toBe('error');
    expect(notice(await as('member').post(api(`records/${week.mon.id}/submit_week`)))?.type).toBe('error');
  });

  it('the member cannot approve; another project’s manager cannot approve this project’s entries', async () => {
    expect(notice(await as('member').post(api(`records/${week.mon.id}/approve_week`)))?.type).not.toBe('success');
    const other = await as('managerB').post(api(`records/${week.mon.id}/approve_week`));
    expect(other.status).toBeLessThan(500);
    expect(notice(other)?.type).not.toBe('success');
    expect(await statuses(week.mon, week.wed, week.sun, week.beta)).toEqual(['submitted', 'submitted', 'submitted', 'submitted']);
  });

  it('the project’s manager approves the person’s week on their project; the other project’s entry waits for its manager', async () => {
    const res = await as('manager').post(api(`records/${week.sun.id}/approve_week`));
    expect(notice(res)).toMatchObject({ type: 'success' });
    expect(notice(res)?.message).toMatch(/^Approved 3 time entries \(8\.5 h\) of .+ for the week of 2026-11-16 on Alpha\.$/);
    expect(await statuses(week.mon, week.wed, week.sun, week.beta)).toEqual(['approved', 'approved', 'approved', 'submitted']);
    // The Alpha manager can neither read nor decide the Beta entry.
    expect(notice(await as('manager').post(api(`records/${week.beta.id}/approve_week`)))?.type).not.toBe('success');
    expect(await statuses(week.beta)).toEqual(['submitted']);
  });

  it('approved entries are locked: no edit or delete through the admin, nor through the data layer', async () => {
    for (const login of ['member', 'manager'] as const) {
      for (const e of [week.mon, week.wed]) {
        const edit = await as(login).post(api(`records/${e.id}/edit`), { hours: '9' });
        expect(edit.status).toBeLessThan(500);
        expect([login, notice(edit)?.type]).toEqual([login, 'error']);
        expect([login, notice(await as(login).post(api(`records/${e.id}/delete`)))?.type]).toEqual([login, 'error']);
      }
      const records = await RecordService.for(runtime, { kind: 'user', userId: w.users[login].id, organizationId: w.org.org.id, email: w.users[login].email });
      await expect(records.update('task.time_entry', week.mon.id, { hours: 9 })).rejects.toThrow(/Approved cannot be edited/);
      await expect(records.delete('task.time_entry', week.mon.id)).rejects.toThrow(/Approved cannot be deleted/);
      // Nor is an approved entry pulled back into a new submission or a rejection.
      expect(notice(await as(login).post(api(`records/${week.mon.id}/reject_week`)))?.type).not.toBe('success');
    }
    expect((await Promise.all([week.mon, week.wed, week.sun].map((e) => w.system.get('task.time_entry', e.id)))).map((e) => Number(e.hours))).toEqual([3, 4.5, 1]);
    expect(await statuses(week.mon)).toEqual(['approved']);
  });

  it('Beta’s manager rejects the Beta entry; the member submits the week again and only that entry moves', async () => {
    const rejected = await as('managerB').post(api(`records/${week.beta.id}/reject_week`));
    expect(notice(rejected)?.message).toMatch(/^Rejected 1 time entry \(2 h\) of .+ for the week of 2026-11-16 on Beta\.$/);
    expect(await statuses(week.beta)).toEqual(['rejected']);
    // Rejected: the member corrects it and submits the week again.
    expect(notice(await as('member').post(api(`records/${week.beta.id}/edit`), { hours: '2.5' }))).toMatchObject({ type: 'success' });
    const again = await as('member').post(api(`records/${week.beta.id}/submit_week`));
    expect(notice(again)).toMatchObject({ type: 'success', message: 'Submitted 1 time entry (2.5 h) for the week of 2026-11-16.' });
    expect(await statuses(week.mon, week.beta)).toEqual(['approved', 'submitted']);
  });

  it('twenty submits of one week at once: the week moves once, the others are refused, none is a 500', async () => {
    const monday = day(0);
    const entries = [w.time.draft, await w.system.create('task.time_entry', { work_item: w.items.child.id, user: w.users.member.id, date: monday, hours: 1.25 })];
    const results = await Promise.all(Array.from({ length: 20 }, () => as('member').post(api(`records/${entries[0].id}/submit_week`))));
    expect(results.every((r) => r.status < 500)).toBe(true);
    expect(results.filter((r) => notice(r)?.type === 'success')).toHaveLength(1);
    expect(await statuses(...entries)).toEqual(['submitted', 'submitted']);
    // One submit in each entry's history.
    const submits = (await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_workflow_event WHERE organization_id = $1 AND record_id = ANY($2) AND transition = 'submit'`, [w.org.org.id, entries.map((e) => e.id)])) as { n: number }[];
    expect(submits[0].n).toBe(2);
  });

  it('the Friday reminder leaves out the member whose week is submitted and reminds those with unsubmitted or no time', async () => {
    const [outcome] = await scheduler.runNow('task.timesheet_reminder', w.org.org.slug);
    expect(outcome).toMatchObject({ status: 'ok' });
    const sent = (await runtime.dataSource.query(`SELECT recipient, body FROM core_mail_outbox WHERE organization_id = $1 AND subject LIKE '%timesheet for the week%' ORDER BY recipient`, [w.org.org.id])) as { recipient: string; body: string }[];
    const to = sent.map((m) => m.recipient);
    expect(to).not.toContain(w.users.member.email);
    expect(to).toContain(w.users.outsider.email);
    expect(sent.find((m) => m.recipient === w.users.outsider.email)!.body).toMatch(/not submitted yet/);
    expect(to).not.toContain(w.users.viewer.email);
  });
});
