/**
 * The timetable: a classroom or a teacher holds one period at a time on a
 * weekday (PostgreSQL's exclusion constraints, checked first for a field
 * error; back-to-back periods are fine, an inactive one holds nothing), the
 * end comes after the start, and the daily job turns periods into lessons with
 * institute attendance sessions, once per day. Students see the lessons of
 * their enrolled courses, teachers their own, on the calendar views (through
 * the admin's HTTP API: the teacher and classroom views have lanes).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData } from '../core/data/records.js';
import { generateLessons, weekdayOf } from '../modules/timetable/index.js';
import { RecordValidationError } from '../core/errors.js';
import { errorOf } from './support/errors.js';
import { startTestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';


/** The field error a refused write reports on `field`. */
const fieldError = (err: unknown, field: string): { message: string } | undefined => (err as RecordValidationError).fieldErrors?.[field];
const ROOM = 'timetable.classroom';
const PERIOD = 'timetable.period';
const LESSON = 'timetable.lesson';

let runtime: TestRuntime;
let w: InstituteWorld;
let a101: RecordData;
let b201: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  a101 = await w.system.create(ROOM, { name: 'A-101', seats: 30 });
  b201 = await w.system.create(ROOM, { name: 'B-201', seats: 20 });
}, 120_000);
afterAll(() => runtime.dispose());

