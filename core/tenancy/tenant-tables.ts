/**
 * The tables that hold an organization's data, read from the database's own
 * catalog (not a hand-kept list, so a new module entity or core table is in
 * without anyone remembering it): every table of the schema with an
 * `organization_id` column, with `core_organization` first, in foreign-key
 * dependency order (a table after the tables it references).
 *
 * A reference that no order can satisfy (a table referencing itself, such as
 * an employee's manager, or a cycle between tables) is a "deferred" column:
 * export/import writes it NULL first and sets it once every row is in, and
 * purge clears it before deleting. Used by org:export, org:import and the
 * organization purge.
 */
import type { EntityManager } from 'typeorm';
import { ORGANIZATION_TABLE } from '../manifest/index.js';

export interface TenantColumn {
  name: string;
  /** Generated (computed) columns are read, never written. */
  generated: boolean;
  notNull: boolean;
}

export interface TenantTable {
  name: string;
  columns: TenantColumn[];
  primaryKey: string[];
  /** Columns of references to this table itself or to a table later in the order. */
  deferred: string[];
  /** Tables this one references (other than itself). */
  references: string[];
}

type Query = Pick<EntityManager, 'query'>;

interface ForeignKey {
  from: string;
  to: string;
  columns: string[];
}

/** Every organization table, in dependency order; `core_organization` first. */
export async function tenantTables(db: Query): Promise<TenantTable[]> {
  const tables: { name: string }[] = await db.query(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace
        AND (c.relname = $1 OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped))
      ORDER BY c.relname`,
    [ORGANIZATION_TABLE],
  );
  const names = new Set(tables.map((t) => t.name));
  const columnRows: { table: string; name: string; generated: boolean; not_null: boolean }[] = await db.query(
    `SELECT c.relname AS table, a.attname AS name, a.attgenerated <> '' AS generated, a.attnotnull AS not_null
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
    [[...names]],
  );
  const keyRows: { table: string; columns: string[] }[] = await db.query(
    `SELECT c.relname AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_constraint p JOIN pg_class c ON c.oid = p.conrelid
       CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = p.conrelid AND a.attnum = k.attnum
      WHERE p.contype = 'p' AND c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1)
      GROUP BY c.relname`,
    [[...names]],
  );
  const fkRows: { from: string; to: string; columns: string[] }[] = await db.query(
    `SELECT f.relname AS from, t.relname AS to, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_constraint p JOIN pg_class f ON f.oid = p.conrelid JOIN pg_class t ON t.oid = p.confrelid
       CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = p.conrelid AND a.attnum = k.attnum
      WHERE p.contype = 'f' AND f.relnamespace = current_schema()::regnamespace AND f.relname = ANY($1)
      GROUP BY p.oid, f.relname, t.relname`,
    [[...names]],
  );
  const fks: ForeignKey[] = fkRows.filter((f) => names.has(f.to)).map((f) => ({ from: f.from, to: f.to, columns: f.columns }));
  const order = dependencyOrder([...names], fks);
  const position = new Map(order.map((n, i) => [n, i]));
  return order.map((name) => {
    const own = fks.filter((f) => f.from === name);
    const deferred = new Set<string>();
    for (const f of own) {
      // The organization's own id is always there first; only the other columns of a late reference wait.
      if (position.get(f.to)! >= position.get(name)!) for (const c of f.columns) if (c !== 'organization_id') deferred.add(c);
    }
    return {
      name,
      columns: columnRows.filter((c) => c.table === name).map((c) => ({ name: c.name, generated: c.generated, notNull: c.not_null })),
      primaryKey: keyRows.find((k) => k.table === name)?.columns ?? [],
      deferred: [...deferred],
      references: [...new Set(own.filter((f) => f.to !== name).map((f) => f.to))],
    };
  });
}

/**
 * Kahn's algorithm, ties broken by name (a stable order for archives and
 * tests); `core_organization` first. When only tables in a cycle remain, the
 * first by name goes next and its references into the cycle become deferred.
 */
export function dependencyOrder(names: string[], fks: ForeignKey[]): string[] {
  const remaining = new Set(names);
  const order: string[] = [];
  const take = (n: string): void => {
    order.push(n);
    remaining.delete(n);
  };
  if (remaining.has(ORGANIZATION_TABLE)) take(ORGANIZATION_TABLE);
  while (remaining.size) {
    const ready = [...remaining].sort().find((n) => !fks.some((f) => f.from === n && f.to !== n && remaining.has(f.to)));
    take(ready ?? [...remaining].sort()[0]);
  }
  return order;
}
