/**
 * The parent dashboard's "My children" card shows each child's attendance as a share: the
 * sessions they were present at out of all their attendance records (a table card's progress
 * `"of": { "count": true }`), over the dashboard's HTTP answer as a guardian of two children. Another
 * family's child is not on it and their records count for nobody else; a child without any
 * attendance yet shows no percentage (not 0 %). A share that also asks for a `sum` is a load problem.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData } from '../core/data/records.js';
import { ManifestError } from '../core/errors.js';
import { createUser } from '../core/tenancy/index.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import type { Json } from './support/makerspace-fixture.js';
import { registryWith } from './support/workflow-fixture.js';

interface Card {
  label: string;
  type: string;
  progressLabel?: string;
  rows?: { cells: { text: string }[]; progress?: { value: number; max: number; percent?: number | null } }[];
}

let runtime: TestRuntime;
let server: TestServer;
let w: InstituteWorld;

async function guardianOf(key: string, children: RecordData[]): Promise<string> {
  const email = `${key}@${w.fixture.org.slug}.test`;
  const user = await createUser(runtime, w.fixture.org.slug, { email, password: 'secret-123', name: `${key} user`, roles: ['parents.parent'] });
  const guardian = await w.system.create('parents.guardian', { name: `${key} guardian`, user: user.id, relation: 'father' });
  for (const child of children) await w.system.create('parents.student_guardian', { student: child.id, guardian: guardian.id });
  return email;
}

/** Attendance of `student` in `course`, one record per entry (true: present). */
async function attended(student: RecordData, course: RecordData, marks: boolean[]): Promise<void> {
  for (const [i, present] of marks.entries()) {
    const session = await w.system.create('institute.attendance_session', { course: course.id, date: `2026-10-${String(i + 1 + (course === w.courses.active ? 0 : 10)).padStart(2, '0')}` });
    await w.system.create('institute.attendance_record', { session: session.id, student: student.id, course: course.id, present });
  }
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  const third = await w.system.create('institute.student', { name: 'Zara Newcomer', student_number: 'S-0003' });
  // Stella: 3 of 4 in one course and 1 of 2 in another: 4 of 6. Otto (another family): 1 of 1.
  await attended(w.student, w.courses.active, [true, true, false, true]);
  await attended(w.student, w.courses.otherTeachers, [false, true]);
  await attended(w.student2, w.courses.active, [true]);
  await guardianOf('two_children', [w.student, third]);
  await guardianOf('other_family', [w.student2]);
  server = await startTestServer(runtime);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

async function myChildren(email: string): Promise<Card> {
  const client = await server.login(email, 'secret-123');
  const res = await client.get('/admin/api/dashboard');
  expect(res.status).toBe(200);
  const card = (res.body.cards as Card[]).find((c) => c.label === 'My children');
  expect(card).toBeDefined();
  return card!;
}

describe('attendance % per child on the parent dashboard', () => {
  it('shows each of their children with present out of all their attendance records', async () => {
    const card = await myChildren(`two_children@${w.fixture.org.slug}.test`);
    expect(card.progressLabel).toBe('Attendance');
    expect(card.rows!.map((r) => [r.cells[0].text, r.progress])).toEqual([
      ['Stella Student', { value: 4, max: 6, percent: 66.7 }],
      ['Zara Newcomer', { value: 0, max: 0, percent: null }],
    ]);
  });

  it('counts only the child of the family that reads it', async () => {
    const card = await myChildren(`other_family@${w.fixture.org.slug}.test`);
    expect(card.rows!.map((r) => [r.cells[0].text, r.progress])).toEqual([['Otto Other', { value: 1, max: 1, percent: 100 }]]);
  });

  it('refuses a share that also sums a field, and conditions on no field, naming the places', () => {
    const progress = { label: 'Done', count: 'log', via: 'job', sum: 'hours', conditions: { done: true }, of: { count: true, conditions: { nothing: 1 } } };
    const manifest: Json = {
      id: 'desk',
      version: '1.0.0',
      label: 'Desk',
      systemTypes: [{ name: 'desk', label: 'Desk (cards fixture)' }],
      entities: [
        { name: 'job', titleField: 'title', fields: [{ name: 'title', type: 'string', required: true }] },
        { name: 'log', titleField: 'note', fields: [{ name: 'note', type: 'string' }, { name: 'job', type: 'reference', target: 'job' }, { name: 'hours', type: 'decimal' }, { name: 'done', type: 'boolean' }] },
      ],
      roles: [{ name: 'clerk', label: 'Clerk' }],
      permissions: { clerk: [{ action: 'manage', subject: ['job', 'log'] }] },
      dashboard: [{ type: 'table', label: 'T', entity: 'job', columns: ['title'], progress }],
    };
    let messages: string[] = [];
    try {
      registryWith(manifest);
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      messages = err.problems.map((p) => `${p.pointer}: ${p.message}`);
    }
    expect(messages).toEqual([expect.stringMatching(/dashboard\/0\/progress\/sum: "sum" adds up/), expect.stringMatching(/dashboard\/0\/progress\/of\/conditions.*nothing/)]);
    // Without those two mistakes it loads.
    expect(() => registryWith({ ...manifest, dashboard: [{ type: 'table', label: 'T', entity: 'job', columns: ['title'], progress: { label: 'Done', count: 'log', via: 'job', conditions: { done: true }, of: { count: true } } }] })).not.toThrow();
  });
});
