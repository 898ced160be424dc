/**
 * The named bypass (core/db/cross-tenant.ts): the one way past the tenant
 * walls names its purpose in the log (never the SQL or its parameters), logs a
 * failure with the purpose too, and a write it audits names the system actor
 * `cross-tenant:<purpose>`. Inside the wall, withinTenant sees one
 * organization only.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditCrossTenant, crossTenant } from '../core/db/cross-tenant.js';
import { withinTenant } from '../core/data/tenant-scope.js';
import { captureLog } from './support/captured-log.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let lines: Record<string, unknown>[] = [];
let raw: string[] = [];
let restoreLog: () => void;
let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;

beforeAll(async () => {
  ({ lines, raw, restore: restoreLog } = captureLog('debug'));
  runtime = await createTestRuntime();
  a = await createFixtureOrg(runtime, 'library', ['librarian']);
  b = await createFixtureOrg(runtime, 'library', ['librarian']);
  await (await a.as('librarian')).create('library.book', { title: 'In A', copies_total: 1 });
  await (await b.as('librarian')).create('library.book', { title: 'In B', copies_total: 1 });
});
afterAll(async () => {
  await runtime?.dispose();
  restoreLog?.();
});

const flushed = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

describe('the named cross-tenant bypass', () => {
  it('reads every tenant, and logs its purpose without the statement or its parameters', async () => {
    const secret = 'someone@example.test';
    const rows: { n: number }[] = await crossTenant(runtime.dataSource, 'tenancy', (owner) =>
      owner.query(`SELECT count(*)::int AS n FROM library_book WHERE organization_id = ANY($1) AND title <> $2`, [[a.org.id, b.org.id], secret]),
    );
    expect(rows[0].n).toBe(2);
    await flushed();
    const line = lines.find((l) => l.crossTenant === 'tenancy');
    expect(line).toEqual(expect.objectContaining({ msg: 'cross-tenant bypass', level: 30 }));
    expect(typeof line?.ms).toBe('number');
    expect(raw.join('\n')).not.toContain(secret);
    expect(raw.join('\n')).not.toContain('library_book');
  });

  it('a hot path logs at debug; a failure is logged with its purpose and rethrown', async () => {
    await crossTenant(runtime.dataSource, 'mail-delivery', (owner) => owner.query('SELECT 1'));
    await expect(crossTenant(runtime.dataSource, 'operator-cli', (owner) => owner.query('SELECT * FROM no_such_table'))).rejects.toThrow(/no_such_table/);
    await flushed();
    expect(lines.find((l) => l.crossTenant === 'mail-delivery')).toEqual(expect.objectContaining({ level: 20 }));
    expect(lines.find((l) => l.crossTenant === 'operator-cli')).toEqual(expect.objectContaining({ level: 40, msg: 'cross-tenant bypass failed' }));
  });

  it('a write it audits names the system actor cross-tenant:<purpose>', async () => {
    await crossTenant(runtime.dataSource, 'tenancy', (owner) =>
      owner.transaction((tx) => auditCrossTenant(tx, 'tenancy', { organizationId: a.org.id, module: 'core', entity: 'core.organization', recordId: a.org.id, actionName: 'probe', changes: { x: { before: 1, after: 2 } } })),
    );
    const [row]: { system_actor: string; actor_id: string | null }[] = await runtime.dataSource.query(
      `SELECT system_actor, actor_id FROM core_audit_log WHERE organization_id = $1 AND action_name = 'probe'`,
      [a.org.id],
    );
    expect(row).toEqual({ system_actor: 'cross-tenant:tenancy', actor_id: null });
  });

  it('inside the wall, withinTenant sees its own organization only', async () => {
    const [mine]: { n: number }[] = await withinTenant(runtime.dataSource, a.org.id).query('SELECT count(*)::int AS n FROM library_book');
    const [theirs]: { n: number }[] = await withinTenant(runtime.dataSource, a.org.id).query('SELECT count(*)::int AS n FROM library_book WHERE organization_id = $1', [b.org.id]);
    expect([mine.n, theirs.n]).toEqual([1, 0]);
  });
});
