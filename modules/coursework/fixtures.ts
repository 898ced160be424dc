/**
 * Valid test records for the generic test data generator (permission parity):
 * assignments due before and after now, some accepting late work, marks within
 * every assignment's maximum, and records that exercise each conditional rule
 * (a teacher's own draft assignment; a student's own draft on a published
 * assignment still open, which they may edit; a returned submission their
 * guardian may read). Tests only.
 */
import type { FixtureRecord, RecordData, Records } from '../../core/sdk.js';

const DAY_MS = 86_400_000;
const STATES = ['draft', 'published', 'closed'] as const;

/** A user holding the role, if any. */
async function holderOf(records: Records, role: string): Promise<string | undefined> {
  const [r] = await records.find('core.role', { filters: [{ field: 'name', op: 'eq', value: role }], limit: 1 });
  const [a] = r ? await records.find('core.role_assignment', { filters: [{ field: 'role', op: 'eq', value: r.id }], limit: 1 }) : [];
  return a ? String(a.user) : undefined;
}

/** The student record of the student-role user (made when missing). */
async function ownStudent(records: Records, index: number): Promise<RecordData | undefined> {
  const user = await holderOf(records, 'institute.student');
  if (!user) return undefined;
  const [own] = await records.find('institute.student', { filters: [{ field: 'user', op: 'eq', value: user }], limit: 1 });
  return own ?? records.create('institute.student', { name: `Fixture student ${index}`, student_number: `FX-${Date.now().toString(36).toUpperCase()}${index}`, user });
}

/** The parent-role user's guardian record, linked to `student` (both made when missing). */
async function guardianOf(records: Records, student: RecordData): Promise<void> {
  const user = await holderOf(records, 'parents.parent');
  if (!user) return;
  const [found] = await records.find('parents.guardian', { filters: [{ field: 'user', op: 'eq', value: user }], limit: 1 });
  const guardian = found ?? (await records.create('parents.guardian', { name: 'Fixture parent', user, relation: 'mother' }));
  const links = await records.count('parents.student_guardian', [{ field: 'guardian', op: 'eq', value: guardian.id }, { field: 'student', op: 'eq', value: student.id }]);
  if (!links) await records.create('parents.student_guardian', { student: student.id, guardian: guardian.id });
}

export const courseworkFixtures: Record<string, FixtureRecord> = {
  async assignment(_draft, { records, index }) {
    const values: Record<string, unknown> = { due_at: new Date(Date.now() + (index % 2 ? 10 : -10) * DAY_MS).toISOString(), late_allowed: index % 3 === 0, max_marks: 10 + index, status: STATES[index % 3] };
    // Every third one is a teacher's own draft, which they may delete.
    if (index % 3 === 0) values.teacher = (await holderOf(records, 'institute.teacher')) ?? null;
    return values;
  },
  async submission(draft, { records, index }) {
    const values: Record<string, unknown> = { marks: index % 2 ? null : 1 + (index % 5) };
    if (index % 4 > 1) return values;
    const student = await ownStudent(records, index);
    if (!student) return values;
    const [assignment] = await records.getMany('coursework.assignment', [String(draft.assignment)]);
    const open = await records.create('coursework.assignment', { course: assignment?.course ?? draft.course, title: `Fixture open assignment ${index}`, due_at: new Date(Date.now() + 10 * DAY_MS).toISOString(), max_marks: 10, status: 'published' });
    if (index % 4 === 0) return { ...values, student: student.id, assignment: open.id, status: 'draft', marks: null };
    await guardianOf(records, student);
    return { ...values, student: student.id, assignment: open.id, status: 'returned', marks: 5, feedback: 'Well done.' };
  },
};
