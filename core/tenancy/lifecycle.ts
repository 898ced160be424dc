/**
 * An organization's lifecycle and plan, as operators set them (org:suspend,
 * org:resume, org:archive, org:limits). What they mean is enforced where each
 * path passes: sign-in and tokens (core/auth), jobs (core/jobs), every write
 * (core/data/tenant-status.ts). Each change is one transaction with the
 * organization's row locked and an audit row naming the operator.
 */
import { userInfo } from 'node:os';
import type { EntityManager } from 'typeorm';
import type { OrganizationStatus } from '../data/tenant-status.js';
import { ENTITY_LIMIT_TABLE } from '../data/entity-limits.js';
import { RecordValidationError, UmsError } from '../errors.js';
import { ORGANIZATION_TABLE, type ResolvedEntity } from '../manifest/index.js';
import type { Runtime } from '../runtime.js';
import { findOrganization } from './index.js';
import { crossTenant } from '../db/cross-tenant.js';

export interface OrganizationUsage {
  id: string;
  slug: string;
  name: string;
  status: OrganizationStatus;
  statusReason: string | null;
  users: number;
  maxUsers: number | null;
  records: number;
  maxRecords: number | null;
  /** Bytes of stored files (core/data/files) and their limit. */
  storageUsed: number;
  maxStorageBytes: number | null;
  /** Per-entity limits (`--max-records-of`): the entity's records now against its limit. */
  entityLimits: { entity: string; label: string; records: number; maxRecords: number }[];
}

/** Who ran the command, for the audit row: the OS account (the CLI has no other identity). */
export function operatorName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

const TRANSITIONS: Record<'suspend' | 'resume' | 'archive', { to: OrganizationStatus; from: OrganizationStatus[] }> = {
  suspend: { to: 'suspended', from: ['active'] },
  resume: { to: 'active', from: ['suspended', 'archived'] },
  archive: { to: 'archived', from: ['active', 'suspended'] },
};

export async function changeOrganizationStatus(
  runtime: Runtime,
  slug: string,
  change: keyof typeof TRANSITIONS,
  input: { reason?: string; operator?: string },
): Promise<{ before: OrganizationStatus; after: OrganizationStatus }> {
  const { to, from } = TRANSITIONS[change];
  const reason = input.reason?.trim() || null;
  if (change !== 'resume' && !reason) throw new RecordValidationError('core.organization', { reason: { message: `is required: say why (it is shown to the organization's users)` } }, `org:${change} needs --reason.`);
  if (reason && reason.length > 500) throw new RecordValidationError('core.organization', { reason: { message: 'must be at most 500 characters' } });
  const organization = await findOrganization(runtime, slug);
  const operator = input.operator ?? operatorName();
  return crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.transaction(async (manager) => {
    const [row]: { status: OrganizationStatus }[] = await manager.query(`SELECT status FROM ${ORGANIZATION_TABLE} WHERE id = $1 FOR UPDATE`, [organization.id]);
    if (!from.includes(row.status)) throw new UmsError('CONFLICT', `${slug} is ${row.status}; org:${change} applies to ${from.join(' or ')} organizations.`, { entity: 'core.organization', field: 'status' });
    await manager.query(`UPDATE ${ORGANIZATION_TABLE} SET status = $2, status_reason = $3, status_changed_at = now(), updated_at = now() WHERE id = $1`, [organization.id, to, change === 'resume' ? null : reason]);
    await auditOperator(manager, organization.id, `org:${change}`, operator, { status: { before: row.status, after: to }, ...(reason ? { reason } : {}) });
    return { before: row.status, after: to };
  }));
}

/** An audit row for an operator's change to the organization itself (the system actor names the command and the OS user). */
async function auditOperator(manager: EntityManager, organizationId: string, command: string, operator: string, changes: Record<string, unknown>): Promise<void> {
  await manager.query(
    `INSERT INTO core_audit_log (organization_id, actor_id, system_actor, module, entity, record_id, action, action_name, changes, ip, created_by, updated_by)
     VALUES ($1, NULL, $2, 'core', 'core.organization', $5, 'action', $3, $4, NULL, NULL, NULL)`,
    [organizationId, `operator:${operator}`, command, JSON.stringify(changes), organizationId],
  );
}

