/**
 * The institute demo organization: its role logins work, the staff, students and
 * courses exist in every state the demo needs (a PENDING course, enrollments of
 * each kind on the demo teacher's ACTIVE courses, a full course, a PENDING staff
 * profile whose login is held), the campus parts (hostels with rooms, allocations
 * and room changes, a week's timetable, leave requests), and each role's view
 * of it follows its rules.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { authenticator } from '../core/auth/index.js';
import { RecordService, type RecordData } from '../core/data/records.js';
import { findOrganization } from '../core/tenancy/index.js';
import { seedDemoIfEmpty, type DemoLogin } from '../core/tenancy/demo.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { WorkflowEngine } from '../core/workflow/index.js';

let runtime: TestRuntime;
let logins: DemoLogin[];
let organizationId: string;
let system: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime();
  logins = (await seedDemoIfEmpty(runtime, { systemTypes: ['institute'] }))!;
  organizationId = (await findOrganization(runtime, 'institute')).id;
  system = await RecordService.for(runtime, { kind: 'system', organizationId, reason: 'test' });
}, 300_000);
afterAll(() => runtime.dispose());

const eq = (field: string, value: unknown) => ({ field, op: 'eq' as const, value });
const countWhere = (key: string, ...filters: ReturnType<typeof eq>[]) => system.count(key, filters);

async function as(email: string): Promise<RecordService> {
  const user = await authenticator(runtime)(email, 'demo1234');
  if (!user) throw new Error(`${email} cannot sign in`);
  return RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId, email });
}

describe('institute demo seed', () => {
  it('creates a login per institute role, all signing in with demo1234', async () => {
    const emails = logins.map((l) => l.email).sort();
    // The institute's roles and those of the campus modules the institute system type also gets (admissions, parents, hostel).
    expect(emails).toEqual(['admin@institute.demo', 'finance@institute.demo', 'head@institute.demo', 'hr@institute.demo', 'parent@institute.demo', 'reviewer@institute.demo', 'sales@institute.demo', 'student@institute.demo', 'teacher@institute.demo', 'warden@institute.demo']);
    for (const email of emails) expect(await authenticator(runtime)(email, 'demo1234')).not.toBeNull();
    // Each login holds its role by key; the organization admin is core's.
    expect(Object.fromEntries(logins.map((l) => [l.email, l.roles]))).toMatchObject({ 'admin@institute.demo': ['admin'], 'teacher@institute.demo': ['institute.teacher'], 'finance@institute.demo': ['institute.finance'] });
  });

  it('has about twenty courses in every state, with at least one PENDING', async () => {
    expect(await system.count('institute.course')).toBeGreaterThanOrEqual(20);
    for (const status of ['DRAFT', 'PENDING', 'ACTIVE', 'ARCHIVED']) expect(await countWhere('institute.course', eq('status', status))).toBeGreaterThan(0);
    const published = await system.find('institute.course', { filters: [eq('status', 'ACTIVE')], limit: 100 });
    expect(published.every((c) => c.published_at)).toBe(true);
  });

  it('the demo teacher has several ACTIVE courses with APPLIED, ENROLLED and REJECTED enrollments, and a full course', async () => {
    const teacher = await as('teacher@institute.demo');
    const courses = await teacher.find('institute.course', { filters: [eq('status', 'ACTIVE')], limit: 100 });
    expect(courses.length).toBeGreaterThanOrEqual(3);
    const enrollments = await teacher.find('institute.enrollment', { limit: 1000 });
    for (const status of ['APPLIED', 'ENROLLED', 'REJECTED']) expect(enrollments.some((e) => e.status === status)).toBe(true);
    const full = courses.filter((c) => enrollments.filter((e) => e.course === c.id && e.status === 'ENROLLED').length === Number(c.max_seats));
    expect(full.length).toBeGreaterThan(0);
    // A session today waits for its roll call; past sessions have attendance; exams have marks.
    const today = new Date().toISOString().slice(0, 10);
    expect((await teacher.find('institute.attendance_session', { filters: [eq('date', today)] })).length).toBeGreaterThan(0);
    expect(await teacher.count('institute.attendance_record')).toBeGreaterThan(10);
    expect(await teacher.count('institute.mark')).toBeGreaterThan(5);
  });

  it('the demo student sees only ACTIVE courses and their own enrollments, marks and invoices', async () => {
    const student = await as('student@institute.demo');
    const courses = await student.find('institute.course', { limit: 100 });
    expect(courses.length).toBeGreaterThan(0);
    expect(courses.every((c) => c.status === 'ACTIVE')).toBe(true);
    const [me] = await student.find('institute.student');
    const mine = (r: RecordData) => r.student === me.id;
    const enrollments = await student.find('institute.enrollment');
    expect(enrollments.length).toBeGreaterThanOrEqual(2);
    expect(enrollments.every(mine)).toBe(true);
    expect((await student.find('institute.mark')).every(mine)).toBe(true);
    expect((await student.find('institute.fee_invoice')).every(mine)).toBe(true);
  });

  it('has invoices PENDING and PAID, and every PAID invoice is covered by its payments', async () => {
    expect(await countWhere('institute.fee_invoice', eq('status', 'PENDING'))).toBeGreaterThan(0);
    const paid = await system.find('institute.fee_invoice', { filters: [eq('status', 'PAID')], limit: 1000 });
    expect(paid.length).toBeGreaterThan(0);
    for (const invoice of paid) {
      const payments = await system.find('institute.payment', { filters: [eq('invoice', invoice.id)] });
      expect(payments.reduce((s, p) => s + Number(p.amount), 0)).toBeGreaterThanOrEqual(Number(invoice.amount));
      expect(invoice.paid_at).toBeTruthy();
    }
  });

  it('has staff profiles for the demo staff and one PENDING profile whose login is held', async () => {
    const pending = await system.find('institute.staff_profile', { filters: [eq('status', 'PENDING')] });
    expect(pending).toHaveLength(1);
    const user = await system.get('core.user', String(pending[0].user));
    expect(user.is_active).toBe(false);
    expect(await authenticator(runtime)(String(user.email), 'demo1234')).toBeNull();
    expect(await countWhere('institute.staff_profile', eq('status', 'ACTIVE'))).toBeGreaterThanOrEqual(7);
  });

  it('has notices, schools with sign-ups and contact history, and hiring', async () => {
    expect(await system.count('institute.notice')).toBeGreaterThan(0);
    expect(await system.count('institute.school')).toBeGreaterThan(0);
    for (const status of ['NEW', 'CONTACTED', 'CONVERTED']) expect(await countWhere('institute.course_signup', eq('status', status))).toBeGreaterThan(0);
    expect(await system.count('institute.contact')).toBeGreaterThan(0);
    expect(await countWhere('institute.job_post', eq('status', 'OPEN'))).toBeGreaterThan(0);
    for (const status of ['APPLIED', 'SHORTLISTED']) expect(await countWhere('institute.job_application', eq('status', status))).toBeGreaterThan(0);
  });

  it('each role’s dashboard cards count what that role may read', async () => {
    const student = await as('student@institute.demo');
    const finance = await as('finance@institute.demo');
    expect(await student.countMatching('institute.fee_invoice', { status: 'PENDING' })).toBeLessThan(await finance.countMatching('institute.fee_invoice', { status: 'PENDING' }));
    expect(await student.countMatching('institute.course', { status: 'PENDING' })).toBe(0);
    expect(await (await as('sales@institute.demo')).countMatching('institute.course', { status: 'PENDING' })).toBeGreaterThan(0);
  });

  it('has approvals in flight: a PENDING course nobody approved yet, and something waiting for every approver role', async () => {
    const inboxOf = async (email: string) => (await WorkflowEngine.for(await as(email))).inbox();
    const open = await system.find('core.workflow_request', { filters: [eq('status', 'open'), eq('entity', 'institute.course')], limit: 100 });
    const untouched = [];
    for (const request of open) {
      const given = await countWhere('core.workflow_event', eq('request', request.id), eq('kind', 'approved'));
      if (given === 0 && request.transition === 'approve') untouched.push(request);
    }
    expect(untouched.length).toBeGreaterThan(0);
    for (const role of ['admin', 'teacher', 'hr', 'finance', 'sales', 'warden', 'south.warden']) {
      expect({ role, waiting: (await inboxOf(`${role}@institute.demo`)).length > 0 }).toEqual({ role, waiting: true });
    }
    expect(await inboxOf('student@institute.demo')).toEqual([]);
    // One course already has the admin's approval and waits for sales or finance only.
    const sales = await inboxOf('sales@institute.demo');
    expect(sales.some((i) => i.given.some((g) => g.step === 'admin') && i.waitingFor.join() === 'Sales or finance')).toBe(true);
  });

  it('has a hostel of 40 rooms with allocations, room changes waiting for the wardens (one for both), a week of lessons and leave requests for the demo teacher', async () => {
    const [north] = await system.find('hostel.hostel', { filters: [eq('name', 'North Hall')] });
    expect(await countWhere('hostel.room', eq('hostel', north.id))).toBe(40);
    expect(await countWhere('hostel.allocation', eq('status', 'active'))).toBeGreaterThanOrEqual(10);
    expect(await countWhere('hostel.allocation', eq('status', 'vacated'))).toBeGreaterThan(0);
    const waiting = await system.find('hostel.room_change', { filters: [eq('status', 'requested')] });
    expect(waiting.some((c) => c.between_hostels === true)).toBe(true);
    expect(waiting.some((c) => c.between_hostels === false)).toBe(true);
    const warden = await as('warden@institute.demo');
    expect((await warden.find('hostel.allocation', { limit: 1000 })).every((a) => a.hostel === north.id)).toBe(true);
    const inbox = await (await WorkflowEngine.for(warden)).inbox();
    expect(inbox.filter((i) => i.request.entity === 'hostel.room_change').length).toBeGreaterThanOrEqual(2);
    // A week of lessons, each with its attendance session; students see those of their courses.
    const lessons = await system.find('timetable.lesson', { limit: 1000 });
    expect(new Set(lessons.map((l) => l.date)).size).toBeGreaterThanOrEqual(5);
    expect(lessons.every((l) => typeof l.session === 'string')).toBe(true);
    expect((await (await as('student@institute.demo')).find('timetable.lesson', { limit: 1000 })).length).toBeGreaterThan(0);
    // Leave: some waiting for the demo teacher, some approved with excused attendance.
    const teacherInbox = await (await WorkflowEngine.for(await as('teacher@institute.demo'))).inbox();
    expect(teacherInbox.some((i) => i.request.entity === 'student_leave.leave_request')).toBe(true);
    expect(await countWhere('student_leave.leave_request', eq('status', 'approved'))).toBeGreaterThan(0);
    });

  it('has two admission cycles with applications in every state, and reviews waiting for the reviewer and the head', async () => {
    expect(await countWhere('admissions.admission_cycle')).toBe(2);
    for (const status of ['submitted', 'under_review', 'offered', 'admitted', 'waitlisted', 'declined', 'rejected']) {
      expect({ status, n: (await countWhere('admissions.application', eq('status', status))) > 0 }).toEqual({ status, n: true });
    }
    const [admitted] = await system.find('admissions.application', { filters: [eq('status', 'admitted')] });
    expect(await system.get('institute.student', String(admitted.student))).toMatchObject({ email: admitted.email, user: expect.any(String) });
    const inboxOf = async (email: string) => (await WorkflowEngine.for(await as(email))).inbox();
    expect((await inboxOf('reviewer@institute.demo')).length).toBeGreaterThan(0);
    expect((await inboxOf('head@institute.demo')).length).toBeGreaterThan(0);
  });

  it('has guardians for half of the students; the demo parent sees exactly their two children and a notice for parents', async () => {
    const students = await countWhere('institute.student');
    const linked = new Set((await system.find('parents.student_guardian', { limit: 1000 })).map((l) => l.student));
    // Half of the students, plus the one admitted (their guardian came with the application).
    expect(linked.size).toBeGreaterThanOrEqual(students / 2);
    expect(linked.size).toBeLessThanOrEqual(students / 2 + 1);
    const parent = await as('parent@institute.demo');
    const children = await parent.find('institute.student');
    expect(children).toHaveLength(2);
    const links = await system.find('parents.student_guardian', { filters: [eq('guardian_user', (await system.find('core.user', { filters: [eq('email', 'parent@institute.demo')] }))[0].id)] });
    expect(children.map((c) => c.id).sort()).toEqual(links.map((l) => String(l.student)).sort());
    expect(await parent.count('institute.notice')).toBeGreaterThan(0);
    expect((await parent.find('institute.mark')).every((m) => links.some((l) => l.student === m.student))).toBe(true);
  });

  it('has assignments with submissions in every state', async () => {
    expect(await countWhere('coursework.assignment', eq('status', 'published'))).toBeGreaterThan(0);
    for (const status of ['draft', 'submitted', 'graded', 'returned']) {
      expect({ status, n: (await countWhere('coursework.submission', eq('status', status))) > 0 }).toEqual({ status, n: true });
    }
    expect(await (await as('teacher@institute.demo')).count('coursework.submission', [eq('status', 'submitted')])).toBeGreaterThan(0);
  });

  it('gives admission applications and submissions real files, stored as uploads are', async () => {
    const bytesOf = async (id: string): Promise<{ mime: string; head: string }> => {
      const [row]: { mime: string; storage_key: string; record_id: string | null }[] = await runtime.dataSource.query('SELECT mime, storage_key, record_id FROM core_file WHERE id = $1', [id]);
      expect(row.record_id).not.toBeNull(); // attached to its record, not left for the sweep
      const chunks: Buffer[] = [];
      for await (const c of await runtime.files!.get(row.storage_key)) chunks.push(c as Buffer);
      return { mime: row.mime, head: Buffer.concat(chunks).subarray(0, 8).toString('latin1') };
    };
    const applications = (await system.find('admissions.application', { limit: 100 })).filter((a) => Array.isArray(a.documents) && (a.documents as string[]).length);
    expect(applications.length).toBeGreaterThanOrEqual(3);
    const kinds = new Set<string>();
    for (const a of applications) for (const id of a.documents as string[]) kinds.add((await bytesOf(id)).mime);
    expect([...kinds].sort()).toEqual(['application/pdf', 'image/png']);
    const submissions = (await system.find('coursework.submission', { limit: 500 })).filter((x) => Array.isArray(x.attachments) && (x.attachments as string[]).length);
    expect(submissions.length).toBeGreaterThan(0);
    expect(await bytesOf((submissions[0].attachments as string[])[0])).toEqual({ mime: 'application/pdf', head: '%PDF-1.3' });
  });
});
