/**
 * The institute's documents, printed as the record actions they are and read
 * back as laid-out text: finance prints a fee receipt for a payment (the
 * organization, the student, the invoice's item, the amount, an FR number); a
 * course report card for an ENROLLED enrollment lists each exam of the course
 * with the student's own mark and the student's attendance, for the course's
 * teacher and the student themself; other students and teachers cannot print
 * it, and a student cannot print a fee receipt even for their own payment.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData } from '../core/data/records.js';
import { printDocumentFor } from '../core/documents/index.js';
import { errorOf } from './support/errors.js';
import { pdfText } from './support/files.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let w: InstituteWorld;
let enrollment: RecordData;
let otherEnrollment: RecordData;
let application: RecordData;
let payment: RecordData;
const year = new Date().getUTCFullYear();

const actor = (key: string) => w.fixture.users.get(key)!.actor;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  const course = w.courses.active;
  enrollment = await w.system.create('institute.enrollment', { student: w.student.id, course: course.id, status: 'ENROLLED' });
  otherEnrollment = await w.system.create('institute.enrollment', { student: w.student2.id, course: course.id, status: 'ENROLLED' });
  application = await w.system.create('institute.enrollment', { student: w.student.id, course: w.courses.otherTeachers.id, status: 'APPLIED' });

  // The teacher records attendance and marks as on any school day.
  const teacher = await w.as('teacher');
  for (const [i, present] of [true, true, false, true].entries()) {
    const session = await teacher.create('institute.attendance_session', { course: course.id, date: `2026-09-0${i + 1}`, topic: `Lesson ${i + 1}` });
    await teacher.create('institute.attendance_record', { session: session.id, student: w.student.id, present });
    await teacher.create('institute.attendance_record', { session: session.id, student: w.student2.id, present: false });
  }
  const midterm = await teacher.create('institute.exam', { course: course.id, title: 'Midterm exam', date: '2026-10-01', max_marks: 50 });
  await teacher.create('institute.exam', { course: course.id, title: 'Final exam', date: '2026-12-01', max_marks: 100 });
  await teacher.create('institute.mark', { exam: midterm.id, student: w.student.id, marks: 42, remarks: 'Solid work' });
  await teacher.create('institute.mark', { exam: midterm.id, student: w.student2.id, marks: 17 });
  // An exam of another course is not on this card.
  await w.system.create('institute.exam', { course: w.courses.otherTeachers.id, title: 'Unrelated quiz', max_marks: 10 });

  const finance = await w.as('finance');
  const invoice = await finance.create('institute.fee_invoice', { student: w.student.id, course: course.id, amount: 300, due_date: '2026-10-01', description: 'Tuition, autumn term' });
  payment = await finance.create('institute.payment', { invoice: invoice.id, amount: 250, paid_on: '2026-09-20', method: 'bank_transfer', reference: 'UTR-778899' });
});
afterAll(() => runtime?.dispose());

describe('the fee receipt', () => {
  it('finance prints the organization, the student, the invoice item, the amount and an FR number', async () => {
    const printed = await printDocumentFor(runtime, actor('finance'), 'institute.payment', payment.id, 'fee_receipt');
    expect(printed.number).toBe(`FR-${year}-000001`);
    const text = await pdfText(printed.content);
    for (const expected of [w.fixture.org.name, 'Fee receipt', `FR-${year}-000001`, 'Stella Student', 'S-0001', 'Tuition, autumn term', String(w.courses.active.code), '250.00', 'Total paid', '2026-09-20', 'Bank transfer', 'UTR-778899']) {
      expect(text).toContain(expected);
    }
  });

  it('a student cannot print one, not even for their own payment', async () => {
    expect((await (await w.as('student')).get('institute.payment', payment.id)).id).toBe(payment.id);
    const err = await errorOf(printDocumentFor(runtime, actor('student'), 'institute.payment', payment.id, 'fee_receipt'));
    expect(err.code).toBe('FORBIDDEN');
  });
});

describe('the course report card', () => {
  it('the teacher prints the course, each exam with the student’s mark, and the attendance', async () => {
    const printed = await printDocumentFor(runtime, actor('teacher'), 'institute.enrollment', enrollment.id, 'report_card');
    expect(printed.number).toMatch(new RegExp(`^RC-${year}-\\d{6}$`));
    const text = await pdfText(printed.content);
    for (const expected of [w.fixture.org.name, 'Report card', 'Stella Student', 'S-0001', String(w.courses.active.title), String(w.courses.active.code), 'teacher user', 'Midterm exam', '42 / 50', 'Solid work', 'Final exam', 'no mark', '3 of 4 (75 %)']) {
      expect(text).toContain(expected);
    }
    // Another student's mark and another course's exam stay off it.
    expect(text).not.toContain('17 / 50');
    expect(text).not.toContain('Unrelated quiz');
  });

  it('the student prints their own', async () => {
    const printed = await printDocumentFor(runtime, actor('student'), 'institute.enrollment', enrollment.id, 'report_card');
    const text = await pdfText(printed.content);
    for (const expected of ['Stella Student', String(w.courses.active.title), 'Midterm exam', '42 / 50', '3 of 4 (75 %)']) expect(text).toContain(expected);
  });

  it('another student, or a teacher of another course, cannot print it', async () => {
    const student = await errorOf(printDocumentFor(runtime, actor('student'), 'institute.enrollment', otherEnrollment.id, 'report_card'));
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(student.code);
    const teacher = await errorOf(printDocumentFor(runtime, actor('teacher2'), 'institute.enrollment', enrollment.id, 'report_card'));
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(teacher.code);
  });

  it('an enrollment that is not ENROLLED has no report card', async () => {
    const err = await errorOf(printDocumentFor(runtime, actor('admin'), 'institute.enrollment', application.id, 'report_card'));
    expect(err.code).toBe('CONFLICT');
  });
});