/** Manifest records of one organization (the entities whose creates count against max_records). */
async function countRecords(runtime: Runtime, manager: EntityManager, organizationId: string): Promise<number> {
  let total = 0;
  for (const entity of runtime.registry.entities) {
    if (entity.module === 'core') continue;
    const [{ n }]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM "${entity.table}" WHERE organization_id = $1`, [organizationId]);
    total += n;
  }
  return total;
}

/** Each limited entity's records, counted now, against its limit. */
async function entityUsage(runtime: Runtime, manager: EntityManager, organizationId: string): Promise<OrganizationUsage['entityLimits']> {
  const limits: { entity: string; max_records: number }[] = await manager.query(`SELECT entity, max_records FROM ${ENTITY_LIMIT_TABLE} WHERE organization_id = $1 ORDER BY entity`, [organizationId]);
  const out: OrganizationUsage['entityLimits'] = [];
  for (const l of limits) {
    const entity = runtime.registry.entity(l.entity);
    const records = entity ? ((await manager.query(`SELECT count(*)::int AS n FROM "${entity.table}" WHERE organization_id = $1`, [organizationId])) as { n: number }[])[0].n : 0;
    out.push({ entity: l.entity, label: entity?.pluralLabel ?? l.entity, records, maxRecords: l.max_records });
  }
  return out;
}

const activeUsers = async (manager: EntityManager, organizationId: string): Promise<number> =>
  ((await manager.query('SELECT count(*)::int AS n FROM core_user WHERE organization_id = $1 AND is_active AND deleted_at IS NULL', [organizationId])) as { n: number }[])[0].n;

/** `"none"` lifts a limit; a number sets it; below what is used now is refused (the database could not hold it). */
function limitValue(name: string, value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (/^(none|off|unlimited)$/i.test(value.trim())) return null;
  if (!/^\d{1,9}$/.test(value.trim())) throw new RecordValidationError('core.organization', { [name]: { message: `"${value}" is not a whole number (or none)` } }, `--${name}: give a whole number, or none.`);
  return Number(value.trim());
}

/** `--max-records-of library.book=50` (or `=none`): the entity (a module's, not the core's) and its limit. */
function entityLimitValues(runtime: Runtime, specs: string[]): { entity: ResolvedEntity; max: number | null }[] {
  return specs.map((spec) => {
    const at = spec.lastIndexOf('=');
    const key = at === -1 ? spec.trim() : spec.slice(0, at).trim();
    const entity = runtime.registry.entity(key);
    if (at === -1 || !entity || entity.module === 'core') {
      const why = at === -1 ? `"${spec}" is not <module.entity>=<n|none>` : `"${key}" is not an entity of a module (e.g. library.book)`;
      throw new RecordValidationError('core.organization', { 'max-records-of': { message: why } }, `--max-records-of: ${why}.`);
    }
    return { entity, max: limitValue('max-records-of', spec.slice(at + 1)) ?? null };
  });
}

export async function setOrganizationLimits(
  runtime: Runtime,
  slug: string,
  input: { maxUsers?: string; maxRecords?: string; maxRecordsOf?: string[]; maxStorageMb?: string; operator?: string },
): Promise<OrganizationUsage> {
  const perEntity = entityLimitValues(runtime, input.maxRecordsOf ?? []);
  const maxUsers = limitValue('max-users', input.maxUsers);
  const maxRecords = limitValue('max-records', input.maxRecords);
  const maxStorageMb = limitValue('max-storage-mb', input.maxStorageMb);
  const organization = await findOrganization(runtime, slug);
  await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.transaction(async (manager) => {
    // The row lock makes creates wait while the records are counted, so the counter starts exact.
    const [row]: { max_users: number | null; max_records: number | null; max_storage_bytes: string | null; storage_used: string }[] = await manager.query(`SELECT max_users, max_records, max_storage_bytes, storage_used FROM ${ORGANIZATION_TABLE} WHERE id = $1 FOR UPDATE`, [organization.id]);
    const changes: Record<string, unknown> = {};
    if (maxUsers !== undefined) {
      const used = await activeUsers(manager, organization.id);
      if (maxUsers !== null && maxUsers < used) throw new RecordValidationError('core.organization', { 'max-users': { message: `${slug} has ${used} active users; a limit below that would be broken at once (deactivate users first)` } });
      await manager.query(`UPDATE ${ORGANIZATION_TABLE} SET max_users = $2, updated_at = now() WHERE id = $1`, [organization.id, maxUsers]);
      changes.max_users = { before: row.max_users, after: maxUsers };
    }
    if (maxRecords !== undefined) {
      const used = maxRecords === null ? 0 : await countRecords(runtime, manager, organization.id);
      if (maxRecords !== null && maxRecords < used) throw new RecordValidationError('core.organization', { 'max-records': { message: `${slug} holds ${used} records; a limit below that would be broken at once` } });
      await manager.query(`UPDATE ${ORGANIZATION_TABLE} SET max_records = $2, record_count = $3, updated_at = now() WHERE id = $1`, [organization.id, maxRecords, used]);
      changes.max_records = { before: row.max_records, after: maxRecords };
    }
    for (const { entity, max } of perEntity) {
      const [was]: { max_records: number }[] = await manager.query(`SELECT max_records FROM ${ENTITY_LIMIT_TABLE} WHERE organization_id = $1 AND entity = $2`, [organization.id, entity.key]);
      if (max === null) {
        await manager.query(`DELETE FROM ${ENTITY_LIMIT_TABLE} WHERE organization_id = $1 AND entity = $2`, [organization.id, entity.key]);
      } else {
        // SHARE: inserts in flight are waited for and new ones wait for this commit, so the count is exact (entity-limits.ts).
        await manager.query(`LOCK TABLE "${entity.table}" IN SHARE MODE`);
        const [{ n }]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM "${entity.table}" WHERE organization_id = $1`, [organization.id]);
        if (max < n) throw new RecordValidationError('core.organization', { 'max-records-of': { message: `${slug} holds ${n} ${entity.pluralLabel.toLowerCase()} (${entity.key}); a limit below that would be broken at once` } });
        await manager.query(
          `INSERT INTO ${ENTITY_LIMIT_TABLE} (organization_id, entity, max_records, record_count) VALUES ($1, $2, $3, $4)
           ON CONFLICT (organization_id, entity) DO UPDATE SET max_records = EXCLUDED.max_records, record_count = EXCLUDED.record_count`,
          [organization.id, entity.key, max, n],
        );
      }
      changes[`max_records_of:${entity.key}`] = { before: was?.max_records ?? null, after: max };
    }
    if (maxStorageMb !== undefined) {
      // The row is locked: uploads wait, so storage_used cannot pass the new limit meanwhile.
      const bytes = maxStorageMb === null ? null : maxStorageMb * 1024 * 1024;
      const used = Number(row.storage_used);
      if (bytes !== null && bytes < used) throw new RecordValidationError('core.organization', { 'max-storage-mb': { message: `${slug} stores ${Math.ceil(used / 1024 / 1024)} MB of files; a limit below that would be broken at once` } });
      await manager.query(`UPDATE ${ORGANIZATION_TABLE} SET max_storage_bytes = $2, updated_at = now() WHERE id = $1`, [organization.id, bytes]);
      changes.max_storage_bytes = { before: row.max_storage_bytes === null ? null : Number(row.max_storage_bytes), after: bytes };
    }
    if (Object.keys(changes).length) await auditOperator(manager, organization.id, 'org:limits', input.operator ?? operatorName(), changes);
  }));
  return (await organizationUsage(runtime, slug))[0];
}

