/**
 * The institute's rules per role, through RecordService: students see only
 * ACTIVE courses and only their own enrollments, marks, invoices and payments;
 * teachers only their own courses and those courses' enrollments, attendance
 * and marks; finance invoices and payments; HR staff, job posts and
 * applications; sales courses and outreach. Lists and single reads agree.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData } from '../core/data/records.js';
import { errorOf } from './support/errors.js';
import { courseCode, createInstituteWorld, visibleIds, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let w: InstituteWorld;
/** Per student: an enrollment, a mark, an invoice and a payment in the first teacher's ACTIVE course. */
const own: Record<'student' | 'student2', Record<string, RecordData>> = { student: {}, student2: {} };
let otherTeachersMark: RecordData;
let otherTeachersEnrollment: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  const sys = w.system;
  const exam = await sys.create('institute.exam', { course: w.courses.active.id, title: 'Midterm', max_marks: 50 });
  const otherExam = await sys.create('institute.exam', { course: w.courses.otherTeachers.id, title: 'Quiz', max_marks: 10 });
  for (const [key, student] of [['student', w.student], ['student2', w.student2]] as const) {
    own[key].enrollment = await sys.create('institute.enrollment', { student: student.id, course: w.courses.active.id, status: 'ENROLLED' });
    own[key].mark = await sys.create('institute.mark', { exam: exam.id, student: student.id, marks: 40 });
    own[key].invoice = await sys.create('institute.fee_invoice', { student: student.id, course: w.courses.active.id, amount: 300, due_date: '2026-09-01' });
    own[key].payment = await sys.create('institute.payment', { invoice: own[key].invoice.id, amount: 100, paid_on: '2026-08-01' });
  }
  otherTeachersEnrollment = await sys.create('institute.enrollment', { student: w.student.id, course: w.courses.otherTeachers.id, status: 'ENROLLED' });
  otherTeachersMark = await sys.create('institute.mark', { exam: otherExam.id, student: w.student.id, marks: 9 });
  const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await sys.create('institute.notice', { title: 'For students', to_students: true, published_on: day(0) });
  await sys.create('institute.notice', { title: 'For students, later', to_students: true, published_on: day(1) });
  await sys.create('institute.notice', { title: 'For students, draft', to_students: true });
  await sys.create('institute.notice', { title: 'For teachers', to_teachers: true, published_on: day(-1) });
  await sys.create('institute.staff_profile', { name: 'Teacher profile', user: w.userId('teacher'), role: 'teacher', salary: 5000, status: 'ACTIVE' });
  await sys.create('institute.job_post', { title: 'Lecturer' });
}, 60_000);
afterAll(() => runtime.dispose());

describe('students', () => {
  it('see only ACTIVE courses, in lists and by id', async () => {
    const student = await w.as('student');
    const ids = await visibleIds(student, 'institute.course');
    expect(ids.sort()).toEqual([w.courses.active.id, w.courses.otherTeachers.id].sort());
    for (const hidden of [w.courses.draft, w.courses.pending, w.courses.archived]) {
      expect((await errorOf(student.get('institute.course', hidden.id))).code).toBe('NOT_FOUND');
    }
  });

  it('see only their own enrollments, marks, invoices and payments', async () => {
    const student = await w.as('student2');
    for (const [key, entity] of [['enrollment', 'institute.enrollment'], ['mark', 'institute.mark'], ['invoice', 'institute.fee_invoice'], ['payment', 'institute.payment']]) {
      expect(await visibleIds(student, entity)).toEqual([own.student2[key].id]);
      expect((await errorOf(student.get(entity, own.student[key].id))).code).toBe('NOT_FOUND');
    }
  });

  it('see their own student record without the internal notes, and no one else’s', async () => {
    const student = await w.as('student');
    const [mine, ...rest] = await student.find('institute.student');
    expect(rest).toEqual([]);
    expect(mine).toMatchObject({ id: w.student.id, name: 'Stella Student' });
    expect(mine).not.toHaveProperty('notes');
  });

  it('apply for themselves (the student field defaults to their own record) but not for another student', async () => {
    const student = await w.as('student');
    const course = await w.system.create('institute.course', { title: 'Open course', code: courseCode(), teacher: w.userId('teacher2'), max_seats: 5, status: 'ACTIVE' });
    const enrollment = await student.create('institute.enrollment', { course: course.id, note: 'please' });
    expect(enrollment).toMatchObject({ student: w.student.id, status: 'APPLIED', title: `Stella Student · ${String(course.code)}` });
    // Another student's record does not exist for this student: the reference is refused.
    const refused = await errorOf(student.create('institute.enrollment', { course: course.id, student: w.student2.id }));
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: { student: { type: 'reference' } } });
    expect(await w.system.count('institute.enrollment', [{ field: 'student', op: 'eq', value: w.student2.id }, { field: 'course', op: 'eq', value: course.id }])).toBe(0);
  });

  it('cannot decide their own application by setting its status', async () => {
    const student = await w.as('student2');
    const course = await w.system.create('institute.course', { title: 'Another open course', code: courseCode(), max_seats: 5, status: 'ACTIVE' });
    const err = await errorOf(student.create('institute.enrollment', { course: course.id, status: 'ENROLLED' }));
    expect(err.code).toBe('VALIDATION_FAILED');
  });

  it('read only the published notices addressed to students', async () => {
    const notices = await (await w.as('student')).find('institute.notice');
    expect(notices.map((n) => n.title)).toEqual(['For students']);
  });

  it('see nothing of staff, hiring or outreach', async () => {
    const student = await w.as('student');
    for (const entity of ['institute.staff_profile', 'institute.job_post', 'institute.school', 'institute.course_signup']) {
      expect(await student.find(entity)).toEqual([]);
    }
  });
});

