/**
 * The range index of each span a declared calendar reads by (core/manifest/views.ts): a GiST index on
 * (organization_id, <range>(start, end, bounds)), so "records of this organization whose span overlaps
 * the window" is an index scan whatever the window (past, present or future), where a btree on start or
 * end would read everything before or after it. The window query (`overlapSql`) writes the very same
 * range expression, which is how the planner matches the index.
 *
 * TypeORM's schema builder cannot express an index on an expression: the entity's schema lists it with
 * `synchronize: false` (so the builder neither drops nor creates it), and `spanIndexStatements` diffs
 * it against pg_indexes for migrations:generate and the tests' synchronised databases, as the ledgers'
 * triggers are.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { UmsError } from '../../errors.js';
import type { EntitySpan, Registry, ResolvedEntity } from '../../manifest/index.js';
import { isCalendarDate, isDateTimeText } from '../../manifest/validation.js';
import type { SqlParams } from '../../access/sql.js';
import { columnSql, rangeType } from './constraint-sql.js';

/** PostgreSQL identifiers are at most 63 bytes: long names keep a readable head and a hash. */
export function spanIndexName(entity: ResolvedEntity, span: EntitySpan): string {
  return boundedIndexName(`IDX_${entity.table}_span_${span.start}${span.end === span.start ? '' : `_${span.end}`}`);
}

/** A generated index name within PostgreSQL's 63 bytes (ASCII table and field names): a long one keeps its head and a hash of the whole. */
export function boundedIndexName(name: string): string {
  if (name.length <= 63) return name;
  let h = 0;
  for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return `${name.slice(0, 54)}_${(h >>> 0).toString(36).padStart(7, '0').slice(0, 8)}`;
}

/** The span of a record as a range (alias: the table's alias in a query; none in DDL). */
export function spanSql(entity: ResolvedEntity, span: EntitySpan, alias?: string): string {
  const start = entity.field.get(span.start)!;
  return `${rangeType(start)}(${columnSql(entity, span.start, alias)}, ${columnSql(entity, span.end, alias)}, '${span.bounds}')`;
}

function createStatement(entity: ResolvedEntity, span: EntitySpan): string {
  return `CREATE INDEX "${spanIndexName(entity, span)}" ON "${entity.table}" USING gist ("organization_id", ${spanSql(entity, span)})`;
}

/** The span indexes that are not there yet (`up`) and their inverse (`down`). */
export async function spanIndexStatements(db: DataSource | EntityManager, registry: Registry): Promise<{ up: string[]; down: string[] }> {
  const existing = new Set(((await db.query(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`)) as { indexname: string }[]).map((r) => r.indexname));
  const up: string[] = [];
  const down: string[] = [];
  for (const entity of registry.entities) {
    for (const span of entity.spans ?? []) {
      if (existing.has(spanIndexName(entity, span))) continue;
      up.push(createStatement(entity, span));
      down.push(`DROP INDEX "${spanIndexName(entity, span)}"`);
    }
  }
  return { up, down };
}

/** Creates the missing span indexes at once (databases synchronised from a registry: tests, fixtures). */
export async function applySpanIndexes(db: DataSource, registry: Registry): Promise<void> {
  for (const statement of (await spanIndexStatements(db, registry)).up) await db.query(statement);
}

export interface Overlap {
  start: string;
  end: string;
  /** The window [from, to): dates for date fields, ISO date-times for datetime fields. */
  from: string;
  to: string;
}

/**
 * Records whose span overlaps the window [from, to), as one range test. The span's bounds are the
 * declared ones (a view without an end: `[]` over the start alone). Values are checked here: a bad
 * date is the caller's 400, never a database error.
 */
export function overlapSql(entity: ResolvedEntity, overlap: Overlap, params: SqlParams, alias = 'r'): string {
  const start = entity.field.get(overlap.start);
  const end = entity.field.get(overlap.end);
  if (!start || !end || (start.type !== 'date' && start.type !== 'datetime') || end.type !== start.type) {
    throw new UmsError('BAD_REQUEST', `${entity.label} has no span from "${overlap.start}" to "${overlap.end}" (two date or two datetime fields).`, { entity: entity.key });
  }
  const valid = start.type === 'date' ? isCalendarDate : isDateTimeText;
  for (const [name, value] of [['from', overlap.from], ['to', overlap.to]] as const) {
    if (typeof value !== 'string' || !valid(value)) throw new UmsError('BAD_REQUEST', `"${name}" must be ${start.type === 'date' ? 'a date (YYYY-MM-DD)' : 'a date and time (ISO 8601)'}.`, { entity: entity.key, field: name });
  }
  const span = entity.spans?.find((s) => s.start === overlap.start && s.end === overlap.end) ?? { start: overlap.start, end: overlap.end, bounds: overlap.start === overlap.end ? '[]' : '[)' };
  const cast = start.type === 'date' ? 'date' : 'timestamptz';
  return `${spanSql(entity, span, alias)} && ${rangeType(start)}(${params.add(overlap.from)}::${cast}, ${params.add(overlap.to)}::${cast}, '[)')`;
}
