/**
 * The benchmark's data: 200 library organizations with 1,000 books each, a
 * librarian and a row-filtered member in the first one. Kept in its own
 * embedded PostgreSQL under `.bench/` between runs (`--reseed` rebuilds it).
 */
import type { Runtime } from '../../core/runtime.js';
import { systemActor } from '../../core/data/actor.js';
import { RecordService } from '../../core/data/records.js';
import { createOrganization, createUser, findOrganization } from '../../core/tenancy/index.js';
import { demoBook, rng } from '../../modules/library/seed.js';
import { ORGANIZATION_TABLE } from '../../core/manifest/index.js';
import { crossTenant } from '../../core/db/cross-tenant.js';

export const ORGANIZATIONS = 200;
export const BOOKS_PER_ORGANIZATION = 1_000;
export const BENCH_PASSWORD = 'bench1234';
export const slugOf = (n: number): string => `bench-${String(n).padStart(3, '0')}`;
/** The organization whose librarian and member are measured (every organization holds the same amount of data). */
export const MEASURED_SLUG = slugOf(1);
export const LIBRARIAN_EMAIL = `librarian@${MEASURED_SLUG}.test`;
export const MEMBER_EMAIL = `member@${MEASURED_SLUG}.test`;
export const MEMBER_ROLE = 'bench_reader';
/** Half of the eight categories: a realistic row condition that still selects a large share of rows (≈50 %). */
export const MEMBER_CATEGORIES = ['fiction', 'science', 'history', 'children'];
export const MEMBER_RULES = [{ action: 'read', subject: 'library.book', conditions: { category: { $in: MEMBER_CATEGORIES } } }];

export interface Fixture {
  organizationId: string;
  booksTotal: number;
  /** Books of the measured organization the member's row condition selects. */
  memberVisible: number;
  librarianVisible: number;
}

export async function isSeeded(runtime: Runtime): Promise<boolean> {
  const [row]: { orgs: number; books: number; users: number; roles: number }[] = await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query(
    `SELECT (SELECT count(*)::int FROM ${ORGANIZATION_TABLE} WHERE slug LIKE 'bench-%') AS orgs,
            (SELECT count(*)::int FROM library_book) AS books,
            (SELECT count(*)::int FROM core_user WHERE email IN ($1, $2)) AS users,
            (SELECT count(*)::int FROM core_role WHERE name = $3 AND rules = $4::jsonb) AS roles`,
    [LIBRARIAN_EMAIL, MEMBER_EMAIL, MEMBER_ROLE, JSON.stringify(MEMBER_RULES)],
  ));
  return row.orgs === ORGANIZATIONS && row.books === ORGANIZATIONS * BOOKS_PER_ORGANIZATION && row.users === 2 && row.roles === 1;
}

/**
 * Benchmark fixture data, not app data: organizations and users go through the
 * real tenancy code, but the 200,000 books are bulk-inserted with one
 * `INSERT … SELECT FROM unnest(…)` per organization (no hooks, no audit rows),
 * which takes seconds instead of the ~hour RecordService.create would need.
 * The values come from the demo seed's `demoBook()`; copies_available mirrors
 * copies_total exactly as the library plugin's beforeCreate hook would set it.
 */
