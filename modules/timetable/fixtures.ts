/**
 * Valid test records for the generic test data generator (permission parity):
 * periods that do not overlap (each in its own hour of the week) and lessons
 * that end after they start. Every other one belongs to a course every
 * student with a login is ENROLLED in (made so here, idempotently), so the
 * students' "lessons of my enrolled courses" rule matches some records and not
 * others. Tests only.
 */
import type { FixtureRecord, Records } from '../../core/sdk.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const hh = (n: number): string => String(n).padStart(2, '0');

/** The first course, with every student who has a login ENROLLED in it. */
async function courseOfEveryStudent(records: Records): Promise<string | undefined> {
  const [course] = await records.find('institute.course', { sort: { field: 'created_at', direction: 'asc' }, limit: 1 });
  if (!course) return undefined;
  const students = await records.find('institute.student', { filters: [{ field: 'user', op: 'ne', value: null }], limit: 1000 });
  for (const s of students) {
    if (!s.user) continue;
    const [e] = await records.find('institute.enrollment', { filters: [{ field: 'student', op: 'eq', value: s.id }, { field: 'course', op: 'eq', value: course.id }], limit: 1 });
    if (!e) await records.create('institute.enrollment', { student: s.id, course: course.id, status: 'ENROLLED' });
    else if (e.status !== 'ENROLLED') await records.update('institute.enrollment', e.id, { status: 'ENROLLED' });
  }
  return course.id;
}

export const timetableFixtures: Record<string, FixtureRecord> = {
  async period(_draft, { records, index }) {
    const course = index % 2 === 0 ? await courseOfEveryStudent(records) : undefined;
    return { weekday: WEEKDAYS[index % 7], start: `${hh(7 + Math.floor(index / 7))}:00`, end: `${hh(7 + Math.floor(index / 7))}:50`, active: true, ...(course ? { course } : {}) };
  },
  async lesson(_draft, { records, index }) {
    const course = index % 2 === 0 ? await courseOfEveryStudent(records) : undefined;
    const date = new Date(Date.UTC(2026, 0, 5 + index)).toISOString().slice(0, 10);
    return { date, starts_at: `${date}T09:00:00.000Z`, ends_at: `${date}T10:00:00.000Z`, ...(course ? { course } : {}) };
  },
};