describe('teachers', () => {
  it('see their own courses in every state and no other teacher’s', async () => {
    const ids = await visibleIds(await w.as('teacher'), 'institute.course');
    expect(ids.sort()).toEqual([w.courses.draft.id, w.courses.pending.id, w.courses.active.id, w.courses.archived.id].sort());
    expect((await errorOf((await w.as('teacher')).get('institute.course', w.courses.otherTeachers.id))).code).toBe('NOT_FOUND');
  });

  it('see the enrollments and marks of their own courses only', async () => {
    const teacher = await w.as('teacher');
    expect((await visibleIds(teacher, 'institute.enrollment')).sort()).toEqual([own.student.enrollment.id, own.student2.enrollment.id].sort());
    expect((await visibleIds(teacher, 'institute.mark')).sort()).toEqual([own.student.mark.id, own.student2.mark.id].sort());
    const teacher2 = await w.as('teacher2');
    const theirs = await visibleIds(teacher2, 'institute.enrollment');
    expect(theirs).toContain(otherTeachersEnrollment.id);
    expect(theirs).not.toContain(own.student.enrollment.id);
    expect(await visibleIds(teacher2, 'institute.mark')).toEqual([otherTeachersMark.id]);
  });

  it('propose a course (taught by themselves, DRAFT), edit it and delete it while DRAFT, but not delete a published one', async () => {
    const teacher = await w.as('teacher');
    const course = await teacher.create('institute.course', { title: 'My new course', code: courseCode(), max_seats: 8 });
    expect(course).toMatchObject({ teacher: w.userId('teacher'), status: 'DRAFT' });
    await expect(teacher.update('institute.course', course.id, { title: 'My renamed course' })).resolves.toMatchObject({ title: 'My renamed course' });
    await teacher.delete('institute.course', course.id);
    // Which states the edit form may change is the course workflow's; deleting anything but a draft is refused here.
    // The course workflow locks an ACTIVE course to admins; the module's own rule (archive, never delete) stands behind it.
    expect(await errorOf(teacher.delete('institute.course', w.courses.active.id))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/can only be deleted by Organization admin\./) });
  });

  it('cannot move their course to another teacher or edit another teacher’s course', async () => {
    const teacher = await w.as('teacher');
    expect((await errorOf(teacher.update('institute.course', w.courses.draft.id, { teacher: w.userId('teacher2') }))).code).toBe('VALIDATION_FAILED');
    expect((await errorOf(teacher.update('institute.course', w.courses.otherTeachers.id, { title: 'Mine now' }))).code).toBe('NOT_FOUND');
  });

  it('cannot create a course for another teacher, or set its status', async () => {
    const teacher = await w.as('teacher');
    expect((await errorOf(teacher.create('institute.course', { title: 'Not mine', code: courseCode(), teacher: w.userId('teacher2') }))).code).toBe('FORBIDDEN');
    expect((await errorOf(teacher.create('institute.course', { title: 'Straight to active', code: courseCode(), status: 'ACTIVE' }))).code).toBe('VALIDATION_FAILED');
  });

  it('record marks for their own course, within the exam maximum and for enrolled students only', async () => {
    const teacher = await w.as('teacher');
    const exam = await teacher.create('institute.exam', { course: w.courses.active.id, title: 'Quiz 2', max_marks: 20 });
    const mark = await teacher.create('institute.mark', { exam: exam.id, student: w.student.id, marks: 15 });
    expect(mark).toMatchObject({ course: w.courses.active.id, grade: 'B' });
    const tooHigh = await errorOf(teacher.create('institute.mark', { exam: exam.id, student: w.student2.id, marks: 21 }));
    expect((tooHigh as unknown as { fieldErrors: Record<string, unknown> }).fieldErrors).toHaveProperty('marks');
    const stranger = await w.system.create('institute.student', { name: 'Not enrolled', student_number: `S-${courseCode()}` });
    const notEnrolled = await errorOf(teacher.create('institute.mark', { exam: exam.id, student: stranger.id, marks: 10 }));
    expect((notEnrolled as unknown as { fieldErrors: Record<string, unknown> }).fieldErrors).toHaveProperty('student');
  });

  it('cannot add sessions, exams or marks to another teacher’s course', async () => {
    const teacher = await w.as('teacher');
    expect((await errorOf(teacher.create('institute.attendance_session', { course: w.courses.otherTeachers.id, date: '2026-05-01' }))).code).toBe('VALIDATION_FAILED');
    expect((await errorOf(teacher.create('institute.exam', { course: w.courses.otherTeachers.id, title: 'Sneaky' }))).code).toBe('VALIDATION_FAILED');
  });

  it('read their own staff profile without the salary', async () => {
    const [profile, ...rest] = await (await w.as('teacher')).find('institute.staff_profile');
    expect(rest).toEqual([]);
    expect(profile).toMatchObject({ name: 'Teacher profile' });
    expect(profile).not.toHaveProperty('salary');
  });

  it('see no invoices or payments', async () => {
    const teacher = await w.as('teacher');
    expect(await teacher.find('institute.fee_invoice')).toEqual([]);
    expect(await teacher.find('institute.payment')).toEqual([]);
  });
});

