/**
 * The 10,000-organization data set of `npm run bench -- --only=tenants`, in its own embedded
 * PostgreSQL under `.bench/tenants/` (the 200-organization set under `.bench/` stays as it is).
 *
 * Three organizations are made through the real code (tenancy, RecordService, the library's seed):
 * a *template* (the small seed — 20 books, 12 members, 10 loans, a fine setting — plus books
 * bulk-inserted up to TEMPLATE_BOOKS; one user per role), a *small* one (the small seed alone: 20
 * books) and a *large* one holding exactly what the 200-organization set's measured organization
 * holds (1,000 books from the same `demoBook()` calls, the same librarian and row-filtered member).
 * The other 9,997 are copies of the template made in SQL: every tenant table's rows of the
 * template, once per new organization, with every uuid column (ids and the references between
 * them) mapped through md5(id || organization) so the copy is internally consistent. Fixture data,
 * not app data: no hooks, and the template's audit rows are not copied (each copy would add ~150
 * rows of random-uuid index inserts: the first try spent a minute per 1,000 organizations on them
 * alone); with `session_replication_role = replica` PostgreSQL skips foreign-key triggers for the
 * copy, which is consistent by construction. Minutes instead of the hours 10,000 ×
 * createOrganization would take.
 *
 * Why 100 books per organization and not the 200-organization set's 1,000: 10,000 × 1,000 rows
 * with this table's nine indexes would take the better part of an hour to insert on these shared
 * 2-core machines; what the target is about (per-request cost with 50× as many organizations,
 * start-up and caches) depends on the number of organizations, users and roles, and the large
 * organization's own 1,000 books make its list the same query over the same rows as at 200.
 */
import type { Runtime } from '../../core/runtime.js';
import { systemActor } from '../../core/data/actor.js';
import { RecordService } from '../../core/data/records.js';
import { createOrganization, createUser, findOrganization } from '../../core/tenancy/index.js';
import { demoBook, rng } from '../../modules/library/seed.js';
import { ORGANIZATION_TABLE } from '../../core/manifest/index.js';
import { crossTenant } from '../../core/db/cross-tenant.js';
import type { EntityManager } from 'typeorm';
import { BENCH_PASSWORD, BOOKS_PER_ORGANIZATION, MEMBER_ROLE, MEMBER_RULES } from './fixture.js';

/** The bench builds and reads every organization's rows at once: through the named bypass (purpose `bench`). */
export const benchQuery = <T = unknown>(runtime: Runtime, sql: string, parameters?: unknown[]): Promise<T> =>
  crossTenant(runtime.dataSource, 'bench', (owner) => owner.query(sql, parameters) as Promise<T>);
const benchTransaction = <T>(runtime: Runtime, fn: (tx: EntityManager) => Promise<T>): Promise<T> => crossTenant(runtime.dataSource, 'bench', (owner) => owner.transaction(fn));

export const TENANT_ORGANIZATIONS = 10_000;
export const TEMPLATE_SLUG = 'tenant-template';
export const SMALL_SLUG = 'tenant-small';
export const LARGE_SLUG = 'tenant-large';
export const SMALL_LIBRARIAN = `librarian@${SMALL_SLUG}.test`;
export const LARGE_LIBRARIAN = `librarian@${LARGE_SLUG}.test`;
export const LARGE_MEMBER = `member@${LARGE_SLUG}.test`;
const COPY_SLUG = (n: number): string => `tenant-${String(n).padStart(5, '0')}`;
/** Organizations copied per statement: big enough to be fast, small enough to show progress. */
const CHUNK = 1_000;
/** Books of the template (the small seed's 20 plus bulk-inserted ones), so of each copy. */
export const TEMPLATE_BOOKS = 100;
/** Tables whose template rows are not copied (see above). */
const NOT_COPIED = new Set(['core_audit_log']);

export async function tenantsSeeded(runtime: Runtime): Promise<boolean> {
  const [row]: { orgs: number; users: number }[] = await benchQuery(runtime, 
    `SELECT (SELECT count(*)::int FROM ${ORGANIZATION_TABLE}) AS orgs,
            (SELECT count(*)::int FROM core_user WHERE email IN ($1, $2, $3)) AS users`,
    [SMALL_LIBRARIAN, LARGE_LIBRARIAN, LARGE_MEMBER],
  );
  return row.orgs === TENANT_ORGANIZATIONS && row.users === 3;
}

