/**
 * Attendance: a record carries its session's course (so a teacher's rule needs
 * one reference hop), only students ENROLLED in that course can be marked, and
 * the roll call saves a whole session's marks in one transaction.
 */
import { RecordValidationError, UmsError, forbidden, type EntityHooks, type HookContext, type RecordActionDefinition, type RecordData, type Records } from '../../core/sdk.js';
import { eq, idOf, isPerson } from './helpers.js';

const SESSION = 'institute.attendance_session';
const RECORD = 'institute.attendance_record';

export interface RollCallMark {
  student: string;
  present: boolean;
}

export interface RollCallResult {
  present: number;
  absent: number;
  created: number;
  updated: number;
}

/** Students ENROLLED in the course, as the actor sees them (a teacher: their own courses'). */
async function enrolledStudents(records: Records, courseId: string): Promise<Set<string>> {
  const enrollments = await records.find('institute.enrollment', { filters: [eq('course', courseId), eq('status', 'ENROLLED')], limit: 1000 });
  return new Set(enrollments.map((e) => String(e.student)));
}

const notEnrolled = (message = 'is not enrolled in this course'): RecordValidationError =>
  new RecordValidationError(RECORD, { student: { message, type: 'notEnrolled' } });

/** The session's course (read as the system: a reference the actor cannot see is reported by validation). */
async function courseOfSession(ctx: HookContext, sessionId: string | null): Promise<string | null> {
  if (!sessionId) return null;
  const system = ctx.records.asSystem('attendance');
  const [session] = await system.getMany(SESSION, [sessionId]);
  return session ? String(session.course) : null;
}

async function checkEnrolled(ctx: HookContext, values: Record<string, unknown>): Promise<void> {
  const courseId = idOf(values.course);
  const studentId = idOf(values.student);
  if (!isPerson(ctx.actor) || !courseId || !studentId) return;
  const system = ctx.records.asSystem('attendance');
  if (!(await enrolledStudents(system, courseId)).has(studentId)) throw notEnrolled();
}

export const attendanceRecordHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    values.course = await courseOfSession(ctx, idOf(values.session));
    await checkEnrolled(ctx, values);
  },
  async beforeUpdate(ctx, change) {
    // The course follows the session, whatever the update says.
    change.values.course = await courseOfSession(ctx, idOf(change.values.session));
    if (change.changed.includes('session') || change.changed.includes('student')) await checkEnrolled(ctx, change.values);
  },
};

/**
 * Saves present/absent for students of one session: every mark or none.
 * Refuses a student not ENROLLED in the session's course; the actor needs the
 * `roll_call` permission on the session and create/update on attendance records.
 */
export async function saveRollCall(records: Records, sessionId: string, marks: RollCallMark[]): Promise<RollCallResult> {
  return records.transaction(async (tx) => {
    // Access: the session as the actor sees it, and the roll-call permission on it.
    const session = await tx.get(SESSION, sessionId);
    if (!(await tx.can('roll_call', SESSION, session))) throw forbidden('You may not take the roll call of this session.', { entity: SESSION });
    // Input: each student once, each enrolled.
    const enrolled = await enrolledStudents(tx, String(session.course));
    const seen = new Set<string>();
    const outsiders: string[] = [];
    for (const mark of marks) {
      if (seen.has(mark.student)) throw new UmsError('BAD_REQUEST', 'A student appears twice in the roll call.', { entity: RECORD, field: 'student' });
      seen.add(mark.student);
      if (!enrolled.has(mark.student)) outsiders.push(mark.student);
    }
    if (outsiders.length) {
      const names = (await tx.getMany('institute.student', outsiders)).map((s) => String(s.name));
      const who = names.length === outsiders.length ? names.join(', ') : `${outsiders.length} student(s)`;
      throw notEnrolled(`not enrolled in this course: ${who}`);
    }
    // Write: update what changed, create what is missing.
    const existing = new Map<string, RecordData>();
    for (const r of await tx.find(RECORD, { filters: [eq('session', sessionId)], limit: 1000 })) existing.set(String(r.student), r);
    const result: RollCallResult = { present: 0, absent: 0, created: 0, updated: 0 };
    for (const mark of marks) {
      result[mark.present ? 'present' : 'absent']++;
      const current = existing.get(mark.student);
      if (!current) {
        await tx.create(RECORD, { session: sessionId, student: mark.student, present: mark.present });
        result.created++;
      } else if (current.present !== mark.present) {
        // Present after all: an excuse (approved leave) no longer applies.
        await tx.update(RECORD, current.id, mark.present ? { present: true, excused: false } : { present: false });
        result.updated++;
      }
    }
    return result;
  });
}

/**
 * The roll-call screen posts `marks` as JSON text (AdminJS would flatten an
 * array of objects into `marks.0.student` fields): `[{"student": id, "present": true}]`.
 */
export function parseRollCallInput(input: Record<string, unknown> | undefined): RollCallMark[] {
  const raw = input?.marks;
  let list: unknown;
  try {
    list = typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list)) throw new UmsError('BAD_REQUEST', 'The roll call needs "marks": a list of {student, present}.', { entity: RECORD });
  return list.map((item) => {
    const { student, present } = (item ?? {}) as Record<string, unknown>;
    if (typeof student !== 'string' || !['boolean', 'string'].includes(typeof present)) {
      throw new UmsError('BAD_REQUEST', 'Each roll-call mark needs a student id and present true or false.', { entity: RECORD });
    }
    return { student, present: present === true || present === 'true' };
  });
}

export const rollCallAction: RecordActionDefinition = {
  name: 'roll_call',
  entity: 'attendance_session',
  label: 'Roll call',
  translations: { bn: { label: 'উপস্থিতি নিন' } },
  icon: 'CheckSquare',
  component: '../modules/institute/components/roll-call.tsx',
  async handler(ctx, session, input) {
    const result = await saveRollCall(ctx.records, session.id, parseRollCallInput(input));
    return { message: `Roll call saved: ${result.present} present, ${result.absent} absent.`, record: session };
  },
};
