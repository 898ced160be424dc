/** Removes one-time secrets that can no longer be used, and rate-limit traces older than any window. */
import type { Runtime } from '../runtime.js';
import { THROTTLE_RETENTION_HOURS } from './throttle.js';
import { AUTH_CODE_TABLE, AUTH_THROTTLE_TABLE } from '../manifest/index.js';
import { crossTenant } from '../db/cross-tenant.js';

/**
 * Deletes expired or used codes and invitation links (their hashes are all
 * that is stored; an expired link answers like an unknown one), and throttle
 * rows past every window. Returns how many codes and links were removed.
 */
export async function expireStaleCredentials(runtime: Runtime): Promise<number> {
  return crossTenant(runtime.dataSource, 'auth-expiry', async (owner) => {
    const [, removed]: [unknown, number] = await owner.query(`DELETE FROM ${AUTH_CODE_TABLE} WHERE expires_at < now() OR used_at IS NOT NULL`);
    await owner.query(`DELETE FROM ${AUTH_THROTTLE_TABLE} WHERE created_at < now() - make_interval(hours => $1)`, [THROTTLE_RETENTION_HOURS]);
    return removed;
  });
}
