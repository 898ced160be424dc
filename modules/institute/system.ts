/**
 * Institute rules that look past what the acting user may see: a student
 * applying to a course cannot read the other students' enrollments, yet the
 * seat count needs them; approving a teacher's profile changes a core user.
 * Those reads and writes go through a named system actor of the same
 * organization, in the caller's transaction (so they commit or roll back with
 * the change that caused them, and are audited under that reason).
 */
import { systemActor, type Actor } from '../../core/data/actor.js';
import { RecordService, type FieldFilter } from '../../core/data/records.js';

export function systemRecords(records: RecordService, reason: string): Promise<RecordService> {
  return RecordService.for(records.runtime, systemActor(records.organizationId, `institute:${reason}`), records.entityManager);
}

/**
 * Admission rules (open course, free seat, enrolled student, marks within the
 * maximum) check what people enter. Named system actors (seeding, imports,
 * jobs) record facts as given: an enrollment in a course archived since is history, not an application.
 */
export const isPerson = (actor: Actor): actor is Extract<Actor, { kind: 'user' }> => actor.kind === 'user';

export const eq = (field: string, value: unknown): FieldFilter => ({ field, op: 'eq', value });

export const idOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
