/**
 * The rows of core_file and the organization's storage quota, inside the
 * caller's transaction. Every rule is one conditional statement: the quota is
 * claimed by `storage_used + n <= max_storage_bytes` in the UPDATE itself, a
 * file is attached only while it is unattached (or already this record's),
 * of the same organization, entity and field, and was uploaded by the same
 * user. Stored objects are removed only after the transaction that let go of
 * them committed (removeAfterCommit / purgeReleased), or by the sweep job.
 */
import type { EntityManager } from 'typeorm';
import { RecordValidationError, UmsError, type FieldErrors } from '../../errors.js';
import { ORGANIZATION_TABLE, type ResolvedEntity, type ResolvedField } from '../../manifest/index.js';
import { errorField, log } from '../../log.js';
import { FILE_TABLE } from './file-schema.js';
import type { FileStore } from './store.js';
import { transactionRunner } from '../tenant-scope.js';
import { crossTenantActor } from '../../db/cross-tenant.js';

export interface StoredFile {
  id: string;
  organization_id: string;
  entity: string;
  field: string;
  record_id: string | null;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_by: string | null;
  created_at: string;
}

/** Bytes given to a file as it is registered: counted against the organization's quota, in one conditional update. */
export async function claimStorage(manager: EntityManager, organizationId: string, bytes: number): Promise<void> {
  const rows: unknown[] = await manager.query(
    `UPDATE "${ORGANIZATION_TABLE}" SET storage_used = storage_used + $2::bigint
      WHERE id = $1 AND (max_storage_bytes IS NULL OR storage_used + $2::bigint <= max_storage_bytes) RETURNING id`,
    [organizationId, bytes],
  );
  if (!(rows[0] as unknown[]).length) throw new UmsError('PLAN_LIMIT_REACHED', 'The organization has used all its file storage: delete files or ask for a larger plan.');
}

