/**
 * The institute's workflows as the issue states them: a teacher submits their
 * course; it becomes ACTIVE only after an admin AND sales or finance approve;
 * rejection sends it back with a comment; archiving needs admin + sales; the
 * course's own teacher (or an admin) decides enrollments and a full course
 * refuses; a staff account waits for an admin; a hire needs hr + admin.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { authenticator } from '../core/auth/index.js';
import { RecordService } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const COURSE = 'institute.course';
const ENROLLMENT = 'institute.enrollment';
let runtime: TestRuntime;
let world: InstituteWorld;

async function as(key: string): Promise<WorkflowEngine> {
  const user = world.fixture.users.get(key)!;
  return WorkflowEngine.for(await RecordService.for(runtime, user.actor));
}
const stateOf = async (key: string, id: string) => (await world.system.get(key, id)).status;

async function draftCourse(seats = 10): Promise<string> {
  const created = await (await world.as('teacher')).create(COURSE, { title: 'Topology', code: courseCode(), teacher: world.userId('teacher'), fee: 300, max_seats: seats });
  return String(created.id);
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
});

afterAll(async () => {
  await runtime?.dispose();
});

describe('course approval', () => {
  test('only the course teacher submits; ACTIVE needs both an admin and sales or finance; the teacher is told', async () => {
    const id = await draftCourse();
    expect(await stateOf(COURSE, id)).toBe('DRAFT');
    expect(await errorOf(async () => (await as('teacher2')).run(COURSE, id, 'submit'))).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
    await (await as('teacher')).run(COURSE, id, 'submit');
    expect(await stateOf(COURSE, id)).toBe('PENDING');
    // The teacher cannot edit it while it waits.
    expect(await errorOf(async () => (await world.as('teacher')).update(COURSE, id, { fee: 1 }))).toMatchObject({ code: 'FORBIDDEN' });
    await (await as('admin')).run(COURSE, id, 'approve');
    expect(await stateOf(COURSE, id)).toBe('PENDING');
    // A second admin approval adds nothing; the commercial side is still missing.
    expect(await errorOf(async () => (await as('admin')).run(COURSE, id, 'approve'))).toMatchObject({ code: 'CONFLICT' });
    const done = await (await as('finance')).run(COURSE, id, 'approve');
    expect(done.moved).toBe(true);
    const course = await world.system.get(COURSE, id);
    expect(course).toMatchObject({ status: 'ACTIVE', published_at: expect.any(String) });
    const notes = await world.system.find('core.notification', { filters: [{ field: 'record_id', op: 'eq', value: id }, { field: 'user', op: 'eq', value: world.userId('teacher') }] });
    expect(notes.map((n) => n.title)).toContain('Topology is approved and open for enrollment');
    // Once active, students see it.
    await expect((await world.as('student')).get(COURSE, id)).resolves.toMatchObject({ id });
  });

  test('sales may approve the commercial step too; a rejection with a comment sends the course back to DRAFT', async () => {
    const id = await draftCourse();
    await (await as('teacher')).run(COURSE, id, 'submit');
    await (await as('sales')).run(COURSE, id, 'approve');
    expect(await errorOf(async () => (await as('finance')).run(COURSE, id, 'approve'))).toMatchObject({ code: 'FORBIDDEN' });
    await (await as('admin')).run(COURSE, id, 'reject', { comment: 'Fee too low for this room.' });
    expect(await stateOf(COURSE, id)).toBe('DRAFT');
    const history = await (await as('teacher')).history(COURSE, id);
    expect(history.find((h) => h.kind === 'rejected')).toMatchObject({ comment: 'Fee too low for this room.' });
    // Back in DRAFT the teacher may change it and submit again.
    await (await world.as('teacher')).update(COURSE, id, { fee: 450 });
    await (await as('teacher')).run(COURSE, id, 'submit');
    expect(await stateOf(COURSE, id)).toBe('PENDING');
  });

  test('archiving an ACTIVE course needs admin and sales', async () => {
    const id = String(world.courses.otherTeachers.id);
    expect(await errorOf(async () => (await as('teacher2')).run(COURSE, id, 'archive'))).toMatchObject({ code: 'FORBIDDEN' });
    const requested = await (await as('admin')).run(COURSE, id, 'archive', { comment: 'Replaced by a new syllabus' });
    expect(requested.moved).toBe(false);
    expect(await stateOf(COURSE, id)).toBe('ACTIVE');
    await (await as('sales')).run(COURSE, id, 'archive');
    expect(await stateOf(COURSE, id)).toBe('ARCHIVED');
  });
});

describe('enrollments', () => {
  test('a student applies; only the course teacher (or an admin) decides; another teacher cannot', async () => {
    const course = String(world.courses.active.id);
    const created = await (await world.as('student')).create(ENROLLMENT, { course });
    const id = String(created.id);
    expect(created.status).toBe('APPLIED');
    expect((await (await as('teacher')).inbox()).some((i) => i.request.record_id === id)).toBe(true);
    expect((await (await as('teacher2')).inbox()).some((i) => i.request.record_id === id)).toBe(false);
    expect(await errorOf(async () => (await as('teacher2')).run(ENROLLMENT, id, 'approve'))).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
    expect(await errorOf(async () => (await as('student')).run(ENROLLMENT, id, 'approve'))).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|CONFLICT/) });
    await (await as('teacher')).run(ENROLLMENT, id, 'approve');
    expect(await world.system.get(ENROLLMENT, id)).toMatchObject({ status: 'ENROLLED', decided_at: expect.any(String) });
    const notes = await world.system.find('core.notification', { filters: [{ field: 'record_id', op: 'eq', value: id }, { field: 'user', op: 'eq', value: world.userId('student') }] });
    expect(notes).toHaveLength(1);
  });

  test('an admin may decide instead of the teacher; a full course refuses the approval and nothing changes', async () => {
    const id = await draftCourse(1);
    await (await as('teacher')).run(COURSE, id, 'submit');
    await (await as('admin')).run(COURSE, id, 'approve');
    await (await as('sales')).run(COURSE, id, 'approve');
    const first = await (await world.as('student')).create(ENROLLMENT, { course: id });
    const second = await (await world.as('student2')).create(ENROLLMENT, { course: id });
    await (await as('admin')).run(ENROLLMENT, String(first.id), 'approve');
    const refused = await errorOf(async () => (await as('teacher')).run(ENROLLMENT, String(second.id), 'approve'));
    expect(refused.message).toMatch(/full/);
    expect(await stateOf(ENROLLMENT, String(second.id))).toBe('APPLIED');
    expect(await (await as('teacher')).openRequests(ENROLLMENT, String(second.id))).toHaveLength(1);
    // New applications to a full course are refused at once.
    const student3 = await createUser(runtime, world.fixture.org.slug, { email: `s3@${world.fixture.org.slug}.test`, password: 'secret-123', name: 's3', roles: ['student'] });
    await world.system.create('institute.student', { name: 'Third', student_number: 'S-0003', user: student3.id });
    const third = await RecordService.for(runtime, { kind: 'user', userId: student3.id, organizationId: world.fixture.org.id, email: `s3@${world.fixture.org.slug}.test` });
    expect(await errorOf(() => third.create(ENROLLMENT, { course: id }))).toMatchObject({ fieldErrors: { course: expect.anything() } });
  });
});

describe('staff accounts and hiring', () => {
  test("a teacher's staff account waits for an admin's approval before it can sign in", async () => {
    const email = `newteacher@${world.fixture.org.slug}.test`;
    const user = await createUser(runtime, world.fixture.org.slug, { email, password: 'secret-123', name: 'New teacher', roles: [] });
    // Recorded by the system (an import): only someone who may manage the account puts it on hold (HR may not), and the admin approving must not be the requester.
    const profile = await world.system.create('institute.staff_profile', { name: 'New teacher', user: user.id, role: 'teacher' });
    expect(profile.status).toBe('PENDING');
    const signIn = authenticator(runtime);
    expect(await signIn(email, 'secret-123')).toBeNull();
    expect(await errorOf(async () => (await as('hr')).run('institute.staff_profile', String(profile.id), 'approve'))).toMatchObject({ code: 'FORBIDDEN' });
    await (await as('admin')).run('institute.staff_profile', String(profile.id), 'approve');
    expect(await stateOf('institute.staff_profile', String(profile.id))).toBe('ACTIVE');
    expect(await signIn(email, 'secret-123')).toMatchObject({ id: user.id });
  });

  test('a hire needs hr and admin', async () => {
    const post = await world.system.create('institute.job_post', { title: 'Lecturer', description: 'x', positions: 1, status: 'OPEN' });
    const application = await (await world.as('hr')).create('institute.job_application', { job_post: post.id, applicant_name: 'Ada', applicant_email: 'ada@example.org', cv: 'cv' });
    const id = String(application.id);
    await (await as('hr')).run('institute.job_application', id, 'shortlist');
    expect(await errorOf(async () => (await as('sales')).run('institute.job_application', id, 'hire'))).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
    const requested = await (await as('hr')).run('institute.job_application', id, 'hire', { comment: 'Great interview' });
    expect(requested.moved).toBe(false);
    expect(requested.message).toContain('Administration');
    await (await as('admin')).run('institute.job_application', id, 'hire');
    expect(await stateOf('institute.job_application', id)).toBe('HIRED');
  });
});
