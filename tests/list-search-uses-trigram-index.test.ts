/**
 * The search box of every list (issue 10, "Lists people can work with"): `$search` in the data layer,
 * `filters._q` in AdminJS's list and `?q=` in the REST API look for a term in the entity's title and
 * declared `searchFields` (library books: title, authors, ISBN). On 200,000 books (generate_series) the
 * statement the data layer really sends is answered by the trigram indexes migrations:generate made
 * (Bitmap Index Scans on the GIN indexes), Bengali names are found, bad terms are 400s, and a member's
 * search never returns a record their rules hide.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SEARCH_FIELD } from '../core/data/constraints/search-indexes.js';
import { apiCall, apiLogin } from './support/api.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { statementsSent } from './support/sent-statements.js';

let runtime: TestRuntime;
let server: TestServer;
let library: Fixture;
let librarianAdmin: AdminClient;
let memberAdmin: AdminClient;
let librarianToken: string;
let ownMemberId: string;

const search = (value: string) => [{ field: SEARCH_FIELD, op: 'contains' as const, value }];

beforeAll(async () => {
  runtime = await createTestRuntime();
  library = await createFixtureOrg(runtime, 'library', ['library.librarian', 'library.member']);
  const system = await library.system();
  await system.create('library.book', { title: 'গীতাঞ্জলি', authors: 'রবীন্দ্রনাথ ঠাকুর', copies_total: 2 });
  await system.create('library.book', { title: 'Gitanjali', authors: 'Rabindranath Tagore', copies_total: 1 });
  await system.create('library.book', { title: '100% Pure_Reading', authors: 'Per Cent', copies_total: 1 });
  ownMemberId = (await system.create('library.member', { name: 'Mia Member', card_number: 'CARD-0001', email: 'mia@example.test', user: library.users.get('library.member')!.id, status: 'active' })).id;
  await system.create('library.member', { name: 'Mo Member', card_number: 'CARD-0002', email: 'mo@example.test', status: 'active' });
  // 200,000 more books of this organization, written straight into the table as fixture rows.
  await runtime.dataSource.query(
    `INSERT INTO library_book (organization_id, title, authors, copies_total, copies_available, category)
     SELECT $1, 'Volume ' || g || ' ' || md5(g::text), 'Author ' || (g % 5000), 1, 1, 'fiction' FROM generate_series(1, 200000) g`,
    [library.org.id],
  );
  await runtime.dataSource.query('ANALYZE library_book');
  server = await startTestServer(runtime);
  librarianAdmin = await server.login(library.users.get('library.librarian')!.email, 'secret-123');
  memberAdmin = await server.login(library.users.get('library.member')!.email, 'secret-123');
  librarianToken = (await apiLogin(server.url, library.users.get('library.librarian')!.email)).access_token;
}, 300_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('the search on 200,000 books', () => {
  it('is answered by the trigram GIN indexes, not a sequential scan', async () => {
    const term = (await runtime.dataSource.query(`SELECT substr(md5('123457'), 3, 10) AS t`))[0].t as string;
    // What reaches PostgreSQL (the data layer reads inside its own transactions).
    let found: Record<string, unknown>[] = [];
    const captured = await statementsSent((sql) => sql.includes('ILIKE') && sql.includes('library_book'), async () => {
      found = await (await library.as('library.librarian')).find('library.book', { filters: search(term) });
    });
    expect(found.map((b) => b.title)).toEqual([`Volume 123457 ${(await runtime.dataSource.query(`SELECT md5('123457') AS m`))[0].m}`]);
    expect(captured).toHaveLength(1);
    const [{ 'QUERY PLAN': plan }] = (await runtime.dataSource.query(`EXPLAIN (FORMAT JSON) ${captured[0].sql}`, captured[0].params)) as { 'QUERY PLAN': unknown }[];
    const text = JSON.stringify(plan);
    expect(text).toContain('"Node Type":"Bitmap Index Scan"');
    expect(text).toContain('"Index Name":"IDX_library_book_search_title"');
    expect(text).toContain('"Index Name":"IDX_library_book_search_authors"');
    expect(text).not.toContain('"Node Type":"Seq Scan"');
  });

  it('has one (organization_id, field gin_trgm_ops) index per searched field, as migrations:generate made them', async () => {
    const rows: { indexname: string; indexdef: string }[] = await runtime.dataSource.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'library_book' AND indexname LIKE '%search%' ORDER BY 1`);
    expect(rows.map((r) => r.indexname)).toEqual(['IDX_library_book_search_authors', 'IDX_library_book_search_isbn', 'IDX_library_book_search_title']);
    for (const r of rows) expect(r.indexdef).toMatch(/USING gin \(organization_id, \w+ gin_trgm_ops\)/);
  });
});

describe('what the search finds', () => {
  it('finds Bengali titles and authors, case-insensitively in Latin ones', async () => {
    const records = await library.as('library.librarian');
    expect((await records.find('library.book', { filters: search('গীতাঞ্জ') })).map((b) => b.title)).toEqual(['গীতাঞ্জলি']);
    expect((await records.find('library.book', { filters: search('রবীন্দ্রনাথ') })).map((b) => b.title)).toEqual(['গীতাঞ্জলি']);
    expect((await records.find('library.book', { filters: search('tagore') })).map((b) => b.title)).toEqual(['Gitanjali']);
    expect(await records.count('library.book', search('GITANJ'))).toBe(1);
  });

  it('matches % and _ as themselves', async () => {
    const records = await library.as('library.librarian');
    expect((await records.find('library.book', { filters: search('0% Pure_R') })).map((b) => b.title)).toEqual(['100% Pure_Reading']);
    expect(await records.count('library.book', search('%'))).toBe(1);
    expect(await records.count('library.book', search('e_R'))).toBe(1);
  });

  it('in the admin list: filters._q, the Bengali term as the browser sends it', async () => {
    const res = await librarianAdmin.get(`/admin/api/resources/LibraryBook/actions/list?filters._q=${encodeURIComponent('গীতাঞ্জলি')}`);
    expect(res.status).toBe(200);
    expect(res.body.records!.map((r) => r.params.title)).toEqual(['গীতাঞ্জলি']);
    expect(res.body.meta).toMatchObject({ total: 1 });
  });

  it('in the REST API: ?q=', async () => {
    const res = await apiCall(server.url, 'GET', `/library/book?q=${encodeURIComponent('রবীন্দ্র')}`, { token: librarianToken });
    expect(res.status).toBe(200);
    expect((res.body.data as { title: string }[]).map((b) => b.title)).toEqual(['গীতাঞ্জলি']);
  });
});

describe('bad search terms', () => {
  it('are refused with a message in the admin list (too long, NUL), not 500s nor a list', async () => {
    for (const q of ['x'.repeat(5000), 'abc\u0000def']) {
      const res = await librarianAdmin.get(`/admin/api/resources/LibraryBook/actions/list?filters._q=${encodeURIComponent(q)}`);
      // As every refused admin list filter is answered (bad-input-is-400.test.ts): a 4xx or an error notice, no rows.
      const notice = res.body.notice as { type?: string; message?: string } | undefined;
      expect(res.status < 500).toBe(true);
      expect(res.status >= 400 || notice?.type === 'error').toBe(true);
      expect(res.body.records ?? []).toEqual([]);
      if (notice) expect(notice.message).toMatch(/search/i);
    }
  });

  it('are 400s in the REST API, naming q', async () => {
    for (const q of ['x'.repeat(5000), 'abc\u0000def']) {
      const res = await apiCall(server.url, 'GET', `/library/book?q=${encodeURIComponent(q)}`, { token: librarianToken });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('q');
    }
    expect((await apiCall(server.url, 'GET', '/library/book?q=a&q=b', { token: librarianToken })).status).toBe(400);
  });

  it('an empty term is no filter', async () => {
    const records = await library.as('library.librarian');
    expect(await records.count('library.book', search('   '))).toBe(200_003);
  });
});

describe('a member', () => {
  it('finds only what their rules let them read', async () => {
    const records = await library.as('library.member');
    // Both members match "Member" and "example.test"; the member may read their own record only.
    expect((await records.find('library.member', { filters: search('Member') })).map((m) => m.id)).toEqual([ownMemberId]);
    const res = await memberAdmin.get('/admin/api/resources/LibraryMember/actions/list?filters._q=example.test');
    expect(res.status).toBe(200);
    expect(res.body.records!.map((r) => r.id)).toEqual([ownMemberId]);
    expect(await records.count('library.member', search('CARD-0002'))).toBe(0);
  });
});
