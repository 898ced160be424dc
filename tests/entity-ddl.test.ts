/**
 * What the migrations build from the manifests: snake_case tables with the
 * system columns, indexes that lead with the tenant, per-organization unique
 * constraints, real foreign keys, and no drift between migrations and manifests.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { diffSchema } from '../core/db/migrations.js';
import { createFixtureOrg, createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(() => runtime.dispose());

interface ColumnRow {
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
}

async function columnsOf(table: string): Promise<Map<string, ColumnRow>> {
  const rows: ColumnRow[] = await runtime.dataSource.query(
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  return new Map(rows.map((r) => [r.column_name, r]));
}

describe('tables built from the manifests', () => {
  it('library.book is table library_book with snake_case field columns and the system columns', async () => {
    const entity = runtime.registry.entity('library.book')!;
    expect(entity.table).toBe('library_book');
    const columns = await columnsOf('library_book');
    expect(columns.get('id')).toMatchObject({ data_type: 'uuid', is_nullable: 'NO' });
    expect(columns.get('organization_id')).toMatchObject({ data_type: 'uuid', is_nullable: 'NO' });
    expect(columns.get('created_at')).toMatchObject({ data_type: 'timestamp with time zone', is_nullable: 'NO' });
    expect(columns.get('updated_at')).toMatchObject({ data_type: 'timestamp with time zone', is_nullable: 'NO' });
    expect(columns.get('created_by')).toMatchObject({ data_type: 'uuid' });
    expect(columns.get('updated_by')).toMatchObject({ data_type: 'uuid' });
    expect(columns.get('version')).toMatchObject({ data_type: 'integer', is_nullable: 'NO' });
    expect(columns.get('copies_available')).toMatchObject({ data_type: 'integer' });
    expect(columns.get('acquisition_price')).toMatchObject({ data_type: 'numeric' });
    expect(columns.get('published_year')).toMatchObject({ data_type: 'integer' });
    expect(columns.get('title')).toMatchObject({ data_type: 'character varying', is_nullable: 'NO' });
    const expected = ['id', 'organization_id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version', ...entity.fields.map((f) => f.column)];
    expect([...columns.keys()].sort()).toEqual(expected.sort());
  });

  it('every manifest entity has its table, and a reference field is a `<name>_id` uuid column', async () => {
    for (const entity of runtime.registry.entities) {
      const columns = await columnsOf(entity.table);
      expect(columns.size).toBeGreaterThan(0);
      for (const f of entity.fields.filter((x) => x.type === 'reference')) {
        expect(columns.get(`${f.name}_id`)).toMatchObject({ data_type: 'uuid' });
      }
    }
  });

  it('every index of an organization-scoped table leads with organization_id (the primary key aside)', async () => {
    const tables = runtime.registry.entities.map((e) => e.table);
    const rows: { table: string; index: string; leading: string }[] = await runtime.dataSource.query(
      `SELECT t.relname AS table, i.relname AS index, a.attname AS leading
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
        WHERE t.relname = ANY($1) AND NOT x.indisprimary`,
      [tables],
    );
    // Every table has at least its organization_id index, and unique constraints are indexes too.
    expect(new Set(rows.map((r) => r.table))).toEqual(new Set(tables));
    expect(rows.filter((r) => r.leading !== 'organization_id')).toEqual([]);
    expect(rows.find((r) => r.index === 'UQ_library_book_organization_id_isbn')).toBeDefined();
  });

  it('a unique field is unique per organization: the same ISBN in two organizations, never twice in one', async () => {
    const a = await createFixtureOrg(runtime, 'library');
    const b = await createFixtureOrg(runtime, 'library');
    const insert = (org: string): Promise<unknown> =>
      runtime.dataSource.query(`INSERT INTO library_book (organization_id, title, isbn, copies_total) VALUES ($1, 'Same', '9780000000019', 1)`, [org]);
    await insert(a.org.id);
    await insert(b.org.id);
    await expect(insert(a.org.id)).rejects.toMatchObject({ code: '23505', constraint: 'UQ_library_book_organization_id_isbn' });
  });

  it('references are same-tenant foreign keys: library_loan (organization_id, book_id) → library_book (organization_id, id)', async () => {
    const rows: { column: string; target_table: string; target_column: string; on_delete: string; columns: string }[] = await runtime.dataSource.query(
      `SELECT a.attname AS column, ft.relname AS target_table, fa.attname AS target_column, c.confdeltype AS on_delete,
              (SELECT string_agg(x.attname, ', ' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(num, n) JOIN pg_attribute x ON x.attrelid = t.oid AND x.attnum = k.num) AS columns
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_class ft ON ft.oid = c.confrelid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[array_length(c.conkey, 1)]
         JOIN pg_attribute fa ON fa.attrelid = ft.oid AND fa.attnum = c.confkey[array_length(c.confkey, 1)]
        WHERE c.contype = 'f' AND t.relname = 'library_loan'`,
    );
    const byColumn = new Map(rows.map((r) => [r.column, r]));
    // confdeltype: r = restrict, a = no action, c = cascade, n = set null
    expect(byColumn.get('book_id')).toMatchObject({ target_table: 'library_book', target_column: 'id', on_delete: 'r', columns: 'organization_id, book_id' });
    expect(byColumn.get('member_id')).toMatchObject({ target_table: 'library_member', target_column: 'id', on_delete: 'r', columns: 'organization_id, member_id' });
    expect(byColumn.get('organization_id')).toMatchObject({ target_table: 'core_organization', target_column: 'id' });
    const org = await createFixtureOrg(runtime, 'library');
    await expect(
      runtime.dataSource.query(
        `INSERT INTO library_loan (organization_id, book_id, member_id, status) VALUES ($1, gen_random_uuid(), gen_random_uuid(), 'requested')`,
        [org.org.id],
      ),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('the checked-in migrations match the manifests: no pending schema change', async () => {
    const pending = await diffSchema(runtime.dataSource);
    expect(pending.up).toEqual([]);
  });
});
