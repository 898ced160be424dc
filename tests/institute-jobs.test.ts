/**
 * The institute's daily jobs on real data. Low attendance: a student ENROLLED
 * in an active course with at least 4 attendance records and under 75 %
 * present gets a notification (with a login) and a mail (at their own address,
 * else their login's); 75 % exactly, fewer than 4 records or an archived course
 * do not alert. Fee overdue: each PENDING invoice due before today alerts its
 * student with what is still to pay; an invoice due today or paid does not.
 * Neither alerts the same enrollment or invoice again within 7 days, two runs
 * at once alert once, and a run for one organization touches no other.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService, type RecordData } from '../core/data/records.js';
import { JobScheduler, type JobHandler } from '../core/jobs/index.js';
import { attendanceAlert, feeOverdue } from '../modules/institute/jobs.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const DAY = 86_400_000;
const day = (offset: number): string => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

let runtime: TestRuntime;
let scheduler: JobScheduler;
let w: InstituteWorld;
let other: InstituteWorld;
let third: RecordData;
let fourth: RecordData;
const enrollments: Record<string, RecordData> = {};
const invoices: Record<string, RecordData> = {};

interface OutboxRow {
  recipient: string;
  subject: string;
  body: string;
  template: string;
}

const outbox = async (world: InstituteWorld, like: string): Promise<OutboxRow[]> =>
  runtime.dataSource.query('SELECT recipient, subject, body, template FROM core_mail_outbox WHERE organization_id = $1 AND subject LIKE $2 ORDER BY recipient', [world.fixture.org.id, `%${like}%`]);

const notifications = async (world: InstituteWorld, entity: string): Promise<RecordData[]> =>
  world.system.find('core.notification', { filters: [{ field: 'entity', op: 'eq', value: entity }], sort: { field: 'title', direction: 'asc' }, limit: 1000 });

/** An enrollment (as the system, ENROLLED) and one attendance record per entry of `pattern`, each in its own session. */
async function enrolledWithAttendance(world: InstituteWorld, student: RecordData, course: RecordData, pattern: boolean[]): Promise<RecordData> {
  const enrollment = await world.system.create('institute.enrollment', { student: student.id, course: course.id, status: 'ENROLLED' });
  for (const [i, present] of pattern.entries()) {
    const session = await world.system.create('institute.attendance_session', { course: course.id, date: day(-30 + i), topic: `Session ${i + 1} for ${String(student.name)}` });
    await world.system.create('institute.attendance_record', { session: session.id, student: student.id, present });
  }
  return enrollment;
}

const invoice = (world: InstituteWorld, student: RecordData, amount: number, due: string, description: string): Promise<RecordData> =>
  world.system.create('institute.fee_invoice', { student: student.id, course: world.courses.active.id, amount, due_date: due, description });