/** Status and use against limits, per organization (counted now, not from the counter). */
export async function organizationUsage(runtime: Runtime, slug?: string): Promise<OrganizationUsage[]> {
  const rows: { id: string; slug: string; name: string; status: OrganizationStatus; status_reason: string | null; max_users: number | null; max_records: number | null; storage_used: string; max_storage_bytes: string | null }[] = await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(
    `SELECT id, slug, name, status, status_reason, max_users, max_records, storage_used, max_storage_bytes FROM ${ORGANIZATION_TABLE} WHERE ($1::text IS NULL OR slug = $1) ORDER BY slug`,
    [slug ?? null],
  ));
  return crossTenant(runtime.dataSource, 'tenancy', async (manager) => {
  const out: OrganizationUsage[] = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      slug: r.slug,
      name: r.name,
      status: r.status,
      statusReason: r.status_reason,
      users: await activeUsers(manager, r.id),
      maxUsers: r.max_users,
      records: await countRecords(runtime, manager, r.id),
      maxRecords: r.max_records,
      storageUsed: Number(r.storage_used),
      maxStorageBytes: r.max_storage_bytes === null ? null : Number(r.max_storage_bytes),
      entityLimits: await entityUsage(runtime, manager, r.id),
    });
  }
  return out;
  });
}
