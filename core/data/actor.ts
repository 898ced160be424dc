/**
 * Who is acting. A user actor is checked against its roles' rules; a system
 * actor is named and explicit (seeding, jobs, migrations) and still bound to
 * one organization. There is no default that skips checks.
 */
export type Actor =
  | { kind: 'user'; userId: string; organizationId: string; email: string; ip?: string }
  | { kind: 'system'; organizationId: string; reason: string };

export const systemActor = (organizationId: string, reason: string): Actor => ({ kind: 'system', organizationId, reason });

export const actorUserId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);