/** The handler run directly at `now`, as the scheduler runs it. */
async function runAt(handler: JobHandler, name: string, now: Date): Promise<string | void> {
  const { id, name: orgName, slug } = w.fixture.org;
  const records = RecordService.forSystem(runtime, id, `job:institute.${name}`).forModule('institute');
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  return handler({ records, organization: { id, name: orgName, slug }, log, job: `institute.${name}`, now });
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  other = await createInstituteWorld(runtime);
  third = await w.system.create('institute.student', { name: 'Tara Third', student_number: 'S-0003', email: 'tara@example.org' });
  fourth = await w.system.create('institute.student', { name: 'Fritz Fourth', student_number: 'S-0004' });
  const { active, archived, otherTeachers } = w.courses;
  // Alerted: 1 of 4 (login, no own address), 2 of 5 (address, no login). Unreachable: 0 of 4.
  enrollments.stella = await enrolledWithAttendance(w, w.student, active, [true, false, false, false]);
  enrollments.tara = await enrolledWithAttendance(w, third, active, [true, false, true, false, false]);
  enrollments.fritz = await enrolledWithAttendance(w, fourth, active, [false, false, false, false]);
  // Not alerted: exactly 75 %, fewer than 4 records, an archived course.
  enrollments.otto = await enrolledWithAttendance(w, w.student2, active, [true, true, false, true]);
  enrollments.stellaFew = await enrolledWithAttendance(w, w.student, otherTeachers, [false, false, false]);
  enrollments.ottoArchived = await enrolledWithAttendance(w, w.student2, archived, [false, false, false, false]);
  await enrolledWithAttendance(other, other.student, other.courses.active, [false, false, false, false]);

  invoices.stella = await invoice(w, w.student, 300, day(-1), 'Tuition, autumn term');
  await w.system.create('institute.payment', { invoice: invoices.stella.id, amount: 100, paid_on: day(-5) });
  invoices.tara = await invoice(w, third, 80, day(-3), 'Lab fee');
  invoices.dueToday = await invoice(w, w.student2, 50, day(0), 'Due today');
  invoices.paid = await invoice(w, w.student2, 40, day(-10), 'Paid late');
  await w.system.create('institute.payment', { invoice: invoices.paid.id, amount: 40, paid_on: day(-2) });
  await invoice(other, other.student, 70, day(-4), 'Elsewhere');

  scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
}, 60_000);

afterAll(async () => {
  await scheduler?.close();
  await runtime?.dispose();
});

describe('low attendance alerts', () => {
  it('alerts students under 75 % of at least 4 records in an active course: a notification with a login, a mail at their address', async () => {
    const [outcome] = await scheduler.runNow('institute.attendance_alert', w.fixture.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: '2 enrollments alerted (1 notification, 2 mails), 1 without a login or e-mail address' });
    const sent = await notifications(w, 'institute.enrollment');
    expect(sent.map((n) => [n.user, n.record_id])).toEqual([[w.userId('student'), enrollments.stella.id]]);
    expect(String(sent[0].title)).toBe(`Low attendance: ${String(w.courses.active.code)} ${String(w.courses.active.title)}`);
    expect(String(sent[0].body)).toContain('present at 1 of 4 recorded sessions');
    expect(String(sent[0].body)).toContain('(25 %)');
    const mails = await outbox(w, 'Low attendance');
    expect(mails.map((m) => [m.recipient, m.template])).toEqual([
      [w.fixture.users.get('student')!.email, 'notice'],
      ['tara@example.org', 'notice'],
    ]);
    expect(mails[1].body).toContain('Hello Tara Third');
    expect(mails[1].body).toContain('present at 2 of 5 recorded sessions');
    expect(mails[1].body).toContain(w.fixture.org.name);
  });

  it('records when it alerted, and leaves 75 % exactly, fewer than 4 records and archived courses alone', async () => {
    const stamp = async (key: string): Promise<unknown> => (await w.system.get('institute.enrollment', enrollments[key].id)).attendance_alerted_at;
    expect(await stamp('stella')).toEqual(expect.any(String));
    expect(await stamp('tara')).toEqual(expect.any(String));
    for (const key of ['fritz', 'otto', 'stellaFew', 'ottoArchived']) expect(await stamp(key)).toBeNull();
  });

  it('does not alert an enrollment again within 7 days, and does on the 7th day', async () => {
    const now = Date.now();
    expect(await runAt(attendanceAlert, 'attendance_alert', new Date(now))).toBe('0 enrollments alerted (0 notifications, 0 mails), 1 without a login or e-mail address');
    expect(await runAt(attendanceAlert, 'attendance_alert', new Date(now + 6 * DAY))).toMatch(/^0 enrollments alerted/);
    expect(await notifications(w, 'institute.enrollment')).toHaveLength(1);
    expect(await runAt(attendanceAlert, 'attendance_alert', new Date(now + 7 * DAY))).toMatch(/^2 enrollments alerted \(1 notification, 2 mails\)/);
    expect(await notifications(w, 'institute.enrollment')).toHaveLength(2);
    expect(await outbox(w, 'Low attendance')).toHaveLength(4);
  });

  it('two runs at the same moment alert once', async () => {
    const later = new Date(Date.now() + 20 * DAY);
    const results = await Promise.all([runAt(attendanceAlert, 'attendance_alert', later), runAt(attendanceAlert, 'attendance_alert', later)]);
    expect(results.map((r) => Number(/^(\d+) enrollments? alerted/.exec(String(r))?.[1])).reduce((a, b) => a + b, 0)).toBe(2);
    expect(await notifications(w, 'institute.enrollment')).toHaveLength(3);
    expect(await outbox(w, 'Low attendance')).toHaveLength(6);
  });
});

