/**
 * Demo coursework: on the demo teacher's active courses, an assignment due
 * tomorrow, one past due that accepts late work and one draft; the enrolled
 * students' submissions in every state (drafts, handed in on time and late,
 * graded, returned with marks and feedback), so the teacher has work to grade
 * and the students and guardians see returned grades.
 */
import { demoPdf, storeFile, type RecordData, type SeedContext } from '../../core/sdk.js';

const HOUR_MS = 3_600_000;
const at = (hours: number): string => new Date(Date.now() + hours * HOUR_MS).toISOString();

export async function seedCoursework(ctx: SeedContext): Promise<void> {
  const { records } = ctx;
  const teacher = ctx.usersByRole.get('institute.teacher');
  const filters = [{ field: 'status', op: 'eq' as const, value: 'ACTIVE' }, ...(teacher ? [{ field: 'teacher', op: 'eq' as const, value: teacher.id }] : [])];
  const courses = await records.find('institute.course', { filters, sort: { field: 'code', direction: 'asc' }, limit: ctx.size === 'small' ? 1 : 3 });
  for (const course of courses) {
    const teacherId = course.teacher ?? null;
    const make = (title: string, dueHours: number, status: string, extra: Record<string, unknown> = {}): Promise<RecordData> =>
      records.create('coursework.assignment', { course: course.id, teacher: teacherId, title, instructions: `Work through the ${title.toLowerCase()} and show each step.`, due_at: at(dueHours), max_marks: 20, status, ...extra });
    const soon = await make(`${String(course.code)} problem set 3`, 20, 'published');
    const past = await make(`${String(course.code)} problem set 2`, -48, 'published', { late_allowed: true });
    await make(`${String(course.code)} project brief`, 24 * 14, 'draft');
    const enrolled = await records.find('institute.enrollment', { filters: [{ field: 'course', op: 'eq', value: course.id }, { field: 'status', op: 'eq', value: 'ENROLLED' }], limit: 12 });
    for (const [i, e] of enrolled.entries()) {
      const pastState = (['returned', 'graded', 'submitted', 'returned', 'draft'] as const)[i % 5];
      const graded = pastState === 'returned' || pastState === 'graded';
      // The first handed-in ones carry their working as a PDF attachment, stored as an upload is.
      const attachments =
        i < 4 && pastState !== 'draft'
          ? [await storeFile(records, 'coursework.submission', 'attachments', { name: `Working ${String(course.code)} set 2 (${i + 1}).pdf`, content: await demoPdf(`${String(course.code)} problem set 2: working`, ['Question 1: x = 4', 'Question 2: y = -3 (signs checked twice)', 'Question 3: area = 12.5 cm²', 'Question 4: see the table below; the hardest one.', 'Sample document made by the demo seed.']) })]
          : [];
      await records.create('coursework.submission', {
        attachments,
        assignment: past.id,
        student: e.student,
        text: 'My answers are in the attached working; question 4 was the hardest.',
        status: pastState,
        submitted_at: pastState === 'draft' ? null : at(i % 2 ? -50 : -30),
        late: pastState !== 'draft' && i % 2 === 0,
        marks: graded ? 11 + (i % 9) : null,
        feedback: pastState === 'returned' ? 'Clear working; check the signs in question 2.' : null,
      });
      if (i % 3 === 0) await records.create('coursework.submission', { assignment: soon.id, student: e.student, text: 'Started on questions 1–3.', status: i % 2 ? 'submitted' : 'draft', submitted_at: i % 2 ? at(-2) : null });
    }
  }
}