describe('no room or teacher double-booked', () => {
  it('a second period in the same classroom at an overlapping time on the same weekday is refused on the classroom', async () => {
    const first = await w.system.create(PERIOD, { course: w.courses.active.id, weekday: 'monday', start: '09:00', end: '10:30', room: a101.id });
    expect(first).toMatchObject({ start: '09:00', end: '10:30', teacher: w.userId('teacher') });
    const err = await errorOf(w.system.create(PERIOD, { course: w.courses.otherTeachers.id, weekday: 'monday', start: '10:00', end: '11:00', room: a101.id }));
    expect(fieldError(err, 'room')?.message).toMatch(/taken at that time/);
    // Back to back, another weekday, or another classroom: fine.
    await w.system.create(PERIOD, { course: w.courses.otherTeachers.id, weekday: 'monday', start: '10:30', end: '11:30', room: a101.id });
    await w.system.create(PERIOD, { course: w.courses.otherTeachers.id, weekday: 'tuesday', start: '09:00', end: '10:30', room: a101.id });
  });

  it('a teacher cannot teach two periods at once, even in two classrooms', async () => {
    const err = await errorOf(w.system.create(PERIOD, { course: w.courses.pending.id, weekday: 'monday', start: '09:30', end: '10:00', room: b201.id }));
    expect(fieldError(err, 'teacher')?.message).toMatch(/teaches another period/);
  });

  it('twenty concurrent bookings of one slot: exactly one wins', async () => {
    const courses = await Promise.all(Array.from({ length: 20 }, (_, i) => w.system.create('institute.course', { title: `Race ${i}`, code: `RACE-${i}`, status: 'ACTIVE' })));
    // With the organization's time zone no longer cached, each refusal reads it inside its own transaction:
    // were it read on a second pooled connection, twenty writers would hold the whole pool and wait forever.
    runtime.access.invalidate();
    const results = await Promise.allSettled(courses.map(async (c) => (await w.fixture.system()).create(PERIOD, { course: c.id, weekday: 'friday', start: '14:00', end: '15:00', room: b201.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    // Each loser is told why (a deadlock between two exclusion checks is run again, never reported as "try again").
    for (const r of results) if (r.status === 'rejected') expect(r.reason.fieldErrors?.room?.message ?? String(r.reason)).toMatch(/taken at that time/);
  }, 60_000);

  it('an inactive period holds nothing; reactivating it into a taken slot is refused', async () => {
    const idle = await w.system.create(PERIOD, { course: w.courses.archived.id, weekday: 'wednesday', start: '12:00', end: '13:00', room: b201.id, active: false, teacher: w.userId('teacher2') });
    await w.system.create(PERIOD, { course: w.courses.otherTeachers.id, weekday: 'wednesday', start: '12:30', end: '13:30', room: b201.id });
    expect(fieldError(await errorOf(w.system.update(PERIOD, idle.id, { active: true })), 'room')).toBeDefined();
  });

  it('the end must come after the start, and times are HH:MM', async () => {
    expect(fieldError(await errorOf(w.system.create(PERIOD, { course: w.courses.active.id, weekday: 'thursday', start: '11:00', end: '10:00', room: b201.id })), 'end')?.message).toMatch(/after the start/);
    expect(fieldError(await errorOf(w.system.create(PERIOD, { course: w.courses.active.id, weekday: 'thursday', start: '9am', end: '10:00', room: b201.id })), 'start')).toBeDefined();
  });
});

describe('lessons and attendance sessions from the timetable', () => {
  it('the job makes each active period of an active course a lesson with its attendance session on its weekdays, once', async () => {
    const now = new Date('2026-03-02T05:00:00Z'); // a Monday
    expect(weekdayOf('2026-03-02')).toBe('monday');
    const made = await generateLessons(w.system, now);
    const lessons = await w.system.find(LESSON, { limit: 1000 });
    expect(made).toBe(lessons.length);
    // Active course: Monday 09:00; other teacher's: Monday 10:30, Tuesday 09:00, Wednesday 12:30 (and Friday 14:00 belongs to a race course).
    const mine = lessons.filter((l) => l.course === w.courses.active.id);
    expect(mine.map((l) => [l.date, l.starts_at, l.ends_at])).toEqual([['2026-03-02', '2026-03-02T09:00:00.000Z', '2026-03-02T10:30:00.000Z']]);
    const session = await w.system.get('institute.attendance_session', String(mine[0].session));
    expect(session).toMatchObject({ course: w.courses.active.id, date: '2026-03-02' });
    // No lesson for the inactive period or the archived course.
    expect(lessons.some((l) => l.course === w.courses.archived.id)).toBe(false);
    expect(await generateLessons(w.system, now)).toBe(0);
  });

  it('students see the lessons of their enrolled courses, teachers their own', async () => {
    await w.system.create('institute.enrollment', { student: w.student.id, course: w.courses.active.id, status: 'ENROLLED' });
    await w.system.create('institute.enrollment', { student: w.student2.id, course: w.courses.otherTeachers.id, status: 'APPLIED' });
    const seen = await (await w.as('student')).find(LESSON, { limit: 100 });
    expect(seen.map((l) => l.course)).toEqual([w.courses.active.id]);
    expect(await (await w.as('student2')).find(LESSON, { limit: 100 })).toEqual([]);
    const teacher2 = await (await w.as('teacher2')).find(LESSON, { limit: 100 });
    expect(teacher2.length).toBeGreaterThan(0);
    expect(teacher2.every((l) => l.teacher === w.userId('teacher2'))).toBe(true);
  });

  it('the calendar views over HTTP: a student’s timetable holds their lessons only; the classroom view has a lane per classroom', async () => {
    const server = await startTestServer(runtime);
    try {
      const student = await server.login(w.fixture.users.get('student')!.email, 'secret-123');
      const week = 'from=2026-03-02&to=2026-03-09';
      const mine = await student.get(`/admin/x/views?view=timetable.lesson_calendar&${week}`);
      expect(mine.status).toBe(200);
      const items = (mine.body as unknown as { items: { title: string; start: string }[] }).items;
      expect(items.map((i) => i.start)).toEqual(['2026-03-02T09:00:00.000Z']);
      const admin = await server.login(w.fixture.users.get('admin')!.email, 'secret-123');
      const rooms = await admin.get(`/admin/x/views?view=timetable.room_calendar&${week}`);
      expect(rooms.status).toBe(200);
      expect((rooms.body as unknown as { lanes: { title: string }[] }).lanes.map((l) => l.title)).toEqual(expect.arrayContaining(['A-101', 'B-201']));
      expect((await admin.get(`/admin/x/views?view=timetable.teacher_calendar&from=2026-03-02`)).status).toBe(400);
    } finally {
      await server.close();
    }
  }, 120_000);
});
