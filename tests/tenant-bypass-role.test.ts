/**
 * The named bypass runs as its own database role, not as the owner: inside
 * crossTenant `current_user` is ums_bypass (one statement, or every statement
 * of its transaction, also after a statement inside the wall in that
 * transaction), the log names the purpose, and the role can change rows of
 * every organization but not the schema. Outside the bypass, the application
 * role without the tenant setting sees no rows (fails closed). Neither role is
 * the owner or has BYPASSRLS.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { crossTenant, crossTenantRunner } from '../core/db/cross-tenant.js';
import { tenantScoped } from '../core/data/tenant-scope.js';
import { captureLog } from './support/captured-log.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let lines: Record<string, unknown>[] = [];
let restoreLog: () => void;
let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;
let owner: string;

beforeAll(async () => {
  ({ lines, restore: restoreLog } = captureLog('debug'));
  runtime = await createTestRuntime();
  a = await createFixtureOrg(runtime, 'library', ['librarian']);
  b = await createFixtureOrg(runtime, 'library', ['librarian']);
  await (await a.as('librarian')).create('library.book', { title: 'In A', copies_total: 1 });
  await (await b.as('librarian')).create('library.book', { title: 'In B', copies_total: 1 });
  [{ owner }] = await runtime.dataSource.query('SELECT current_user AS owner');
});
afterAll(async () => {
  await runtime?.dispose();
  restoreLog?.();
});

const flushed = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));
const who = `SELECT current_user AS "user", NULLIF(current_setting('ums.organization_id', true), '') AS tenant`;

describe('the bypass role', () => {
  it('runs crossTenant’s statements as ums_bypass, sees every organization’s rows, and logs the purpose', async () => {
    const [me]: { user: string; tenant: string | null }[] = await crossTenant(runtime.dataSource, 'operator-cli', (bypass) => bypass.query(who));
    expect(me).toEqual({ user: 'ums_bypass', tenant: null });
    expect(owner).not.toBe('ums_bypass');
    const titles: { title: string }[] = await crossTenant(runtime.dataSource, 'operator-cli', (bypass) =>
      bypass.query(`SELECT title FROM library_book WHERE organization_id = ANY($1) ORDER BY title`, [[a.org.id, b.org.id]]),
    );
    expect(titles.map((t) => t.title)).toEqual(['In A', 'In B']);
    await flushed();
    expect(lines.filter((l) => l.crossTenant === 'operator-cli' && l.msg === 'cross-tenant bypass')).toHaveLength(2);
  });

  it('holds for every statement of its transaction, also after a statement inside the wall in that transaction', async () => {
    const seen = await crossTenant(runtime.dataSource, 'tenancy', (bypass) =>
      bypass.transaction(async (tx) => {
        const first: { user: string; tenant: string | null }[] = await tx.query(who);
        const walled: { user: string; tenant: string | null }[] = await tenantScoped(tx, a.org.id).query(who);
        const inA: { n: number }[] = await tenantScoped(tx, a.org.id).query('SELECT count(*)::int AS n FROM library_book');
        const again: { user: string; tenant: string | null }[] = await tx.query(who);
        const all: { n: number }[] = await tx.query('SELECT count(*)::int AS n FROM library_book WHERE organization_id = ANY($1)', [[a.org.id, b.org.id]]);
        return { first: first[0], walled: walled[0], inA: inA[0].n, again: again[0], all: all[0].n };
      }),
    );
    expect(seen).toEqual({
      first: { user: 'ums_bypass', tenant: null },
      walled: { user: 'ums_app', tenant: a.org.id },
      inA: 1,
      again: { user: 'ums_bypass', tenant: null },
      all: 2,
    });
  });

  it('a dedicated runner (an export’s snapshot) is in its transaction as ums_bypass', async () => {
    const runner = await crossTenantRunner(runtime.dataSource, 'tenancy', 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      expect(await runner.query(who)).toEqual([{ user: 'ums_bypass', tenant: null }]);
      await runner.query('COMMIT');
    } finally {
      await runner.release();
    }
  });

  it('changes rows but cannot ALTER, DROP, TRUNCATE or CREATE a table', async () => {
    const refused = (sql: string): Promise<unknown> => crossTenant(runtime.dataSource, 'operator-cli', (bypass) => bypass.query(sql));
    for (const sql of ['ALTER TABLE library_book ADD COLUMN probe int', 'DROP TABLE library_book', 'TRUNCATE library_book', 'CREATE TABLE probe_by_bypass (x int)', 'ALTER TABLE library_book DISABLE ROW LEVEL SECURITY']) {
      await expect(refused(sql)).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '42501' }) });
    }
    const [, changed]: [unknown[], number] = await crossTenant(runtime.dataSource, 'operator-cli', (bypass) =>
      bypass.query(`UPDATE library_book SET title = title WHERE organization_id = ANY($1)`, [[a.org.id, b.org.id]]),
    );
    expect(changed).toBe(2);
    const [{ n }]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM library_book WHERE organization_id = ANY($1)`, [[a.org.id, b.org.id]]);
    expect(n).toBe(2);
  });

  it('neither the application role nor the bypass role owns a table or has BYPASSRLS; the bypass passes by its policy on every tenant table', async () => {
    const roles: { rolname: string; rolbypassrls: boolean; rolcanlogin: boolean; owns: number }[] = await runtime.dataSource.query(
      `SELECT r.rolname, r.rolbypassrls, r.rolcanlogin, (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = current_schema()::regnamespace) AS owns
         FROM pg_roles r WHERE r.rolname IN ('ums_app', 'ums_bypass') ORDER BY r.rolname`,
    );
    expect(roles).toEqual([
      { rolname: 'ums_app', rolbypassrls: false, rolcanlogin: false, owns: 0 },
      { rolname: 'ums_bypass', rolbypassrls: false, rolcanlogin: false, owns: 0 },
    ]);
    const [{ missing }]: { missing: string[] }[] = await runtime.dataSource.query(
      `SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), '{}') AS missing
         FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
        WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = current_schema() AND p.tablename = c.relname AND p.policyname = 'ums_bypass_all' AND p.roles = '{ums_bypass}')`,
    );
    expect(missing).toEqual([]);
  });
});

describe('outside the bypass', () => {
  it('the application role without the tenant setting sees no rows of a tenant table (fails closed)', async () => {
    const runner = runtime.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT set_config('role', 'ums_app', true)`);
      expect(await runner.query('SELECT current_user AS "user", count(*)::int AS n FROM library_book')).toEqual([{ user: 'ums_app', n: 0 }]);
      expect(await runner.query('SELECT count(*)::int AS n FROM library_book WHERE organization_id = $1', [b.org.id])).toEqual([{ n: 0 }]);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });

  it('an owner purpose (bench maintenance) is the one that runs as the owner', async () => {
    const [me]: { user: string }[] = await crossTenant(runtime.dataSource, 'bench', (o) => o.query('SELECT current_user AS "user"'));
    expect(me.user).toBe(owner);
  });
});
