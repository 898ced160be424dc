/**
 * The signed-in admin user, as AdminJS hands it to actions and callbacks: its
 * RecordService (the one data layer, for every data call) and its compiled
 * access (for AdminJS's synchronous visibility callbacks, compiled by the
 * server's middleware before AdminJS runs).
 */
import type { CurrentAdmin } from 'adminjs';
import type { Access } from '../access/ability.js';
import { RecordService } from '../data/records.js';
import { UmsError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { requestIp } from './request-context.js';

export interface AdminUser extends CurrentAdmin {
  id: string;
  email: string;
  organizationId: string;
  organizationName: string;
}

export function recordServiceFor(runtime: Runtime, currentAdmin: CurrentAdmin | undefined): Promise<RecordService> {
  const user = currentAdmin as AdminUser | undefined;
  // Fail closed: no signed-in user, no data.
  if (!user?.id || !user.organizationId) throw new UmsError('FORBIDDEN', 'Sign in first.');
  return RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: user.organizationId, email: user.email, ip: requestIp() });
}

/** The access compiled for this request (undefined: not compiled, so everything is hidden). */
export const accessOf = (runtime: Runtime, currentAdmin: CurrentAdmin | undefined): Access | undefined =>
  currentAdmin ? runtime.access.peek(String((currentAdmin as AdminUser).id)) : undefined;
