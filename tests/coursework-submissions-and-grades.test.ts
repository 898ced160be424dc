/**
 * Coursework as issue 14 states it: one submission per student and
 * assignment; a student edits and hands in only while the assignment is
 * published and before it is due (unless late work is allowed, then it is
 * flagged late); only the assignment's teacher grades, never above the
 * maximum; the student reads marks and feedback only once returned; the due
 * reminder reaches enrolled students who have not handed in, once.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { RecordService, type RecordData } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { dueReminder } from '../modules/coursework/jobs.js';
import { errorOf } from './support/errors.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const ASSIGNMENT = 'coursework.assignment';
const SUBMISSION = 'coursework.submission';
const HOUR_MS = 3_600_000;
let runtime: TestRuntime;
let world: InstituteWorld;

const at = (hours: number): string => new Date(Date.now() + hours * HOUR_MS).toISOString();
const engineAs = async (key: string): Promise<WorkflowEngine> => WorkflowEngine.for(await world.as(key));

async function assignment(extra: Record<string, unknown> = {}): Promise<RecordData> {
  const created = await (await world.as('teacher')).create(ASSIGNMENT, { course: world.courses.active.id, title: `Essay ${Math.random().toString(36).slice(2, 7)}`, due_at: at(48), max_marks: 20, ...extra });
  await (await engineAs('teacher')).run(ASSIGNMENT, created.id, 'publish');
  return world.system.get(ASSIGNMENT, created.id);
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  for (const s of [world.student, world.student2]) await world.system.create('institute.enrollment', { student: s.id, course: world.courses.active.id, status: 'ENROLLED' });
});

afterAll(async () => {
  await runtime?.dispose();
});

describe('submissions', () => {
  test('a student makes their own submission, edits it while open, hands it in on time; a second one is refused', async () => {
    const a = await assignment();
    expect(a.teacher).toBe(world.userId('teacher'));
    const student = await world.as('student');
    const mine = await student.create(SUBMISSION, { assignment: a.id, text: 'First draft' });
    expect(mine).toMatchObject({ student: world.student.id, status: 'draft' });
    await student.update(SUBMISSION, mine.id, { text: 'Better draft' });
    const again = await errorOf(async () => student.create(SUBMISSION, { assignment: a.id, text: 'Again' }));
    expect(again).toBeInstanceOf(RecordValidationError);
    await (await engineAs('student')).run(SUBMISSION, mine.id, 'submit');
    expect(await world.system.get(SUBMISSION, mine.id)).toMatchObject({ status: 'submitted', late: false, submitted_at: expect.any(String) });
    // Handed in: no more edits by the student.
    expect(await errorOf(async () => student.update(SUBMISSION, mine.id, { text: 'Changed after' }))).toMatchObject({ code: 'FORBIDDEN' });
    // Another student cannot hand in for them, nor submit for another student's record.
    expect(await errorOf(async () => (await world.as('student2')).create(SUBMISSION, { assignment: a.id, student: world.student.id, text: 'x' }))).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|VALIDATION_FAILED/) });
  });

  test('a draft assignment takes no submissions; past the due time a student can no longer edit or hand in unless late work is allowed, then it is late', async () => {
    const draft = await (await world.as('teacher')).create(ASSIGNMENT, { course: world.courses.active.id, title: 'Not yet', due_at: at(48), max_marks: 10 });
    // The student cannot even see it: the reference is a field error.
    const unseen = await errorOf(async () => (await world.as('student')).create(SUBMISSION, { assignment: draft.id, text: 'x' }));
    expect(unseen).toBeInstanceOf(RecordValidationError);
    expect((unseen as RecordValidationError).fieldErrors.assignment).toBeDefined();
    expect(await world.system.count(SUBMISSION, [{ field: 'assignment', op: 'eq', value: draft.id }])).toBe(0);

    const closedForLate = await assignment();
    const strict = await (await world.as('student')).create(SUBMISSION, { assignment: closedForLate.id, text: 'x' });
    await world.system.update(ASSIGNMENT, closedForLate.id, { due_at: at(-1) });
    expect(await errorOf(async () => (await world.as('student')).update(SUBMISSION, strict.id, { text: 'too late' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(async () => (await engineAs('student')).run(SUBMISSION, strict.id, 'submit'))).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|CONFLICT/) });
    expect((await world.system.get(SUBMISSION, strict.id)).status).toBe('draft');

    const lenient = await assignment({ late_allowed: true });
    const late = await (await world.as('student')).create(SUBMISSION, { assignment: lenient.id, text: 'x' });
    await world.system.update(ASSIGNMENT, lenient.id, { due_at: at(-1) });
    await (await world.as('student')).update(SUBMISSION, late.id, { text: 'late but allowed' });
    await (await engineAs('student')).run(SUBMISSION, late.id, 'submit');
    expect(await world.system.get(SUBMISSION, late.id)).toMatchObject({ status: 'submitted', late: true });
  });
});

describe('grading', () => {
  test('only the assignment’s teacher grades, never above the maximum; the student sees marks and feedback once returned', async () => {
    const a = await assignment({ max_marks: 20 });
    const sub = await (await world.as('student')).create(SUBMISSION, { assignment: a.id, text: 'Answer' });
    // The teacher does not see drafts.
    expect((await (await world.as('teacher')).find(SUBMISSION, { filters: [{ field: 'id', op: 'eq', value: sub.id }] })).length).toBe(0);
    await (await engineAs('student')).run(SUBMISSION, sub.id, 'submit');
    expect(await errorOf(async () => (await world.as('teacher2')).update(SUBMISSION, sub.id, { marks: 10 }))).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) });
    const over = await errorOf(async () => (await world.as('teacher')).update(SUBMISSION, sub.id, { marks: 21 }));
    expect(over).toBeInstanceOf(RecordValidationError);
    expect((over as RecordValidationError).fieldErrors.marks?.message).toMatch(/at most 20/);
    // Not graded before marks are given.
    expect(await errorOf(async () => (await engineAs('teacher')).run(SUBMISSION, sub.id, 'grade'))).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|CONFLICT/) });
    await (await world.as('teacher')).update(SUBMISSION, sub.id, { marks: 17, feedback: 'Well argued.' });
    await (await engineAs('teacher')).run(SUBMISSION, sub.id, 'grade');
    const graded = await (await world.as('student')).get(SUBMISSION, sub.id);
    expect(graded.status).toBe('graded');
    expect(graded).not.toHaveProperty('marks');
    expect(graded).not.toHaveProperty('feedback');
    // A lower maximum than given marks is refused.
    expect((await errorOf(async () => (await world.as('teacher')).update(ASSIGNMENT, a.id, { max_marks: 10 }))).where.field).toBe('max_marks');
    await (await engineAs('teacher')).run(SUBMISSION, sub.id, 'return');
    expect(await (await world.as('student')).get(SUBMISSION, sub.id)).toMatchObject({ status: 'returned', marks: 17, feedback: 'Well argued.' });
    expect(await world.system.count('core.notification', [{ field: 'user', op: 'eq', value: world.userId('student') }, { field: 'record_id', op: 'eq', value: sub.id }])).toBe(1);
    // Another student sees none of it.
    await expect((await world.as('student2')).get(SUBMISSION, sub.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('due reminder', () => {
  test('reminds enrolled students with a login who have not handed in, within 24 hours of the due time, once', async () => {
    const soon = await assignment({ due_at: at(10) });
    const later = await assignment({ due_at: at(72) });
    const handedIn = await (await world.as('student2')).create(SUBMISSION, { assignment: soon.id, text: 'done' });
    await (await engineAs('student2')).run(SUBMISSION, handedIn.id, 'submit');
    const run = () => {
      const { id, name, slug } = world.fixture.org;
      return dueReminder({ records: RecordService.forSystem(runtime, id, 'job:coursework.due_reminder').forModule('coursework'), organization: { id, name, slug }, log: { info: () => undefined, warn: () => undefined, error: () => undefined }, job: 'coursework.due_reminder', now: new Date() });
    };
    const reminders = (user: string, about: string) => world.system.count('core.notification', [{ field: 'user', op: 'eq', value: user }, { field: 'record_id', op: 'eq', value: about }]);
    await run();
    expect(await reminders(world.userId('student'), soon.id)).toBe(1);
    expect(await reminders(world.userId('student2'), soon.id)).toBe(0);
    expect(await reminders(world.userId('student'), later.id)).toBe(0);
    await run();
    expect(await reminders(world.userId('student'), soon.id)).toBe(1);
  });
});
