/**
 * Deleting an organization for good, in two steps with a way back between:
 *  1. org:delete marks it `deleting` with a purge date after a grace period
 *     (30 days unless told): from then on nobody signs in, no job runs, no
 *     write is accepted (core/data/tenant-status.ts), and its data is kept;
 *  2. org:restore, before that date, puts it back as it was (active,
 *     suspended or archived, with its reason);
 *  3. the job core.organization_purge removes every row of each organization
 *     past its date, table by table in reverse dependency order
 *     (core/tenancy/tenant-tables.ts), in batches of one transaction each (a
 *     crash resumes at the next run). What stays: the organization's row,
 *     status `deleted`, its name and slug replaced (the slug is free again)
 *     and one tombstone row in the audit log saying which organization it
 *     was, who asked for the deletion, when, and when it was purged.
 *
 * The audit log and ledgers are append-only through triggers: the purge turns
 * their triggers off inside its own transaction only (ALTER TABLE is
 * transactional, so no other session ever writes past a disabled trigger).
 */
import type { EntityManager } from 'typeorm';
import type { OrganizationStatus } from '../data/tenant-status.js';
import { RecordValidationError, UmsError } from '../errors.js';
import type { CoreJob } from '../jobs/declarations.js';
import { ORGANIZATION_TABLE } from '../manifest/index.js';
import type { Runtime } from '../runtime.js';
import { findOrganization } from './index.js';
import { operatorName } from './lifecycle.js';
import { tenantTables, type TenantTable } from './tenant-tables.js';
import { crossTenant } from '../db/cross-tenant.js';

export const DEFAULT_GRACE_DAYS = 30;
const MAX_GRACE_DAYS = 3650;
const PURGE_BATCH = 2000;

interface DeletionRecord {
  requestedBy: string;
  requestedAt: string;
  graceDays: number;
  reason: string | null;
  previousStatus: OrganizationStatus;
  previousReason: string | null;
}

async function audit(manager: EntityManager, organizationId: string, command: string, actor: string, changes: Record<string, unknown>): Promise<void> {
  await manager.query(
    `INSERT INTO core_audit_log (organization_id, actor_id, system_actor, module, entity, record_id, action, action_name, changes, ip, created_by, updated_by)
     VALUES ($1, NULL, $2, 'core', 'core.organization', $5, 'action', $3, $4, NULL, NULL, NULL)`,
    [organizationId, actor, command, JSON.stringify(changes), organizationId],
  );
}

export function graceDaysValue(value: string | undefined): number {
  if (value === undefined) return DEFAULT_GRACE_DAYS;
  if (!/^\d{1,4}$/.test(value.trim()) || Number(value) > MAX_GRACE_DAYS) {
    throw new RecordValidationError('core.organization', { 'grace-days': { message: `"${value}" is not a whole number of days from 0 to ${MAX_GRACE_DAYS}` } }, '--grace-days: give a whole number of days.');
  }
  return Number(value.trim());
}

