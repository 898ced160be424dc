/**
 * A field whose type changes keeps its data: a widening (longer string,
 * integer → decimal) is generated as ALTER COLUMN … TYPE where TypeORM alone
 * would drop the column and add an empty one; a narrowing (text → integer, a
 * removed enum value, optional → required) is refused, naming the rows of each
 * organization that would fail, until the manifest declares `convert`; and the
 * generated migration checks the data again when it runs, so a database with
 * rows the development one lacked stops with CONVERSION_FAILS and loses nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MigrationInterface } from 'typeorm';
import { diffSchema, generateMigration } from '../core/db/migrations.js';
import { errorOf } from './support/errors.js';
import { loadMigration, migrationDir, runMigration } from './support/migration-files.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith, type Json } from './support/workflow-fixture.js';

const ITEM = 'catalog.item';
type FieldDef = Json & { name: string };

const FIELDS_V1: FieldDef[] = [
  { name: 'code', type: 'string', maxLength: 10, required: true },
  { name: 'pages', type: 'string' },
  { name: 'copies', type: 'integer' },
  { name: 'size', type: 'enum', values: ['small', 'medium', 'large'] },
  { name: 'note', type: 'string' },
];

/** The catalog module with some fields replaced. */
function catalog(...changes: FieldDef[]): Json {
  const fields = FIELDS_V1.map((f) => changes.find((c) => c.name === f.name) ?? f);
  return {
    id: 'catalog',
    version: '1.0.0',
    label: 'Catalog',
    systemTypes: ['library'],
    entities: [{ name: 'item', titleField: 'code', fields }],
    roles: [{ name: 'keeper' }],
    permissions: { keeper: [{ action: ['create', 'read', 'update'], subject: 'item' }] },
  };
}

let folder: ReturnType<typeof migrationDir> | undefined;
let dir: string;
let base: TestRuntime;
let current: TestRuntime | undefined;
let orgA: Fixture;
let orgB: Fixture;
const ids = new Map<string, string>();
let stamp = 1;

/** The database, now run by the given manifest: a migration generated for it (undefined when in sync), or the refusal. */
async function generateFor(manifest: Json, options: { archive?: boolean } = {}): Promise<{ body: string; migration: MigrationInterface } | undefined> {
  await current?.close();
  current = await createTestRuntime({ registry: registryWith(manifest), attachTo: base.url });
  const file = await generateMigration(current.dataSource, { name: 'catalog-types', dir, registry: current.registry, now: stamp++, ...options });
  return file ? loadMigration(file) : undefined;
}

const run = (migration: MigrationInterface, direction: 'up' | 'down' = 'up'): Promise<void> => runMigration(current!.dataSource, migration, direction);

const stored = async (key: string): Promise<Record<string, unknown>> => {
  const [row] = await base.dataSource.query(`SELECT code, pages, copies, size, note FROM catalog_item WHERE id = $1`, [ids.get(key)]);
  return row;
};

beforeAll(async () => {
  base = await createTestRuntime({ registry: registryWith(catalog()) });
  orgA = await createFixtureOrg(base, 'library');
  orgB = await createFixtureOrg(base, 'library');
  const a = await orgA.system();
  const b = await orgB.system();
  ids.set('a1', String((await a.create(ITEM, { code: 'A-1', pages: ' 12 ', copies: 5, size: 'large' })).id));
  ids.set('a2', String((await a.create(ITEM, { code: 'A-2', pages: '7', copies: 1, size: 'small', note: 'kept' })).id));
  ids.set('b1', String((await b.create(ITEM, { code: 'B-1', pages: 'many', copies: 2, size: 'large' })).id));
  folder = migrationDir();
  dir = folder.dir;
}, 120_000);

afterAll(async () => {
  folder?.remove();
  await current?.close();
  await base?.dispose();
});

describe('a widening', () => {
  it('is generated as ALTER COLUMN … TYPE, not a drop and an add, and every value survives', async () => {
    const generated = await generateFor(catalog({ name: 'code', type: 'string', maxLength: 40, required: true }, { name: 'copies', type: 'decimal' }));
    expect(generated!.body).toContain('ALTER TABLE "catalog_item" ALTER COLUMN "code" TYPE character varying(40)');
    expect(generated!.body).toContain('ALTER TABLE "catalog_item" ALTER COLUMN "copies" TYPE numeric(18,4)');
    expect(generated!.body).not.toMatch(/DROP COLUMN/);
    await run(generated!.migration);
    expect(await stored('a1')).toMatchObject({ code: 'A-1', copies: 5 });
    const [type] = await base.dataSource.query(`SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'catalog_item'::regclass AND attname = 'copies'`);
    expect(type.t).toBe('numeric(18,4)');
    expect((await diffSchema(current!.dataSource, current!.registry)).up).toEqual([]);
  });
});

