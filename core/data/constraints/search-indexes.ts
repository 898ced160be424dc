/**
 * The list search (`$search` filter, core/data/query.ts) and its indexes: one pg_trgm GIN index per
 * searched field (the entity's title and declared `searchFields`, core/manifest/entities.ts), so
 * `col ILIKE '%term%'` on 200,000 rows is a Bitmap Index Scan per field (OR-ed), not a sequential scan.
 * Each index is (organization_id, field gin_trgm_ops), so it serves the tenant condition too.
 * One index per field rather than one on a concatenation: each field's ILIKE stays a plain column
 * test the planner matches, and a field the actor may not read is simply left out of the OR.
 *
 * TypeORM cannot build an operator-class index: the entity's schema lists it with `synchronize: false`
 * (entity-schemas.ts), and `searchIndexStatements` diffs it against pg_indexes for migrations:generate
 * and the tests' synchronised databases, as the calendar span indexes are (span-indexes.ts).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { UmsError } from '../../errors.js';
import { columnOf, type Registry, type ResolvedEntity } from '../../manifest/index.js';
import type { SqlParams } from '../../access/sql.js';
import { boundedIndexName } from './span-indexes.js';

/** The filter field that means "the search box": not an identifier a manifest field can have. */
export const SEARCH_FIELD = '$search';
/** Longer terms are refused (400): nobody types them, and each character costs trigram work. */
export const MAX_SEARCH_LENGTH = 200;

export const searchIndexName = (entity: ResolvedEntity, field: string): string => boundedIndexName(`IDX_${entity.table}_search_${field}`);

function createStatement(entity: ResolvedEntity, field: string): string {
  return `CREATE INDEX "${searchIndexName(entity, field)}" ON "${entity.table}" USING gin ("organization_id", "${columnOf(entity.field.get(field)!)}" gin_trgm_ops)`;
}

/** The search indexes that are not there yet (`up`, pg_trgm first) and their inverse (`down`). */
export async function searchIndexStatements(db: DataSource | EntityManager, registry: Registry): Promise<{ up: string[]; down: string[] }> {
  const existing = new Set(((await db.query(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`)) as { indexname: string }[]).map((r) => r.indexname));
  const up: string[] = [];
  const down: string[] = [];
  for (const entity of registry.entities) {
    for (const field of entity.searchFields) {
      if (existing.has(searchIndexName(entity, field))) continue;
      up.push(createStatement(entity, field));
      down.push(`DROP INDEX "${searchIndexName(entity, field)}"`);
    }
  }
  // The operator class gin_trgm_ops comes from pg_trgm; btree_gin lets the index lead with organization_id,
  // as every index of a tenant table does (one organization's rows together; tests/entity-ddl). Both ship
  // with PostgreSQL, the embedded one included.
  if (up.length) up.unshift('CREATE EXTENSION IF NOT EXISTS pg_trgm', 'CREATE EXTENSION IF NOT EXISTS btree_gin');
  return { up, down };
}

/** Creates the missing search indexes at once (databases synchronised from a registry: tests, fixtures). */
export async function applySearchIndexes(db: DataSource, registry: Registry): Promise<void> {
  for (const statement of (await searchIndexStatements(db, registry)).up) await db.query(statement);
}

/**
 * The search term as one condition: any searched field the actor may read on every record (`readable`)
 * contains it, case-insensitively; `%`, `_` and `\` are matched as themselves. A field shown on some
 * records only is not searched (a match would reveal its hidden value); with no field left, nothing
 * matches. Empty: no condition. Not text, too long or with NUL: BAD_REQUEST.
 */
export function searchSql(entity: ResolvedEntity, value: unknown, readable: ReadonlySet<string>, params: SqlParams, alias = 'r'): string | undefined {
  if (typeof value !== 'string') throw new UmsError('BAD_REQUEST', 'The search must be text.', { entity: entity.key, field: 'q' });
  const term = value.trim();
  if (!term) return undefined;
  if (term.length > MAX_SEARCH_LENGTH) throw new UmsError('BAD_REQUEST', `The search is too long: at most ${MAX_SEARCH_LENGTH} characters.`, { entity: entity.key, field: 'q' });
  if (term.includes('\u0000')) throw new UmsError('BAD_REQUEST', 'The search must be text without the NUL character.', { entity: entity.key, field: 'q' });
  const fields = entity.searchFields.filter((name) => readable.has(name));
  if (!fields.length) return 'FALSE';
  const pattern = params.add(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return `(${fields.map((name) => `${alias}."${columnOf(entity.field.get(name)!)}" ILIKE ${pattern}`).join(' OR ')})`;
}