/** org:delete: `confirm` must repeat the slug. Returns the purge date. */
export async function requestOrganizationDeletion(
  runtime: Runtime,
  slug: string,
  input: { confirm?: string; graceDays?: number; reason?: string; operator?: string },
): Promise<{ purgeAfter: Date; before: OrganizationStatus }> {
  if (input.confirm !== slug) {
    throw new RecordValidationError('core.organization', { confirm: { message: `must repeat the slug ("${slug}") to confirm the deletion` } }, `org:delete needs --confirm ${slug}.`);
  }
  const graceDays = input.graceDays ?? DEFAULT_GRACE_DAYS;
  if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > MAX_GRACE_DAYS) throw new RecordValidationError('core.organization', { 'grace-days': { message: `must be a whole number from 0 to ${MAX_GRACE_DAYS}` } });
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 500) throw new RecordValidationError('core.organization', { reason: { message: 'must be at most 500 characters' } });
  const organization = await findOrganization(runtime, slug);
  const operator = `operator:${input.operator ?? operatorName()}`;
  return crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.transaction(async (manager) => {
    const [row]: { status: OrganizationStatus; status_reason: string | null }[] = await manager.query(`SELECT status, status_reason FROM ${ORGANIZATION_TABLE} WHERE id = $1 FOR UPDATE`, [organization.id]);
    if (row.status === 'deleting' || row.status === 'deleted') throw new UmsError('CONFLICT', `${slug} is ${row.status} already.`, { entity: 'core.organization', field: 'status' });
    const deletion: DeletionRecord = { requestedBy: operator, requestedAt: new Date().toISOString(), graceDays, reason, previousStatus: row.status, previousReason: row.status_reason };
    const updated: unknown = await manager.query(
      `UPDATE ${ORGANIZATION_TABLE} SET status = 'deleting', status_reason = $2, status_changed_at = now(), purge_after = now() + make_interval(days => $3), deletion = $4, updated_at = now()
        WHERE id = $1 RETURNING purge_after`,
      [organization.id, reason ?? `deletion requested; purged after ${graceDays} days`, graceDays, JSON.stringify(deletion)],
    );
    // UPDATE … RETURNING comes back from TypeORM as [rows, count].
    const [{ purge_after }] = (Array.isArray(updated) && Array.isArray(updated[0]) ? updated[0] : updated) as { purge_after: Date }[];
    await audit(manager, organization.id, 'org:delete', operator, { status: { before: row.status, after: 'deleting' }, purge_after: new Date(purge_after).toISOString(), grace_days: graceDays, ...(reason ? { reason } : {}) });
    return { purgeAfter: new Date(purge_after), before: row.status };
  }));
}

/** org:restore: back to the status (and reason) it had before org:delete, while its data is still there. */
export async function restoreOrganization(runtime: Runtime, slug: string, input: { operator?: string } = {}): Promise<{ after: OrganizationStatus }> {
  const organization = await findOrganization(runtime, slug);
  const operator = `operator:${input.operator ?? operatorName()}`;
  return crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.transaction(async (manager) => {
    const [row]: { status: OrganizationStatus; deletion: DeletionRecord | null }[] = await manager.query(`SELECT status, deletion FROM ${ORGANIZATION_TABLE} WHERE id = $1 FOR UPDATE`, [organization.id]);
    if (row.status !== 'deleting') throw new UmsError('CONFLICT', `${slug} is ${row.status}; org:restore applies to an organization being deleted (org:delete), before its purge date.`, { entity: 'core.organization', field: 'status' });
    const after = row.deletion?.previousStatus ?? 'active';
    await manager.query(`UPDATE ${ORGANIZATION_TABLE} SET status = $2, status_reason = $3, status_changed_at = now(), purge_after = NULL, deletion = NULL, updated_at = now() WHERE id = $1`, [
      organization.id,
      after,
      row.deletion?.previousReason ?? null,
      ]);
    await audit(manager, organization.id, 'org:restore', operator, { status: { before: 'deleting', after } });
    return { after };
  }));
}

export interface PurgeResult {
  organizationId: string;
  slug: string;
  rows: number;
}

/** Deletes one table's rows of the organization, a batch per transaction; user triggers (append-only) off inside it. */
async function purgeTable(runtime: Runtime, table: TenantTable, organizationId: string, triggered: Set<string>): Promise<number> {
  let removed = 0;
  for (;;) {
    const n = await crossTenant(runtime.dataSource, 'organization-purge', (owner) => owner.transaction(async (manager) => {
      if (triggered.has(table.name)) await manager.query(`ALTER TABLE "${table.name}" DISABLE TRIGGER USER`);
      const result: [unknown[], number] = await manager.query(
        `DELETE FROM "${table.name}" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "${table.name}" WHERE organization_id = $1 LIMIT ${PURGE_BATCH}))`,
        [organizationId],
      );
      if (triggered.has(table.name)) await manager.query(`ALTER TABLE "${table.name}" ENABLE TRIGGER USER`);
      return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
    }));
    removed += n;
    if (n < PURGE_BATCH) return removed;
  }
}

