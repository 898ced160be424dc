/**
 * Sliding-window counters for sign-in failures and code requests, one row per
 * event in `core_auth_throttle`. Keys (an e-mail address, an IP, a user id) are
 * stored as SHA-256 hashes: the table says how often something was tried, not
 * who typed which address. Counting and recording run under a transaction-
 * scoped advisory lock per key, so parallel requests cannot slip past a limit.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AUTH_THROTTLE_TABLE } from '../manifest/index.js';

export type ThrottleBucket = 'login' | 'login_ip' | 'forgot_email' | 'forgot_ip' | 'delete_code';

export interface Limit {
  max: number;
  windowMinutes: number;
}

/** Sign-in: 5 failures within 15 minutes lock the address for 15 minutes after the last one. */
export const LOGIN_LOCK: Limit = { max: 5, windowMinutes: 15 };
/**
 * Sign-in from one IP: 20 failures within 15 minutes (whatever the addresses) stop its sign-ins until
 * the oldest leaves the window, so one machine cannot spray a password over many addresses. A success
 * does not clear them (an attacker's own account would otherwise reset the count).
 */
export const LOGIN_PER_IP: Limit = { max: 20, windowMinutes: 15 };
/** Forgot password: 3 codes per hour per address, 10 requests per hour per IP. */
export const FORGOT_PER_EMAIL: Limit = { max: 3, windowMinutes: 60 };
export const FORGOT_PER_IP: Limit = { max: 10, windowMinutes: 60 };
/** Account deletion: 3 codes per hour per account. */
export const DELETE_CODES_PER_USER: Limit = { max: 3, windowMinutes: 60 };
/** Longer than every window above; expireStaleCredentials drops older rows. */
export const THROTTLE_RETENTION_HOURS = 24;

export const keyHash = (key: string): string => createHash('sha256').update(key.trim().toLowerCase()).digest('hex');

export async function lockKey(manager: EntityManager, bucket: ThrottleBucket, key: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${bucket}:${keyHash(key)}`]);
}

/** When the key may be used again, or null if it is under the limit now. */
export async function blockedUntil(manager: EntityManager, bucket: ThrottleBucket, key: string, limit: Limit): Promise<Date | null> {
  const [row]: { n: number; oldest: Date | null; latest: Date | null }[] = await manager.query(
    `SELECT count(*)::int AS n, min(created_at) AS oldest, max(created_at) AS latest FROM ${AUTH_THROTTLE_TABLE}
      WHERE bucket = $1 AND key_hash = $2 AND created_at > now() - make_interval(mins => $3)`,
    [bucket, keyHash(key), limit.windowMinutes],
  );
  if (row.n < limit.max) return null;
  const windowMs = limit.windowMinutes * 60_000;
  // A lock-out runs from the last failure; a rate limit frees a slot when the oldest request leaves the window.
  const from = bucket === 'login' ? row.latest : row.oldest;
  return new Date(new Date(from ?? Date.now()).getTime() + windowMs);
}

export async function recordHit(manager: EntityManager, bucket: ThrottleBucket, key: string): Promise<void> {
  await manager.query(`INSERT INTO ${AUTH_THROTTLE_TABLE} (bucket, key_hash) VALUES ($1, $2)`, [bucket, keyHash(key)]);
}

export async function clearHits(manager: EntityManager, bucket: ThrottleBucket, key: string): Promise<void> {
  await manager.query(`DELETE FROM ${AUTH_THROTTLE_TABLE} WHERE bucket = $1 AND key_hash = $2`, [bucket, keyHash(key)]);
}

/** "14:05 UTC (in 15 minutes)": plain characters only, since AdminJS embeds login messages in a quoted script string. */
export function describeTime(until: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `${until.toISOString().slice(11, 16)} UTC (in ${minutes} minute${minutes === 1 ? '' : 's'})`;
}
