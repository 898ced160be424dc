/**
 * A pending staff profile holds its login only when made by someone who may
 * manage that account (update the user): HR, who only reads users, cannot lock
 * anyone out with a profile. Rejecting or deleting a pending profile releases
 * the hold it placed, and only that hold (an account an admin deactivated stays closed).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { authenticator } from '../core/auth/index.js';
import { RecordService } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const PROFILE = 'institute.staff_profile';
let runtime: TestRuntime;
let w: InstituteWorld;
let signIn: (email: string, password: string) => Promise<unknown>;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  signIn = authenticator(runtime);
});
afterAll(() => runtime.dispose());

async function newLogin(name: string, roles: string[] = []): Promise<{ id: string; email: string }> {
  const email = `${name}@${w.fixture.org.slug}.test`;
  const user = await createUser(runtime, w.fixture.org.slug, { email, password: 'secret-123', name, roles });
  return { id: user.id, email };
}
const isActive = async (userId: string): Promise<unknown> => (await w.system.get('core.user', userId)).is_active;

describe('who may put an account on hold', () => {
  it('HR creating a pending profile for a colleague’s login does not lock them out', async () => {
    const victim = w.fixture.users.get('finance')!;
    const hr = await w.as('hr');
    const profile = await hr.create(PROFILE, { name: 'Not really staff', user: victim.id, role: 'teacher' });
    expect(profile.status).toBe('PENDING');
    expect(await isActive(victim.id)).toBe(true);
    expect(await signIn(victim.email, 'secret-123')).toMatchObject({ id: victim.id });
    await hr.delete(PROFILE, profile.id);
    expect(await signIn(victim.email, 'secret-123')).toMatchObject({ id: victim.id });
  });

  it('HR cannot hold a fresh login either; an org admin can', async () => {
    const byHr = await newLogin('hr-made');
    await (await w.as('hr')).create(PROFILE, { name: 'HR made', user: byHr.id, role: 'teacher' });
    expect(await signIn(byHr.email, 'secret-123')).toMatchObject({ id: byHr.id });
    const byAdmin = await newLogin('admin-made');
    await (await w.as('admin')).create(PROFILE, { name: 'Admin made', user: byAdmin.id, role: 'teacher' });
    expect(await signIn(byAdmin.email, 'secret-123')).toBeNull();
  });

  it('HR re-pointing a pending profile at another login does not hold that one', async () => {
    const first = await newLogin('first-hire');
    const victim = w.fixture.users.get('sales')!;
    const profile = await (await w.as('admin')).create(PROFILE, { name: 'Moving', user: first.id, role: 'hr' });
    expect(await isActive(first.id)).toBe(false);
    await (await w.as('hr')).update(PROFILE, profile.id, { user: victim.id });
    expect(await isActive(victim.id)).toBe(true);
    // The login it no longer points at is released.
    expect(await isActive(first.id)).toBe(true);
  });
});

describe('what releases the hold', () => {
  it('deleting a pending profile releases the login it held', async () => {
    const login = await newLogin('deleted-profile');
    const profile = await (await w.as('admin')).create(PROFILE, { name: 'Changed mind', user: login.id, role: 'finance' });
    expect(await signIn(login.email, 'secret-123')).toBeNull();
    await (await w.as('hr')).delete(PROFILE, profile.id);
    expect(await isActive(login.id)).toBe(true);
    expect(await signIn(login.email, 'secret-123')).toMatchObject({ id: login.id });
  });

  it('rejecting a pending profile releases the login it held', async () => {
    const login = await newLogin('rejected-profile');
    // Made by the system (as an import or the seed would), so the admin is not its requester and may decide it.
    const profile = await w.system.create(PROFILE, { name: 'Not hired', user: login.id, role: 'teacher' });
    expect(await signIn(login.email, 'secret-123')).toBeNull();
    const engine = await WorkflowEngine.for(await RecordService.for(runtime, w.fixture.users.get('admin')!.actor));
    await engine.run(PROFILE, profile.id, 'reject', { comment: 'Position filled.' });
    expect((await w.system.get(PROFILE, profile.id)).status).toBe('REJECTED');
    expect(await signIn(login.email, 'secret-123')).toMatchObject({ id: login.id });
  });

  it('a login an admin deactivated (before or during the hold) stays deactivated when the profile goes', async () => {
    const before = await newLogin('closed-before');
    const admin = await w.as('admin');
    await admin.update('core.user', before.id, { is_active: false });
    const p1 = await admin.create(PROFILE, { name: 'Closed before', user: before.id, role: 'teacher' });
    await admin.delete(PROFILE, p1.id);
    expect(await isActive(before.id)).toBe(false);

    const during = await newLogin('closed-during');
    const p2 = await admin.create(PROFILE, { name: 'Closed during', user: during.id, role: 'teacher' });
    // The admin opens and closes the account by hand while the profile waits: the last word is theirs.
    await admin.update('core.user', during.id, { is_active: true });
    await admin.update('core.user', during.id, { is_active: false });
    await admin.delete(PROFILE, p2.id);
    expect(await isActive(during.id)).toBe(false);
  });
});
