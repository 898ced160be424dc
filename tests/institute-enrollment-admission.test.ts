/**
 * Enrollment admission: only an ACTIVE course with a free seat takes an
 * application, and approving one (assertSeatAvailable, the workflow's check)
 * refuses once the course is full, also when two approvals race for the last seat.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemActor } from '../core/data/actor.js';
import { RecordService, type RecordData } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { assertSeatAvailable } from '../modules/institute/index.js';
import { errorOf } from './support/errors.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let w: InstituteWorld;
let n = 0;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
});
afterAll(() => runtime.dispose());

async function newStudent(): Promise<RecordData> {
  n++;
  return w.system.create('institute.student', { name: `Student ${n}`, student_number: `S-${courseCode()}` });
}

async function course(seats: number, status = 'ACTIVE'): Promise<RecordData> {
  return w.system.create('institute.course', { title: `Course with ${seats} seats`, code: courseCode(), teacher: w.userId('teacher'), max_seats: seats, status });
}

/** The course's field error of a refused enrollment. */
async function courseErrorOf(p: Promise<unknown>): Promise<{ message: string; type?: string }> {
  const err = await errorOf(p);
  expect(err).toBeInstanceOf(RecordValidationError);
  return (err as RecordValidationError).fieldErrors.course;
}

describe('applying', () => {
  it('a full course refuses a new application with a field error on course', async () => {
    const full = await course(2);
    for (let i = 0; i < 2; i++) await w.system.create('institute.enrollment', { student: (await newStudent()).id, course: full.id, status: 'ENROLLED' });
    const student = await w.as('student');
    expect(await courseErrorOf(student.create('institute.enrollment', { course: full.id }))).toMatchObject({ type: 'full', message: 'This course is full (2 of 2 seats taken).' });
    const admin = await w.as('admin');
    expect(await courseErrorOf(admin.create('institute.enrollment', { course: full.id, student: (await newStudent()).id }))).toMatchObject({ type: 'full' });
  });

  it('applications and rejections do not take seats', async () => {
    const small = await course(1);
    await w.system.create('institute.enrollment', { student: (await newStudent()).id, course: small.id, status: 'APPLIED' });
    await w.system.create('institute.enrollment', { student: (await newStudent()).id, course: small.id, status: 'REJECTED' });
    await expect((await w.as('student')).create('institute.enrollment', { course: small.id })).resolves.toMatchObject({ status: 'APPLIED' });
  });

  it('a course that is not ACTIVE is not open for enrollment, whatever its state', async () => {
    const admin = await w.as('admin');
    for (const status of ['DRAFT', 'PENDING', 'ARCHIVED']) {
      const closed = await course(10, status);
      expect(await courseErrorOf(admin.create('institute.enrollment', { course: closed.id, student: (await newStudent()).id }))).toMatchObject({
        type: 'notOpen',
        message: `"${String(closed.title)}" is not open for enrollment.`,
      });
    }
  });

  it('the same student cannot apply twice to one course', async () => {
    const c = await course(5);
    const student = await w.as('student2');
    await student.create('institute.enrollment', { course: c.id });
    const err = await errorOf(student.create('institute.enrollment', { course: c.id }));
    expect(err.code).toBe('VALIDATION_FAILED');
  });

  it('a seed or import (system actor) records enrollments as given, e.g. in an archived course', async () => {
    const archived = await course(1, 'ARCHIVED');
    await expect(w.system.create('institute.enrollment', { student: (await newStudent()).id, course: archived.id, status: 'ENROLLED' })).resolves.toMatchObject({ status: 'ENROLLED' });
  });
});

describe('approving (assertSeatAvailable)', () => {
  it('passes while a seat is free and refuses once the course is full', async () => {
    const c = await course(1);
    const first = await w.system.create('institute.enrollment', { student: (await newStudent()).id, course: c.id });
    const second = await w.system.create('institute.enrollment', { student: (await newStudent()).id, course: c.id });
    const teacher = await w.as('teacher');
    await assertSeatAvailable(teacher, c.id, first.id);
    await w.system.update('institute.enrollment', first.id, { status: 'ENROLLED' });
    // Called before or after the status changes: the enrollment being approved is not counted against itself.
    await assertSeatAvailable(teacher, c.id, first.id);
    expect(await courseErrorOf(assertSeatAvailable(teacher, c.id, second.id))).toMatchObject({ type: 'full' });
  });

  it('refuses when the course was archived meanwhile', async () => {
    const c = await course(5);
    const application = await w.system.create('institute.enrollment', { student: (await newStudent()).id, course: c.id });
    await w.system.update('institute.course', c.id, { status: 'ARCHIVED' });
    expect(await courseErrorOf(assertSeatAvailable(await w.as('teacher'), c.id, application.id))).toMatchObject({ type: 'notOpen' });
  });

  it('two approvals racing for the last seat: exactly one enrollment gets it', async () => {
    const c = await course(1);
    const a = await w.system.create('institute.enrollment', { student: (await newStudent()).id, course: c.id });
    const b = await w.system.create('institute.enrollment', { student: (await newStudent()).id, course: c.id });
    const teacher = await w.as('teacher');
    const approve = (enrollment: RecordData) =>
      teacher.transaction(async (tx) => {
        await assertSeatAvailable(tx, c.id, enrollment.id);
        // The workflow would set the status as the approver; the system actor stands in for it here.
        const system = await RecordService.for(runtime, systemActor(w.fixture.org.id, 'test: approval'), tx.entityManager);
        await system.update('institute.enrollment', enrollment.id, { status: 'ENROLLED' });
        await new Promise((resolve) => setTimeout(resolve, 50));
      });
    const results = await Promise.allSettled([approve(a), approve(b)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const enrolled = await w.system.count('institute.enrollment', [{ field: 'course', op: 'eq', value: c.id }, { field: 'status', op: 'eq', value: 'ENROLLED' }]);
    expect(enrolled).toBe(1);
  });
});