/** A stored file's row, counted against the quota, in one transaction of the caller's. */
export async function registerFile(manager: EntityManager, file: Omit<StoredFile, 'record_id' | 'created_at'>): Promise<void> {
  await claimStorage(manager, file.organization_id, file.size);
  await manager.query(
    `INSERT INTO "${FILE_TABLE}" (id, organization_id, entity, field, name, mime, size, sha256, storage_key, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [file.id, file.organization_id, file.entity, file.field, file.name, file.mime, file.size, file.sha256, file.storage_key, file.created_by],
  );
}

export async function fileRow(manager: EntityManager, organizationId: string, id: string): Promise<StoredFile | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const rows = (await manager.query(`SELECT * FROM "${FILE_TABLE}" WHERE organization_id = $1 AND id = $2 AND deleted_at IS NULL`, [organizationId, id])) as StoredFile[];
  return rows[0] ? { ...rows[0], size: Number(rows[0].size) } : undefined;
}

export async function fileRows(manager: EntityManager, organizationId: string, ids: string[]): Promise<StoredFile[]> {
  const valid = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (!valid.length) return [];
  const rows = (await manager.query(`SELECT * FROM "${FILE_TABLE}" WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL`, [organizationId, valid])) as StoredFile[];
  return rows.map((r) => ({ ...r, size: Number(r.size) }));
}

/** The file ids a field's value names (`file`: one id, `files`: a list). */
export const fileIdsOf = (f: ResolvedField, value: unknown): string[] =>
  value === null || value === undefined ? [] : f.type === 'files' ? (Array.isArray(value) ? value.map(String) : []) : [String(value)];

/**
 * After a record write: the file fields' new files are attached to the record
 * and the ones they no longer name are released (marked deleted, their bytes
 * given back to the quota). Returns the released files' ids for removal after commit.
 */
export async function syncRecordFiles(
  manager: EntityManager,
  entity: ResolvedEntity,
  scope: { organizationId: string; recordId: string; userId: string | null; system: boolean },
  values: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
  fields: string[],
): Promise<string[]> {
  const errors: FieldErrors = {};
  const released: string[] = [];
  for (const name of fields) {
    const f = entity.field.get(name);
    if (!f?.file) continue;
    const now = fileIdsOf(f, values[name]);
    const was = before ? fileIdsOf(f, before[name]) : [];
    const added = now.filter((id) => !was.includes(id));
    const removed = was.filter((id) => !now.includes(id));
    if (added.length) {
      const rows: unknown[] = await manager.query(
        `UPDATE "${FILE_TABLE}" SET record_id = $4 WHERE organization_id = $1 AND entity = $2 AND field = $3 AND id = ANY($5::uuid[])
            AND deleted_at IS NULL AND (record_id IS NULL OR record_id = $4) AND ($6 OR created_by IS NOT DISTINCT FROM $7::uuid OR record_id = $4) RETURNING id`,
        [scope.organizationId, entity.key, name, scope.recordId, added, scope.system, scope.userId],
      );
      if ((rows[0] as unknown[]).length !== added.length) errors[name] = { message: 'names no file uploaded for this field (upload it first)', type: 'file' };
    }
    if (removed.length) released.push(...(await releaseFiles(manager, scope.organizationId, `record_id = $2 AND entity = $3 AND field = $4 AND id = ANY($5::uuid[])`, [scope.recordId, entity.key, name, removed])));
  }
  if (Object.keys(errors).length) throw new RecordValidationError(entity.key, errors);
  return released;
}

/** A deleted record's files, released in its transaction. */
export async function releaseRecordFiles(manager: EntityManager, entity: ResolvedEntity, organizationId: string, recordId: string): Promise<string[]> {
  if (!entity.fields.some((f) => f.file)) return [];
  return releaseFiles(manager, organizationId, `record_id = $2 AND entity = $3`, [recordId, entity.key]);
}

/** Files uploaded with a submission that was then refused: released (never attached) and removed at once. */
export async function discardUnattached(manager: EntityManager, store: FileStore, organizationId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const released = await releaseFiles(manager, organizationId, `record_id IS NULL AND id = ANY($2::uuid[])`, [ids]);
  await purgeReleased(manager, store, released);
}

/** Marks matching files deleted and gives their bytes back to the quota, in one statement. */
async function releaseFiles(manager: EntityManager, organizationId: string, where: string, params: unknown[]): Promise<string[]> {
  const rows: unknown[] = await manager.query(
    `WITH gone AS (UPDATE "${FILE_TABLE}" SET deleted_at = now() WHERE organization_id = $1 AND deleted_at IS NULL AND ${where} RETURNING id, size),
          freed AS (UPDATE "${ORGANIZATION_TABLE}" SET storage_used = storage_used - (SELECT coalesce(sum(size), 0) FROM gone) WHERE id = $1 AND EXISTS (SELECT 1 FROM gone))
     SELECT id FROM gone`,
    [organizationId, ...params],
  );
  return (rows as { id: string }[]).map((r) => r.id);
}

/** Removes released files' bytes and rows (after their release committed); a failure is left to the sweep. */
export async function purgeReleased(manager: EntityManager, store: FileStore, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = (await manager.query(`SELECT id, storage_key FROM "${FILE_TABLE}" WHERE id = ANY($1::uuid[]) AND deleted_at IS NOT NULL`, [ids])) as { id: string; storage_key: string }[];
  let removed = 0;
  for (const row of rows) {
    try {
      await store.remove(row.storage_key);
      await manager.query(`DELETE FROM "${FILE_TABLE}" WHERE id = $1 AND deleted_at IS NOT NULL`, [row.id]);
      removed++;
    } catch (err) {
      log().warn({ err: errorField(err), file: row.id }, 'a released file could not be removed; the file sweep will try again');
    }
  }
  return removed;
}

/** Files released by a transaction, removed once it committed (RecordService.transaction). */
const pending = new WeakMap<object, string[]>();
/** Keyed by the transaction's query runner: the tenant-scoped managers of one transaction share it. */
const txKey = (manager: EntityManager): object => transactionRunner(manager) ?? manager;
export function removeAfterCommit(manager: EntityManager, ids: string[]): void {
  if (!ids.length) return;
  const list = pending.get(txKey(manager)) ?? [];
  list.push(...ids);
  pending.set(txKey(manager), list);
}
export function takeRemovals(manager: EntityManager): string[] {
  const list = pending.get(txKey(manager)) ?? [];
  pending.delete(txKey(manager));
  return list;
}

/** How the sweep's releases are named in the audit log (entity and action name). */
export const FILE_AUDIT_ENTITY = 'core.file';
export const SWEEP_AUDIT_ACTION = 'file-sweep:release-unattached';

/**
 * The `core.file_sweep` job: files uploaded but never attached for `unattachedMs`
 * are released, and released files whose removal did not happen are removed.
 */
export async function sweepFiles(manager: EntityManager, store: FileStore, unattachedMs = 24 * 3600_000): Promise<{ released: number; removed: number }> {
  // The sweep runs through the named bypass (purpose jobs-scheduler) and changes tenant data: each release is
  // audited in the same statement, under the bypass's system actor, in the file's organization (README, Security).
  const orphans = (await manager.query(
    `WITH gone AS (UPDATE "${FILE_TABLE}" SET deleted_at = now() WHERE record_id IS NULL AND deleted_at IS NULL AND created_at < now() - ($1::bigint * interval '1 millisecond')
                   RETURNING id, organization_id, size, entity, field, name, deleted_at),
          freed AS (UPDATE "${ORGANIZATION_TABLE}" o SET storage_used = o.storage_used - g.total FROM (SELECT organization_id, sum(size) AS total FROM gone GROUP BY organization_id) g WHERE o.id = g.organization_id),
          audited AS (INSERT INTO core_audit_log (organization_id, actor_id, system_actor, module, entity, record_id, action, action_name, changes, ip, created_by, updated_by)
                      SELECT organization_id, NULL, $2, 'core', $3, id::text, 'action', $4,
                             jsonb_build_object('deleted_at', jsonb_build_object('before', NULL, 'after', deleted_at), 'name', name, 'size', size, 'uploaded_for', entity || '.' || field),
                             NULL, NULL, NULL
                        FROM gone)
     SELECT id FROM gone`,
    [unattachedMs, crossTenantActor('jobs-scheduler'), FILE_AUDIT_ENTITY, SWEEP_AUDIT_ACTION],
  )) as { id: string }[];
  const released = (await manager.query(`SELECT id FROM "${FILE_TABLE}" WHERE deleted_at IS NOT NULL ORDER BY deleted_at LIMIT 1000`)) as { id: string }[];
  const removed = await purgeReleased(manager, store, released.map((r) => r.id));
  return { released: orphans.length, removed };
}
