/**
 * A guardian through AdminJS's HTTP API sees exactly their children's student
 * records, attendance, marks, invoices and payments, returned (not ungraded)
 * submissions and notices for parents — not another family's — and pays an
 * invoice of their child but not of another child. The institute's
 * low-attendance and overdue-fee alerts reach the guardians, and do not where
 * the parents module is disabled.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { RecordService, type RecordData } from '../core/data/records.js';
import { attendanceAlert, feeOverdue } from '../modules/institute/jobs.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { createUser, setModuleEnabled } from '../core/tenancy/index.js';

let runtime: TestRuntime;
let server: TestServer;
let world: InstituteWorld;
let parent: AdminClient;
let otherParent: AdminClient;
const ids: Record<string, string[]> = {};
let mine: { invoice: RecordData; student: RecordData };
let theirs: { invoice: RecordData; student: RecordData };
const parentUsers: Record<string, string> = {};

const listIds = async (client: AdminClient, resource: string): Promise<string[]> => {
  const res = await client.get(`/admin/api/resources/${resource}/actions/list?perPage=100`);
  expect(res.status).toBe(200);
  return (res.body.records ?? []).map((r) => r.id).sort();
};

async function family(key: string, student: RecordData): Promise<{ invoice: RecordData; student: RecordData }> {
  const email = `${key}@${world.fixture.org.slug}.test`;
  const user = await createUser(runtime, world.fixture.org.slug, { email, password: 'secret-123', name: `${key} user`, roles: ['parents.parent'] });
  parentUsers[key] = user.id;
  const guardian = await world.system.create('parents.guardian', { name: `${key} guardian`, user: user.id, relation: 'mother' });
  await world.system.create('parents.student_guardian', { student: student.id, guardian: guardian.id });
  const course = world.courses.active.id;
  const enrollment = await world.system.create('institute.enrollment', { student: student.id, course, status: 'ENROLLED' });
  const session = await world.system.create('institute.attendance_session', { course, date: '2026-11-0' + (Object.keys(ids).length + 1) });
  const attendance = await world.system.create('institute.attendance_record', { session: session.id, student: student.id, present: false });
  const exam = await world.system.create('institute.exam', { course, title: `Exam for ${key}`, max_marks: 100 });
  const mark = await world.system.create('institute.mark', { exam: exam.id, student: student.id, marks: 71 });
  const invoice = await world.system.create('institute.fee_invoice', { student: student.id, course, amount: 300, due_date: '2026-01-15' });
  const payment = await world.system.create('institute.payment', { invoice: invoice.id, amount: 50, paid_on: '2026-01-10', method: 'cash' });
  const assignment = await world.system.create('coursework.assignment', { course, teacher: world.userId('teacher'), title: `Essay ${key}`, due_at: '2026-12-31T12:00:00Z', max_marks: 20, status: 'published' });
  const returned = await world.system.create('coursework.submission', { assignment: assignment.id, student: student.id, text: 'x', status: 'returned', marks: 15, feedback: 'Good' });
  const assignment2 = await world.system.create('coursework.assignment', { course, teacher: world.userId('teacher'), title: `Essay 2 ${key}`, due_at: '2026-12-31T12:00:00Z', max_marks: 20, status: 'published' });
  await world.system.create('coursework.submission', { assignment: assignment2.id, student: student.id, text: 'y', status: 'submitted' });
  ids[key] = [student.id, enrollment.id, attendance.id, mark.id, invoice.id, payment.id, returned.id];
  return { invoice, student };
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  mine = await family('parent', world.student);
  theirs = await family('other_parent', world.student2);
  await world.system.create('institute.notice', { title: 'For parents', to_parents: true, published_on: '2026-01-01' });
  await world.system.create('institute.notice', { title: 'For teachers', to_teachers: true, published_on: '2026-01-01' });
  server = await startTestServer(runtime);
  parent = await server.login(`parent@${world.fixture.org.slug}.test`, 'secret-123');
  otherParent = await server.login(`other_parent@${world.fixture.org.slug}.test`, 'secret-123');
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('a guardian through the admin API', () => {
  test('lists exactly their child in students, enrollments, attendance, marks, invoices, payments and returned submissions', async () => {
    const [student, enrollment, attendance, mark, invoice, payment, submission] = ids.parent;
    expect(await listIds(parent, 'InstituteStudent')).toEqual([student]);
    expect(await listIds(parent, 'InstituteEnrollment')).toEqual([enrollment]);
    expect(await listIds(parent, 'InstituteAttendanceRecord')).toEqual([attendance]);
    expect(await listIds(parent, 'InstituteMark')).toEqual([mark]);
    expect(await listIds(parent, 'InstituteFeeInvoice')).toEqual([invoice]);
    expect(await listIds(parent, 'InstitutePayment')).toEqual([payment]);
    // The returned one only: the submitted, ungraded one stays between student and teacher.
    expect(await listIds(parent, 'CourseworkSubmission')).toEqual([submission]);
    expect(await listIds(otherParent, 'InstituteStudent')).toEqual([ids.other_parent[0]]);
  });

  test('opening another family’s record by id is refused like a missing one', async () => {
    for (const [resource, id] of [['InstituteStudent', ids.other_parent[0]], ['InstituteMark', ids.other_parent[3]], ['CourseworkSubmission', ids.other_parent[6]]]) {
      const res = await parent.get(`/admin/api/resources/${resource}/records/${id}/show`);
      expect({ resource, record: (res.body.record as { id?: string } | undefined)?.id }).toEqual({ resource, record: undefined });
    }
    const own = await parent.get(`/admin/api/resources/InstituteStudent/records/${ids.parent[0]}/show`);
    expect((own.body.record as { id: string; params: Record<string, unknown> }).params).not.toHaveProperty('notes');
  });

  test('sees the notices for parents only', async () => {
    const res = await parent.get('/admin/api/resources/InstituteNotice/actions/list?perPage=100');
    expect((res.body.records ?? []).map((r) => r.params.title)).toEqual(['For parents']);
  });

  test('pays their child’s invoice online, not another child’s', async () => {
    const paid = await parent.post('/admin/api/resources/InstitutePayment/actions/new', { invoice: mine.invoice.id, amount: '250', paid_on: '2026-01-12', method: 'online', reference: 'WEB-1' });
    expect(paid.body.notice).toMatchObject({ type: 'success' });
    expect((await world.system.get('institute.fee_invoice', mine.invoice.id)).status).toBe('PAID');
    const refused = await parent.post('/admin/api/resources/InstitutePayment/actions/new', { invoice: theirs.invoice.id, amount: '10', paid_on: '2026-01-12', method: 'online', reference: 'WEB-2' });
    expect(refused.body.notice).toMatchObject({ type: 'error' });
    expect(await world.system.count('institute.payment', [{ field: 'invoice', op: 'eq', value: theirs.invoice.id }])).toBe(1);
  });
});

describe('alerts reach the guardians', () => {
  /** A job's context, as the scheduler builds it. */
  const jobContext = (name: string) => {
    const { id, name: orgName, slug } = world.fixture.org;
    const records = RecordService.forSystem(runtime, id, `job:institute.${name}`).forModule('institute');
    return { records, organization: { id, name: orgName, slug }, log: { info: () => undefined, warn: () => undefined, error: () => undefined }, job: `institute.${name}`, now: new Date() };
  };
  const notesOf = (user: string, about: string) => world.system.count('core.notification', [{ field: 'user', op: 'eq', value: user }, { field: 'record_id', op: 'eq', value: about }]);

  test('the overdue-fee and low-attendance alerts notify the guardian with the student; with parents disabled they do not', async () => {
    const course = world.courses.active.id;
    // Four absences make the attendance of the other family's child low.
    for (let d = 10; d < 14; d++) {
      const session = await world.system.create('institute.attendance_session', { course, date: `2026-11-${d}` });
      await world.system.create('institute.attendance_record', { session: session.id, student: world.student2.id, present: false });
    }
    await feeOverdue(jobContext('fee_overdue'));
    expect(await notesOf(parentUsers.other_parent, theirs.invoice.id)).toBe(1);
    const [enrollment] = await world.system.find('institute.enrollment', { filters: [{ field: 'student', op: 'eq', value: world.student2.id }] });
    await attendanceAlert(jobContext('attendance_alert'));
    expect(await notesOf(parentUsers.other_parent, enrollment.id)).toBe(1);
    expect(await notesOf(parentUsers.parent, enrollment.id)).toBe(0);

    // Parents disabled: the next alert reaches the student only.
    await setModuleEnabled(runtime, world.fixture.org.slug, 'parents', false);
    const invoice = await world.system.create('institute.fee_invoice', { student: world.student2.id, course, amount: 90, due_date: '2026-02-01' });
    await feeOverdue(jobContext('fee_overdue'));
    expect((await world.system.get('institute.fee_invoice', invoice.id)).overdue_alerted_at).not.toBeNull();
    expect(await notesOf(parentUsers.other_parent, invoice.id)).toBe(0);
    expect(await notesOf(String(world.student2.user), invoice.id)).toBe(1);
  });
});
