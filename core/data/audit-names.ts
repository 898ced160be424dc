/**
 * The audit log keeps old entries readable after a declared rename. Its rows
 * are never rewritten (the database refuses UPDATE on core_audit_log); the
 * rename migration records each rename in core_renamed_name (kind, old, new,
 * when; core/db/name-rewrites.ts), and what is shown of an entry — in the
 * admin's audit log, the REST list and a record's history — names the entity,
 * the changed fields, enum values and workflow states, role keys and the job
 * that acted by their current names. Only renames made after the entry was
 * written apply to it, in the order they were made: a field renamed away and a
 * new field given the old name later stay apart.
 */
import type { EntityManager } from 'typeorm';
import { RENAMED_NAME_TABLE, type RenamedKind } from '../db/name-rewrites.js';
import type { RecordData } from './query.js';

export const AUDIT_ENTITY = 'core.audit_log';

export interface RenamedName {
  kind: RenamedKind;
  scope: string | null;
  field: string | null;
  old_name: string;
  new_name: string;
  renamed_at: Date;
}

type Change = { before?: unknown; after?: unknown };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every recorded rename, oldest first; none before the rename table exists. */
export async function loadRenamedNames(manager: EntityManager): Promise<RenamedName[]> {
  const [table]: { present: boolean }[] = await manager.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [RENAMED_NAME_TABLE]);
  if (!table?.present) return [];
  const rows: RenamedName[] = await manager.query(`SELECT kind, scope, field, old_name, new_name, renamed_at FROM ${RENAMED_NAME_TABLE} ORDER BY id`);
  return rows.map((r) => ({ ...r, renamed_at: new Date(r.renamed_at) }));
}

export class AuditNames {
  /**
   * @param stateField the field holding an entity's workflow state (by its current key), for the from/to of a transition's entry.
   */
  constructor(
    private readonly renames: RenamedName[],
    private readonly stateField: (entity: string) => string | undefined = () => undefined,
  ) {}

  get empty(): boolean {
    return this.renames.length === 0;
  }

  /** The keys entries of this entity may carry: its current key and every key it had before. */
  keysOf(current: string): string[] {
    const keys = new Set([current]);
    // Walk back from the newest rename: a → b, then b → c gives c, b, a.
    for (const r of [...this.renames].reverse()) if (r.kind === 'entity' && keys.has(r.new_name)) keys.add(r.old_name);
    return [...keys];
  }

  /** An entry as it reads under today's names. */
  entry(row: RecordData): RecordData {
    const at = row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at));
    const later = Number.isNaN(at.getTime()) ? this.renames : this.renames.filter((r) => r.renamed_at.getTime() > at.getTime());
    if (!later.length) return row;
    let entity = typeof row.entity === 'string' ? row.entity : undefined;
    let changes: Record<string, unknown> | undefined = isObject(row.changes) ? { ...row.changes } : undefined;
    let systemActor = typeof row.system_actor === 'string' ? row.system_actor : undefined;
    const workflowAction = typeof row.action_name === 'string' && row.action_name.startsWith('workflow:');
    for (const r of later) {
      switch (r.kind) {
        case 'entity':
          if (entity === r.old_name) entity = r.new_name;
          break;
        case 'field':
          if (changes && entity === r.scope && Object.hasOwn(changes, r.old_name)) changes = renameKey(changes, r.old_name, r.new_name);
          break;
        case 'value':
          if (!changes || entity !== r.scope || !r.field) break;
          if (isObject(changes[r.field])) changes[r.field] = mapChange(changes[r.field] as Change, r.old_name, r.new_name);
          // A transition's entry records the states it moved between.
          if (workflowAction && entity && this.stateField(entity) === r.field) {
            for (const side of ['from', 'to']) if (changes[side] === r.old_name) changes[side] = r.new_name;
          }
          break;
        case 'role':
          if (changes && entity === 'core.role' && isObject(changes.name)) changes.name = mapChange(changes.name as Change, r.old_name, r.new_name);
          break;
        case 'job':
          if (systemActor === `job:${r.old_name}`) systemActor = `job:${r.new_name}`;
          break;
        case 'state':
          // Covered by the value row the same rename recorded for the workflow's field.
          break;
      }
    }
    return { ...row, ...(entity !== undefined ? { entity } : {}), ...(changes ? { changes } : {}), ...(systemActor !== undefined ? { system_actor: systemActor } : {}) };
  }
}

function renameKey(o: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k === from ? to : k, v]));
}

function mapChange(c: Change, from: string, to: string): Change {
  const out: Change = { ...c };
  if (out.before === from) out.before = to;
  if (out.after === from) out.after = to;
  return out;
}

/** The audit rows of a read, under today's names (one small query for the rename log). */
export async function currentAuditNames(manager: EntityManager, rows: RecordData[], stateField?: (entity: string) => string | undefined): Promise<RecordData[]> {
  if (!rows.length) return rows;
  const names = new AuditNames(await loadRenamedNames(manager), stateField);
  return names.empty ? rows : rows.map((r) => names.entry(r));
}

/** The entity keys a record's audit entries may carry (its current key and the keys it was renamed from), for a history query. */
export async function auditKeysOf(manager: EntityManager, entityKey: string): Promise<string[]> {
  return new AuditNames(await loadRenamedNames(manager)).keysOf(entityKey);
}
