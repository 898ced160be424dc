/**
 * readsTogether (core/data/tenant-scope.ts): the reads of one step share one
 * short tenant-scoped transaction instead of one each. The wall stays where it was: each read still runs as ums_app
 * with its own organization, a read for another organization takes its own
 * transaction, and a connection handed back to the pool carries no role and no
 * tenant, after success and after failure alike. The admin list no longer uses
 * it: its page and count are each one round trip with the scope sent ahead,
 * which is one round trip fewer than BEGIN…COMMIT around them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { RecordService } from '../core/data/records.js';
import { readsTogether } from '../core/data/tenant-scope.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie, startTestServer } from './support/http.js';

let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;
let bookOfB: string;

const one = async <T>(records: RecordService, sql: string, params: unknown[] = []): Promise<T> =>
  ((await records.entityManager.query(sql, params)) as T[])[0];
const txid = async (records: RecordService): Promise<string> => (await one<{ t: string }>(records, 'SELECT txid_current()::text AS t')).t;
const books = async (records: RecordService, where = 'true', params: unknown[] = []): Promise<number> =>
  (await one<{ n: number }>(records, `SELECT count(*)::int AS n FROM library_book WHERE ${where}`, params)).n;

/** Every connection of the pool at once (so the idle ones the scope used too): who it is and which tenant it carries. */
async function poolConnections(): Promise<{ user: string; session: string; tenant: string | null }[]> {
  const max = Number((runtime.dataSource.options as { extra?: { max?: number } }).extra?.max ?? 10);
  const runners = Array.from({ length: max }, () => runtime.dataSource.createQueryRunner());
  try {
    await Promise.all(runners.map((r) => r.connect()));
    return await Promise.all(runners.map(async (r) =>
      (await r.query(`SELECT current_user AS "user", session_user AS session, NULLIF(current_setting('ums.organization_id', true), '') AS tenant`))[0]));
  } finally {
    await Promise.all(runners.map((r) => r.release()));
  }
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  a = await createFixtureOrg(runtime, 'library', ['librarian']);
  b = await createFixtureOrg(runtime, 'library', ['librarian']);
  await (await a.as('librarian')).create('library.book', { title: 'In A', copies_total: 1 });
  bookOfB = String((await (await b.as('librarian')).create('library.book', { title: 'In B', copies_total: 1 })).id);
});
afterAll(() => runtime.dispose());

describe('reads of one step share one transaction', () => {
  it('a read outside a step is walled as one inside: as ums_app, its own organization only', async () => {
    const librarianA = await a.as('librarian');
    expect({ theirs: await books(librarianA, 'id = $1', [bookOfB]), all: await books(librarianA), role: (await one<{ r: string }>(librarianA, 'SELECT current_user AS r')).r }).toEqual({ theirs: 0, all: 1, role: 'ums_app' });
    await expect(librarianA.entityManager.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
  });

  it('two reads inside readsTogether run in the same transaction; outside it each has its own', async () => {
    const librarianA = await a.as('librarian');
    const [first, second] = await readsTogether(async () => [await txid(librarianA), await txid(librarianA)]);
    expect(second).toBe(first);
    expect(await txid(librarianA)).not.toBe(await txid(librarianA));
  });

  it('the shared transaction is still walled: another tenant’s rows are not there, its own are', async () => {
    const librarianA = await a.as('librarian');
    const seen = await readsTogether(async () => ({
      theirs: await books(librarianA, 'id = $1', [bookOfB]),
      all: await books(librarianA),
      role: (await one<{ r: string }>(librarianA, 'SELECT current_user AS r')).r,
    }));
    expect(seen).toEqual({ theirs: 0, all: 1, role: 'ums_app' });
  });

  it('a read for another organization inside the step takes its own transaction, scoped to that organization', async () => {
    const librarianA = await a.as('librarian');
    const librarianB = await b.as('librarian');
    const seen = await readsTogether(async () => {
      const txA = await txid(librarianA);
      const ofB = await books(librarianB, 'id = $1', [bookOfB]);
      const txB = await txid(librarianB);
      return { sameForA: txA === (await txid(librarianA)), ofB, txB: txB === txA };
    });
    expect(seen).toEqual({ sameForA: true, ofB: 1, txB: false });
  });

  it('a failed statement ends the shared transaction; the next read of the step opens a fresh one and works', async () => {
    const librarianA = await a.as('librarian');
    const after = await readsTogether(async () => {
      await txid(librarianA);
      await expect(librarianA.entityManager.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
      return books(librarianA);
    });
    expect(after).toBe(1);
  });
});

describe('a connection back in the pool carries no role and no tenant', () => {
  it('after steps that succeeded, failed and threw', async () => {
    const librarianA = await a.as('librarian');
    await readsTogether(async () => books(librarianA));
    await readsTogether(async () => librarianA.entityManager.query('SELECT 1/0')).catch(() => undefined);
    await readsTogether(async () => {
      await books(librarianA);
      throw new Error('the step failed after reading');
    }).catch(() => undefined);
    await Promise.all([readsTogether(() => books(librarianA)), readsTogether(async () => books(await b.as('librarian')))]);
    // Reads outside a step: the setting and the statement in one round trip, a transaction of their own.
    await Promise.all([books(librarianA), librarianA.entityManager.query('SELECT 1/0').catch(() => undefined), books(await b.as('librarian'))]);
    const connections = await poolConnections();
    expect(connections.length).toBeGreaterThan(1);
    for (const c of connections) expect({ user: c.user, tenant: c.tenant }).toEqual({ user: c.session, tenant: null });
    expect(connections.every((c) => c.user !== 'ums_app')).toBe(true);
  });
});

describe('the admin list', () => {
  it('reads its rows and its count each in one round trip, the tenant scope sent ahead of it: no BEGIN or COMMIT of a shared transaction', async () => {
    const server = await startTestServer(runtime);
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    // Each call is one round trip; a scoped read (core/data/scoped-query.ts) carries the statements sent ahead of it.
    const sent: { text: string; ahead: readonly string[] }[] = [];
    try {
      const cookie = await sessionCookie(server.url, a.users.get('librarian')!.email, 'secret-123');
      proto.query = function counted(this: unknown, ...args: unknown[]): unknown {
        const first = args[0] as { text?: string; prelude?: readonly string[] } | string;
        sent.push(typeof first === 'string' ? { text: first, ahead: [] } : { text: String(first?.text ?? ''), ahead: first?.prelude ?? [] });
        return original.apply(this, args);
      };
      const res = await fetch(`${server.url}/admin/api/resources/LibraryBook/actions/list?page=1&perPage=25`, { headers: { cookie } });
      proto.query = original;
      expect(res.status).toBe(200);
      const body = (await res.json()) as { records: unknown[]; meta: { total: number } };
      expect({ rows: body.records.length, total: body.meta.total }).toEqual({ rows: 1, total: 1 });
      expect(sent.filter((q) => [...q.ahead, q.text].some((t) => /^(BEGIN|COMMIT)\b/.test(t.trim())))).toEqual([]);
      const reads = sent.filter((q) => /FROM "library_book"/.test(q.text));
      // The page and the count, each walled: ums_app and this organization set in the same round trip.
      expect(reads).toHaveLength(2);
      for (const read of reads) {
        expect(read.ahead.join(' ')).toContain('ums_app');
        expect(read.ahead.join(' ')).toContain(a.org.id);
      }
    } finally {
      proto.query = original;
      await server.close();
    }
  });
});
