/**
 * Small helpers the institute's rules share. Rules that must look past what
 * the acting user may see (a student applying to a course cannot read the
 * other students' enrollments, yet the seat count needs them) use
 * `records.asSystem(reason)`: the same organization and transaction, audited
 * as `institute:<reason>`.
 */
import type { Actor, FieldFilter } from '../../core/sdk.js';

/**
 * Admission rules (open course, free seat, enrolled student, marks within the
 * maximum) check what people enter. Named system actors (seeding, imports,
 * jobs) record facts as given: an enrollment in a course archived since is history, not an application.
 */
export const isPerson = (actor: Actor): actor is Extract<Actor, { kind: 'user' }> => actor.kind === 'user';

export const eq = (field: string, value: unknown): FieldFilter => ({ field, op: 'eq', value });

export const idOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
