/**
 * Invitations: a user an admin creates without a password gets a one-time
 * link (INVITATION_TTL_HOURS, single use) to choose one. Until then the account
 * has no password hash, so no sign-in can succeed.
 */
import type { Runtime } from '../runtime.js';
import type { RecordService } from '../data/records.js';
import { readConfig } from '../../config/index.js';
import { UmsError } from '../errors.js';
import { enqueueMail } from '../mail/outbox.js';
import { endSessions, setPassword } from './accounts.js';
import { consume, issueToken, tokenHash } from './codes.js';
import { AUTH_CODE_TABLE, ORGANIZATION_TABLE } from '../manifest/index.js';
import { crossTenant } from '../db/cross-tenant.js';

export const INVITATION_PATH = '/auth/invitation';

/** Issues a new invitation link for `user` (earlier links stop working) and queues the mail, in `records`' transaction. */
export async function inviteUser(records: RecordService, user: { id: string; email?: unknown; name?: unknown }): Promise<{ expiresAt: Date }> {
  const manager = records.entityManager;
  const { token, expiresAt } = await issueToken(manager, { organizationId: records.organizationId, userId: user.id });
  const link = `${readConfig().publicUrl}${INVITATION_PATH}?token=${token}`;
  await enqueueMail(records, { to: String(user.email), template: 'invitation', data: { name: String(user.name ?? ''), link, expiresAt } });
  return { expiresAt };
}

/** Whether the account has a password yet (the record API never returns password hashes). */
export async function hasPassword(records: RecordService, userId: string): Promise<boolean> {
  const [row]: { set: boolean }[] = await records.entityManager.query(
    'SELECT password_hash IS NOT NULL AS set FROM core_user WHERE organization_id = $1 AND id = $2',
    [records.organizationId, userId],
  );
  return row?.set ?? false;
}

interface Invitation {
  id: string;
  organization_id: string;
  user_id: string;
  email: string;
  organization_name: string;
}

const INVALID = 'This invitation link is not valid: it was already used, it has expired, or a newer invitation replaced it. Ask your administrator for a new one.';

const FIND = `SELECT c.id, c.organization_id, c.user_id, u.email, o.name AS organization_name
                FROM ${AUTH_CODE_TABLE} c JOIN core_user u ON u.id = c.user_id JOIN ${ORGANIZATION_TABLE} o ON o.id = c.organization_id
               WHERE c.secret_hash = $1 AND c.purpose = 'invitation' AND c.used_at IS NULL AND c.expires_at > now() AND u.deleted_at IS NULL`;

/** The invitation a token opens (for the page), or a NOT_FOUND error that says why it may have stopped working. */
export async function findInvitation(runtime: Runtime, token: unknown): Promise<{ email: string; organizationName: string }> {
  const [row]: Invitation[] = typeof token === 'string' && token ? await crossTenant(runtime.dataSource, 'account-by-address', (owner) => owner.query(FIND, [tokenHash(token)])) : [];
  if (!row) throw new UmsError('NOT_FOUND', INVALID);
  return { email: row.email, organizationName: row.organization_name };
}

/** Sets the invited user's password (policy and validation as in a form) and uses the link up. */
export async function acceptInvitation(runtime: Runtime, token: unknown, password: unknown): Promise<{ email: string; organizationName: string }> {
  return crossTenant(runtime.dataSource, 'account-by-address', (owner) => owner.transaction(async (manager) => {
    const [row]: Invitation[] = typeof token === 'string' && token ? await manager.query(`${FIND} FOR UPDATE OF c`, [tokenHash(token)]) : [];
    if (!row) throw new UmsError('NOT_FOUND', INVALID);
    await setPassword(runtime, manager, row, password, 'auth:invitation');
    await consume(manager, row, 'invitation');
    await endSessions(manager, row.user_id);
    return { email: row.email, organizationName: row.organization_name };
  }));
}