/** One user per library role, then the library's demo seed, all through the real code. */
async function seededOrganization(runtime: Runtime, slug: string, size: 'demo' | 'small'): Promise<string> {
  const { organization } = await createOrganization(runtime, { name: `Tenant ${slug}`, slug, systemType: 'library', admin: { email: `admin@${slug}.test`, password: BENCH_PASSWORD } });
  const usersByRole = new Map<string, { id: string; email: string }>();
  for (const role of ['librarian', 'member']) {
    const email = `${role}@${slug}.test`;
    const user = await createUser(runtime, slug, { email, password: BENCH_PASSWORD, name: `Tenant ${role}`, roles: [role] });
    usersByRole.set(`library.${role}`, { id: String(user.id), email });
  }
  const plugin = runtime.plugins.byModule.get('library');
  const records = RecordService.forSystem(runtime, organization.id, 'seed:library').forModule('library');
  await records.transaction((tx) =>
    plugin!.seed!({
      records: tx,
      organization,
      usersByRole,
      size,
      as: async (user) => (await RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: organization.id, email: user.email }, tx.entityManager)).forModule('library'),
    }),
  );
  return organization.id;
}

/** Books bulk-inserted into an organization (fixture data, as fixture.ts does), numbered from `from` so ISBNs stay unique. */
async function addBooks(runtime: Runtime, organizationId: string, from: number, count: number, seed: number): Promise<void> {
  const r = rng(seed);
  const books = Array.from({ length: count }, (_, i) => demoBook(from + i, r));
  const column = (name: string): unknown[] => books.map((b) => b[name] ?? null);
  await benchQuery(runtime, 
    `INSERT INTO library_book (organization_id, title, isbn, authors, category, published_year, shelf, copies_total, copies_available, acquisition_price)
     SELECT $1, b.title, b.isbn, b.authors, b.category, b.published_year, b.shelf, b.copies_total, b.copies_total, b.acquisition_price
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int[], $9::numeric[])
            AS b(title, isbn, authors, category, published_year, shelf, copies_total, acquisition_price)`,
    [organizationId, column('title'), column('isbn'), column('authors'), column('category'), column('published_year'), column('shelf'), column('copies_total'), column('acquisition_price')],
  );
}

/** The large organization: what the 200-organization set's measured one holds (fixture.ts), so their lists compare. */
async function largeOrganization(runtime: Runtime): Promise<void> {
  const { organization } = await createOrganization(runtime, { name: 'Tenant large', slug: LARGE_SLUG, systemType: 'library', admin: { email: `admin@${LARGE_SLUG}.test`, password: BENCH_PASSWORD } });
  await addBooks(runtime, organization.id, 0, BOOKS_PER_ORGANIZATION, 7919 * 1); // the generator seed fixture.ts uses for its first organization
  await createUser(runtime, LARGE_SLUG, { email: LARGE_LIBRARIAN, password: BENCH_PASSWORD, name: 'Bench Librarian', roles: ['librarian'] });
  const member = await createUser(runtime, LARGE_SLUG, { email: LARGE_MEMBER, password: BENCH_PASSWORD, name: 'Bench Member', roles: [] });
  const records = await RecordService.for(runtime, systemActor(organization.id, 'bench fixture'));
  const role = await records.create('core.role', { name: MEMBER_ROLE, label: 'Bench reader (books of four categories)', rules: MEMBER_RULES });
  await records.create('core.role_assignment', { user: member.id, role: role.id });
}

interface Column {
  name: string;
  type: string;
}

