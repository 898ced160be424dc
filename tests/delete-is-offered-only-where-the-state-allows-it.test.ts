/**
 * Delete follows the workflow's locked states exactly as Edit does: a record whose state the user may not
 * edit offers neither (show page and list rows), and a direct POST to delete is refused and deletes nothing.
 * Institute courses: DRAFT is editable by teacher and admin, PENDING by nobody, ACTIVE by admin only.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let world: InstituteWorld;
let teacher: AdminClient;
let admin: AdminClient;

const api = (rest: string): string => `/admin/api/resources/InstituteCourse/${rest}`;
const showActions = async (client: AdminClient, id: string): Promise<string[]> => {
  const res = await client.get(api(`records/${id}/show`));
  return ((res.body.record as { recordActions?: { name: string }[] }).recordActions ?? []).map((a) => a.name);
};
/** The list answer names each row's actions as `<resourceId>.<name>` keys (core/admin/list-answer.ts). */
const listActions = async (client: AdminClient, id: string): Promise<string[]> => {
  const res = await client.get(api('actions/list?perPage=500'));
  const row = (res.body.records as unknown as { id: string; recordActions: (string | { name: string })[] }[]).find((r) => r.id === id);
  if (!row) throw new Error(`course ${id} is not in the list`);
  return row.recordActions.map((a) => (typeof a === 'string' ? a.split('.').pop()! : a.name));
};

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  server = await startTestServer(runtime);
  teacher = await server.login(world.fixture.users.get('teacher')!.email, 'secret-123');
  admin = await server.login(world.fixture.users.get('admin')!.email, 'secret-123');
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('delete follows the locked workflow states', () => {
  it('a teacher is offered Edit and Delete on the own DRAFT course, neither on the PENDING or ACTIVE one', async () => {
    const { draft, pending, active } = world.courses;
    for (const read of [showActions, listActions]) {
      expect(await read(teacher, draft.id)).toEqual(expect.arrayContaining(['edit', 'delete']));
      for (const locked of [pending, active]) expect((await read(teacher, locked.id)).filter((a) => a === 'edit' || a === 'delete')).toEqual([]);
    }
  });

  it('the admin, whom ACTIVE allows, is offered Delete there; on PENDING nobody is', async () => {
    expect(await showActions(admin, world.courses.active.id)).toEqual(expect.arrayContaining(['edit', 'delete']));
    expect((await showActions(admin, world.courses.pending.id)).filter((a) => a === 'edit' || a === 'delete')).toEqual([]);
  });

  it('a delete posted anyway on a locked course is refused, not a server error, and the course stays', async () => {
    const res = await teacher.post(api(`records/${world.courses.pending.id}/delete`));
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toMatch(/successfully/i);
    expect((await world.system.get('institute.course', world.courses.pending.id)).status).toBe('PENDING');
  });
});
