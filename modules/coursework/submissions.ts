/**
 * Assignments and submissions: a teacher's assignment is their own; a
 * student's submission is their own, titled, and stamped when handed in
 * (`submitted_at`, and `late` when after the due time); marks never exceed the
 * assignment's maximum (a rule across a reference, so a hook: a field error on
 * `marks`). Who may edit when is the manifest's rules and workflow.
 */
import { RecordValidationError, type EntityHooks, type RecordData, type Records } from '../../core/sdk.js';

const SUBMISSION = 'coursework.submission';
const ASSIGNMENT = 'coursework.assignment';

const idOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const present = (v: unknown): boolean => v !== null && v !== undefined && v !== '';

async function assignmentOf(records: Records, values: Record<string, unknown>): Promise<RecordData | undefined> {
  const id = idOf(values.assignment);
  if (!id) return undefined;
  const [assignment] = await records.asSystem('submission-rules').getMany(ASSIGNMENT, [id]);
  return assignment;
}

function checkMarks(assignment: RecordData | undefined, values: Record<string, unknown>): void {
  if (!assignment || !present(values.marks)) return;
  const max = Number(assignment.max_marks);
  if (Number(values.marks) > max) throw new RecordValidationError(SUBMISSION, { marks: { message: `must be at most ${max}, the assignment's maximum`, type: 'max' } });
}

/** Handed in now: the time, and whether it is after the due time. */
function stampSubmitted(assignment: RecordData | undefined, values: Record<string, unknown>): void {
  const now = new Date();
  values.submitted_at = now.toISOString();
  values.late = assignment ? now.getTime() > new Date(String(assignment.due_at instanceof Date ? assignment.due_at.toISOString() : assignment.due_at)).getTime() : false;
}

export const submissionHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    if (ctx.actor.kind === 'user' && !idOf(values.student)) {
      const [own] = await ctx.records.asSystem('own-student').find('institute.student', { filters: [{ field: 'user', op: 'eq', value: ctx.actor.userId }], limit: 1 });
      values.student = own?.id ?? null;
    }
    if (ctx.actor.kind === 'user') values.status = 'draft';
    const assignment = await assignmentOf(ctx.records, values);
    const [student] = idOf(values.student) ? await ctx.records.asSystem('submission-rules').getMany('institute.student', [String(values.student)]) : [];
    if (assignment && student) values.title = `${String(assignment.title)} — ${String(student.name)}`.slice(0, 300);
    checkMarks(assignment, values);
    if (values.status !== 'draft' && values.status !== undefined && !present(values.submitted_at)) stampSubmitted(assignment, values);
  },
  async beforeUpdate(ctx, change) {
    const { values, before } = change;
    const assignment = await assignmentOf(ctx.records, values);
    checkMarks(assignment, values);
    if (values.status === 'submitted' && before.status !== 'submitted') stampSubmitted(assignment, values);
  },
};

export const assignmentHooks: EntityHooks = {
  beforeCreate(ctx, values) {
    if (ctx.actor.kind === 'user' && !idOf(values.teacher)) values.teacher = ctx.actor.userId;
  },
  async beforeUpdate(ctx, change) {
    // A lower maximum must not leave marks above it.
    if (!change.changed.includes('max_marks')) return;
    const over = await ctx.records.asSystem('submission-rules').count(SUBMISSION, [
      { field: 'assignment', op: 'eq', value: change.before.id },
      { field: 'marks', op: 'gt', value: change.values.max_marks },
    ]);
    if (over) throw new RecordValidationError(ASSIGNMENT, { max_marks: { message: `is below the marks of ${over} submission${over === 1 ? '' : 's'}`, type: 'min' } });
  },
};
