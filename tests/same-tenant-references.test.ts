/**
 * A reference can only name a row of the same organization, whatever wrote it:
 * every reference is a composite key (organization_id, x_id) → (organization_id, id),
 * so even a raw statement of the owner (which row-level security lets through)
 * is refused by the database; the data layer turns the refusal into a field error.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mapDatabaseError } from '../core/data/db-errors.js';
import type { RecordData } from '../core/data/records.js';
import { crossTenantCheck } from '../core/db/tenant-walls.js';
import { MIGRATIONS_DIR } from '../core/db/migrations.js';
import { RecordValidationError } from '../core/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;
let bookA: RecordData;
let bookB: RecordData;
let memberA: RecordData;

/** The PostgreSQL error a raw statement of the owner connection raises. */
async function pgErrorOf(sql: string, params: unknown[]): Promise<{ code?: string; detail?: string }> {
  try {
    await runtime.dataSource.query(sql, params);
  } catch (err) {
    return ((err as { driverError?: object }).driverError ?? err) as { code?: string; detail?: string };
  }
  throw new Error(`expected the statement to fail: ${sql}`);
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  a = await createFixtureOrg(runtime, 'library', ['librarian']);
  b = await createFixtureOrg(runtime, 'library', ['librarian']);
  bookA = await (await a.as('librarian')).create('library.book', { title: 'In A', copies_total: 1 });
  bookB = await (await b.as('librarian')).create('library.book', { title: 'In B', copies_total: 1 });
  memberA = await (await a.as('librarian')).create('library.member', { name: 'Reader A', card_number: 'A-0001' });
});
afterAll(() => runtime.dispose());

describe('a reference to another organization’s row', () => {
  it('an entity reference: a raw INSERT naming another tenant’s book fails with a foreign key violation, mapped to a field error on book', async () => {
    const err = await pgErrorOf(
      `INSERT INTO library_loan (organization_id, book_id, member_id, status) VALUES ($1, $2, $3, 'requested')`,
      [a.org.id, bookB.id, memberA.id],
    );
    expect(err.code).toBe('23503');
    expect(err.detail).toContain('(organization_id, book_id)');
    const mapped = mapDatabaseError(err, runtime.registry.entity('library.loan')!, runtime.registry, 'create');
    expect(mapped).toBeInstanceOf(RecordValidationError);
    expect((mapped as RecordValidationError).fieldErrors.book?.type).toBe('reference');
    // The same row with the own book is accepted: the refusal is about the tenant, not the statement.
    await runtime.dataSource.query(
      `INSERT INTO library_loan (organization_id, book_id, member_id, status) VALUES ($1, $2, $3, 'requested')`,
      [a.org.id, bookA.id, memberA.id],
    );
  });

  it('a user reference: a raw UPDATE pointing a member at another tenant’s user fails with a foreign key violation, mapped to a field error on user', async () => {
    const userOfB = b.users.get('librarian')!.id;
    const err = await pgErrorOf(`UPDATE library_member SET user_id = $1 WHERE id = $2`, [userOfB, memberA.id]);
    expect(err.code).toBe('23503');
    expect(err.detail).toContain('(organization_id, user_id)');
    expect(err.detail).toContain('core_user');
    const mapped = mapDatabaseError(err, runtime.registry.entity('library.member')!, runtime.registry, 'update');
    expect((mapped as RecordValidationError).fieldErrors.user?.type).toBe('reference');
    // The own organization's user is accepted.
    await runtime.dataSource.query(`UPDATE library_member SET user_id = $1 WHERE id = $2`, [a.users.get('librarian')!.id, memberA.id]);
  });

  it('through the data layer both come back as field errors, never a 500', async () => {
    const librarianA = await a.as('librarian');
    const loan = await librarianA.create('library.loan', { book: bookB.id, member: memberA.id }).catch((e: unknown) => e);
    expect(loan).toBeInstanceOf(RecordValidationError);
    expect(Object.keys((loan as RecordValidationError).fieldErrors)).toEqual(['book']);
    const member = await librarianA.update('library.member', String(memberA.id), { user: b.users.get('librarian')!.id }).catch((e: unknown) => e);
    expect(member).toBeInstanceOf(RecordValidationError);
    expect(Object.keys((member as RecordValidationError).fieldErrors)).toEqual(['user']);
  });

  it('a hand-made tenant table (the auth codes) refuses a user of another organization too', async () => {
    const err = await pgErrorOf(
      `INSERT INTO core_auth_code (organization_id, user_id, purpose, secret_hash, expires_at) VALUES ($1, $2, 'invitation', md5(random()::text), now())`,
      [a.org.id, b.users.get('admin')!.id],
    );
    expect(err.code).toBe('23503');
  });

  it('deleting a referenced user with SET NULL clears the reference only, not the row’s organization', async () => {
    // A user no audit row names (the audit log keeps its actors), made by hand.
    const [{ id: userId }]: { id: string }[] = await runtime.dataSource.query(
      `INSERT INTO core_user (organization_id, email, name) VALUES ($1, 'gone@a.test', 'Gone') RETURNING id`,
      [a.org.id],
    );
    await runtime.dataSource.query(`UPDATE library_member SET user_id = $1 WHERE id = $2`, [userId, memberA.id]);
    await runtime.dataSource.query(`DELETE FROM core_user WHERE id = $1`, [userId]);
    const [row]: { user_id: string | null; organization_id: string }[] = await runtime.dataSource.query(`SELECT user_id, organization_id FROM library_member WHERE id = $1`, [memberA.id]);
    expect(row).toEqual({ user_id: null, organization_id: a.org.id });
  });
});

describe('the migration for existing databases', () => {
  it('stops, counting and naming them, when stored rows already refer to another organization', async () => {
    const fks: { name: string }[] = await runtime.dataSource.query(
      `SELECT conname AS name FROM pg_constraint WHERE conrelid = 'library_loan'::regclass AND contype = 'f' AND pg_get_constraintdef(oid) LIKE '%book_id%'`,
    );
    const runner = runtime.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      // A database from before the walls: the key on book_id alone let a cross-tenant loan in.
      for (const fk of fks) await runner.query(`ALTER TABLE library_loan DROP CONSTRAINT "${fk.name}"`);
      await runner.query(`INSERT INTO library_loan (organization_id, book_id, member_id, status) VALUES ($1, $2, $3, 'requested')`, [a.org.id, bookB.id, memberA.id]);
      const failure = await runner.query(crossTenantCheck('library_loan', 'book_id', 'library_book')).catch((e: Error) => e);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(/^CROSS_TENANT_REFERENCE: 1 row\(s\) of library_loan refer through book_id to a library_book row of another organization/);
      expect((failure as Error).message).toContain('SELECT c.id, c.organization_id, c.book_id FROM library_loan c');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('the generated migration checks the data before every same-tenant key it adds', () => {
    const file = readdirSync(MIGRATIONS_DIR).find((f) => f.endsWith('-same-tenant-references.ts'))!;
    const text = readFileSync(`${MIGRATIONS_DIR}/${file}`, 'utf8').split('async down')[0];
    const added = [...text.matchAll(/ADD CONSTRAINT "[^"]+" FOREIGN KEY \("organization_id", "(\w+)"\)/g)].length;
    expect(added).toBeGreaterThan(30);
    expect([...text.matchAll(/CROSS_TENANT_REFERENCE/g)].length).toBe(added);
  });
});