describe('a narrowing', () => {
  const widened = [{ name: 'code', type: 'string', maxLength: 40, required: true }, { name: 'copies', type: 'decimal' }];

  it('text → integer is refused without convert, naming the organization and the id of the row that would fail', async () => {
    const err = await errorOf(generateFor(catalog(...widened, { name: 'pages', type: 'integer' })));
    expect(err.code).toBe('MANIFEST_INVALID');
    expect(err.message).toContain('catalog.json#/entities/0/fields/1/convert: changing catalog.item.pages from character varying(255) to integer may lose data');
    expect(err.message).toContain(`1 row would fail: ${orgB.org.slug} 1 (ids ${ids.get('b1')})`);
    expect(err.message).toContain('declare how to convert');
  });

  it('with a convert that still leaves a row failing, it is refused again with the count; once it maps every row, the values are converted', async () => {
    const trimOnly = await errorOf(generateFor(catalog(...widened, { name: 'pages', type: 'integer', convert: { trim: true } })));
    expect(trimOnly.message).toContain(`1 row would fail: ${orgB.org.slug} 1`);
    const generated = await generateFor(catalog(...widened, { name: 'pages', type: 'integer', convert: { trim: true, values: { many: '99' } } }));
    expect(generated!.body).toContain('CONVERSION_FAILS');
    await run(generated!.migration);
    expect((await stored('a1')).pages).toBe(12);
    expect((await stored('a2')).pages).toBe(7);
    expect((await stored('b1')).pages).toBe(99);
    expect((await diffSchema(current!.dataSource, current!.registry)).up).toEqual([]);
  });

  it('a removed enum value that records hold is refused, then mapped by convert.values', async () => {
    const pages = { name: 'pages', type: 'integer', convert: { trim: true, values: { many: '99' } } };
    const err = await errorOf(generateFor(catalog(...widened, pages, { name: 'size', type: 'enum', values: ['small', 'medium'] })));
    expect(err.message).toMatch(/fields\/3\/convert: changing catalog\.item\.size removing values that records hold may lose data \(in this database 2 rows would fail/);
    const generated = await generateFor(catalog(...widened, pages, { name: 'size', type: 'enum', values: ['small', 'medium'], convert: { values: { large: 'medium' } } }));
    await run(generated!.migration);
    expect([(await stored('a1')).size, (await stored('a2')).size, (await stored('b1')).size]).toEqual(['medium', 'small', 'medium']);
    expect((await diffSchema(current!.dataSource, current!.registry)).up).toEqual([]);
  });

  it('optional → required is refused while rows are empty, then filled by convert.nullsTo; the migration re-checks a database with rows this one lacked', async () => {
    const before = [...widened, { name: 'pages', type: 'integer', convert: { trim: true, values: { many: '99' } } }, { name: 'size', type: 'enum', values: ['small', 'medium'], convert: { values: { large: 'medium' } } }];
    const err = await errorOf(generateFor(catalog(...before, { name: 'note', type: 'string', required: true })));
    expect(err.message).toMatch(/fields\/4\/convert: changing catalog\.item\.note from optional to required may lose data \(in this database 2 rows would fail/);
    const generated = await generateFor(catalog(...before, { name: 'note', type: 'string', maxLength: 4, required: true, convert: { nullsTo: 'n/a' } }));
    // A row the development database did not have when the migration was written: too long for the new column.
    const [late] = await base.dataSource.query(`INSERT INTO catalog_item (organization_id, code, pages, size, note) VALUES ($1, 'A-3', 3, 'small', 'far too long') RETURNING id`, [orgA.org.id]);
    const refused = await run(generated!.migration).then(() => new Error('the migration ran'), (err: Error) => err);
    expect(refused.message).toMatch(/CONVERSION_FAILS: 1 row\(s\) of catalog\.item\.note cannot be converted/);
    expect((await stored('a1')).note).toBeNull();
    await base.dataSource.query(`UPDATE catalog_item SET note = 'ok' WHERE id = $1`, [late.id]);
    await run(generated!.migration);
    expect([(await stored('a1')).note, (await stored('a2')).note]).toEqual(['n/a', 'kept']);
    expect((await diffSchema(current!.dataSource, current!.registry)).up).toEqual([]);
  });
});

describe('a removed field', () => {
  const now = [
    { name: 'code', type: 'string', maxLength: 40, required: true },
    { name: 'copies', type: 'decimal' },
    { name: 'pages', type: 'integer', convert: { trim: true, values: { many: '99' } } },
    { name: 'size', type: 'enum', values: ['small', 'medium'], convert: { values: { large: 'medium' } } },
    { name: 'note', type: 'string', maxLength: 4, required: true, convert: { nullsTo: 'n/a' } },
  ];

  it('is refused as destructive; with --archive its values move to ums_archive, out of the app role\'s reach, and down brings them back', async () => {
    const without = (m: Json): Json => ({ ...m, entities: [{ ...(m.entities as Json[])[0], fields: ((m.entities as Json[])[0].fields as FieldDef[]).filter((f) => f.name !== 'copies') }] });
    const refused = await errorOf(generateFor(without(catalog(...now))));
    expect(refused.message).toContain('--archive');
    const generated = await generateFor(without(catalog(...now)), { archive: true });
    expect(generated!.body).toMatch(/CREATE TABLE "ums_archive"\."catalog_item__copies_\w+" AS SELECT id, organization_id, "copies" AS value FROM "catalog_item"/);
    await run(generated!.migration);
    const [archive] = await base.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'ums_archive' AND table_name LIKE 'catalog_item__copies_%'`);
    const kept = await base.dataSource.query(`SELECT id, value FROM ums_archive."${archive.table_name}" ORDER BY value`);
    expect(kept.map((r: { id: string }) => r.id).sort()).toEqual([ids.get('a1'), ids.get('a2'), ids.get('b1')].sort());
    expect((await diffSchema(current!.dataSource, current!.registry)).up).toEqual([]);
    const [grant] = await base.dataSource.query(`SELECT has_schema_privilege('ums_app', 'ums_archive', 'USAGE') AS usable`);
    expect(grant.usable).toBe(false);
    await run(generated!.migration, 'down');
    expect((await stored('a1')).copies).toBe(5);
  });
});

