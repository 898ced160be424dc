/**
 * Slow imports cannot freeze the server. The attack: CSV imports that send
 * their headers and a few bytes, then nothing, each held a pooled connection
 * inside a transaction while waiting; with as many as the pool has, other
 * organizations' list requests got no answer. Now the file is received in
 * full before the transaction (408 when it stalls), and a user or an
 * organization has only a few imports at once (429).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie } from './support/http.js';
import { openPost, startServerWithLimits, withTimeout, type LimitedServer, type RawRequest } from './support/raw-http.js';

const POOL = 5;
// The figure: 30 trickling imports (the attack took 22 on a pool of 20; here the pool has 5).
const TRICKLING = 30;
const IDLE_MS = 3000;
/** Well under the idle timeout: what "answers at once" means here, with room for a busy machine. */
const QUICK_MS = 1500;

let runtime: TestRuntime;
let open: LimitedServer;
let gated: LimitedServer;
let orgA: Fixture;
let orgB: Fixture;
const stalled: RawRequest[] = [];

const pool = (): pg.Pool => (runtime.dataSource.driver as unknown as { master: pg.Pool }).master;
const checkedOut = (): number => pool().totalCount - pool().idleCount;

async function poolSettles(maxMs = 2500): Promise<number> {
  for (let i = 0; i < maxMs / 50 && checkedOut() > 0; i++) await new Promise((r) => setTimeout(r, 50));
  return checkedOut();
}

/** An import that sends its headers and the CSV header row, then stalls. */
function trickle(server: LimitedServer, cookie: string): RawRequest {
  const req = openPost(server.url, '/admin/x/import/library.book', { cookie, 'content-type': 'text/csv', 'content-length': '100000' }, 'title,copies_total\nSlow ');
  stalled.push(req);
  return req;
}

async function importNow(server: LimitedServer, cookie: string, csv: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/admin/x/import/library.book`, { method: 'POST', headers: { cookie, 'content-type': 'text/csv', accept: 'application/json' }, body: csv, signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: POOL });
  orgA = await createFixtureOrg(runtime, 'library', ['librarian', 'member']);
  orgB = await createFixtureOrg(runtime, 'library', ['librarian']);
  // Gates wide open: what is left to protect the pool is that no transaction waits on a client.
  open = await startServerWithLimits(runtime, { idleTimeoutMs: IDLE_MS, importsPerUser: 100, importsPerOrganization: 100 });
  gated = await startServerWithLimits(runtime, { idleTimeoutMs: 20_000, importsPerUser: 2, importsPerOrganization: 3 });
});
afterAll(async () => {
  for (const req of stalled) req.destroy();
  await open?.close();
  await gated?.close();
  await runtime?.dispose();
});

describe('trickling imports hold no database connection', () => {
  it(`${TRICKLING} stalled imports on a pool of ${POOL}: another organization still lists and imports at once, the stalled ones get 408, the pool is idle again`, async () => {
    const cookieA = await sessionCookie(open.url, orgA.users.get('librarian')!.email, 'secret-123');
    const cookieB = await sessionCookie(open.url, orgB.users.get('librarian')!.email, 'secret-123');
    const slow = Array.from({ length: TRICKLING }, () => trickle(open, cookieA));
    const started = Date.now();
    let answered = 0;
    for (const r of slow) r.response.then(() => answered++, () => answered++);
    // Their sessions are loaded and their uploads open: nothing of the pool stays with them.
    expect(await poolSettles(800)).toBe(0);

    const t0 = Date.now();
    const list = await fetch(`${open.url}/admin/api/resources/LibraryBook/actions/list`, { headers: { cookie: cookieB, accept: 'application/json' }, signal: AbortSignal.timeout(QUICK_MS) });
    expect(list.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(QUICK_MS);
    const quick = await importNow(open, cookieB, 'title,copies_total\nImported beside slow ones,1\n');
    expect(quick).toMatchObject({ status: 200, body: { committed: true, created: 1 } });
    expect(answered).toBe(0);

    const answers = await withTimeout(Promise.all(slow.map((r) => r.response)), IDLE_MS + 5000, 'every stalled import answered');
    expect(answers.map((a) => a.status)).toEqual(Array(TRICKLING).fill(408));
    expect(JSON.parse(answers[0].text).error.message).toMatch(/stopped arriving/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_MS - 100);
    expect(await poolSettles()).toBe(0);
    expect(pool().waitingCount).toBe(0);
    expect(await (await orgA.system()).count('library.book')).toBe(0);
  });

  it('an import larger than the limit is refused from its declared size (413)', async () => {
    const small = await startServerWithLimits(runtime, { importMaxBytes: 1024 });
    try {
      const cookie = await sessionCookie(small.url, orgB.users.get('librarian')!.email, 'secret-123');
      const res = await importNow(small, cookie, `title\n${'x'.repeat(2048)}\n`);
      expect(res.status).toBe(413);
      expect((res.body.error as { message: string }).message).toMatch(/larger than 1 KB/);
    } finally {
      await small.close();
    }
  });

  it('a user who may not import is refused (403) before the file is received', async () => {
    const cookie = await sessionCookie(open.url, orgA.users.get('member')!.email, 'secret-123');
    const t0 = Date.now();
    const res = await withTimeout(trickle(open, cookie).response, QUICK_MS, 'the refusal');
    expect(res.status).toBe(403);
    expect(Date.now() - t0).toBeLessThan(QUICK_MS);
    expect(readdirSync(join(open.dataDir, 'uploads'))).toEqual([]);
  });
});

describe('a user and an organization have only a few imports at once', () => {
  it('the third import of a user and the fourth of an organization are refused with 429 at once; places come back when imports end', async () => {
    const librarian = await sessionCookie(gated.url, orgA.users.get('librarian')!.email, 'secret-123');
    const admin = await sessionCookie(gated.url, orgA.users.get('admin')!.email, 'secret-123');
    const mine = [trickle(gated, librarian), trickle(gated, librarian)];
    await new Promise((r) => setTimeout(r, 200));
    const third = await withTimeout(trickle(gated, librarian).response, 2000, 'the third import answered');
    expect(third.status).toBe(429);
    expect(JSON.parse(third.text).error.message).toMatch(/You already have 2 import/);

    const colleague = trickle(gated, admin);
    await new Promise((r) => setTimeout(r, 200));
    const fourth = await withTimeout(trickle(gated, admin).response, 2000, 'the fourth import answered');
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.text).error.message).toMatch(/Your organization already has 3 imports/);
    expect(checkedOut()).toBe(0);

    // Another organization is not affected.
    const other = await sessionCookie(gated.url, orgB.users.get('librarian')!.email, 'secret-123');
    expect((await importNow(gated, other, 'title,copies_total\nOther org during the rush,1\n')).status).toBe(200);

    for (const req of [...mine, colleague]) req.destroy();
    let after = { status: 0, body: {} as Record<string, unknown> };
    for (let i = 0; i < 40 && after.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await importNow(gated, librarian, `title,copies_total\nAfter the rush ${i},1\n`);
    }
    expect(after).toMatchObject({ status: 200, body: { committed: true } });
    expect(await poolSettles()).toBe(0);
  });
});
