/**
 * Students, teachers and parents do not browse the user directory with e-mails (issue 10, "Roles and
 * approvals an admin can manage"): the core user entity is read through the same rules as any other, and
 * the institute's teacher and student roles and the parents' parent role read every user's name (so a
 * course shows its teacher, a student's record its login) but only their own e-mail address. Staff who
 * work with accounts (the organization admin, HR) still see them. Checked in the data layer, in the
 * AdminJS list and over the REST API.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiCall, apiLogin } from './support/api.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let org: Fixture;
const ROLES = ['institute.teacher', 'institute.student', 'institute.hr', 'parents.parent'];

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'institute', ROLES);
  server = await startTestServer(runtime);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const emailsShown = (rows: Record<string, unknown>[]): string[] => rows.filter((r) => typeof r.email === 'string').map((r) => String(r.email));

describe('the user directory', () => {
  it.each(['institute.teacher', 'institute.student', 'parents.parent'])('%s reads every user’s name and only their own e-mail (data layer)', async (role) => {
    const records = await org.as(role);
    const users = await records.find('core.user', { limit: 100 });
    expect(users.length).toBeGreaterThanOrEqual(ROLES.length + 1);
    for (const user of users) expect(typeof user.name).toBe('string');
    expect(emailsShown(users)).toEqual([org.users.get(role)!.email]);
    // A single read answers the same: another user's record comes without the address.
    const other = await records.get('core.user', org.users.get('admin')!.id);
    expect(other.email).toBeUndefined();
    expect(other.name).toBeTruthy();
  });

  it('the organization admin and HR still see every address', async () => {
    for (const role of ['admin', 'institute.hr']) {
      const users = await (await org.as(role)).find('core.user', { limit: 100 });
      expect(emailsShown(users).sort()).toEqual(users.map((u) => String(u.email)).sort());
      expect(emailsShown(users)).toContain(org.users.get('institute.student')!.email);
    }
  });

  it('the student’s AdminJS user list and REST list carry no one else’s address', async () => {
    const student = org.users.get('institute.student')!;
    const admin = await server.login(student.email, 'secret-123');
    const list = await admin.get('/admin/api/resources/CoreUser/actions/list?perPage=100');
    expect(list.status).toBe(200);
    const params = list.body.records!.map((r) => r.params);
    expect(params.length).toBeGreaterThanOrEqual(ROLES.length + 1);
    expect(emailsShown(params)).toEqual([student.email]);

    const { access_token } = await apiLogin(server.url, student.email);
    const api = await apiCall(server.url, 'GET', '/core/user?limit=100', { token: access_token });
    expect(api.status).toBe(200);
    expect(emailsShown(api.body.data as Record<string, unknown>[])).toEqual([student.email]);
    // Nor can the addresses be found by filtering on them: a filter on a field only some records show applies to those.
    const probe = await apiCall(server.url, 'GET', `/core/user?filter[email]=${encodeURIComponent(org.users.get('admin')!.email)}`, { token: access_token });
    expect(probe.status === 400 || (probe.body.data as unknown[]).length === 0).toBe(true);
  });
});
