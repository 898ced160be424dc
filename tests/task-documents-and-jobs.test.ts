/**
 * The project office's PDFs and mail jobs. The status report prints a
 * project's items per state group and the overdue and blocked ones; the
 * weekly timesheet prints one person's week with its total, and only for
 * someone who may read those entries. The due-soon digest sends one mail per
 * user and day, exactly once even when five runs start at the same moment;
 * the Friday reminder mails those with unsubmitted or no time this week.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { printDocumentFor } from '../core/documents/index.js';
import type { Actor } from '../core/data/actor.js';
import { JobScheduler } from '../core/jobs/index.js';
import { errorOf } from './support/errors.js';
import { pdfText } from './support/files.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createTaskWorld, type TaskLogin, type TaskWorld } from './support/task.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let scheduler: JobScheduler;
let w: TaskWorld;
const actor = (login: TaskLogin): Actor => ({ kind: 'user', userId: w.users[login].id, organizationId: w.org.org.id, email: w.users[login].email });

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 25 });
  w = await createTaskWorld(runtime);
  scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
}, 60_000);
afterAll(async () => {
  await scheduler?.close();
  await runtime?.dispose();
});

const mails = async (subjectLike: string): Promise<{ recipient: string; subject: string; body: string }[]> =>
  runtime.dataSource.query(`SELECT recipient, subject, body FROM core_mail_outbox WHERE organization_id = $1 AND subject LIKE $2 ORDER BY recipient`, [w.org.org.id, subjectLike]);

describe('project office documents', () => {
  it('the status report prints the items per state group and the overdue and blocked items', async () => {
    const printed = await printDocumentFor(runtime, actor('manager'), 'task.project', w.projects.alpha.id, 'status_report');
    expect(printed.number).toMatch(/^PR-\d{4}-000001$/);
    const text = await pdfText(printed.content);
    for (const part of ['Project status report', 'AL Alpha', 'Started', 'Unstarted', 'Sprint 1', String(w.items.blocker.number), 'overdue', String(w.items.child.number), 'blocked']) expect(text).toContain(part);
    // A viewer of the project may print it; someone outside it may not.
    await expect(printDocumentFor(runtime, actor('viewer'), 'task.project', w.projects.alpha.id, 'status_report')).resolves.toBeDefined();
    expect((await errorOf(printDocumentFor(runtime, actor('outsider'), 'task.project', w.projects.alpha.id, 'status_report'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
  });

  it('the weekly timesheet prints the person’s entries of that week and the total; others’ timesheets are not theirs to print', async () => {
    const extra = await w.system.create('task.time_entry', { work_item: w.items.blocker.id, user: w.users.member.id, date: String(w.time.draft.date), hours: 1.5 });
    const text = await pdfText((await printDocumentFor(runtime, actor('member'), 'task.time_entry', w.time.draft.id, 'print_timesheet')).content);
    for (const part of ['Weekly timesheet', 'member user', String(w.items.child.number), String(w.items.blocker.number)]) expect(text).toContain(part);
    expect(text).toMatch(/Total hours\s*3\.5/);
    expect(text).not.toContain('Beta work');
    await expect(printDocumentFor(runtime, actor('manager'), 'task.time_entry', w.time.draft.id, 'print_timesheet')).resolves.toBeDefined();
    expect((await errorOf(printDocumentFor(runtime, actor('outsider'), 'task.time_entry', w.time.draft.id, 'print_timesheet'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    await w.system.delete('task.time_entry', extra.id);
  });
});

describe('project office jobs', () => {
  it('the due-soon digest mails each user with open items due within two days or overdue once a day, also when five runs start at once', async () => {
    await w.system.create('task.assignee', { work_item: w.items.blocker.id, user: w.users.manager.id });
    const runs = await Promise.all(Array.from({ length: 5 }, () => scheduler.runNow('task.due_digest', w.org.org.slug)));
    const sent = runs.flat().map((o) => Number(/^(\d+) digest/.exec(String(o.message))?.[1] ?? NaN));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(2);
    const digest = await mails('%due soon%');
    expect(digest.map((m) => m.recipient)).toEqual([w.users.manager.email, w.users.member.email].sort());
    expect(digest.find((m) => m.recipient === w.users.manager.email)!.body).toContain(`${String(w.items.blocker.number)} Pick the fonts`);
    expect(digest.find((m) => m.recipient === w.users.manager.email)!.subject).toContain('1 overdue');
    const [again] = await scheduler.runNow('task.due_digest', w.org.org.slug);
    expect(again).toMatchObject({ status: 'ok', message: '0 digests sent' });
    expect(await mails('%due soon%')).toHaveLength(2);
  }, 60_000);

  it('the timesheet reminder mails members with unsubmitted or no time this week, once; viewers are left alone', async () => {
    const [outcome] = await scheduler.runNow('task.timesheet_reminder', w.org.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: '4 timesheet reminders sent' });
    const reminders = await mails('%timesheet for the week%');
    expect(reminders.map((m) => m.recipient)).toEqual([w.users.manager.email, w.users.managerB.email, w.users.member.email, w.users.outsider.email].sort());
    expect(reminders.find((m) => m.recipient === w.users.member.email)!.body).toMatch(/not submitted yet/);
    expect(reminders.find((m) => m.recipient === w.users.manager.email)!.body).toMatch(/logged no time/);
    const [again] = await scheduler.runNow('task.timesheet_reminder', w.org.org.slug);
    expect(again).toMatchObject({ message: '0 timesheet reminders sent' });
  });
});
