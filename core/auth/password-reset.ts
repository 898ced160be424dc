/**
 * Forgot password: a 6-digit code by mail (CODE_TTL_MINUTES, MAX_CODE_ATTEMPTS),
 * then a new password.
 *
 * An address may have accounts in several organizations (e-mails are unique
 * per organization only). "Forgot" then sends one mail per active account, each
 * naming its organization and carrying its own code; "reset" changes the
 * password of the one account whose code was entered, and no other. A wrong
 * code counts against every live code of the address.
 *
 * The answer to "forgot" does not depend on whether the address exists: the
 * same message, the same rate limits (counted per address typed, known or
 * not, and per IP), and about the same time (an unknown address still pays for
 * one scrypt hash).
 */
import { CODE_TTL_MINUTES, consume, issueCode, LIVE, matchCode, timingDummy, type LiveCode } from './codes.js';
import { verifyPassword } from '../data/passwords.js';
import type { Runtime } from '../runtime.js';
import { RecordValidationError, UmsError } from '../errors.js';
import { enqueueMail } from '../mail/outbox.js';
import { accountRecords, endSessions, normaliseEmail, RateLimited, setPassword } from './accounts.js';
import { blockedUntil, clearHits, describeTime, FORGOT_PER_EMAIL, FORGOT_PER_IP, lockKey, recordHit } from './throttle.js';
import { AUTH_CODE_TABLE, ORGANIZATION_TABLE } from '../manifest/index.js';
import { crossTenant } from '../db/cross-tenant.js';

export const FORGOT_ANSWER = `If an account with this e-mail address exists, a 6-digit code is on its way. It is valid for ${CODE_TTL_MINUTES} minutes.`;
export const WRONG_CODE = `The code is wrong or no longer valid. A code works for ${CODE_TTL_MINUTES} minutes and 3 attempts; ask for a new one if needed.`;

// No NUL: PostgreSQL text refuses it (22021), which would be a 500 instead of this answer.
const EMAIL_RE = /^[^\s@\0]+@[^\s@\0]+$/;

function requireEmail(email: string): void {
  if (!EMAIL_RE.test(email)) throw new RecordValidationError('core.user', { email: { message: 'must be an e-mail address', type: 'format' } }, 'Enter your e-mail address.');
}

export async function requestPasswordReset(runtime: Runtime, input: { email: unknown; ip?: string }): Promise<void> {
  const email = normaliseEmail(input.email);
  requireEmail(email);
  const ip = input.ip ?? 'unknown';
  await crossTenant(runtime.dataSource, 'account-by-address', (owner) => owner.transaction(async (manager) => {
    // Limits first, identical for known and unknown addresses.
    await lockKey(manager, 'forgot_email', email);
    await lockKey(manager, 'forgot_ip', ip);
    const until = [await blockedUntil(manager, 'forgot_email', email, FORGOT_PER_EMAIL), await blockedUntil(manager, 'forgot_ip', ip, FORGOT_PER_IP)]
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    if (until) throw new RateLimited(`Too many code requests. Try again after ${describeTime(until)}.`, until);
    await recordHit(manager, 'forgot_email', email);
    await recordHit(manager, 'forgot_ip', ip);
    const accounts: { id: string; organization_id: string; name: string; email: string }[] = await manager.query(
      `SELECT u.id, u.organization_id, u.name, u.email FROM core_user u JOIN ${ORGANIZATION_TABLE} o ON o.id = u.organization_id
        WHERE lower(u.email) = $1 AND u.is_active ORDER BY o.slug`,
      [email],
    );
    // No account: still pay for one scrypt, as issuing a code would.
    if (!accounts.length) await verifyPassword(email, await timingDummy());
    for (const account of accounts) {
      const code = await issueCode(manager, { organizationId: account.organization_id, userId: account.id }, 'password_reset');
      const records = await accountRecords(runtime, manager, account.organization_id, 'auth:forgot-password');
      await enqueueMail(records, { to: account.email, template: 'password_reset', data: { name: account.name, code, minutes: CODE_TTL_MINUTES } });
    }
  }));
}

export async function resetPassword(runtime: Runtime, input: { email: unknown; code: unknown; password: unknown }): Promise<{ organizationName: string }> {
  const email = normaliseEmail(input.email);
  requireEmail(email);
  const code = String(input.code ?? '').trim();
  // A rejected code must still count, so the attempt is committed on its own before the error is raised.
  const outcome = await crossTenant(runtime.dataSource, 'account-by-address', (owner) => owner.transaction(async (manager) => {
    const candidates: (LiveCode & { organization_name: string })[] = await manager.query(
      `SELECT c.id, c.organization_id, c.user_id, c.secret_hash, o.name AS organization_name
         FROM ${AUTH_CODE_TABLE} c JOIN core_user u ON u.id = c.user_id JOIN ${ORGANIZATION_TABLE} o ON o.id = c.organization_id
        WHERE lower(u.email) = $1 AND u.is_active AND c.purpose = 'password_reset' AND ${LIVE}
        ORDER BY c.created_at FOR UPDATE OF c`,
      [email],
    );
    const match = await matchCode(manager, candidates, code);
    if (!match) return undefined;
    await setPassword(runtime, manager, match, input.password, 'auth:reset-password');
    await consume(manager, match, 'password_reset');
    await endSessions(manager, match.user_id);
    // A locked-out owner who proved control of the mailbox may sign in again at once.
    await clearHits(manager, 'login', email);
    return { organizationName: (match as LiveCode & { organization_name: string }).organization_name };
  }));
  if (!outcome) throw new UmsError('BAD_REQUEST', WRONG_CODE, { entity: 'core.user', field: 'code' });
  return outcome;
}
