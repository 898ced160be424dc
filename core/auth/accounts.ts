/**
 * What the account flows share: writing a user's password or deactivating the
 * account through the record pipeline (so the password policy, validation and
 * the audit log apply exactly as for a form), ending sessions, and errors.
 */
import type { EntityManager } from 'typeorm';
import { systemActor } from '../data/actor.js';
import { RecordService } from '../data/records.js';
import type { Runtime } from '../runtime.js';
import { RecordValidationError, UmsError } from '../errors.js';

/** A request refused because of a rate limit or lock-out: HTTP 429 with the time it ends. */
export class RateLimited extends UmsError {
  constructor(
    message: string,
    readonly retryAt: Date,
  ) {
    super('BAD_REQUEST', message);
    this.name = 'RateLimited';
  }

  override get status(): number {
    return 429;
  }
}

/** The user's own organization, as a named system actor in the caller's transaction. */
export const accountRecords = (runtime: Runtime, manager: EntityManager, organizationId: string, reason: string): Promise<RecordService> =>
  RecordService.for(runtime, systemActor(organizationId, reason), manager);

export async function setPassword(runtime: Runtime, manager: EntityManager, user: { organization_id: string; user_id: string }, password: unknown, reason: string): Promise<void> {
  // An empty password means "keep the current one" in a form; here it is a missing answer.
  if (typeof password !== 'string' || password === '') throw new RecordValidationError('core.user', { password: { message: 'is required', type: 'required' } });
  const records = await accountRecords(runtime, manager, user.organization_id, reason);
  await records.update('core.user', user.user_id, { password });
}

export { endSessions } from './sessions.js';

export const normaliseEmail = (email: unknown): string => String(email ?? '').trim().toLowerCase();
