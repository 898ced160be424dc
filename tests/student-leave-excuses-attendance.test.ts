/**
 * Student leave: a student asks for leave for themselves; a teacher of a
 * course the student is enrolled in or an admin approves it, a teacher of no
 * course of theirs cannot (tests/student-leave-any-teacher-approves.test.ts
 * has the approver rule itself); approving marks the student absent and
 * excused on every session of their enrolled courses within the leave's days
 * (updating a roll call already taken, creating the record where none is),
 * and the daily job excuses sessions made after the approval.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData } from '../core/data/records.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import institute, { saveRollCall } from '../modules/institute/index.js';
import studentLeave from '../modules/student_leave/index.js';
import { RecordValidationError } from '../core/errors.js';
import { errorOf } from './support/errors.js';
import { createUser } from '../core/tenancy/index.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';


/** The field error a refused write reports on `field`. */
const fieldError = (err: unknown, field: string): { message: string } | undefined => (err as RecordValidationError).fieldErrors?.[field];
const LEAVE = 'student_leave.leave_request';
const SESSION = 'institute.attendance_session';
const RECORD = 'institute.attendance_record';

let runtime: TestRuntime;
let w: InstituteWorld;
const sessions: RecordData[] = [];
let outside: RecordData;
let otherCourseSession: RecordData;

const engine = async (key: string): Promise<WorkflowEngine> => WorkflowEngine.for(await w.fixture.as(key));
const recordOf = async (session: RecordData, student = w.student): Promise<RecordData | undefined> =>
  (await w.system.find(RECORD, { filters: [{ field: 'session', op: 'eq', value: session.id }, { field: 'student', op: 'eq', value: student.id }] }))[0];

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  // A teacher who teaches none of Stella's courses.
  const email = `teacher3@${w.fixture.org.slug}.test`;
  const t3 = await createUser(runtime, w.fixture.org.slug, { email, password: 'secret-123', name: 'teacher3 user', roles: ['teacher'] });
  w.fixture.users.set('teacher3', { id: t3.id, email, actor: { kind: 'user', userId: t3.id, organizationId: w.fixture.org.id, email } });
  // Stella is enrolled in the teacher's active course (first) and the second teacher's course.
  await w.system.create('institute.enrollment', { student: w.student.id, course: w.courses.active.id, status: 'ENROLLED' });
  await w.system.create('institute.enrollment', { student: w.student.id, course: w.courses.otherTeachers.id, status: 'ENROLLED' });
  for (const date of ['2026-03-02', '2026-03-03', '2026-03-04']) sessions.push(await w.system.create(SESSION, { course: w.courses.active.id, date }));
  outside = await w.system.create(SESSION, { course: w.courses.active.id, date: '2026-03-05' });
  otherCourseSession = await w.system.create(SESSION, { course: w.courses.otherTeachers.id, date: '2026-03-03' });
  // The roll call of the first day was taken already: Stella was marked absent.
  await w.system.create(RECORD, { session: sessions[0].id, student: w.student.id, present: false });
}, 120_000);
afterAll(() => runtime.dispose());

