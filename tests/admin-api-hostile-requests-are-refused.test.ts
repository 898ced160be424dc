/**
 * What the fuzz suite found in the admin's API, each kept as the attack that
 * found it: names AdminJS looks up without checking (an unknown resource or
 * action, keys named after inherited properties such as `constructor` and
 * `__proto__`, a GET or HEAD of `new`) answered 500, and so did a JSON form
 * nested 3,000 deep (AdminJS flattens it recursively); JSON fields could be
 * filtered on and failed as SQL; a bulk delete that was partly refused left
 * the other records deleted under an error notice.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';

let runtime: TestRuntime;
let server: TestServer;
let org: Fixture;
let cookie: string;
let adminCookie: string;
let lent: string;
let free: string;

const STACK = /\n\s+at |node_modules|TypeError|QueryFailedError|\.[jt]s:\d+/;
const api = (resource: string, rest: string) => `/admin/api/resources/${resource}/${rest}`;

async function call(path: string, init: { method?: string; body?: string; type?: string; as?: string } = {}): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { cookie: init.as ?? cookie, accept: 'application/json', ...(init.type ? { 'content-type': init.type } : {}) },
    body: init.body,
    redirect: 'manual',
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // HEAD and HTML answers have no JSON
  }
  return { status: res.status, text, json };
}

const bookCount = async () => (await org.system()).count('library.book');

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'library', ['library.librarian']);
  const sys = await org.system();
  const book = await sys.create('library.book', { title: 'Lent', copies_total: 2 });
  const member = await sys.create('library.member', { name: 'Reader', card_number: 'CARD-R1', joined_on: '2026-01-01' });
  await sys.create('library.loan', { book: book.id, member: member.id });
  lent = book.id;
  free = (await sys.create('library.book', { title: 'Free', copies_total: 1 })).id;
  server = await startTestServer(runtime);
  cookie = await sessionCookie(server.url, org.users.get('library.librarian')!.email, 'secret-123');
  adminCookie = await sessionCookie(server.url, org.users.get('admin')!.email, 'secret-123');
});

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('names AdminJS does not check are a 404, not a 500', () => {
  it.each([
    ['an unknown resource', api('NoSuchResource', 'actions/list')],
    ['an unknown resource action', api('LibraryBook', 'actions/nosuchaction')],
    ['a record action the entity lacks (history without a workflow)', api('LibraryBook', 'records/00000000-0000-4000-8000-000000000000/history')],
    ['an unknown bulk action', api('LibraryBook', 'bulk/nosuchbulk?recordIds=00000000-0000-4000-8000-000000000000')],
    ['a resource action called on a record', api('LibraryBook', 'records/00000000-0000-4000-8000-000000000000/list')],
    ['a record action called on the resource', api('LibraryBook', 'actions/edit')],
  ])('%s', async (_what, path) => {
    const res = await call(path);
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(STACK);
    expect(String((res.json.error as { message?: string })?.message)).toMatch(/no resource|has no (record |bulk |resource )?action/);
  });
});

describe('keys named after inherited properties are ignored, not looked up', () => {
  it.each(['filters.constructor=x', 'filters.__proto__=x', 'filters.constructor~~from=1&filters.toString=2'])('a list with %s lists as without it', async (q) => {
    const res = await call(api('LibraryBook', `actions/list?${q}`));
    expect(res.status).toBe(200);
    expect((res.json.records as unknown[]).length).toBe(await bookCount());
  });

  it.each([
    ['urlencoded', 'application/x-www-form-urlencoded', 'title=Kept&copies_total=1&constructor=x&__proto__.polluted=yes&constructor.prototype.polluted=yes'],
    ['JSON', 'application/json', JSON.stringify({ title: 'Kept', copies_total: '1', constructor: ['x'], 'constructor.prototype.polluted': 'yes' })],
  ])('a new record whose %s form carries them is saved with its own fields only', async (_what, type, body) => {
    const before = await bookCount();
    const res = await call(api('LibraryBook', 'actions/new'), { method: 'POST', type, body });
    expect(res.status).toBe(200);
    expect((res.json.notice as { type: string }).type).toBe('success');
    expect(await bookCount()).toBe(before + 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('a JSON or password field cannot be filtered on', () => {
  it.each([
    ['CoreApprovalOverride', 'filters.roles~~from=%5B%5D'],
    ['CoreRole', 'filters.rules=x'],
    ['CoreUser', 'filters.password=x'],
  ])('%s list with %s is refused naming the field', async (resource, q) => {
    const res = await call(api(resource, `actions/list?${q}`), { as: adminCookie });
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(STACK);
    expect(String((res.json.notice as { message?: string })?.message)).toMatch(/cannot be filtered on/);
  });
});

describe('creating a record is a POST', () => {
  it.each(['GET', 'HEAD'])('%s of new is a 400 and creates nothing', async (method) => {
    const before = await bookCount();
    const res = await call(api('LibraryBook', 'actions/new'), { method });
    expect(res.status).toBe(400);
    expect(await bookCount()).toBe(before);
  });

  it('HEAD of a list answers as its GET does', async () => {
    expect((await call(api('LibraryBook', 'actions/list'), { method: 'HEAD' })).status).toBe(200);
  });
});

describe('bulk delete is all or nothing', () => {
  it('a bulk delete one record of which is refused (a loan holds it) deletes none', async () => {
    const before = await bookCount();
    const res = await call(api('LibraryBook', `bulk/bulkDelete?recordIds=${free},${lent}`), { method: 'POST' });
    expect(res.status).toBeLessThan(500);
    expect((res.json.notice as { type: string }).type).toBe('error');
    expect(await bookCount()).toBe(before);
    expect((await (await org.system()).getMany('library.book', [free])).length).toBe(1);
  });

  it('a bulk delete of deletable records deletes them all', async () => {
    const sys = await org.system();
    const ids = [(await sys.create('library.book', { title: 'Gone 1', copies_total: 1 })).id, (await sys.create('library.book', { title: 'Gone 2', copies_total: 1 })).id];
    const res = await call(api('LibraryBook', `bulk/bulkDelete?recordIds=${ids.join(',')}`), { method: 'POST' });
    expect((res.json.notice as { type: string }).type).toBe('success');
    expect(await sys.getMany('library.book', ids)).toEqual([]);
  });
});

describe('a form nested deeper than any screen sends is refused before AdminJS flattens it', () => {
  it.each([
    ['new', () => api('LibraryBook', 'actions/new')],
    ['edit', () => api('LibraryBook', `records/${free}/edit`)],
  ])('%s with a field nested 3,000 deep is a 400 and writes nothing', async (_what, path) => {
    let deep: unknown = 'x';
    for (let i = 0; i < 3000; i++) deep = i % 2 ? [deep] : { a: deep };
    const before = await bookCount();
    const res = await call(path(), { method: 'POST', type: 'application/json', body: JSON.stringify({ title: 'Deep', copies_total: '1', authors: deep }) });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/nested deeper than/);
    expect(await bookCount()).toBe(before);
    expect((await (await org.system()).get('library.book', free)).title).toBe('Free');
  });

  it('a form nested a few levels (what AdminJS itself sends for arrays) is still read', async () => {
    const res = await call(api('LibraryBook', 'actions/new'), { method: 'POST', type: 'application/json', body: JSON.stringify({ title: 'Shallow', copies_total: '1', ignored: { a: [{ b: 'c' }] } }) });
    expect((res.json.notice as { type: string }).type).toBe('success');
  });
});
