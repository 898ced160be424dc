/**
 * The institute through AdminJS's HTTP API: the roll-call screen's action
 * (loads with GET, saves every mark in one POST, refused for another teacher)
 * and a course's approval path, with the inbox showing each approver's work.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let world: InstituteWorld;
const clients = new Map<string, AdminClient>();
const client = (key: string) => clients.get(key)!;

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  server = await startTestServer(runtime);
  for (const key of ['admin', 'teacher', 'teacher2', 'sales', 'student']) clients.set(key, await server.login(world.fixture.users.get(key)!.email, 'secret-123'));
});

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('institute screens', () => {
  test('roll call: the screen loads, saves all marks in one request, and another teacher is refused', async () => {
    const course = String(world.courses.active.id);
    for (const student of [world.student, world.student2]) await world.system.create('institute.enrollment', { student: student.id, course, status: 'ENROLLED' });
    const session = await world.system.create('institute.attendance_session', { course, date: '2026-11-20', topic: 'Intro' });
    const path = `/admin/api/resources/InstituteAttendanceSession/records/${session.id}/roll_call`;
    const loaded = await client('teacher').get(path);
    expect((loaded.body.record as { id: string }).id).toBe(session.id);
    const marks = JSON.stringify([{ student: world.student.id, present: true }, { student: world.student2.id, present: false }]);
    const saved = await client('teacher').post(path, { marks });
    expect(saved.body.notice).toMatchObject({ type: 'success', message: expect.stringContaining('1 present, 1 absent') });
    const rows = await world.system.find('institute.attendance_record', { filters: [{ field: 'session', op: 'eq', value: session.id }] });
    expect(rows.map((r) => [r.student, r.present]).sort()).toEqual([[world.student.id, true], [world.student2.id, false]].sort());
    const refused = await client('teacher2').post(path, { marks });
    expect(refused.body.notice).toMatchObject({ type: 'error' });
  });

  test('a course goes from the teacher through admin and sales to ACTIVE, each seeing it in their inbox', async () => {
    const created = await (await world.as('teacher')).create('institute.course', { title: 'Astronomy', code: courseCode(), teacher: world.userId('teacher'), fee: 300, max_seats: 10 });
    const record = (action: string) => `/admin/api/resources/InstituteCourse/records/${created.id}/${action}`;
    expect((await client('teacher').post(record('submit'), { comment: '' })).body.notice).toMatchObject({ type: 'success' });
    const inboxHas = async (key: string) => ((await client(key).get('/admin/api/pages/approvals')).body.items as { recordTitle: string }[]).some((i) => i.recordTitle === 'Astronomy');
    expect(await inboxHas('admin')).toBe(true);
    expect(await inboxHas('sales')).toBe(true);
    expect(await inboxHas('teacher')).toBe(false);
    await client('admin').post(record('approve'), { comment: '' });
    expect(await inboxHas('admin')).toBe(false);
    await client('sales').post(record('approve'), { comment: 'Good market' });
    expect((await world.system.get('institute.course', String(created.id))).status).toBe('ACTIVE');
    // The student now sees it; the history shows who did what.
    expect((await client('student').get(record('show'))).body.record).toMatchObject({ id: created.id });
    const history = (await client('teacher').get(record('history'))).body.history as { kind: string; actor: string | null }[];
    expect(history.filter((h) => h.kind === 'approved')).toHaveLength(2);
  });
});
