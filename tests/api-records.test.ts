/**
 * The REST API's record routes over HTTP, for a librarian and a member of a
 * library and for institute people with a workflow: keyset pages with an
 * opaque cursor, filters, sort, sparse fields and included references as the
 * caller may read them; create, partial update with If-Match (412 when
 * stale), delete; plugin actions and workflow transitions and approvals with
 * comments; history and the approvals inbox; "missing" and "not allowed"
 * answering alike; CORS only for an organization's listed origins.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiCall, apiLogin } from './support/api.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let library: Fixture;
let other: Fixture;
let institute: InstituteWorld;
let librarian: string;
let member: string;
let memberRecordId: string;
let bookIds: string[];

beforeAll(async () => {
  runtime = await createTestRuntime();
  library = await createFixtureOrg(runtime, 'library', ['library.librarian', 'library.member']);
  other = await createFixtureOrg(runtime, 'library', ['library.librarian']);
  institute = await createInstituteWorld(runtime);
  const system = await library.system();
  bookIds = [];
  for (let i = 0; i < 23; i++) {
    const book = await system.create('library.book', { title: `Book ${String(i).padStart(2, '0')}`, copies_total: 1 + (i % 4), category: i % 2 ? 'fiction' : 'science', acquisition_price: 10 + i });
    bookIds.push(book.id);
  }
  memberRecordId = (await system.create('library.member', { name: 'Mia Member', card_number: 'CARD-0001', user: library.users.get('library.member')!.id, status: 'active' })).id;
  await (await other.system()).create('library.book', { title: 'Other org book', copies_total: 1 });
  server = await startTestServer(runtime);
  librarian = (await apiLogin(server.url, library.users.get('library.librarian')!.email)).access_token;
  member = (await apiLogin(server.url, library.users.get('library.member')!.email)).access_token;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

type Rec = Record<string, unknown> & { id: string; version: number };

describe('lists', () => {
  it('walk every readable record of the organization in keyset pages with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/library/book?limit=5&sort=title${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await apiCall(server.url, 'GET', q, { token: librarian });
      expect(res.status).toBe(200);
      seen.push(...(res.body.data as Rec[]).map((r) => String(r.title)));
      cursor = res.body.next_cursor as string | null;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(5);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toHaveLength(23);
    expect(seen).not.toContain('Other org book');
  });

  it('sorts descending, filters with eq, in, gt, lt, ne, contains and null', async () => {
    const get = async (q: string): Promise<Rec[]> => {
      const res = await apiCall(server.url, 'GET', `/library/book?limit=200&${q}`, { token: librarian });
      expect(res.status).toBe(200);
      return res.body.data as Rec[];
    };
    expect((await get('sort=-title'))[0].title).toBe('Book 22');
    expect((await get('filter[category]=fiction')).every((b) => b.category === 'fiction')).toBe(true);
    expect(await get('filter[copies_total][gt]=3')).toHaveLength((await get('filter[copies_total]=4')).length);
    expect((await get('filter[copies_total][lt]=2')).every((b) => b.copies_total === 1)).toBe(true);
    expect((await get('filter[category][ne]=fiction')).every((b) => b.category !== 'fiction')).toBe(true);
    expect((await get('filter[category][in]=fiction,science'))).toHaveLength(23);
    expect((await get('filter[title][contains]=ook 1'))).toHaveLength(10);
    expect((await get('filter[isbn][null]=true'))).toHaveLength(23);
    expect((await get('filter[isbn][null]=false'))).toHaveLength(0);
  });

  it('returns only the asked fields, and includes referenced records one level deep as the caller may read them', async () => {
    const sparse = await apiCall(server.url, 'GET', '/library/book?fields=title&limit=1', { token: librarian });
    expect(Object.keys((sparse.body.data as Rec[])[0]).sort()).toEqual(['id', 'title', 'version']);
    const librarianRecords = await library.as('library.librarian');
    const loan = await librarianRecords.create('library.loan', { book: bookIds[0], member: memberRecordId });
    const withInclude = await apiCall(server.url, 'GET', `/library/loan/${loan.id}?include=book,member`, { token: librarian });
    expect(withInclude.status).toBe(200);
    const included = withInclude.body.included as Record<string, Rec[]>;
    expect(included['library.book'].map((b) => b.id)).toEqual([bookIds[0]]);
    expect(included['library.member'].map((m) => m.id)).toEqual([memberRecordId]);
    // The member reads her own loan, and the book without the fields her rules hide.
    const mine = await apiCall(server.url, 'GET', `/library/loan?include=book`, { token: member });
    expect((mine.body.data as Rec[]).map((l) => l.id)).toEqual([loan.id]);
    const book = (mine.body.included as Record<string, Rec[]>)['library.book'][0];
    expect(book.title).toBe('Book 00');
    expect(book).not.toHaveProperty('acquisition_price');
  });
});

describe('single records', () => {
  it('create, read with ETag, update with If-Match, refuse a stale version with 412, delete', async () => {
    const created = await apiCall(server.url, 'POST', '/library/book', { token: librarian, body: { title: 'Made over HTTP', copies_total: 2 } });
    expect(created.status).toBe(201);
    const book = created.body.data as Rec;
    expect(created.headers.get('location')).toBe(`/api/v1/library/book/${book.id}`);
    const read = await apiCall(server.url, 'GET', `/library/book/${book.id}`, { token: librarian });
    expect(read.headers.get('etag')).toBe(`"${book.version}"`);
    const updated = await apiCall(server.url, 'PATCH', `/library/book/${book.id}`, { token: librarian, body: { shelf: 'B2' }, headers: { 'if-match': `"${book.version}"` } });
    expect(updated.status).toBe(200);
    expect((updated.body.data as Rec).shelf).toBe('B2');
    expect((updated.body.data as Rec).title).toBe('Made over HTTP');
    const stale = await apiCall(server.url, 'PATCH', `/library/book/${book.id}`, { token: librarian, body: { shelf: 'C3' }, headers: { 'if-match': `"${book.version}"` } });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    const staleDelete = await apiCall(server.url, 'DELETE', `/library/book/${book.id}`, { token: librarian, headers: { 'if-match': `"${book.version}"` } });
    expect(staleDelete.status).toBe(412);
    expect((await apiCall(server.url, 'DELETE', `/library/book/${book.id}`, { token: librarian })).status).toBe(204);
    expect((await apiCall(server.url, 'GET', `/library/book/${book.id}`, { token: librarian })).status).toBe(404);
  });

  it('reports field errors per field, with a pointer', async () => {
    const res = await apiCall(server.url, 'POST', '/library/book', { token: librarian, body: { copies_total: 'many', colour: 'red' } });
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    const errors = res.body.errors as { field: string; pointer: string }[];
    expect(errors.map((e) => e.field)).toContain('colour');
    const typed = await apiCall(server.url, 'POST', '/library/book', { token: librarian, body: { copies_total: 'many' } });
    expect(typed.status).toBe(400);
    expect((typed.body.errors as { field: string; pointer: string }[]).map((e) => e.pointer)).toEqual(expect.arrayContaining(['/title', '/copies_total']));
  });

  it('answers the same 404 for a record of another organization, a missing one, an entity the caller may not read and an unknown entity', async () => {
    const [otherBook] = await (await other.system()).find('library.book');
    const answers = await Promise.all([
      apiCall(server.url, 'GET', `/library/book/${otherBook.id}`, { token: librarian }),
      apiCall(server.url, 'GET', '/library/book/00000000-0000-4000-8000-000000000000', { token: librarian }),
      apiCall(server.url, 'GET', '/core/audit_log', { token: member }),
      apiCall(server.url, 'GET', '/nothing/here', { token: member }),
      apiCall(server.url, 'GET', `/library/member/${memberRecordId}x`, { token: member }),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toEqual(answers[0].body);
    }
  });

  it('refuses a write the caller may not make with 403 on an entity they can read', async () => {
    const res = await apiCall(server.url, 'POST', '/library/book', { token: member, body: { title: 'Not mine to add', copies_total: 1 } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});

describe('actions', () => {
  it('run a plugin record action (issue, then return) through the data layer', async () => {
    const librarianRecords = await library.as('library.librarian');
    const loan = await librarianRecords.create('library.loan', { book: bookIds[5], member: memberRecordId });
    const issued = await apiCall(server.url, 'POST', `/library/loan/${loan.id}/actions/issue`, { token: librarian, body: {} });
    expect(issued.status).toBe(200);
    expect((issued.body.data as Rec).status).toBe('issued');
    const again = await apiCall(server.url, 'POST', `/library/loan/${loan.id}/actions/issue`, { token: librarian });
    expect(again.status).toBe(409);
    const byMember = await apiCall(server.url, 'POST', `/library/loan/${loan.id}/actions/return`, { token: member });
    expect(byMember.status).toBe(403);
    expect((await apiCall(server.url, 'POST', `/library/loan/${loan.id}/actions/nope`, { token: librarian })).status).toBe(404);
  });

  it('run workflow transitions and approvals with comments; the inbox and the history show them', async () => {
    const login = async (key: string) => (await apiLogin(server.url, institute.fixture.users.get(key)!.email)).access_token;
    const teacher = await login('teacher');
    const admin = await login('admin');
    const course = institute.courses.draft;
    const submitted = await apiCall(server.url, 'POST', `/institute/course/${course.id}/actions/submit`, { token: teacher, body: { comment: 'Ready' } });
    expect(submitted.status).toBe(200);
    expect((submitted.body.data as Rec).status).toBe('PENDING');
    const inbox = await apiCall(server.url, 'GET', '/approvals', { token: admin });
    expect(inbox.status).toBe(200);
    expect((inbox.body.data as { record_id: string }[]).map((i) => i.record_id)).toContain(course.id);
    const noComment = await apiCall(server.url, 'POST', `/institute/course/${course.id}/actions/reject`, { token: admin, body: {} });
    expect(noComment.status).toBe(400);
    const rejected = await apiCall(server.url, 'POST', `/institute/course/${course.id}/actions/reject`, { token: admin, body: { comment: 'Fee missing' } });
    expect(rejected.status).toBe(200);
    expect((rejected.body.data as Rec).status).toBe('DRAFT');
    const history = await apiCall(server.url, 'GET', `/institute/course/${course.id}/history`, { token: teacher });
    expect(history.status).toBe(200);
    const events = (history.body.data as { workflow: { kind: string; comment: string | null }[] }).workflow;
    expect(events.map((e) => e.comment)).toEqual(expect.arrayContaining(['Fee missing']));
  });
});

describe('CORS', () => {
  it('is off by default and follows the organization\'s allowed origins', async () => {
    const origin = 'https://app.library.example';
    const preflight = () => fetch(`${server.url}/api/v1/library/book`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect((await preflight()).headers.get('access-control-allow-origin')).toBeNull();
    const before = await apiCall(server.url, 'GET', '/library/book?limit=1', { token: librarian, headers: { origin } });
    expect(before.status).toBe(403);
    await (await library.as('admin')).create('core.api_origin', { origin });
    await new Promise((r) => setTimeout(r, 10_500)); // the policy's cache
    expect((await preflight()).headers.get('access-control-allow-origin')).toBe(origin);
    const after = await apiCall(server.url, 'GET', '/library/book?limit=1', { token: librarian, headers: { origin } });
    expect(after.status).toBe(200);
    expect(after.headers.get('access-control-allow-origin')).toBe(origin);
    // Listed by this organization only: another organization's user is refused from that page.
    const otherToken = (await apiLogin(server.url, other.users.get('library.librarian')!.email)).access_token;
    expect((await apiCall(server.url, 'GET', '/library/book?limit=1', { token: otherToken, headers: { origin } })).status).toBe(403);
  }, 30_000);
});
