/**
 * Staff accounts: a PENDING staff profile for a teacher, HR or finance login,
 * made by someone who may manage that account (an org admin, the system),
 * holds that login (sign-in refused) until activateStaffAccount, the approval's
 * effect, opens it again and grants the profile's role. Sales staff and the
 * organization's admins are never held.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { authenticator } from '../core/auth/index.js';
import { activateStaffAccount } from '../modules/institute/index.js';
import { createUser } from '../core/tenancy/index.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let w: InstituteWorld;
let signIn: (email: string, password: string) => Promise<unknown>;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  signIn = authenticator(runtime);
});
afterAll(() => runtime.dispose());

async function newLogin(name: string): Promise<{ id: string; email: string }> {
  const email = `${name}@${w.fixture.org.slug}.test`;
  const user = await createUser(runtime, w.fixture.org.slug, { email, password: 'secret-123', name, roles: [] });
  return { id: user.id, email };
}

async function rolesOf(userId: string): Promise<string[]> {
  const assignments = await w.system.find('core.role_assignment', { filters: [{ field: 'user', op: 'eq', value: userId }] });
  const roles = await w.system.getMany('core.role', assignments.map((a) => String(a.role)));
  return roles.map((r) => String(r.name)).sort();
}

describe('staff approval', () => {
  it('a pending teacher profile holds the login until activateStaffAccount, which also grants the role', async () => {
    const login = await newLogin('new-teacher');
    expect(await signIn(login.email, 'secret-123')).toMatchObject({ id: login.id });
    const admin = await w.as('admin');
    const profile = await admin.create('institute.staff_profile', { name: 'New Teacher', user: login.id, role: 'teacher', position: 'Lecturer' });
    expect(profile.status).toBe('PENDING');
    expect((await w.system.get('core.user', login.id)).is_active).toBe(false);
    expect(await signIn(login.email, 'secret-123')).toBeNull();

    // The workflow calls this with the approving admin's records, in the approval's transaction.
    await admin.transaction((tx) => activateStaffAccount(tx, profile));
    expect((await w.system.get('core.user', login.id)).is_active).toBe(true);
    expect(await signIn(login.email, 'secret-123')).toMatchObject({ id: login.id });
    expect(await rolesOf(login.id)).toEqual(['institute.teacher']);
    // The new role's rules apply at once: the teacher can propose a course.
    const teacher = await runtime.access.forUser({ userId: login.id, organizationId: w.fixture.org.id, email: login.email });
    expect(teacher.canOnType('create', runtime.registry.entity('institute.course')!)).toBe(true);
  });

  it('activating twice assigns the role once', async () => {
    const login = await newLogin('twice');
    const profile = await w.system.create('institute.staff_profile', { name: 'Twice', user: login.id, role: 'finance' });
    await activateStaffAccount(await w.as('admin'), profile);
    await activateStaffAccount(await w.as('admin'), profile);
    expect(await rolesOf(login.id)).toEqual(['institute.finance']);
  });

  it('HR and finance profiles are held too; a sales profile and an already ACTIVE profile are not', async () => {
    const admin = await w.as('admin');
    for (const [role, status, held] of [['hr', 'PENDING', true], ['finance', 'PENDING', true], ['sales', 'PENDING', false], ['teacher', 'ACTIVE', false]] as const) {
      const login = await newLogin(`${role}-${status.toLowerCase()}`);
      const records = status === 'ACTIVE' ? w.system : admin;
      // People never set the status (the workflow does); their profiles start PENDING, the system may place one in ACTIVE.
      await records.create('institute.staff_profile', { name: `${role} ${status}`, user: login.id, role, ...(status === 'ACTIVE' ? { status } : {}) });
      expect(await signIn(login.email, 'secret-123')).toEqual(held ? null : expect.objectContaining({ id: login.id }));
    }
  });

  it('a pending profile never locks out an organization admin', async () => {
    const admin2 = await newLogin('second-admin');
    const adminRole = (await w.system.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'admin' }] }))[0];
    await w.system.create('core.role_assignment', { user: admin2.id, role: adminRole.id });
    await (await w.as('admin')).create('institute.staff_profile', { name: 'The other admin as teacher', user: admin2.id, role: 'teacher' });
    expect(await signIn(admin2.email, 'secret-123')).toMatchObject({ id: admin2.id });
    const admin = w.fixture.users.get('admin')!;
    expect(await signIn(admin.email, 'secret-123')).toMatchObject({ id: admin.id });
  });

  it('the hold is audited as a system change, not as the admin’s', async () => {
    const login = await newLogin('audited');
    await (await w.as('admin')).create('institute.staff_profile', { name: 'Audited', user: login.id, role: 'teacher' });
    const rows: { actor_id: string | null; changes: Record<string, unknown> }[] = await runtime.dataSource.query(
      `SELECT actor_id, changes FROM core_audit_log WHERE organization_id = $1 AND entity = 'core.user' AND record_id = $2 AND action = 'update'`,
      [w.fixture.org.id, login.id],
    );
    expect(rows).toEqual([{ actor_id: null, changes: { is_active: { before: true, after: false } } }]);
  });
});
