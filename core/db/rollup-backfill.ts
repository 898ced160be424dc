/**
 * A roll-up field added to an entity that already has records starts at the
 * sum of the children it counts, not at 0: the core keeps a roll-up by moving
 * it with each child's write (core/data/ledgers/rollups.ts), so children
 * written before the field existed would be missing from it for good. For
 * every declared roll-up whose column the database does not have yet (the
 * schema builder adds it in the same migration), one UPDATE after the
 * builder's statements sets it from the children, per organization, with the
 * roll-up's `where` as the SQL the constraints use. A computed field over the
 * roll-ups (a generated column) follows by itself.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { columnOf, type Registry } from '../manifest/index.js';
import { conditionSql } from '../data/constraints/constraint-sql.js';
import { q } from './planner.js';

export async function rollupBackfillStatements(db: DataSource | EntityManager, registry: Registry): Promise<string[]> {
  const live: { table_name: string; column_name: string }[] = await db.query(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  const tables = new Set(live.map((c) => c.table_name));
  const columns = new Set(live.map((c) => `${c.table_name}.${c.column_name}`));
  const out: string[] = [];
  for (const parent of registry.entities) {
    for (const f of parent.fields) {
      if (!f.rollup || !tables.has(parent.table) || columns.has(`${parent.table}.${columnOf(f)}`)) continue;
      const child = registry.entity(f.rollup.entity)!;
      // A child table added in the same migration has no rows to count.
      if (!tables.has(child.table)) continue;
      const link = q(columnOf(child.field.get(f.rollup.parent)!));
      const where = f.rollup.where ? ` AND ${conditionSql(f.rollup.where, child, 'c')}` : '';
      out.push(
        `UPDATE ${q(parent.table)} p SET ${q(columnOf(f))} = COALESCE((SELECT sum(c.${q(columnOf(child.field.get(f.rollup.sum)!))}) FROM ${q(child.table)} c ` +
          `WHERE c.organization_id = p.organization_id AND c.${link} = p.id${where}), 0)`,
      );
    }
  }
  return out;
}
