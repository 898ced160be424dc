/**
 * A student's leave is approved by any teacher who teaches a course the student is ENROLLED in (a
 * step approver by condition: `"where": { "student.enrollments": { "$some": { "status": "ENROLLED",
 * "course.teacher": "${user.id}" } } }`), or an admin: the teacher of her second course, who is not
 * her class teacher, approves; a teacher of no course of hers, and the teacher of a course she only
 * applied to, cannot, and the request is not in their inbox. Opening the request tells exactly the
 * teachers of her courses (and the admin), not the others. A `where` without ${user.id} is a load
 * problem.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData } from '../core/data/records.js';
import { ManifestError } from '../core/errors.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import type { Json } from './support/makerspace-fixture.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const LEAVE = 'student_leave.leave_request';
let runtime: TestRuntime;
let w: InstituteWorld;

async function teacher(key: string): Promise<void> {
  const email = `${key}@${w.fixture.org.slug}.test`;
  const user = await createUser(runtime, w.fixture.org.slug, { email, password: 'secret-123', name: `${key} user`, roles: ['teacher'] });
  w.fixture.users.set(key, { id: user.id, email, actor: { kind: 'user', userId: user.id, organizationId: w.fixture.org.id, email } });
}
const engine = async (key: string): Promise<WorkflowEngine> => WorkflowEngine.for(await w.fixture.as(key));
const told = async (leave: RecordData): Promise<string[]> =>
  (await w.system.find('core.notification', { filters: [{ field: 'record_id', op: 'eq', value: leave.id }], limit: 100 })).map((n) => String(n.user)).sort();

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  await teacher('no_course_of_hers');
  await teacher('applied_only');
  const applied = await w.system.create('institute.course', { title: 'Applied only', code: courseCode(), teacher: w.userId('applied_only'), fee: 0, max_seats: 10, status: 'ACTIVE' });
  // Stella: ENROLLED in the teacher's course (her class teacher) and teacher2's; only APPLIED to the third.
  await w.system.create('institute.enrollment', { student: w.student.id, course: w.courses.active.id, status: 'ENROLLED' });
  await w.system.create('institute.enrollment', { student: w.student.id, course: w.courses.otherTeachers.id, status: 'ENROLLED' });
  await w.system.create('institute.enrollment', { student: w.student.id, course: applied.id, status: 'APPLIED' });
}, 120_000);
afterAll(() => runtime.dispose());

describe('any teacher of the student approves the leave', () => {
  it('the teacher of one of her courses approves, though not her class teacher', async () => {
    const leave = await (await w.as('student')).create(LEAVE, { from: '2026-03-02', to: '2026-03-02', reason: 'Dentist' });
    expect(leave.class_teacher).toBe(w.userId('teacher'));
    // The request opened on creation told the teachers of her courses and the admin, nobody else.
    expect(await told(leave)).toEqual([w.userId('admin'), w.userId('teacher'), w.userId('teacher2')].sort());
    expect((await (await engine('teacher2')).inbox()).map((i) => i.request.record_id)).toContain(leave.id);
    for (const key of ['no_course_of_hers', 'applied_only']) expect((await (await engine(key)).inbox()).map((i) => i.request.record_id)).not.toContain(leave.id);
    await (await engine('teacher2')).run(LEAVE, leave.id, 'approve', { comment: 'Fine' });
    expect((await w.system.get(LEAVE, leave.id)).status).toBe('approved');
  });

  it('a teacher of no course of hers, or of one she only applied to, cannot approve or reject', async () => {
    const leave = await (await w.as('student')).create(LEAVE, { from: '2026-03-09', to: '2026-03-10', reason: 'Trip' });
    for (const key of ['no_course_of_hers', 'applied_only']) {
      expect(await errorOf(async () => (await engine(key)).run(LEAVE, leave.id, 'approve'))).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
      expect(await errorOf(async () => (await engine(key)).run(LEAVE, leave.id, 'reject'))).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
    }
    expect((await w.system.get(LEAVE, leave.id)).status).toBe('requested');
    // Once enrolled, the same teacher may.
    const [applied] = await w.system.find('institute.enrollment', { filters: [{ field: 'student', op: 'eq', value: w.student.id }, { field: 'status', op: 'eq', value: 'APPLIED' }] });
    await w.system.update('institute.enrollment', applied.id, { status: 'ENROLLED' });
    await (await engine('applied_only')).run(LEAVE, leave.id, 'reject', { comment: 'Exams' });
    expect((await w.system.get(LEAVE, leave.id)).status).toBe('rejected');
  });

  it('the admin still approves', async () => {
    const leave = await w.system.create(LEAVE, { student: w.student.id, from: '2026-04-01', to: '2026-04-01', reason: 'Doctor' });
    await (await engine('admin')).run(LEAVE, leave.id, 'approve');
    expect((await w.system.get(LEAVE, leave.id)).status).toBe('approved');
  });

  it('a "where" that names no ${user.id} is a load problem', () => {
    const manifest = (where: Json): Json => ({
      id: 'desk',
      version: '1.0.0',
      label: 'Desk',
      systemTypes: [{ name: 'desk', label: 'Desk (fixture)' }],
      entities: [{ name: 'job', titleField: 'title', fields: [{ name: 'title', type: 'string', required: true }, { name: 'owner', type: 'reference', target: 'core.user' }, { name: 'status', type: 'enum', values: ['open', 'done'], required: true, default: 'open' }] }],
      roles: [{ name: 'clerk', label: 'Clerk' }],
      permissions: { clerk: [{ action: 'manage', subject: 'job' }] },
      workflows: [{ name: 'flow', entity: 'job', version: 1, field: 'status', initial: 'open', states: [{ name: 'open' }, { name: 'done', terminal: true }],
        transitions: [{ name: 'finish', from: 'open', to: 'done', by: { roles: ['clerk'] }, approval: { steps: [{ name: 'check', approvers: { where } }] } }] }],
    });
    const problems = (m: Json): string[] => {
      try {
        registryWith(m);
        return [];
      } catch (err) {
        if (!(err instanceof ManifestError)) throw err;
        return err.problems.map((p) => `${p.pointer}: ${p.message}`);
      }
    };
    expect(problems(manifest({ owner: '${user.id}' }))).toEqual([]);
    expect(problems(manifest({ title: 'x' }))).toEqual([expect.stringMatching(/approvers\/where: "where" .* must name \$\{user\.id\}/)]);
  });
});