describe('fee overdue alerts', () => {
  it('alerts the student of each unpaid invoice due before today with what is still to pay', async () => {
    const [outcome] = await scheduler.runNow('institute.fee_overdue', w.fixture.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: '2 invoices alerted (1 notification, 2 mails)' });
    const sent = await notifications(w, 'institute.fee_invoice');
    expect(sent.map((n) => [n.user, n.record_id, n.title])).toEqual([[w.userId('student'), invoices.stella.id, `Fee overdue: ${String(invoices.stella.number)}`]]);
    expect(String(sent[0].body)).toBe(`Invoice ${String(invoices.stella.number)} (Tuition, autumn term) of 300.00 was due on ${day(-1)}; 200.00 is still to be paid.`);
    const mails = await outbox(w, 'Fee overdue');
    expect(mails.map((m) => m.recipient)).toEqual([w.fixture.users.get('student')!.email, 'tara@example.org']);
    expect(mails[1].body).toContain('Lab fee');
    expect(mails[1].body).toContain('80.00 is still to be paid');
  });

  it('an invoice due today or paid is not alerted; the alerted ones record when', async () => {
    const stamp = async (key: string): Promise<unknown> => (await w.system.get('institute.fee_invoice', invoices[key].id)).overdue_alerted_at;
    expect(await stamp('stella')).toEqual(expect.any(String));
    expect(await stamp('tara')).toEqual(expect.any(String));
    expect(await stamp('dueToday')).toBeNull();
    expect(await stamp('paid')).toBeNull();
  });

  it('does not alert an invoice again within 7 days; an invoice paid since is not alerted again', async () => {
    const now = Date.now();
    // Six days on: only the invoice due today, overdue since, is news.
    expect(await runAt(feeOverdue, 'fee_overdue', new Date(now + 6 * DAY))).toBe('1 invoice alerted (1 notification, 1 mail)');
    await w.system.create('institute.payment', { invoice: invoices.tara.id, amount: 80, paid_on: day(0) });
    // A week on: Stella's again; Tara's is paid; the other was alerted yesterday.
    expect(await runAt(feeOverdue, 'fee_overdue', new Date(now + 7 * DAY))).toBe('1 invoice alerted (1 notification, 1 mail)');
    const sent = await notifications(w, 'institute.fee_invoice');
    expect(sent.map((n) => n.record_id).sort()).toEqual([invoices.stella.id, invoices.dueToday.id, invoices.stella.id].sort());
    expect((await outbox(w, 'Fee overdue')).map((m) => m.recipient).sort()).toEqual(
      [w.fixture.users.get('student')!.email, w.fixture.users.get('student')!.email, w.fixture.users.get('student2')!.email, 'tara@example.org'].sort(),
    );
  });
});

describe('tenant isolation', () => {
  it('a run for one organization alerts no one in another', async () => {
    expect(await notifications(other, 'institute.enrollment')).toHaveLength(0);
    expect(await notifications(other, 'institute.fee_invoice')).toHaveLength(0);
    expect(await outbox(other, 'Low attendance')).toHaveLength(0);
    expect(await outbox(other, 'Fee overdue')).toHaveLength(0);
  });
});
