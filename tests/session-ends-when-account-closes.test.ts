/**
 * A session is only as good as its user now: deactivating a user (by an admin
 * in AdminJS, by the institute's staff-approval hold, or behind the
 * application's back in SQL) refuses the user's very next request with the old
 * cookie, and removing a role takes effect on the next request.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { USER_STATUS_TTL_MS } from '../core/auth/index.js';
import { createUser } from '../core/tenancy/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';

let runtime: TestRuntime;
let server: TestServer;
let lib: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library');
  server = await startTestServer(runtime);
});
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const BOOKS = '/admin/api/resources/LibraryBook/actions/list';
const EXPORT = '/admin/x/export/library.book.csv';

let counter = 0;
async function newLibrarian(): Promise<{ id: string; email: string; client: AdminClient }> {
  const email = `librarian-${++counter}@${lib.org.slug}.test`;
  const user = await createUser(runtime, lib.org.slug, { email, password: 'secret-123', name: `Librarian ${counter}`, roles: ['library.librarian'] });
  return { id: user.id, email, client: await server.login(email, 'secret-123') };
}

/** Signed in and working: the book list and the export answer. */
async function expectWorking(client: AdminClient): Promise<void> {
  expect((await client.get(BOOKS)).status).toBe(200);
  expect((await client.get(EXPORT)).status).toBe(200);
}

/** The old cookie no longer works: AdminJS sends it to sign-in, the export refuses. */
async function expectSignedOut(client: AdminClient): Promise<void> {
  const list = await fetch(`${server.url}${BOOKS}`, { headers: { cookie: cookieOf(client), accept: 'application/json' }, redirect: 'manual' });
  expect(list.status).toBe(302);
  expect(list.headers.get('location')).toBe('/admin/login');
  expect((await client.get(EXPORT)).status).toBe(403);
}

const cookieOf = (client: AdminClient): string => (client as unknown as { cookie: string }).cookie;

const sessionRows = async (userId: string): Promise<number> =>
  Number((await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_session WHERE sess -> 'adminUser' ->> 'id' = $1`, [userId]))[0].n);

describe('deactivation ends the session', () => {
  it('an admin deactivating a user in AdminJS signs the user out everywhere: the next request with the old cookie is refused', async () => {
    const victim = await newLibrarian();
    const second = await server.login(victim.email, 'secret-123');
    await expectWorking(victim.client);
    const admin = await server.login(lib.users.get('admin')!.email, 'secret-123');
    const edit = await admin.post(`/admin/api/resources/CoreUser/records/${victim.id}/edit`, { is_active: 'false' });
    expect(edit.status).toBe(200);
    expect((edit.body.record as { params: { is_active: boolean } }).params.is_active).toBe(false);
    expect(await sessionRows(victim.id)).toBe(0);
    await expectSignedOut(victim.client);
    await expectSignedOut(second);
    // The admin's own session is untouched.
    expect((await admin.get(BOOKS)).status).toBe(200);
  });

  it('a user deactivated behind the application (SQL) loses the session within the status cache time, on every process', async () => {
    const victim = await newLibrarian();
    await expectWorking(victim.client);
    await runtime.dataSource.query('UPDATE core_user SET is_active = false WHERE id = $1', [victim.id]);
    await new Promise((resolve) => setTimeout(resolve, USER_STATUS_TTL_MS + 200));
    await expectSignedOut(victim.client);
    // The refused session is gone: signing in again is the only way back (and is refused while inactive).
    await runtime.dataSource.query('UPDATE core_user SET is_active = true WHERE id = $1', [victim.id]);
    await new Promise((resolve) => setTimeout(resolve, USER_STATUS_TTL_MS + 200));
    await expectSignedOut(victim.client);
  });

  it('deleting the user ends the session', async () => {
    const victim = await newLibrarian();
    await expectWorking(victim.client);
    const system = await lib.system();
    for (const a of await system.find('core.role_assignment', { filters: [{ field: 'user', op: 'eq', value: victim.id }] })) await system.delete('core.role_assignment', a.id);
    await system.delete('core.user', victim.id);
    await expectSignedOut(victim.client);
  });
});

describe('role removal downgrades the session', () => {
  it('removing the librarian role takes effect on the next request', async () => {
    const victim = await newLibrarian();
    await expectWorking(victim.client);
    const admin = await server.login(lib.users.get('admin')!.email, 'secret-123');
    const [assignment] = await (await lib.system()).find('core.role_assignment', { filters: [{ field: 'user', op: 'eq', value: victim.id }] });
    const removed = await admin.post(`/admin/api/resources/CoreRoleAssignment/records/${assignment.id}/delete`);
    expect(removed.status).toBe(200);
    expect(await (await lib.system()).count('core.role_assignment', [{ field: 'user', op: 'eq', value: victim.id }])).toBe(0);
    // Still signed in (an active user), but no longer a librarian: AdminJS answers its refusal as a notice.
    const list = await victim.client.get(BOOKS);
    expect(list.body.records).toEqual([]);
    expect(list.body.notice).toMatchObject({ type: 'error' });
    expect((list.body.record as { baseError: { type: string } }).baseError.type).toBe('ForbiddenError');
    expect((await victim.client.get(EXPORT)).status).toBe(403);
  });
});

describe('the institute staff-approval hold', () => {
  let w: InstituteWorld;
  beforeAll(async () => {
    w = await createInstituteWorld(runtime);
  });

  it('a pending staff profile holding a signed-in login ends its session at once', async () => {
    const email = `new-teacher@${w.fixture.org.slug}.test`;
    const user = await createUser(runtime, w.fixture.org.slug, { email, password: 'secret-123', name: 'New Teacher', roles: [] });
    const client = await server.login(email, 'secret-123');
    const dashboard = await client.get('/admin/api/dashboard');
    expect(dashboard.status).toBe(200);
    await (await w.as('admin')).create('institute.staff_profile', { name: 'New Teacher', user: user.id, role: 'teacher', position: 'Lecturer' });
    expect((await w.system.get('core.user', user.id)).is_active).toBe(false);
    const after = await fetch(`${server.url}/admin/api/dashboard`, { headers: { cookie: cookieOf(client), accept: 'application/json' }, redirect: 'manual' });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/admin/login');
  });
});