/** Every table with an organization_id column (the tenant tables), with its insertable columns. */
async function tenantTables(runtime: Runtime): Promise<Map<string, Column[]>> {
  const rows: { table: string; column: string; type: string }[] = await benchQuery(runtime, 
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, NULL) AS type
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE c.relkind IN ('r', 'p') AND c.relname <> $1
        AND EXISTS (SELECT 1 FROM pg_attribute o WHERE o.attrelid = c.oid AND o.attname = 'organization_id' AND NOT o.attisdropped)
        AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid)
      ORDER BY c.relname, a.attnum`,
    [ORGANIZATION_TABLE],
  );
  const out = new Map<string, Column[]>();
  for (const r of rows) out.set(r.table, [...(out.get(r.table) ?? []), { name: r.column, type: r.type }]);
  return out;
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The SELECT list that turns a template row into the copy's row for organization `o`. */
function copiedColumn(column: Column): string {
  const c = `t.${ident(column.name)}`;
  if (column.name === 'organization_id') return 'o.id';
  // Ids and references between the template's rows: one mapping for all, so the copy's references hold.
  if (column.type === 'uuid') return `md5(${c}::text || o.id::text)::uuid`;
  // E-mail addresses are unique across organizations (sign-in finds the user by it): the copy's own domain.
  if (column.name === 'email') return `replace(${c}, '@${TEMPLATE_SLUG}.', '@' || o.slug || '.')`;
  return c;
}

export async function seedTenants(runtime: Runtime, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const templateId = await seededOrganization(runtime, TEMPLATE_SLUG, 'small');
  // The small seed's ISBNs are isbn13(100000 + i) for i < 20: the extra books continue the numbering.
  await addBooks(runtime, templateId, 20, TEMPLATE_BOOKS - 20, 104729);
  await seededOrganization(runtime, SMALL_SLUG, 'small');
  await largeOrganization(runtime);
  log(`  template, small and large organizations through the real code in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const copies = TENANT_ORGANIZATIONS - 3;
  const orgColumns: { column: string }[] = await benchQuery(runtime, 
    `SELECT attname AS column FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [ORGANIZATION_TABLE],
  );
  const copyStarted = performance.now();
  await benchQuery(runtime, `CREATE UNLOGGED TABLE IF NOT EXISTS bench_copy (n int PRIMARY KEY, id uuid NOT NULL, slug text NOT NULL)`);
  await benchQuery(runtime, `TRUNCATE bench_copy`);
  await benchQuery(runtime, 
    `INSERT INTO bench_copy SELECT n, md5('bench-tenant-' || n)::uuid, 'tenant-' || lpad(n::text, 5, '0') FROM generate_series(1, $1) n`,
    [copies],
  );
  if (COPY_SLUG(1) !== 'tenant-00001') throw new Error('slug scheme out of step with the SQL above');
  const orgSelect = orgColumns.map(({ column }) => (column === 'id' ? 'o.id' : column === 'slug' ? 'o.slug' : column === 'name' ? `'Tenant ' || o.slug` : `t.${ident(column)}`)).join(', ');
  await benchQuery(runtime, 
    `INSERT INTO ${ORGANIZATION_TABLE} (${orgColumns.map((c) => ident(c.column)).join(', ')})
     SELECT ${orgSelect} FROM ${ORGANIZATION_TABLE} t CROSS JOIN bench_copy o WHERE t.id = $1`,
    [templateId],
  );
  const tables = await tenantTables(runtime);
  const perTable: string[] = [];
  for (const [table, columns] of tables) {
    const [{ n }]: { n: number }[] = await benchQuery(runtime, `SELECT count(*)::int AS n FROM ${ident(table)} WHERE organization_id = $1`, [templateId]);
    if (!n || NOT_COPIED.has(table)) continue;
    const tableStarted = performance.now();
    for (let from = 1; from <= copies; from += CHUNK) {
      await benchTransaction(runtime, async (tx) => {
        // Foreign-key and other triggers off for this copy only (transaction-local): the copy is consistent by construction.
        await tx.query(`SET LOCAL session_replication_role = replica`);
        await tx.query(
          `INSERT INTO ${ident(table)} (${columns.map((c) => ident(c.name)).join(', ')})
           SELECT ${columns.map(copiedColumn).join(', ')} FROM ${ident(table)} t CROSS JOIN bench_copy o
            WHERE t.organization_id = $1 AND o.n BETWEEN $2 AND $3`,
          [templateId, from, Math.min(copies, from + CHUNK - 1)],
        );
      });
    }
    perTable.push(`${table} ${n}`);
    log(`    ${table}: ${n} rows × ${copies} organizations in ${((performance.now() - tableStarted) / 1000).toFixed(1)} s`);
  }
  log(`  ${copies} copies of the template (${perTable.join(', ')} rows each) in ${((performance.now() - copyStarted) / 1000).toFixed(1)} s`);
  await benchQuery(runtime, `DROP TABLE bench_copy`);
  await benchQuery(runtime, 'VACUUM ANALYZE');
  log(`  seeded and vacuumed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export interface TenantsFixture {
  organizations: number;
  books: number;
  rows: number;
  small: { id: string; books: number };
  large: { id: string; books: number; member: number };
}

export async function describeTenants(runtime: Runtime, memberCategories: string[]): Promise<TenantsFixture> {
  const small = await findOrganization(runtime, SMALL_SLUG);
  const large = await findOrganization(runtime, LARGE_SLUG);
  const [row]: { orgs: number; books: number; small: number; large: number; member: number }[] = await benchQuery(runtime, 
    `SELECT (SELECT count(*)::int FROM ${ORGANIZATION_TABLE}) AS orgs, (SELECT count(*)::int FROM library_book) AS books,
            (SELECT count(*)::int FROM library_book WHERE organization_id = $1) AS small,
            (SELECT count(*)::int FROM library_book WHERE organization_id = $2) AS large,
            (SELECT count(*)::int FROM library_book WHERE organization_id = $2 AND category = ANY($3)) AS member`,
    [small.id, large.id, memberCategories],
  );
  const [{ rows }]: { rows: number }[] = await benchQuery(runtime, 
    `SELECT sum(c.reltuples)::bigint::int AS rows FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relkind = 'r' AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id')`,
  );
  return { organizations: row.orgs, books: row.books, rows, small: { id: small.id, books: row.small }, large: { id: large.id, books: row.large, member: row.member } };
}
