/**
 * Enrollments: a person applies only to an ACTIVE course with a free seat, a
 * student's application is their own, and approving an application
 * (assertSeatAvailable, called by the workflow) refuses once the course is full;
 * a decided enrollment keeps its student and course.
 */
import { RecordValidationError, type EntityHooks, type HookContext, type RecordData, type Records } from '../../core/sdk.js';
import { eq, idOf, isPerson } from './helpers.js';

const ENROLLMENT = 'institute.enrollment';

const courseError = (message: string, type: string): RecordValidationError =>
  new RecordValidationError(ENROLLMENT, { course: { message, type } }, message);

/** Seats taken: ENROLLED enrollments of the course, not counting `except` (the one being decided). */
async function seatsTaken(system: Records, courseId: string, except: string | undefined): Promise<number> {
  const taken = await system.find(ENROLLMENT, { filters: [eq('course', courseId), eq('status', 'ENROLLED')], limit: 1000 });
  return taken.filter((e) => e.id !== except).length;
}

/**
 * Refuses (a field error on `course`) unless the course is ACTIVE and has a
 * free seat. The course row stays locked until the caller's transaction ends,
 * so two approvals for the last seat queue up and the second one counts the first.
 * `exceptEnrollment`: the enrollment being approved, whether or not its status already says ENROLLED.
 */
export async function assertSeatAvailable(records: Records, courseId: string, exceptEnrollment?: string): Promise<void> {
  await records.transaction(async (tx) => {
    const system = tx.asSystem('enrollment-seats');
    const course = await system.lock('institute.course', courseId);
    checkSeat(course, await seatsTaken(system, courseId, exceptEnrollment));
  });
}

function checkSeat(course: RecordData, taken: number): void {
  if (course.status !== 'ACTIVE') throw courseError(`"${String(course.title)}" is not open for enrollment.`, 'notOpen');
  const seats = course.max_seats === null || course.max_seats === undefined ? null : Number(course.max_seats);
  if (seats !== null && taken >= seats) throw courseError(`This course is full (${taken} of ${seats} seats taken).`, 'full');
}

async function ownStudentId(ctx: HookContext, userId: string): Promise<string | null> {
  const [own] = await ctx.records.find('institute.student', { filters: [eq('user', userId)], limit: 1 });
  return own?.id ?? null;
}

export const enrollmentHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    const system = ctx.records.asSystem('enrollment');
    if (isPerson(ctx.actor)) {
      if (!idOf(values.student)) values.student = await ownStudentId(ctx, ctx.actor.userId);
      // A decision is the workflow's: whoever applies, the application starts APPLIED.
      values.status = 'APPLIED';
    }
    const courseId = idOf(values.course);
    const studentId = idOf(values.student);
    // Unknown ids are reported by reference validation, after the hooks.
    const [course] = courseId ? await system.getMany('institute.course', [courseId]) : [];
    const [student] = studentId ? await system.getMany('institute.student', [studentId]) : [];
    if (course && isPerson(ctx.actor)) {
      await system.lock('institute.course', course.id);
      checkSeat(course, await seatsTaken(system, course.id, undefined));
    }
    if (course && student) values.title = `${String(student.name)} · ${String(course.code)}`;
  },
  async beforeUpdate(ctx, change) {
    if (!change.changed.includes('student') && !change.changed.includes('course')) return;
    // The decision was about this student in this course: once decided, moving either would hand a seat over without one.
    if (change.before.status !== 'APPLIED') {
      const locked = ['student', 'course'].filter((f) => change.changed.includes(f));
      const status = String(change.before.status).toLowerCase();
      throw new RecordValidationError(ENROLLMENT, Object.fromEntries(locked.map((f) => [f, { message: `cannot change once the enrollment is ${status}`, type: 'readOnly' }])), `A ${status} enrollment keeps its student and course; cancel it and apply again.`);
    }
    const system = ctx.records.asSystem('enrollment');
    const [course] = await system.getMany('institute.course', [String(change.values.course)]);
    const [student] = await system.getMany('institute.student', [String(change.values.student)]);
    // Moving an application or a seat to another course is applying there.
    if (course && isPerson(ctx.actor) && change.changed.includes('course') && ['APPLIED', 'ENROLLED'].includes(String(change.values.status))) {
      await system.lock('institute.course', course.id);
      checkSeat(course, await seatsTaken(system, course.id, change.before.id));
    }
    if (course && student) change.values.title = `${String(student.name)} · ${String(course.code)}`;
  },
};
