/**
 * Student leave: a request carries its class teacher (the teacher of the
 * student's earliest ENROLLED course, found past the student's own rules), who
 * approves it through the manifest's workflow; approving marks the student's
 * attendance on every session of their enrolled courses within the leave's
 * days as excused (absent, excused), creating the record where the roll call
 * has not been taken yet; a roll call that found the student present stands.
 * A daily job does the same for sessions made later.
 */
import { type EntityHooks, type HookContext, type RecordData, type Records, type WorkflowHookContext } from '../../core/sdk.js';

export const LEAVE = 'student_leave.leave_request';
const STUDENT = 'institute.student';
const ENROLLMENT = 'institute.enrollment';
const COURSE = 'institute.course';
const SESSION = 'institute.attendance_session';
const RECORD = 'institute.attendance_record';

const idOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The teacher of the student's earliest ENROLLED course that has a teacher, or null. */
export async function classTeacherOf(records: Records, studentId: string): Promise<string | null> {
  const system = records.asSystem('class-teacher');
  const enrollments = await system.find(ENROLLMENT, { filters: [{ field: 'student', op: 'eq', value: studentId }, { field: 'status', op: 'eq', value: 'ENROLLED' }], sort: { field: 'created_at', direction: 'asc' }, limit: 100 });
  const courses = await system.getMany(COURSE, enrollments.map((e) => String(e.course)));
  const byId = new Map(courses.map((c) => [c.id, c]));
  for (const e of enrollments) {
    const teacher = idOf(byId.get(String(e.course))?.teacher);
    if (teacher) return teacher;
  }
  return null;
}

/** A student asking for themselves may leave the student empty: their own record. */
async function ownStudent(ctx: HookContext, values: Record<string, unknown>): Promise<void> {
  if (idOf(values.student) || ctx.actor.kind !== 'user') return;
  const userId = ctx.actor.userId;
  const [mine] = await ctx.records.asSystem('own-student').find(STUDENT, { filters: [{ field: 'user', op: 'eq', value: userId }], limit: 1 });
  // Someone without a student record (an admin) names the student; validation reports it missing.
  if (mine) values.student = mine.id;
}

async function derived(ctx: HookContext, values: Record<string, unknown>): Promise<void> {
  const studentId = idOf(values.student);
  if (!studentId) return;
  const [student] = await ctx.records.asSystem('leave').getMany(STUDENT, [studentId]);
  values.class_teacher = await classTeacherOf(ctx.records, studentId);
  if (student) values.title = `${String(student.name)} · ${String(values.from ?? '')}${values.to && values.to !== values.from ? ` to ${String(values.to)}` : ''}`;
}

export const leaveHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    await ownStudent(ctx, values);
    await derived(ctx, values);
  },
  async beforeUpdate(ctx, change) {
    if (['student', 'from', 'to'].some((f) => change.changed.includes(f))) await derived(ctx, change.values);
  },
};

/**
 * Marks the student excused (and absent) on every session of their ENROLLED
 * courses dated within the leave, except where the roll call found them
 * present; returns how many sessions the leave covers. Runs
 * as the system (`student_leave:excuse`): the approver may be a teacher of one
 * course only, while the leave covers all of the student's courses.
 */
export async function excuseSessions(records: Records, leave: RecordData): Promise<number> {
  const system = records.asSystem('excuse');
  const studentId = String(leave.student);
  const enrollments = await system.find(ENROLLMENT, { filters: [{ field: 'student', op: 'eq', value: studentId }, { field: 'status', op: 'eq', value: 'ENROLLED' }], limit: 1000 });
  if (!enrollments.length) return 0;
  const sessions = await system.find(SESSION, {
    filters: [
      { field: 'course', op: 'in', value: enrollments.map((e) => String(e.course)) },
      { field: 'date', op: 'gte', value: String(leave.from) },
      { field: 'date', op: 'lte', value: String(leave.to) },
    ],
    limit: 1000,
  });
  if (!sessions.length) return 0;
  const existing = await system.find(RECORD, { filters: [{ field: 'student', op: 'eq', value: studentId }, { field: 'session', op: 'in', value: sessions.map((s) => s.id) }], limit: 1000 });
  const bySession = new Map(existing.map((r) => [String(r.session), r]));
  const note = `On leave: ${String(leave.title ?? '')}`.slice(0, 300);
  for (const session of sessions) {
    const record = bySession.get(session.id);
    // A roll call that found the student present stands: they came after all.
    if (!record) await system.create(RECORD, { session: session.id, student: studentId, present: false, excused: true, note });
    else if (record.present === false && record.excused !== true) await system.update(RECORD, record.id, { excused: true, note });
  }
  return sessions.length;
}

/** Workflow effect of `approve`: the leave's days are excused in the same transaction as the approval. */
export async function excuseAttendance(ctx: WorkflowHookContext): Promise<void> {
  const count = await excuseSessions(ctx.records, ctx.record);
  await ctx.records.update(LEAVE, ctx.record.id, { excused_sessions: count });
}