/** Removes every row of one organization in status `deleting` (whatever its date) and leaves its tombstone. */
export async function purgeOrganization(runtime: Runtime, organizationId: string, purgedBy = 'job:core.organization_purge'): Promise<PurgeResult> {
  const [row]: { slug: string; name: string; status: OrganizationStatus; deletion: DeletionRecord | null }[] = await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(
    `SELECT slug, name, status, deletion FROM ${ORGANIZATION_TABLE} WHERE id = $1`,
    [organizationId],
  ));
  if (!row) throw new UmsError('NOT_FOUND', `No organization ${organizationId}.`);
  if (row.status !== 'deleting') throw new UmsError('CONFLICT', `${row.slug} is ${row.status}; only an organization being deleted is purged.`);
  const tables = (await tenantTables(runtime.dataSource)).filter((t) => t.name !== ORGANIZATION_TABLE);
  const triggered = new Set(
    ((await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(`SELECT DISTINCT c.relname AS name FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE NOT g.tgisinternal AND c.relname = ANY($1)`, [tables.map((t) => t.name)]))) as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  // References within a table or around a cycle first: no order of deletes satisfies them.
  for (const t of tables.filter((x) => x.deferred.length)) {
    await crossTenant(runtime.dataSource, 'organization-purge', (owner) => owner.transaction(async (manager) => {
      if (triggered.has(t.name)) await manager.query(`ALTER TABLE "${t.name}" DISABLE TRIGGER USER`);
      await manager.query(`UPDATE "${t.name}" SET ${t.deferred.map((c) => `"${c}" = NULL`).join(', ')} WHERE organization_id = $1 AND (${t.deferred.map((c) => `"${c}" IS NOT NULL`).join(' OR ')})`, [organizationId]);
      if (triggered.has(t.name)) await manager.query(`ALTER TABLE "${t.name}" ENABLE TRIGGER USER`);
    }));
  }
  let rows = 0;
  for (const t of [...tables].reverse()) rows += await purgeTable(runtime, t, organizationId, triggered);
  await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.transaction(async (manager) => {
    await manager.query(
      `UPDATE ${ORGANIZATION_TABLE} SET status = 'deleted', status_reason = NULL, status_changed_at = now(), purge_after = NULL, slug = $2, name = $3, settings = '{}', max_users = NULL, max_records = NULL, record_count = 0, updated_at = now()
        WHERE id = $1 AND status = 'deleting'`,
      [organizationId, `deleted-${organizationId}`, '(deleted organization)'],
    );
    await audit(manager, organizationId, 'org:purge', purgedBy, {
      tombstone: { organization_id: organizationId, slug: row.slug, name: row.name },
      requested_by: row.deletion?.requestedBy ?? null,
      requested_at: row.deletion?.requestedAt ?? null,
      purged_at: new Date().toISOString(),
      rows_removed: rows,
    });
  }));
  return { organizationId, slug: row.slug, rows };
}

/** Every organization past its purge date, purged one after another. */
export async function purgeDueOrganizations(runtime: Runtime, now: Date = new Date()): Promise<PurgeResult[]> {
  const due: { id: string }[] = await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(`SELECT id FROM ${ORGANIZATION_TABLE} WHERE status = 'deleting' AND purge_after <= $1 ORDER BY purge_after`, [now]));
  const out: PurgeResult[] = [];
  for (const { id } of due) out.push(await purgeOrganization(runtime, id));
  return out;
}

export function organizationPurgeJob(): CoreJob {
  return {
    key: 'core.organization_purge',
    module: 'core',
    name: 'organization_purge',
    label: 'Purge of deleted organizations',
    description: 'Removes every row of organizations deleted with org:delete whose grace period has ended, leaving a tombstone in the audit log.',
    schedule: { every: '1 hour' },
    source: 'core/tenancy/org-delete.ts',
    scope: 'installation',
    handler: async ({ runtime, now }) => {
      const purged = await purgeDueOrganizations(runtime, now);
      return purged.length ? purged.map((p) => `${p.slug}: ${p.rows} rows removed`).join('; ') : 'no organization due';
    },
  };
}