describe('finance, HR and sales', () => {
  it('finance sees every invoice and payment and records payments, but no marks', async () => {
    const finance = await w.as('finance');
    expect((await visibleIds(finance, 'institute.fee_invoice')).sort()).toEqual([own.student.invoice.id, own.student2.invoice.id].sort());
    expect((await visibleIds(finance, 'institute.payment')).sort()).toEqual([own.student.payment.id, own.student2.payment.id].sort());
    const payment = await finance.create('institute.payment', { invoice: own.student2.invoice.id, amount: 50, method: 'card' });
    expect(payment).toMatchObject({ student: w.student2.id, paid_on: new Date().toISOString().slice(0, 10) });
    expect(await finance.find('institute.mark')).toEqual([]);
  });

  it('HR sees staff profiles with salaries, job posts and applications, but no invoices or marks', async () => {
    const hr = await w.as('hr');
    const [profile] = await hr.find('institute.staff_profile');
    expect(profile).toMatchObject({ name: 'Teacher profile', salary: 5000 });
    expect(await hr.find('institute.job_post')).toHaveLength(1);
    const post = (await hr.find('institute.job_post'))[0];
    await expect(hr.create('institute.job_application', { job_post: post.id, applicant_name: 'Ann Applicant', applicant_email: 'ann@example.org' })).resolves.toMatchObject({ status: 'APPLIED' });
    expect(await hr.find('institute.fee_invoice')).toEqual([]);
    expect(await hr.find('institute.mark')).toEqual([]);
  });

  it('sales sees every course and manages schools, sign-ups and contact history, but no invoices', async () => {
    const sales = await w.as('sales');
    expect(await visibleIds(sales, 'institute.course')).toEqual(expect.arrayContaining(Object.values(w.courses).map((c) => c.id)));
    const school = await sales.create('institute.school', { name: 'Sunrise School', city: 'Eastport' });
    const signup = await sales.create('institute.course_signup', { name: 'Leo Lead', course: w.courses.active.id, school: school.id });
    await expect(sales.create('institute.contact', { school: school.id, signup: signup.id, contacted_at: new Date().toISOString(), summary: 'First call' })).resolves.toMatchObject({ channel: 'call' });
    expect(await sales.find('institute.fee_invoice')).toEqual([]);
  });
});
