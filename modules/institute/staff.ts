/**
 * Staff accounts: a PENDING profile for a teacher, HR or finance role, made by
 * someone who may manage that account, holds the user's login (is_active =
 * false) until an admin approves the profile; the approval
 * (activateStaffAccount, called as the workflow's effect) opens the login
 * again and grants the profile's role; rejecting or deleting the profile
 * releases the hold.
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

const HOLD_REASON = 'staff-approval';
/** The audit name of the hold's system actor (`records.asSystem(HOLD_REASON)` in this module). */
const HOLD_ACTOR = `institute:${HOLD_REASON}`;

/**
 * A PENDING profile (staff being onboarded) holds its login, but only when
 * the person creating or re-pointing it may manage that account (update the
 * user: an org admin, the seed): HR, who only reads users, records profiles
 * without locking anyone out.
 */
async function holdAccount(records: Records, profile: RecordData): Promise<void> {
  const userId = idOf(profile.user);
  if (!userId || profile.status !== 'PENDING' || !APPROVED_ROLES.has(String(profile.role))) return;
  const system = records.asSystem(HOLD_REASON);
  const [user] = await system.find('core.user', { filters: [eq('id', userId)], limit: 1 });
  if (!user || user.is_active !== true) return;
  if (!(await records.can('update', 'core.user', user))) return;
  // A staff profile must never become a way to lock the organization's admin out.
  if (await holdsRole(system, userId, 'admin')) return;
  await system.update('core.user', userId, { is_active: false });
}

/**
 * Releases the login a profile held (deleted, rejected or pointed at another
 * login): only when the last change to the account's `is_active` was this
 * hold, so an account an admin deactivated since, or its owner deleted, stays closed.
 */
async function releaseAccount(records: Records, profile: RecordData): Promise<void> {
  const userId = idOf(profile.user);
  if (!userId || profile.status !== 'PENDING') return;
  const system = records.asSystem(HOLD_REASON);
  const [user] = await system.find('core.user', { filters: [eq('id', userId)], limit: 1 });
  if (!user || user.is_active !== false || user.deleted_at) return;
  const changes = await system.find('core.audit_log', {
    filters: [eq('entity', 'core.user'), eq('record_id', userId), eq('action', 'update')],
    sort: { field: 'created_at', direction: 'desc' },
    limit: 200,
  });
  const last = changes.find((row) => row.changes && typeof row.changes === 'object' && 'is_active' in (row.changes as object));
  if (!last || last.system_actor !== HOLD_ACTOR) return;
  await system.update('core.user', userId, { is_active: true });
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
    // Rejected: the login it held is released. Approved: activateStaffAccount opens it.
    if (before.status === 'PENDING' && after.status === 'REJECTED') return releaseAccount(ctx.records, before);
    // Pointing a pending profile at another login (or role) releases the old hold and holds that one instead.
    if (before.user !== after.user || before.role !== after.role) {
      if (before.user !== after.user || !APPROVED_ROLES.has(String(after.role))) await releaseAccount(ctx.records, before);
      await holdAccount(ctx.records, after);
    }
  },
  // A deleted pending profile holds nothing any more.
  afterDelete: (ctx, profile) => releaseAccount(ctx.records, profile),
};
