/**
 * The audit trail of the data layer: one row per create, update, delete and
 * record action, written in the change's own transaction (the database refuses
 * UPDATE, DELETE and TRUNCATE on core_audit_log), naming the user or the
 * system actor, with the changed fields before and after.
 */
import type { EntityManager } from 'typeorm';
import type { ResolvedEntity } from '../manifest/index.js';
import { actorUserId, type Actor } from './actor.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'action';

export async function writeAudit(
  manager: EntityManager,
  actor: Actor,
  entity: ResolvedEntity,
  row: { action: AuditAction; recordId: string; changes: Record<string, unknown>; actionName?: string },
): Promise<void> {
  if (entity.key === 'core.audit_log') return;
  await manager.query(
    `INSERT INTO core_audit_log (organization_id, actor_id, system_actor, module, entity, record_id, action, action_name, changes, ip, created_by, updated_by)
     VALUES ($1, $2, $10, $3, $4, $5, $6, $7, $8, $9, $2, $2)`,
    [actor.organizationId, actorUserId(actor), entity.module, entity.key, row.recordId, row.action, row.actionName ?? null, JSON.stringify(row.changes), actor.kind === 'user' ? (actor.ip ?? null) : null, actor.kind === 'system' ? actor.reason : null],
  );
}

/** The audit rows of a set of writes (createMany) in multi-row INSERTs: the same rows writeAudit writes one at a time. */
export async function writeAudits(
  manager: EntityManager,
  actor: Actor,
  entity: ResolvedEntity,
  rows: readonly { action: AuditAction; recordId: string; changes: Record<string, unknown>; actionName?: string }[],
): Promise<void> {
  if (entity.key === 'core.audit_log') return;
  // The actor's four values are shared parameters; each row adds four of its own, so a chunk stays far below PostgreSQL's 65,535.
  for (let start = 0; start < rows.length; start += AUDIT_ROWS) {
    const chunk = rows.slice(start, start + AUDIT_ROWS);
    const params: unknown[] = [actor.organizationId, actorUserId(actor), actor.kind === 'user' ? (actor.ip ?? null) : null, actor.kind === 'system' ? actor.reason : null, entity.module, entity.key];
    const tuples = chunk.map((row) => {
      const at = params.push(row.recordId, row.action, row.actionName ?? null, JSON.stringify(row.changes));
      return `($1, $2, $4, $5, $6, $${at - 3}, $${at - 2}, $${at - 1}, $${at}, $3, $2, $2)`;
    });
    await manager.query(
      `INSERT INTO core_audit_log (organization_id, actor_id, system_actor, module, entity, record_id, action, action_name, changes, ip, created_by, updated_by) VALUES ${tuples.join(', ')}`,
      params,
    );
  }
}
const AUDIT_ROWS = 1000;

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return String(a) === String(b) && typeof a === typeof b;
}
/** Changed fields with before/after; passwords are recorded as changed, never with values. */
export function diff(entity: ResolvedEntity, before: Record<string, unknown>, after: Record<string, unknown>, only?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of entity.fields) {
    if (only && !only.includes(f.name)) continue;
    const a = before[f.name] ?? null;
    const b = after[f.name] ?? null;
    if (f.type === 'password') {
      if (only?.includes(f.name)) out[f.name] = { changed: true };
      continue;
    }
    if (!sameValue(a, b)) out[f.name] = { before: a, after: b };
  }
  return out;
}

