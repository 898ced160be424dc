/**
 * One-time secrets, stored hashed in `core_auth_code`:
 * - invitation links carry 256 random bits, so a plain SHA-256 of the token is
 *   enough (it cannot be guessed back) and lets the link be looked up by hash;
 * - 6-digit codes have only a million values, so they get scrypt with a salt
 *   (the password hash) and die after MAX_CODE_ATTEMPTS wrong guesses and
 *   CODE_TTL_MINUTES: a stolen table is not a list of working codes, and
 *   guessing online stops after three tries.
 * A new secret for the same user and purpose replaces the previous ones.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { hashPassword, verifyPassword } from '../data/passwords.js';
import { tenantScoped } from '../data/tenant-scope.js';
import { AUTH_CODE_TABLE } from '../manifest/index.js';

export type CodePurpose = 'invitation' | 'password_reset' | 'account_deletion';

export const CODE_TTL_MINUTES = 10;
export const MAX_CODE_ATTEMPTS = 3;
export const INVITATION_TTL_HOURS = 72;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

interface Owner {
  organizationId: string;
  userId: string;
}

async function store(transaction: EntityManager, owner: Owner, purpose: CodePurpose, secretHash: string, ttlMinutes: number): Promise<Date> {
  // Under the owner's organization: one transaction may issue codes for accounts in several (forgot password).
  const manager = tenantScoped(transaction, owner.organizationId);
  await manager.query(`DELETE FROM ${AUTH_CODE_TABLE} WHERE user_id = $1 AND purpose = $2`, [owner.userId, purpose]);
  const [row]: { expires_at: Date }[] = await manager.query(
    `INSERT INTO ${AUTH_CODE_TABLE} (organization_id, user_id, purpose, secret_hash, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5)) RETURNING expires_at`,
    [owner.organizationId, owner.userId, purpose, secretHash, ttlMinutes],
  );
  return new Date(row.expires_at);
}

/** A new invitation link token; only its hash is stored. */
export async function issueToken(manager: EntityManager, owner: Owner): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = await store(manager, owner, 'invitation', tokenHash(token), INVITATION_TTL_HOURS * 60);
  return { token, expiresAt };
}

/** A new 6-digit code; only its scrypt hash is stored. */
export async function issueCode(manager: EntityManager, owner: Owner, purpose: Exclude<CodePurpose, 'invitation'>): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await store(manager, owner, purpose, await hashPassword(code), CODE_TTL_MINUTES);
  return code;
}

export interface LiveCode {
  id: string;
  organization_id: string;
  user_id: string;
  secret_hash: string;
}

/**
 * Checks `code` against live codes (unused, unexpired, attempts left) that the
 * caller selected and locked. A wrong code costs every candidate one attempt,
 * since it cannot be told which one was meant. Returns the matching code.
 */
export async function matchCode(manager: EntityManager, candidates: LiveCode[], code: string): Promise<LiveCode | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  for (const candidate of candidates) if (await verifyPassword(code, candidate.secret_hash)) return candidate;
  // No candidate: still spend the time of one check, so the answer's timing does not reveal whether a code exists.
  if (!candidates.length) await verifyPassword(code, await timingDummy());
  else await manager.query(`UPDATE ${AUTH_CODE_TABLE} SET attempts = attempts + 1 WHERE id = ANY($1)`, [candidates.map((c) => c.id)]);
  return undefined;
}

export async function consume(manager: EntityManager, code: { id: string; user_id: string }, purpose: CodePurpose): Promise<void> {
  await manager.query(`UPDATE ${AUTH_CODE_TABLE} SET used_at = now() WHERE id = $1`, [code.id]);
  await manager.query(`DELETE FROM ${AUTH_CODE_TABLE} WHERE user_id = $1 AND purpose = $2 AND id <> $3`, [code.user_id, purpose, code.id]);
}

/** Live-code conditions shared by every lookup (alias `c`). */
export const LIVE = `c.used_at IS NULL AND c.expires_at > now() AND c.attempts < ${MAX_CODE_ATTEMPTS}`;

/** A scrypt hash of a random value, made once: verifying against it costs what a real check costs. */
let dummyHash: Promise<string> | undefined;
export const timingDummy = (): Promise<string> => (dummyHash ??= hashPassword(randomBytes(8).toString('hex')));
