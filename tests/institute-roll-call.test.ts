/**
 * The roll call: a teacher marks every enrolled student of a session present or
 * absent in one transaction; a student not enrolled in the course refuses the
 * whole roll call (nothing is written); only someone allowed to take the roll
 * call of that session may save it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemActor } from '../core/data/actor.js';
import { RecordService, type RecordData } from '../core/data/records.js';
import { parseRollCallInput, saveRollCall } from '../modules/institute/index.js';
import { errorOf } from './support/errors.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let w: InstituteWorld;
let enrolled: RecordData[];
let applicant: RecordData;
let session: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  enrolled = [];
  for (let i = 0; i < 4; i++) {
    const student = await w.system.create('institute.student', { name: `Pupil ${i}`, student_number: `S-RC-${i}00` });
    await w.system.create('institute.enrollment', { student: student.id, course: w.courses.active.id, status: 'ENROLLED' });
    enrolled.push(student);
  }
  applicant = await w.system.create('institute.student', { name: 'Still applying', student_number: 'S-RC-APPLY' });
  await w.system.create('institute.enrollment', { student: applicant.id, course: w.courses.active.id, status: 'APPLIED' });
  session = await (await w.as('teacher')).create('institute.attendance_session', { course: w.courses.active.id, date: '2026-03-02', topic: 'Week 1' });
});
afterAll(() => runtime.dispose());

async function recordsOf(sessionId: string): Promise<Map<string, boolean>> {
  const rows = await w.system.find('institute.attendance_record', { filters: [{ field: 'session', op: 'eq', value: sessionId }], limit: 100 });
  return new Map(rows.map((r) => [String(r.student), r.present as boolean]));
}

describe('roll call', () => {
  it('saves present/absent for every enrolled student, and a second save changes only what changed', async () => {
    const teacher = await w.as('teacher');
    const first = await saveRollCall(teacher, session.id, enrolled.map((s, i) => ({ student: s.id, present: i !== 1 })));
    expect(first).toEqual({ present: 3, absent: 1, created: 4, updated: 0 });
    const saved = await recordsOf(session.id);
    expect(saved).toEqual(new Map(enrolled.map((s, i) => [s.id, i !== 1])));
    const rows = await w.system.find('institute.attendance_record', { filters: [{ field: 'session', op: 'eq', value: session.id }] });
    expect(rows.every((r) => r.course === w.courses.active.id)).toBe(true);

    const second = await saveRollCall(teacher, session.id, enrolled.map((s) => ({ student: s.id, present: true })));
    expect(second).toEqual({ present: 4, absent: 0, created: 0, updated: 1 });
    expect([...(await recordsOf(session.id)).values()]).toEqual([true, true, true, true]);
  });

  it('refuses a student who is not enrolled, and writes nothing of that roll call', async () => {
    const teacher = await w.as('teacher');
    const fresh = await teacher.create('institute.attendance_session', { course: w.courses.active.id, date: '2026-03-09', topic: 'Week 2' });
    const marks = [...enrolled.map((s) => ({ student: s.id, present: true })), { student: applicant.id, present: true }];
    const err = await errorOf(saveRollCall(teacher, fresh.id, marks));
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: { student: { message: 'not enrolled in this course: Still applying' } } });
    expect((await recordsOf(fresh.id)).size).toBe(0);
  });

  it('is one transaction: when the last row’s write fails, the rows before it are not kept', async () => {
    const teacher = await w.as('teacher');
    const fresh = await teacher.create('institute.attendance_session', { course: w.courses.active.id, date: '2026-03-16', topic: 'Week 3' });
    const last = enrolled[3];
    // Another transaction writes the last student's record and holds it uncommitted: the roll call does not see it,
    // writes the first three rows, then waits on the unique (session, student) index and fails once it commits.
    const blocker = runtime.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    try {
      const other = await RecordService.for(runtime, systemActor(w.fixture.org.id, 'test: concurrent writer'), blocker.manager);
      await other.create('institute.attendance_record', { session: fresh.id, student: last.id, present: false });
      const pending = errorOf(saveRollCall(teacher, fresh.id, enrolled.map((s) => ({ student: s.id, present: true }))));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await blocker.commitTransaction();
      expect((await pending).code).toBe('VALIDATION_FAILED');
    } finally {
      await blocker.release();
    }
    expect(await recordsOf(fresh.id)).toEqual(new Map([[last.id, false]]));
  });

  it('another teacher cannot take the roll call of this session (it does not exist for them)', async () => {
    const err = await errorOf(saveRollCall(await w.as('teacher2'), session.id, [{ student: enrolled[0].id, present: false }]));
    expect(err.code).toBe('NOT_FOUND');
    expect((await recordsOf(session.id)).get(enrolled[0].id)).toBe(true);
  });

  it('a student cannot take a roll call even of a session they can see', async () => {
    const [mine] = await w.system.find('institute.student', { filters: [{ field: 'id', op: 'eq', value: w.student.id }] });
    await w.system.create('institute.enrollment', { student: mine.id, course: w.courses.active.id, status: 'ENROLLED' });
    const student = await w.as('student');
    await expect(student.get('institute.attendance_session', session.id)).resolves.toMatchObject({ id: session.id });
    const err = await errorOf(saveRollCall(student, session.id, [{ student: mine.id, present: true }]));
    expect(err.code).toBe('FORBIDDEN');
  });

  it('a plain attendance record is also refused for a student not enrolled in the session’s course', async () => {
    const teacher = await w.as('teacher');
    const err = await errorOf(teacher.create('institute.attendance_record', { session: session.id, student: applicant.id, present: true }));
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: { student: { type: 'notEnrolled' } } });
  });

  it('the roll-call screen’s payload is JSON text of {student, present}', () => {
    expect(parseRollCallInput({ marks: '[{"student":"a","present":true},{"student":"b","present":"false"}]' })).toEqual([
      { student: 'a', present: true },
      { student: 'b', present: false },
    ]);
    expect(() => parseRollCallInput({})).toThrow(/marks/);
    expect(() => parseRollCallInput({ marks: '[{"present":true}]' })).toThrow(/student id/);
  });

  it('a course with nobody enrolled takes an empty roll call', async () => {
    const course = await w.system.create('institute.course', { title: 'Empty', code: courseCode(), teacher: w.userId('teacher'), status: 'ACTIVE' });
    const empty = await (await w.as('teacher')).create('institute.attendance_session', { course: course.id, date: '2026-03-02' });
    await expect(saveRollCall(await w.as('teacher'), empty.id, [])).resolves.toEqual({ present: 0, absent: 0, created: 0, updated: 0 });
  });
});
