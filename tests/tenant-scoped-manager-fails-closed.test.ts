/**
 * The data layer's tenant-scoped EntityManager (records.entityManager,
 * withinTenant, tenantTransaction) scopes its `query` to one organization.
 * Everything else TypeORM's manager offers — repositories, query builders,
 * the find/save family, `sql`, its connection, its query runner — would run as
 * the database owner without the tenant setting, outside row-level security.
 * The scoped manager fails closed: each such member throws a TENANT_SCOPE
 * error; what it does serve (`query`, `transaction`, whether a transaction is
 * open) sees only its own organization's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EntityManager } from 'typeorm';
import { UmsError } from '../core/errors.js';
import { SCOPED_MANAGER_REFUSAL, tenantTransaction, withinTenant } from '../core/data/tenant-scope.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  a = await createFixtureOrg(runtime, 'library', ['librarian']);
  b = await createFixtureOrg(runtime, 'library', ['librarian']);
  await (await a.as('librarian')).create('library.book', { title: 'কেবল A-র বই', copies_total: 1 });
  await (await b.as('librarian')).create('library.book', { title: 'Only in B', copies_total: 1 });
});
afterAll(() => runtime.dispose());

/** Every member TypeORM's EntityManager has (its prototype's methods and an instance's fields), but the scoped ones. */
function unscopedMembers(): string[] {
  const methods = Object.getOwnPropertyNames(EntityManager.prototype);
  const fields = Object.keys(runtime.dataSource.manager);
  return [...new Set([...methods, ...fields])].filter((m) => !['query', 'transaction', 'queryRunner', '@instanceof'].includes(m)).sort();
}

/** The error `touch` threw, or undefined when it did not throw. */
function refusalOf(touch: () => unknown): unknown {
  try {
    touch();
  } catch (err) {
    return err;
  }
  return undefined;
}

function expectEveryUnscopedMemberRefused(manager: EntityManager): void {
  const members = unscopedMembers();
  // The list is TypeORM's own: the ones that leaked before are in it.
  expect(members).toEqual(expect.arrayContaining(['getRepository', 'createQueryBuilder', 'find', 'findOneBy', 'count', 'save', 'insert', 'update', 'delete', 'upsert', 'increment', 'sql', 'connection']));
  const notRefused = members.filter((member) => {
    const err = refusalOf(() => (manager as unknown as Record<string, unknown>)[member]);
    return !(err instanceof UmsError && err.code === 'TENANT_SCOPE' && err.message.startsWith(SCOPED_MANAGER_REFUSAL));
  });
  expect(notRefused).toEqual([]);
}

const booksSeen = async (manager: EntityManager): Promise<string[]> =>
  ((await manager.query('SELECT title FROM library_book ORDER BY title')) as { title: string }[]).map((r) => r.title);

describe('a tenant-scoped manager refuses what would run as the owner', () => {
  it('records.entityManager outside a transaction: every member but query throws TENANT_SCOPE', async () => {
    const manager = (await a.as('librarian')).entityManager;
    expectEveryUnscopedMemberRefused(manager);
    expect(await booksSeen(manager)).toEqual(['কেবল A-র বই']);
  });

  it('inside a transaction as well; its query runner answers only whether a transaction is open', async () => {
    await (await a.as('librarian')).transaction(async (tx) => {
      const manager = tx.entityManager;
      expectEveryUnscopedMemberRefused(manager);
      expect(manager.queryRunner?.isTransactionActive).toBe(true);
      for (const member of ['query', 'manager', 'connection', 'startTransaction', 'commitTransaction', 'release', 'getTable']) {
        const err = refusalOf(() => (manager.queryRunner as unknown as Record<string, unknown>)[member]);
        expect(err).toBeInstanceOf(UmsError);
        expect((err as UmsError).code).toBe('TENANT_SCOPE');
      }
      expect(await booksSeen(manager)).toEqual(['কেবল A-র বই']);
    });
  });

  it('a refused call made the way the hole was used (a repository, a query builder, find) never reaches the database', async () => {
    const manager = withinTenant(runtime.dataSource, a.org.id);
    await expect(async () => manager.getRepository('library_book').find()).rejects.toThrow(SCOPED_MANAGER_REFUSAL);
    await expect(async () => manager.createQueryBuilder().select('title').from('library_book', 'b').getRawMany()).rejects.toThrow(SCOPED_MANAGER_REFUSAL);
    await expect(async () => manager.find('library_book')).rejects.toThrow(SCOPED_MANAGER_REFUSAL);
    await expect(async () => manager.sql`SELECT title FROM library_book`).rejects.toThrow(SCOPED_MANAGER_REFUSAL);
    // The same calls on the owner's manager do see B's book: what the refusal stops is real.
    const owner = (await runtime.dataSource.manager.createQueryBuilder().select('title').from('library_book', 'b').getRawMany()) as { title: string }[];
    expect(owner.map((r) => r.title)).toContain('Only in B');
  });

  it('withinTenant and tenantTransaction managers refuse the same members', async () => {
    expectEveryUnscopedMemberRefused(withinTenant(runtime.dataSource, a.org.id));
    await tenantTransaction(runtime.dataSource, a.org.id, async (manager) => {
      expectEveryUnscopedMemberRefused(manager);
      expect(await booksSeen(manager)).toEqual(['কেবল A-র বই']);
    });
  });
});

describe('what the scoped manager serves stays inside its organization', () => {
  it('transaction() hands its callback a manager scoped to the same organization, also as a savepoint', async () => {
    const manager = withinTenant(runtime.dataSource, b.org.id);
    const seen = await manager.transaction(async (inner) => {
      expectEveryUnscopedMemberRefused(inner);
      expect(inner.queryRunner?.isTransactionActive).toBe(true);
      const nested = await inner.transaction('READ COMMITTED', (savepoint) => booksSeen(savepoint));
      return { outer: await booksSeen(inner), nested };
    });
    expect(seen).toEqual({ outer: ['Only in B'], nested: ['Only in B'] });
  });

  it('a refused member inside a transaction rolls back what the transaction wrote', async () => {
    const write = tenantTransaction(runtime.dataSource, a.org.id, async (manager) => {
      await manager.query(`INSERT INTO library_book (organization_id, title, copies_total) VALUES ($1, 'Never kept', 1)`, [a.org.id]);
      await manager.getRepository('library_book').count();
    });
    await expect(write).rejects.toMatchObject({ code: 'TENANT_SCOPE' });
    expect(await booksSeen(withinTenant(runtime.dataSource, a.org.id))).toEqual(['কেবল A-র বই']);
  });
});
