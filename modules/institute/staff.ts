/**
 * Staff accounts: a PENDING profile for a teacher, HR or finance role holds the
 * user's login (is_active = false) until an admin approves the profile; the
 * approval (activateStaffAccount, called as the workflow's effect) opens the
 * login again and grants the profile's role.
 */
import { UmsError, type EntityHooks, type RecordData, type Records } from '../../core/sdk.js';
import { eq, idOf } from './helpers.js';

/** Roles whose accounts need an admin's approval before they can sign in (issue #3). */
export const APPROVED_ROLES: ReadonlySet<string> = new Set(['teacher', 'hr', 'finance']);

async function holdsRole(system: Records, userId: string, roleName: string): Promise<boolean> {
  const [role] = await system.find('core.role', { filters: [eq('name', roleName)], limit: 1 });
  if (!role) return false;
  return (await system.count('core.role_assignment', [eq('user', userId), eq('role', role.id)])) > 0;
}

async function holdAccount(records: Records, profile: RecordData): Promise<void> {
  const userId = idOf(profile.user);
  if (!userId || profile.status !== 'PENDING' || !APPROVED_ROLES.has(String(profile.role))) return;
  const system = records.asSystem('staff-approval');
  // A staff profile must never become a way to lock the organization's admin out.
  if (await holdsRole(system, userId, 'admin')) return;
  await system.update('core.user', userId, { is_active: false });
}

/** The approval's effect: the login works again and holds the profile's role. */
export async function activateStaffAccount(records: Records, profile: RecordData): Promise<void> {
  const userId = idOf(profile.user);
  if (!userId) throw new UmsError('CONFLICT', 'This staff profile has no user to activate.', { entity: 'institute.staff_profile', field: 'user' });
  const system = records.asSystem('staff-approval');
  await system.transaction(async (tx) => {
    await tx.update('core.user', userId, { is_active: true });
    // The profile's role is one of the institute's own: its key is `institute.<role>`.
    const roleName = `institute.${String(profile.role)}`;
    const [role] = await tx.find('core.role', { filters: [eq('name', roleName)], limit: 1 });
    if (!role) throw new UmsError('CONFLICT', `The role "${roleName}" does not exist in this organization.`, { entity: 'institute.staff_profile', field: 'role' });
    if (!(await tx.count('core.role_assignment', [eq('user', userId), eq('role', role.id)]))) {
      await tx.create('core.role_assignment', { user: userId, role: role.id });
    }
  });
}

export const staffProfileHooks: EntityHooks = {
  afterCreate: (ctx, profile) => holdAccount(ctx.records, profile),
  async afterUpdate(ctx, { before, after }) {
    // Pointing a pending profile at another login holds that one instead.
    if (before.user !== after.user || before.role !== after.role) await holdAccount(ctx.records, after);
  },
};
