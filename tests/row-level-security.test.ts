/**
 * Row-level security, the second wall: every table with an organization_id has
 * the policy organization_id = current_setting('ums.organization_id'), enforced
 * for the application role ums_app that every data-layer transaction runs as.
 * Even raw SQL in a plugin's transaction sees and writes its own organization
 * only; without the setting it sees nothing. The owner connection is the named
 * bypass (sign-in across organizations, operator commands, fixtures).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { authenticator } from '../core/auth/index.js';
import type { RecordService } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { runCli } from './support/cli.js';

let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;
let bookOfB: string;

const count = async (records: RecordService, sql: string, params: unknown[]): Promise<number> => {
  const [row]: { n: number }[] = await records.entityManager.query(sql, params);
  return row.n;
};

beforeAll(async () => {
  runtime = await createTestRuntime();
  a = await createFixtureOrg(runtime, 'library', ['librarian']);
  b = await createFixtureOrg(runtime, 'library', ['librarian']);
  await (await a.as('librarian')).create('library.book', { title: 'In A', copies_total: 1 });
  bookOfB = String((await (await b.as('librarian')).create('library.book', { title: 'In B', copies_total: 1 })).id);
});
afterAll(() => runtime.dispose());

describe('raw SQL through the data layer sees one organization', () => {
  it('a raw query in a plugin’s transaction for another tenant’s rows gets nothing; its own rows are there', async () => {
    const librarianA = await a.as('librarian');
    await librarianA.transaction(async (tx) => {
      expect(await count(tx, 'SELECT count(*)::int AS n FROM library_book WHERE organization_id = $1', [b.org.id])).toBe(0);
      expect(await count(tx, 'SELECT count(*)::int AS n FROM library_book WHERE id = $1', [bookOfB])).toBe(0);
      // No WHERE at all: still only A's rows, on every tenant table (users, audit, books).
      expect(await count(tx, 'SELECT count(*)::int AS n FROM library_book', [])).toBe(1);
      expect(await count(tx, 'SELECT count(*)::int AS n FROM core_user WHERE organization_id <> $1', [a.org.id])).toBe(0);
      expect(await count(tx, 'SELECT count(*)::int AS n FROM core_audit_log WHERE organization_id <> $1', [a.org.id])).toBe(0);
    });
  });

  it('outside a transaction and for a system actor too', async () => {
    const librarianA = await a.as('librarian');
    expect(await count(librarianA, 'SELECT count(*)::int AS n FROM library_book WHERE organization_id = $1', [b.org.id])).toBe(0);
    const system = librarianA.asSystem('rls-probe');
    expect(await count(system, 'SELECT count(*)::int AS n FROM library_book WHERE organization_id = $1', [b.org.id])).toBe(0);
    expect(await count(system, 'SELECT count(*)::int AS n FROM library_book', [])).toBe(1);
  });

  it('a write of another tenant’s organization_id is refused, insert and update alike', async () => {
    const librarianA = await a.as('librarian');
    const insert = librarianA.transaction((tx) =>
      tx.entityManager.query(`INSERT INTO library_book (organization_id, title, copies_total) VALUES ($1, 'Smuggled', 1)`, [b.org.id]),
    );
    await expect(insert).rejects.toThrow(/row-level security policy/);
    const move = librarianA.transaction((tx) => tx.entityManager.query(`UPDATE library_book SET organization_id = $1 RETURNING id`, [b.org.id]));
    await expect(move).rejects.toThrow(/row-level security policy/);
    // An update of B's row from A's transaction finds nothing to update.
    const [, touched] = await librarianA.transaction((tx) => tx.entityManager.query(`UPDATE library_book SET title = 'Hijacked' WHERE id = $1`, [bookOfB]));
    expect(touched).toBe(0);
    const [{ title }]: { title: string }[] = await runtime.dataSource.query('SELECT title FROM library_book WHERE id = $1', [bookOfB]);
    expect(title).toBe('In B');
  });
});

describe('fail closed', () => {
  it('the application role without the setting sees nothing — before any setting and after one ended', async () => {
    const runner = runtime.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL ROLE ums_app');
      const [never] = await runner.query('SELECT count(*)::int AS n FROM library_book');
      expect(never.n).toBe(0);
      await runner.commitTransaction();
      // A transaction that set it leaves '' behind on the connection: still nothing, and no error.
      await runner.startTransaction();
      await runner.query(`SELECT set_config('role', 'ums_app', true), set_config('ums.organization_id', $1, true)`, [a.org.id]);
      expect((await runner.query('SELECT count(*)::int AS n FROM library_book'))[0].n).toBe(1);
      await runner.commitTransaction();
      await runner.startTransaction();
      await runner.query('SET LOCAL ROLE ums_app');
      expect((await runner.query('SELECT count(*)::int AS n FROM library_book'))[0].n).toBe(0);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
  });

  it('every table with an organization_id has row-level security and the tenant policy; the app role cannot bypass it', async () => {
    const unguarded: { table: string }[] = await runtime.dataSource.query(`
      SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
       WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
         AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = current_schema() AND p.tablename = c.relname AND p.policyname = 'ums_tenant_isolation'))`);
    expect(unguarded).toEqual([]);
    const [tables]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM pg_policies WHERE policyname = 'ums_tenant_isolation' AND schemaname = current_schema()`);
    expect(tables.n).toBeGreaterThan(30);
    const [role]: { rolbypassrls: boolean; rolsuper: boolean; rolcanlogin: boolean }[] = await runtime.dataSource.query(`SELECT rolbypassrls, rolsuper, rolcanlogin FROM pg_roles WHERE rolname = 'ums_app'`);
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false, rolcanlogin: false });
    const [owners]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema() AND tableowner = 'ums_app'`);
    expect(owners.n).toBe(0);
  });
});

describe('what works across organizations on purpose (the named bypass)', () => {
  it('sign-in finds an address in several organizations and picks the one whose password matches', async () => {
    await createUser(runtime, a.org.slug, { email: 'both@orgs.test', password: 'password-of-a', name: 'In A', roles: [] });
    await createUser(runtime, b.org.slug, { email: 'both@orgs.test', password: 'password-of-b', name: 'In B', roles: [] });
    const signIn = authenticator(runtime);
    expect((await signIn('both@orgs.test', 'password-of-b'))?.organizationId).toBe(b.org.id);
    expect((await signIn('both@orgs.test', 'password-of-a'))?.organizationId).toBe(a.org.id);
  });

  it('an operator command lists every organization and creates a user in one (audited as its system actor)', async () => {
    const cli = (...argv: string[]) => runCli(argv, { DATABASE_URL: runtime.url });
    const list = await cli('org:list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(a.org.slug);
    expect(list.stdout).toContain(b.org.slug);
    const created = await cli('user:create', '--org', b.org.slug, '--email', 'operator-made@b.test', '--name', 'Made', '--role', 'library.librarian', '--password', 'secret-123');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
  });

  it('the operator’s user was written under B’s policy and audited there', async () => {
    const rows: { organization_id: string; system_actor: string }[] = await runtime.dataSource.query(
      `SELECT l.organization_id, l.system_actor FROM core_audit_log l JOIN core_user u ON u.id::text = l.record_id WHERE u.email = 'operator-made@b.test' AND l.entity = 'core.user'`,
    );
    expect(rows).toEqual([{ organization_id: b.org.id, system_actor: 'user:create' }]);
  });
});
