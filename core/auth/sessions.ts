/**
 * A session is only as good as its user is now. Every admin request re-checks
 * that the signed-in user is still active (cached USER_STATUS_TTL_MS, dropped
 * at once when the user record changes in this process); a deactivated,
 * deleted or held account loses the session on its next request. Deactivation
 * and deletion also delete the user's session rows in the same transaction
 * (user-hooks.ts), so other processes refuse them too.
 *
 * Session ids are regenerated at sign-in (the old id, possibly planted by
 * someone else, is destroyed) and when the user gains a role since the session
 * last looked; losing a role needs no new id, the roles are compiled per request.
 */
import type { Request } from 'express';
import type session from 'express-session';
import type { EntityManager } from 'typeorm';
import type { Runtime } from '../runtime.js';
import { API_TOKEN_TABLE, SESSION_TABLE } from '../manifest/index.js';
import { inactiveMessage, SIGNED_OUT_STATUSES, type OrganizationStatus } from '../data/tenant-status.js';
import type { SignedInUser } from './index.js';
import { BoundedCache } from '../access/bounded-cache.js';
import { withinTenant } from '../data/tenant-scope.js';

/** How long "this user is active" is believed without asking the database again. */
export const USER_STATUS_TTL_MS = 5_000;

type UmsSession = session.Session & { adminUser?: SignedInUser; roles?: string[]; redirectTo?: string };

/** Users whose status is believed at most (least recently used dropped first; entries are good for seconds anyway). */
export const USER_STATUS_CACHE_MAX = 10_000;
const statusCache = new BoundedCache<string, { active: boolean; expires: number }>(USER_STATUS_CACHE_MAX);

/** How many users' status this process holds (bounded by USER_STATUS_CACHE_MAX). */
export const userStatusCacheSize = (): number => statusCache.size;

/** Drops what this process believes about the user (call when the user record changes). */
export function forgetUserStatus(userId: string): void {
  statusCache.delete(userId);
}

/** Whether the user may still act (active, not deleted, organization not suspended): asked by every admin request and every API call. */
export async function isActive(runtime: Runtime, user: Pick<SignedInUser, 'id' | 'organizationId'>): Promise<boolean> {
  const hit = statusCache.get(user.id);
  if (hit && hit.expires > Date.now()) return hit.active;
  // A suspended organization's users may not act at all (org:suspend); an archived one's may still read.
  const rows: { active: boolean }[] = await withinTenant(runtime.dataSource, user.organizationId).query(
    `SELECT (u.is_active AND u.deleted_at IS NULL AND o.status <> ALL($3::text[])) AS active
       FROM core_user u JOIN core_organization o ON o.id = u.organization_id WHERE u.id = $1 AND u.organization_id = $2`,
    [user.id, user.organizationId, SIGNED_OUT_STATUSES],
  );
  const active = rows[0]?.active === true;
  statusCache.set(user.id, { active, expires: Date.now() + USER_STATUS_TTL_MS });
  return active;
}

const regenerate = (req: Request): Promise<void> => new Promise((resolve, reject) => req.session.regenerate((err: unknown) => (err ? reject(err) : resolve())));

/**
 * A new session id for this request, keeping what the session held (or not): the old id stops
 * working at once. Used at sign-in, where the session id may have been set before by someone else.
 */
export async function renewSessionId(req: Request, keep: boolean): Promise<void> {
  const old = req.session as UmsSession | undefined;
  if (!old) return;
  const carried = keep ? { adminUser: old.adminUser, roles: old.roles, redirectTo: old.redirectTo } : { redirectTo: old.redirectTo };
  await regenerate(req);
  Object.assign(req.session, Object.fromEntries(Object.entries(carried).filter(([, v]) => v !== undefined)));
}

/**
 * The signed-in user of this request, after the checks: undefined (and the session emptied) when
 * the account is no longer active; the user's access compiled (AdminJS's synchronous callbacks
 * read it from the cache); a new session id if the user holds a role the session had not seen.
 */
export async function checkSession(runtime: Runtime, req: Request): Promise<SignedInUser | undefined> {
  const current = req.session as UmsSession | undefined;
  const user = current?.adminUser;
  if (!user) return undefined;
  if (!(await isActive(runtime, user))) {
    await renewSessionId(req, false);
    return undefined;
  }
  const access = await runtime.access.forUser({ userId: user.id, organizationId: user.organizationId, email: user.email });
  const roles = [...access.principal.roles].sort();
  const seen = current.roles;
  if (seen && roles.some((r) => !seen.includes(r))) await renewSessionId(req, true);
  if (!seen || seen.join('\n') !== roles.join('\n')) (req.session as UmsSession).roles = roles;
  return user;
}

/** Signs the user out everywhere (after a password change, deactivation or account deletion). */
export async function endSessions(manager: EntityManager, userId: string): Promise<void> {
  forgetUserStatus(userId);
  await manager.query(`DELETE FROM ${SESSION_TABLE} WHERE sess -> 'adminUser' ->> 'id' = $1`, [userId]);
  // The REST API's refresh tokens go with the sessions (its access tokens ask isActive on every call).
  await manager.query(`UPDATE ${API_TOKEN_TABLE} SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
}

/** Why an organization's users are refused, when it is suspended (the API says so instead of a bare 401). */
export async function suspensionMessage(runtime: Runtime, organizationId: string): Promise<string | undefined> {
  const [row]: { status: OrganizationStatus; status_reason: string | null }[] = await withinTenant(runtime.dataSource, organizationId).query('SELECT status, status_reason FROM core_organization WHERE id = $1', [organizationId]);
  return row && SIGNED_OUT_STATUSES.includes(row.status) ? inactiveMessage(row.status, row.status_reason) : undefined;
}
