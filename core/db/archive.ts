/**
 * `migrations:generate --archive`: a column the manifests no longer declare is
 * kept instead of dropped — its non-empty values (with the row's id and
 * organization) move to a table in the `ums_archive` schema, which neither
 * TypeORM's builder (it works in the current schema) nor the application role
 * (no grant there) sees. The migration's down puts the column and its values back.
 */
import type { DataSource } from 'typeorm';
import { literal, q, type Planner } from './planner.js';

export const ARCHIVE_SCHEMA = 'ums_archive';

export async function planArchive(planner: Planner, dataSource: DataSource, stamp: string): Promise<void> {
  const tables = await planner.tables();
  for (const metadata of dataSource.entityMetadatas) {
    const table = metadata.tableName;
    if (!tables.has(table)) continue;
    const columns: { name: string; type: string }[] = await planner.runner.query(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
        WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [q(table)],
    );
    const names = new Set(columns.map((c) => c.name));
    // Rows are found again by id, kept per organization: only tables that have both can be archived from.
    if (!names.has('id') || !names.has('organization_id')) continue;
    const declared = new Set(metadata.columns.map((c) => c.databaseName));
    for (const column of columns.filter((c) => !declared.has(c.name))) {
      const archive = `${q(ARCHIVE_SCHEMA)}.${q(`${table}__${column.name}`.slice(0, 50) + `_${stamp}`)}`;
      await planner.guard(`CREATE SCHEMA IF NOT EXISTS ${q(ARCHIVE_SCHEMA)}`);
      await planner.run(
        `CREATE TABLE ${archive} AS SELECT id, organization_id, ${q(column.name)} AS value FROM ${q(table)} WHERE ${q(column.name)} IS NOT NULL`,
        `DROP TABLE ${archive}`,
      );
      await planner.guard(`COMMENT ON TABLE ${archive} IS ${literal(`${table}.${column.name} (${column.type}), archived by migrations:generate --archive`)}`);
      await planner.run(
        `ALTER TABLE ${q(table)} DROP COLUMN ${q(column.name)}`,
        `ALTER TABLE ${q(table)} ADD COLUMN ${q(column.name)} ${column.type}; UPDATE ${q(table)} t SET ${q(column.name)} = a.value FROM ${archive} a WHERE a.id = t.id`,
      );
    }
  }
}
