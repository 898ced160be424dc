/**
 * How a create's row is written: its columns' values as PostgreSQL takes them, the INSERT
 * (one row or many in one VALUES list) and how createMany cuts a set into statements.
 * Statement text only: core/data/records.ts runs it in the write's transaction.
 */
import type { ResolvedEntity } from '../manifest/index.js';
import { SqlParams } from '../access/sql.js';
import { hashPassword } from './passwords.js';
import { selectList } from './query.js';

/** Rows per multi-row INSERT of createMany; fewer when their parameters would pass PostgreSQL's limit. */
const INSERT_ROWS = 500;
const MAX_PARAMETERS = 60_000;
/** id, organization_id, created_by, updated_by: written for every row. */
const SYSTEM_COLUMNS = ['id', 'organization_id', 'created_by', 'updated_by'];

/** A create checked and ready to write: its id, its values, and the columns as written (passwords hashed, JSON as text, computed ones left to PostgreSQL). */
export interface PreparedCreate {
  id: string;
  values: Record<string, unknown>;
  columns: { column: string; value: unknown }[];
}

const q = (name: string): string => `"${name}"`;

/** A field's value as its column stores it. */
export async function toColumnValue(type: string, value: unknown): Promise<unknown> {
  if (value === undefined) return null;
  if (type === 'password') return value === null ? null : hashPassword(String(value));
  if (type === 'json' || type === 'files') return value === null ? null : JSON.stringify(value);
  return value;
}

/** Rows per INSERT for `prepared`: INSERT_ROWS, or fewer when that many would pass PostgreSQL's parameter limit. */
export function insertChunkSize(prepared: readonly PreparedCreate[]): number {
  const width = SYSTEM_COLUMNS.length + Math.max(...prepared.map((p) => p.columns.length));
  return Math.max(1, Math.min(INSERT_ROWS, Math.floor(MAX_PARAMETERS / width)));
}

/** One INSERT of `rows` (one VALUES list each; a column one row does not write takes its DEFAULT), returning the rows as written when `returning`. */
export function insertStatement(entity: ResolvedEntity, organizationId: string, userId: string | null, rows: readonly PreparedCreate[], returning: boolean): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const columns = [...SYSTEM_COLUMNS];
  const known = new Set(columns);
  for (const row of rows) {
    for (const c of row.columns) {
      if (known.has(c.column)) continue;
      known.add(c.column);
      columns.push(c.column);
    }
  }
  const tuples = rows.map((row) => {
    const given = new Map(row.columns.map((c) => [c.column, c.value]));
    const system = [params.add(row.id), params.add(organizationId), params.add(userId), params.add(userId)];
    return `(${[...system, ...columns.slice(SYSTEM_COLUMNS.length).map((c) => (given.has(c) ? params.add(given.get(c)) : 'DEFAULT'))].join(', ')})`;
  });
  const sql = `INSERT INTO ${q(entity.table)} AS r (${columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}${returning ? ` RETURNING ${selectList(entity, entity.fields.map((f) => f.name))}` : ''}`;
  return { sql, params: params.values };
}

/**
 * Whether createMany writes an entity's rows together. Not when a row's write depends on the rows
 * written before it in the same call, as it does for overlaps and capacity (counted against the
 * stored rows), ledgers and balances (each movement against the balance the last one left), acyclic
 * links and guards (checked on the stored graph and records), file fields (attached per record) and
 * the core's own entities (users take seats, roles recompile access): those are created one by one.
 */
export function setWise(entity: ResolvedEntity): boolean {
  const c = entity.constraints;
  return entity.module !== 'core' && !entity.ledger && !entity.balance && !entity.acyclic && !entity.guards?.length
    && !c?.noOverlap.length && !c?.capacity.length && !entity.fields.some((f) => f.file);
}