describe('leave requests', () => {
  it('a student asks for their own leave; its class teacher is the teacher of their earliest enrolled course', async () => {
    const student = await w.as('student');
    const leave = await student.create(LEAVE, { from: '2026-03-02', to: '2026-03-04', reason: 'Family wedding' });
    expect(leave).toMatchObject({ student: w.student.id, status: 'requested', class_teacher: w.userId('teacher') });
    expect(await errorOf(student.create(LEAVE, { student: w.student2.id, from: '2026-03-02', to: '2026-03-02', reason: 'Not mine' }))).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|VALIDATION/) });
    const backwards = await errorOf(student.create(LEAVE, { from: '2026-03-04', to: '2026-03-02', reason: 'Backwards' }));
    expect(fieldError(backwards, 'to')?.message).toMatch(/on or after/);
    // The class teacher and the teacher of her other course see it, a teacher of neither does not.
    expect((await (await w.as('teacher')).find(LEAVE)).map((l) => l.id)).toContain(leave.id);
    expect((await (await w.as('teacher2')).find(LEAVE)).map((l) => l.id)).toContain(leave.id);
    expect((await (await w.as('teacher3')).find(LEAVE)).map((l) => l.id)).not.toContain(leave.id);
  });

  it('approving excuses every session of the leave: the roll call taken is updated, the missing records created, other days untouched', async () => {
    const [leave] = await w.system.find(LEAVE, { filters: [{ field: 'student', op: 'eq', value: w.student.id }, { field: 'status', op: 'eq', value: 'requested' }] });
    expect(await errorOf(async () => (await engine('teacher3')).run(LEAVE, leave.id, 'approve'))).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
    await (await engine('teacher')).run(LEAVE, leave.id, 'approve');
    const approved = await w.system.get(LEAVE, leave.id);
    expect(approved).toMatchObject({ status: 'approved', excused_sessions: 4 });
    for (const s of [...sessions, otherCourseSession]) expect(await recordOf(s)).toMatchObject({ present: false, excused: true });
    expect(await recordOf(outside)).toBeUndefined();
    // The student sees their excused attendance.
    const mine = await (await w.as('student')).find(RECORD, { limit: 100 });
    expect(mine.filter((r) => r.excused === true)).toHaveLength(4);
  });

  it('the roll call keeps the excuse of an absent student and drops it when they turn up after all', async () => {
    const teacher = await w.as('teacher');
    await saveRollCall(teacher, sessions[1].id, [{ student: w.student.id, present: false }]);
    expect(await recordOf(sessions[1])).toMatchObject({ present: false, excused: true });
    await saveRollCall(teacher, sessions[2].id, [{ student: w.student.id, present: true }]);
    expect(await recordOf(sessions[2])).toMatchObject({ present: true, excused: false });
  });

  it('an admin approves a leave of a student with no class teacher; a rejected one excuses nothing', async () => {
    const loner = await w.system.create('institute.student', { name: 'No courses', student_number: 'S-LEAVE-01' });
    const leave = await w.system.create(LEAVE, { student: loner.id, from: '2026-04-01', to: '2026-04-01', reason: 'Doctor' });
    expect(leave.class_teacher).toBeNull();
    // An admin has no student record of their own: the student is a required field.
    expect(fieldError(await errorOf((await w.as('admin')).create(LEAVE, { from: '2026-04-01', to: '2026-04-01', reason: 'Whose?' })), 'student')).toBeDefined();
    await (await engine('admin')).run(LEAVE, leave.id, 'approve');
    expect((await w.system.get(LEAVE, leave.id)).status).toBe('approved');

    const s2 = await w.system.create(SESSION, { course: w.courses.active.id, date: '2026-05-04' });
    const rejected = await w.system.create(LEAVE, { student: w.student.id, from: '2026-05-04', to: '2026-05-04', reason: 'Beach' });
    await (await engine('teacher')).run(LEAVE, rejected.id, 'reject', { comment: 'Exam week' });
    expect((await w.system.get(LEAVE, rejected.id)).status).toBe('rejected');
    expect(await recordOf(s2)).toBeUndefined();
  });

  it('the daily job excuses sessions made after the approval, once', async () => {
    const later = await w.system.create(SESSION, { course: w.courses.active.id, date: '2026-03-04', topic: 'Extra class' });
    const job = studentLeave.jobs!.excuse_sessions;
    const ctx = { records: w.system.asSystem('test-job'), organization: { id: w.fixture.org.id, name: 'x', slug: w.fixture.org.slug }, log: { info() {}, warn() {}, error() {} }, job: 'student_leave.excuse_sessions', now: new Date('2026-03-10T06:30:00Z') } as unknown as Parameters<typeof job>[0];
    await job(ctx);
    expect(await recordOf(later)).toMatchObject({ present: false, excused: true });
    // The roll call that found the student present stands.
    expect(await recordOf(sessions[2])).toMatchObject({ present: true, excused: false });
    const before = await w.system.count(RECORD, [{ field: 'student', op: 'eq', value: w.student.id }]);
    await job(ctx);
    expect(await w.system.count(RECORD, [{ field: 'student', op: 'eq', value: w.student.id }])).toBe(before);
    // Excused sessions do not count towards low attendance: 3 excused + 1 present is one recorded session, too few to alert.
    expect(await institute.jobs!.attendance_alert({ ...ctx, job: 'institute.attendance_alert' })).toMatch(/^0 enrollments alerted/);
  });
});
