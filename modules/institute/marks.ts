/**
 * Marks: a mark carries its exam's course (one reference hop for the rules),
 * its grade follows from the marks and the exam's maximum, and a person can
 * only mark a student ENROLLED in the course, within the exam's maximum.
 */
import { RecordValidationError, type EntityHooks, type HookContext, type Records } from '../../core/sdk.js';
import { eq, idOf, isPerson } from './helpers.js';

const MARK = 'institute.mark';

/** Percentage bands, highest first. */
const GRADES: [number, string][] = [
  [90, 'A'],
  [75, 'B'],
  [60, 'C'],
  [50, 'D'],
  [0, 'F'],
];

export function gradeFor(marks: number, maxMarks: number): string {
  const percent = maxMarks > 0 ? (marks / maxMarks) * 100 : 0;
  return GRADES.find(([floor]) => percent >= floor)![1];
}

async function apply(ctx: HookContext, values: Record<string, unknown>, checkStudent: boolean): Promise<void> {
  const examId = idOf(values.exam);
  const system = ctx.records.asSystem('marks');
  const [exam] = examId ? await system.getMany('institute.exam', [examId]) : [];
  // Unknown ids are reported by reference validation, after the hooks.
  if (!exam) return;
  values.course = exam.course;
  const marks = Number(values.marks);
  const max = Number(exam.max_marks);
  if (isPerson(ctx.actor)) {
    if (Number.isFinite(marks) && marks > max) {
      throw new RecordValidationError(MARK, { marks: { message: `must be at most ${max}, the exam's maximum`, type: 'max' } });
    }
    const studentId = idOf(values.student);
    if (checkStudent && studentId && !(await isEnrolled(system, String(exam.course), studentId))) {
      throw new RecordValidationError(MARK, { student: { message: 'is not enrolled in this course', type: 'notEnrolled' } });
    }
  }
  values.grade = Number.isFinite(marks) && values.marks !== null && values.marks !== '' ? gradeFor(marks, max) : null;
}

async function isEnrolled(system: Records, courseId: string, studentId: string): Promise<boolean> {
  return (await system.count('institute.enrollment', [eq('course', courseId), eq('student', studentId), eq('status', 'ENROLLED')])) > 0;
}

export const markHooks: EntityHooks = {
  beforeCreate: (ctx, values) => apply(ctx, values, true),
  // Course and grade follow the exam and the marks, whatever the update says.
  beforeUpdate: (ctx, change) => apply(ctx, change.values, change.changed.includes('exam') || change.changed.includes('student')),
};
