/**
 * Reference pickers offer only what the signed-in user may read: a custom role whose read rules carry a
 * condition sees, in AdminJS's search (the plain reference picker) and in the narrowed `pick` action
 * (course.teacher: users holding the teacher role), only the targets its condition allows; the
 * organization's admin, on the same data, sees them all (so the narrowing is the role's, not the data's).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const RULES = [
  { action: ['read', 'create'], subject: 'institute.course', conditions: { status: 'ACTIVE' } },
  { action: 'read', subject: 'core.user', conditions: { name: 'teacher2 user' } },
];

let runtime: TestRuntime;
let server: TestServer;
let world: InstituteWorld;
let limited: AdminClient;
let admin: AdminClient;

const searchTitles = async (client: AdminClient, resource: string, text: string): Promise<string[]> => {
  const res = await client.get(`/admin/api/resources/${resource}/actions/search/${encodeURIComponent(text)}`);
  return (res.body.records as unknown as { title: string }[]).map((r) => r.title).sort();
};
const teacherOptions = async (client: AdminClient): Promise<string[]> => {
  const res = await client.get('/admin/api/resources/InstituteCourse/actions/pick?field=teacher&q=');
  return (res.body.options as { title: string }[]).map((o) => o.title).sort();
};

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  const sys = world.system;
  const role = await sys.create('core.role', { name: 'active_courses_only', rules: RULES });
  const email = `limited@${world.fixture.org.slug}.test`;
  const user = await sys.create('core.user', { email, name: 'Limited', password: 'secret-123', is_active: true });
  await sys.create('core.role_assignment', { user: user.id, role: role.id });
  server = await startTestServer(runtime);
  limited = await server.login(email, 'secret-123');
  admin = await server.login(world.fixture.users.get('admin')!.email, 'secret-123');
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('reference pickers obey the read rules', () => {
  it("AdminJS's search of courses finds only the ACTIVE ones the custom role may read", async () => {
    const all = await searchTitles(admin, 'InstituteCourse', 'course of');
    expect(all).toEqual(expect.arrayContaining(['DRAFT course of teacher', 'PENDING course of teacher', 'ACTIVE course of teacher', 'ACTIVE course of teacher2']));
    expect(await searchTitles(limited, 'InstituteCourse', 'course of')).toEqual(['ACTIVE course of teacher', 'ACTIVE course of teacher2']);
  });

  it('the search of users finds only the one user the condition allows', async () => {
    expect(await searchTitles(admin, 'CoreUser', 'user')).toEqual(expect.arrayContaining(['teacher user', 'teacher2 user']));
    expect(await searchTitles(limited, 'CoreUser', 'user')).toEqual(['teacher2 user']);
  });

  it("the course form's teacher picker offers teachers the role may read, not every teacher", async () => {
    expect(await teacherOptions(admin)).toEqual(expect.arrayContaining(['teacher user', 'teacher2 user']));
    expect(await teacherOptions(limited)).toEqual(['teacher2 user']);
  });
});
