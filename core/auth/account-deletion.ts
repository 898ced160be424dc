/**
 * Deleting one's own account, confirmed by a code sent to its address. The
 * account is deactivated and stamped `deleted_at` (a soft delete): its records,
 * their authorship and the audit history stay; it can no longer sign in, its
 * sessions end, and its e-mail stays taken in the organization.
 */
import type { RecordService } from '../data/records.js';
import type { Runtime } from '../runtime.js';
import { UmsError } from '../errors.js';
import { enqueueMail } from '../mail/outbox.js';
import { accountRecords, RateLimited } from './accounts.js';
import { CODE_TTL_MINUTES, consume, issueCode, LIVE, matchCode, type LiveCode } from './codes.js';
import { blockedUntil, DELETE_CODES_PER_USER, describeTime, lockKey, recordHit } from './throttle.js';
import { AUTH_CODE_TABLE } from '../manifest/index.js';
import { tenantTransaction } from '../data/tenant-scope.js';

export interface AccountOwner {
  id: string;
  organizationId: string;
}

const REASON = 'auth:delete-own-account';

export async function requestAccountDeletion(runtime: Runtime, owner: AccountOwner): Promise<{ email: string }> {
  // Inside the wall: the owner's organization is known.
  return tenantTransaction(runtime.dataSource, owner.organizationId, async (manager) => {
    await lockKey(manager, 'delete_code', owner.id);
    const until = await blockedUntil(manager, 'delete_code', owner.id, DELETE_CODES_PER_USER);
    if (until) throw new RateLimited(`Too many code requests. Try again after ${describeTime(until)}.`, until);
    const records = await accountRecords(runtime, manager, owner.organizationId, REASON);
    const user = await records.get('core.user', owner.id);
    if (user.is_active !== true) throw new UmsError('FORBIDDEN', 'This account is not active.');
    await refuseLastAdmin(records, owner.id);
    await recordHit(manager, 'delete_code', owner.id);
    const code = await issueCode(manager, { organizationId: owner.organizationId, userId: owner.id }, 'account_deletion');
    await enqueueMail(records, { to: String(user.email), template: 'account_deletion', data: { name: String(user.name), code, minutes: CODE_TTL_MINUTES } });
    return { email: String(user.email) };
  });
}

export async function confirmAccountDeletion(runtime: Runtime, owner: AccountOwner, code: unknown): Promise<void> {
  const deleted = await tenantTransaction(runtime.dataSource, owner.organizationId, async (manager) => {
    const candidates: LiveCode[] = await manager.query(
      `SELECT c.id, c.organization_id, c.user_id, c.secret_hash FROM ${AUTH_CODE_TABLE} c
        WHERE c.user_id = $1 AND c.organization_id = $2 AND c.purpose = 'account_deletion' AND ${LIVE} FOR UPDATE OF c`,
      [owner.id, owner.organizationId],
    );
    const match = await matchCode(manager, candidates, String(code ?? '').trim());
    if (!match) return false;
    const records = await accountRecords(runtime, manager, owner.organizationId, REASON);
    await refuseLastAdmin(records, owner.id);
    await records.update('core.user', owner.id, { is_active: false, deleted_at: new Date().toISOString() });
    await consume(manager, match, 'account_deletion');
    // Deactivating the user (above) ended their sessions (user-hooks.ts).
    return true;
  });
  if (!deleted) throw new UmsError('BAD_REQUEST', `The code is wrong or no longer valid. A code works for ${CODE_TTL_MINUTES} minutes and 3 attempts; ask for a new one if needed.`);
}

/** An organization must keep someone who can manage it. */
async function refuseLastAdmin(records: RecordService, userId: string): Promise<void> {
  const [admin] = await records.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'admin' }], limit: 1 });
  if (!admin) return;
  const assignments = await records.find('core.role_assignment', { filters: [{ field: 'role', op: 'eq', value: admin.id }], limit: 1000 });
  const holders = assignments.map((a) => String(a.user));
  if (!holders.includes(userId)) return;
  const others = (await records.getMany('core.user', holders.filter((id) => id !== userId))).filter((u) => u.is_active === true);
  if (!others.length) throw new UmsError('CONFLICT', 'You are the only organization admin: make someone else an admin before deleting your account.');
}
