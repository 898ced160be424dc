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

/** The nil uuid: a user id no user has, which a uuid column still accepts (unlike ''). */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * What `${user.id}`, `${user.organizationId}` and `${user.email}` mean in a
 * condition for this actor. The system is nobody: its `${user.id}` matches no
 * record, so a condition about "my records" selects none for a job.
 */
export function conditionUserOf(actor: Actor): { id: string; organizationId: string; email: string } {
  return actor.kind === 'user' ? { id: actor.userId, organizationId: actor.organizationId, email: actor.email } : { id: NOBODY, organizationId: actor.organizationId, email: '' };
}
