/**
 * The institute's documents: a fee receipt for a payment (finance, through
 * the `fee_receipt` permission) and a course report card for an ENROLLED
 * enrollment (the course's teacher, the student themself, through
 * `report_card`). Everything printed is read as the printing user: what they
 * may not read stays off the document.
 */
import { documentAction, type FeeReceiptData, type RecordData, type Records, type ReportCardData, type ReportCardLine } from '../../core/sdk.js';
import { eq } from './helpers.js';

const text = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

/** One record by id as `records` reads it, or undefined (missing, not readable, or no id). */
async function one(records: Records, key: string, id: unknown): Promise<RecordData | undefined> {
  const ref = text(id);
  return ref ? (await records.getMany(key, [ref]))[0] : undefined;
}

/**
 * Whether `records` may read every field it filters `key` on: a filter on a
 * field the reader may not see is dropped by the query, which would print
 * other students' rows. Without them the document leaves that part out.
 */
function canFilterOn(records: Records, key: string, fields: string[]): boolean {
  const readable = new Set(records.readableFields(key));
  return fields.every((f) => readable.has(f));
}

/** `bank_transfer` → "Bank transfer". */
const humanize = (value: unknown): string | undefined => text(value)?.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export const feeReceipt = documentAction({
  name: 'fee_receipt',
  entity: 'payment',
  label: 'Fee receipt',
  translations: { bn: { label: 'ফি রসিদ' } },
  kind: 'fee_receipt',
  async build(ctx, payment): Promise<FeeReceiptData> {
    const { records } = ctx;
    const student = await one(records, 'institute.student', payment.student);
    const invoice = await one(records, 'institute.fee_invoice', payment.invoice);
    const course = await one(records, 'institute.course', invoice?.course);
    const courseName = course ? [text(course.code), text(course.title)].filter(Boolean).join(' ') : undefined;
    const label = [text(invoice?.description), courseName].filter(Boolean).join(' · ') || text(invoice?.number) || 'Fee payment';
    return {
      student: { name: text(student?.name) ?? '', rollNumber: text(student?.student_number) },
      items: [{ label, amount: Number(payment.amount ?? 0) }],
      paidOn: text(payment.paid_on) ?? '',
      method: humanize(payment.method),
      reference: text(payment.reference),
      notes: invoice?.number ? `Payment towards invoice ${String(invoice.number)}.` : undefined,
    };
  },
});

/** One line per exam of the course (by date), with the student's mark where there is one. */
async function examLines(records: Records, courseId: string, studentId: string): Promise<ReportCardLine[]> {
  if (!canFilterOn(records, 'institute.exam', ['course']) || !canFilterOn(records, 'institute.mark', ['course', 'student', 'exam'])) return [];
  const exams = await records.find('institute.exam', { filters: [eq('course', courseId)], sort: { field: 'date', direction: 'asc' }, limit: 1000 });
  const marks = await records.find('institute.mark', { filters: [eq('course', courseId), eq('student', studentId)], limit: 1000 });
  const byExam = new Map(marks.filter((m) => m.student === studentId).map((m) => [String(m.exam), m]));
  return exams
    .filter((e) => e.course === courseId)
    .map((exam) => {
      const mark = byExam.get(exam.id);
      const score = mark?.marks === null || mark?.marks === undefined ? undefined : Number(mark.marks);
      return {
        label: text(exam.title) ?? '',
        score,
        maxScore: score === undefined || exam.max_marks === null || exam.max_marks === undefined ? undefined : Number(exam.max_marks),
        grade: text(mark?.grade),
        remarks: mark ? text(mark.remarks) : 'no mark',
      };
    });
}

/** Sessions attended of those recorded for the student in the course; undefined when the reader cannot count them. */
async function attendanceOf(records: Records, courseId: string, studentId: string): Promise<ReportCardData['attendance']> {
  const key = 'institute.attendance_record';
  if (!canFilterOn(records, key, ['course', 'student', 'present'])) return undefined;
  const base = [eq('course', courseId), eq('student', studentId)];
  const total = await records.count(key, base);
  const attended = await records.count(key, [...base, eq('present', true)]);
  return { attended, total };
}

export const reportCard = documentAction({
  name: 'report_card',
  entity: 'enrollment',
  label: 'Report card',
  translations: { bn: { label: 'রিপোর্ট কার্ড' } },
  kind: 'report_card',
  isAvailable: (enrollment) => enrollment.status === 'ENROLLED',
  async build(ctx, enrollment): Promise<ReportCardData> {
    const { records } = ctx;
    const courseId = String(enrollment.course);
    const studentId = String(enrollment.student);
    const student = await one(records, 'institute.student', studentId);
    const course = await one(records, 'institute.course', courseId);
    const teacher = await one(records, 'core.user', course?.teacher);
    const term = course?.starts_on && course.ends_on ? `${String(course.starts_on)} – ${String(course.ends_on)}` : undefined;
    return {
      student: { name: text(student?.name) ?? '', rollNumber: text(student?.student_number) },
      // A course the reader may no longer see (a student's, once archived) is named by the enrollment's title.
      course: { name: text(course?.title) ?? text(enrollment.title) ?? '', code: text(course?.code), term, instructor: text(teacher?.name) },
      lines: await examLines(records, courseId, studentId),
      attendance: await attendanceOf(records, courseId, studentId),
    };
  },
});

export const instituteDocuments = [feeReceipt, reportCard];
