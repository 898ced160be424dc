/**
 * Rules for records that belong to one user (an entity's `ownedBy`, e.g. core.saved_filter): every
 * signed-in user holds them whatever their roles, since a saved filter is nobody's role business.
 * Grants come before the custom roles; the walls come last with the organization's protections, so
 * no role (the admin's `manage all` included) reads or changes another user's record:
 *
 *   grant   read, update, delete   where owner = ${user.id}
 *   grant   create                 (the owner is set to who creates it: its hook)
 *   grant   read                   where sharedFlag = true            (when declared)
 *   wall    update, delete         where owner != ${user.id}
 *   wall    read                   where owner != ${user.id} and sharedFlag != true
 *
 * The grants name every field but the shared flag, so only a role granted it otherwise (the admin)
 * may share a record.
 */
import { CORE_MODULE_ID, type Registry, type ResolvedEntity, type ResolvedRule } from '../manifest/index.js';

const ME = '${user.id}';

function ownedEntities(registry: Registry, enabledModules: ReadonlySet<string>): (ResolvedEntity & { ownedBy: NonNullable<ResolvedEntity['ownedBy']> })[] {
  return registry.entities.filter((e): e is ResolvedEntity & { ownedBy: NonNullable<ResolvedEntity['ownedBy']> } => e.ownedBy !== undefined && (e.module === CORE_MODULE_ID || enabledModules.has(e.module)));
}

const sourceOf = (e: ResolvedEntity): string => `${e.file}#${e.pointer}/ownedBy`;

/** What every user may do with their own records (and read of shared ones). */
export function ownershipGrants(registry: Registry, enabledModules: ReadonlySet<string>): ResolvedRule[] {
  return ownedEntities(registry, enabledModules).flatMap((e) => {
    const { field, sharedFlag } = e.ownedBy;
    const writable = e.fields.map((f) => f.name).filter((n) => n !== sharedFlag) as [string, ...string[]]; // the owner field at least
    const rules: ResolvedRule[] = [
      { action: ['read'], subject: [e.key], conditions: { [field]: ME }, source: sourceOf(e) },
      { action: ['create', 'update'], subject: [e.key], conditions: { [field]: ME }, fields: writable, source: sourceOf(e) },
      { action: ['delete'], subject: [e.key], conditions: { [field]: ME }, source: sourceOf(e) },
    ];
    if (sharedFlag) rules.push({ action: ['read'], subject: [e.key], conditions: { [sharedFlag]: true }, source: sourceOf(e) });
    return rules;
  });
}

/** The walls between users' records, applied last for everyone. */
export function ownershipWalls(registry: Registry, enabledModules: ReadonlySet<string>): ResolvedRule[] {
  return ownedEntities(registry, enabledModules).flatMap((e) => {
    const { field, sharedFlag } = e.ownedBy;
    const notMine = { [field]: { $ne: ME } };
    return [
      { action: ['create', 'update', 'delete'], subject: [e.key], conditions: notMine, inverted: true, reason: "It belongs to another user", source: sourceOf(e) },
      { action: ['read'], subject: [e.key], conditions: sharedFlag ? { ...notMine, [sharedFlag]: { $ne: true } } : notMine, inverted: true, reason: "It belongs to another user", source: sourceOf(e) },
    ];
  });
}