export async function seed(runtime: Runtime, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const ids: string[] = [];
  const BATCH = 4; // scrypt hashing of each admin's password runs in libuv's pool
  for (let n = 1; n <= ORGANIZATIONS; n += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, ORGANIZATIONS - n + 1) }, (_, k) => n + k);
    const created = await Promise.all(
      batch.map((i) =>
        createOrganization(runtime, {
          name: `Bench Library ${i}`,
          slug: slugOf(i),
          systemType: 'library',
          admin: { email: `admin@${slugOf(i)}.test`, password: BENCH_PASSWORD },
        }),
      ),
    );
    ids.push(...created.map((c) => c.organization.id));
  }
  log(`  ${ORGANIZATIONS} organizations in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const booksStarted = performance.now();
  for (const [index, organizationId] of ids.entries()) {
    const r = rng(7919 * (index + 1));
    const books = Array.from({ length: BOOKS_PER_ORGANIZATION }, (_, i) => demoBook(i, r));
    const column = (name: string): unknown[] => books.map((b) => b[name] ?? null);
    await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query(
      `INSERT INTO library_book (organization_id, title, isbn, authors, category, published_year, shelf, copies_total, copies_available, acquisition_price)
       SELECT $1, b.title, b.isbn, b.authors, b.category, b.published_year, b.shelf, b.copies_total, b.copies_total, b.acquisition_price
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int[], $9::numeric[])
              AS b(title, isbn, authors, category, published_year, shelf, copies_total, acquisition_price)`,
      [organizationId, column('title'), column('isbn'), column('authors'), column('category'), column('published_year'), column('shelf'), column('copies_total'), column('acquisition_price')],
    ));
  }
  log(`  ${ORGANIZATIONS * BOOKS_PER_ORGANIZATION} books in ${((performance.now() - booksStarted) / 1000).toFixed(1)} s`);

  // The two measured users of the first organization.
  await createUser(runtime, MEASURED_SLUG, { email: LIBRARIAN_EMAIL, password: BENCH_PASSWORD, name: 'Bench Librarian', roles: ['librarian'] });
  const member = await createUser(runtime, MEASURED_SLUG, { email: MEMBER_EMAIL, password: BENCH_PASSWORD, name: 'Bench Member', roles: [] });
  // A custom role (bench only) that reads books under a row condition; the manifest's member role has none.
  const records = await RecordService.for(runtime, systemActor(ids[0], 'bench fixture'));
  const role = await records.create('core.role', { name: MEMBER_ROLE, label: 'Bench reader (books of four categories)', rules: MEMBER_RULES });
  await records.create('core.role_assignment', { user: member.id, role: role.id });

  await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query('VACUUM ANALYZE'));
  log(`  seeded and vacuumed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function describeFixture(runtime: Runtime): Promise<Fixture> {
  const organization = await findOrganization(runtime, MEASURED_SLUG);
  const [row]: { total: number; books: number; member: number }[] = await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query(
    `SELECT (SELECT count(*)::int FROM library_book) AS total,
            count(*)::int AS books,
            count(*) FILTER (WHERE category = ANY($2))::int AS member
       FROM library_book WHERE organization_id = $1`,
    [organization.id, MEMBER_CATEGORIES],
  ));
  return { organizationId: organization.id, booksTotal: row.total, librarianVisible: row.books, memberVisible: row.member };
}

/**
 * How the books lie on disk. `clustered`: each organization's books together (as seeded), so a list
 * reads a few adjacent pages. `interleaved`: book n of the table belongs to organization n mod 200, as
 * rows of many organizations arrive over time in real use, so the 25 rows of a page lie on ~25 pages.
 */
export type Layout = 'clustered' | 'interleaved';
export const LAYOUTS: readonly Layout[] = ['clustered', 'interleaved'];

/** The layout the bench database holds (a database setting the rewrite below sets; a fresh seed is clustered). */
export async function currentLayout(runtime: Runtime): Promise<Layout> {
  // A database setting: sessions opened after it was set see it (the bench opens its runtime fresh).
  const [row]: { layout: string | null }[] = await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query(`SELECT current_setting('bench.layout', true) AS layout`));
  return row?.layout === 'interleaved' ? 'interleaved' : 'clustered';
}

/**
 * Rewrites the bench organizations' books in `layout`'s physical order (same rows, same owners: only
 * where they lie changes, so every answer stays the same), then VACUUM FULL + ANALYZE. Seconds.
 */
export async function applyLayout(runtime: Runtime, layout: Layout, log: (line: string) => void): Promise<void> {
  if ((await currentLayout(runtime)) === layout) return;
  const started = performance.now();
  const order = layout === 'interleaved'
    ? 'row_number() OVER (PARTITION BY b.organization_id ORDER BY b.id), o.slug'
    : 'o.slug, b.id';
  await crossTenant(runtime.dataSource, 'bench', (owner) => owner.transaction(async (tx) => {
    await tx.query(`CREATE TEMP TABLE bench_books ON COMMIT DROP AS
      SELECT b.* FROM library_book b JOIN ${ORGANIZATION_TABLE} o ON o.id = b.organization_id WHERE o.slug LIKE 'bench-%' ORDER BY ${order}`);
    await tx.query(`DELETE FROM library_book b USING ${ORGANIZATION_TABLE} o WHERE o.id = b.organization_id AND o.slug LIKE 'bench-%'`);
    await tx.query('INSERT INTO library_book SELECT * FROM bench_books');
  }));
  await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query('VACUUM FULL library_book'));
  await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query('VACUUM ANALYZE library_book'));
  const [{ db }]: { db: string }[] = await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query('SELECT current_database() AS db'));
  await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query(`ALTER DATABASE "${db}" SET bench.layout = '${layout}'`));
  log(`  books rewritten ${layout} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
