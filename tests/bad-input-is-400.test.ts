/**
 * Hostile input gets a clear refusal, never a 500 or a stack trace, and writes nothing: the
 * list parameters, form values, bodies and exports that answered 500 (or a truncated 200) when
 * the running server was attacked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { formPass, sessionCookie, startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { RecordService } from '../core/data/records.js';
import { UmsError } from '../core/errors.js';

let runtime: TestRuntime;
let server: TestServer;
let org: Fixture;
let librarian: AdminClient;
let admin: AdminClient;
let cookie: string;

const api = (resource: string, rest: string) => `/admin/api/resources/${resource}/${rest}`;
const STACK = /\n\s+at |\.ts:\d+|node_modules/;

type Answer = { status: number; body: Record<string, unknown> };
function expectRefusal(res: Answer): void {
  expect(res.status).toBeLessThan(500);
  expect(JSON.stringify(res.body)).not.toMatch(STACK);
  const noticed = (res.body.notice as { type?: string } | undefined)?.type === 'error';
  expect(noticed || res.status >= 400).toBe(true);
}

async function counts(): Promise<number[]> {
  const sys = await org.system();
  return Promise.all(['library.book', 'library.member', 'library.loan'].map((k) => sys.count(k)));
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'library', ['librarian']);
  const sys = await org.system();
  const book = await sys.create('library.book', { title: 'Present', copies_total: 1 });
  const member = await sys.create('library.member', { name: 'Present', card_number: 'CARD-P1', joined_on: '2026-01-01' });
  await sys.create('library.loan', { book: book.id, member: member.id });
  server = await startTestServer(runtime);
  librarian = await server.login(org.users.get('librarian')!.email, 'secret-123');
  admin = await server.login(org.users.get('admin')!.email, 'secret-123');
  cookie = await sessionCookie(server.url, org.users.get('librarian')!.email, 'secret-123');
});

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('list parameters that cannot be the column type are refused, not a 500', () => {
  it.each([
    ['LibraryBook', 'filters.id=abc'],
    ['LibraryBook', 'filters.id=%00'],
    ['LibraryBook', 'filters.title=a%00b'],
    ['LibraryBook', 'filters.copies_total=abc'],
    ['LibraryBook', 'filters.copies_total=1e300'],
    ['LibraryBook', 'filters.copies_total=99999999999'],
    ['LibraryBook', 'filters.acquisition_price=NaN'],
    ['LibraryBook', 'perPage=abc'],
    ['LibraryBook', 'perPage=1.5'],
    ['LibraryMember', 'filters.joined_on=abc'],
    ['LibraryMember', 'filters.joined_on=0000-00-00'],
    ['LibraryMember', 'filters.joined_on~~from=notadate'],
    ['LibraryMember', 'filters.joined_on~~to=2026-02-30'],
    ['LibraryMember', 'filters.user=abc'],
    ['LibraryLoan', 'filters.issued_at~~from=2026-13-45'],
    ['LibraryLoan', 'filters.book=not-a-uuid'],
  ])('%s list with %s', async (resource, query) => {
    const res = await librarian.get(api(resource, `actions/list?${query}`));
    expectRefusal(res);
    expect(res.body.records ?? []).toEqual([]);
  });

  it('a valid filter still lists (the checks refuse only what cannot match a column)', async () => {
    const res = await librarian.get(api('LibraryMember', 'actions/list?filters.joined_on~~from=2025-12-31&filters.joined_on~~to=2026-01-01T00:00&perPage=5'));
    expect(res.body.records!.map((r) => r.params.name)).toEqual(['Present']);
  });

  it('the data layer refuses such a filter with BAD_REQUEST naming the field (the last wall, for plugins and jobs)', async () => {
    const records = await RecordService.for(runtime, org.users.get('librarian')!.actor);
    for (const filter of [
      { field: 'id', op: 'eq' as const, value: 'abc' },
      { field: 'copies_total', op: 'gt' as const, value: '1e300' },
      { field: 'title', op: 'contains' as const, value: 'a\u0000' },
      { field: 'created_at', op: 'gte' as const, value: 'soon' },
      { field: 'id', op: 'in' as const, value: ['abc'] },
    ]) {
      const err = await records.find('library.book', { filters: [filter] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UmsError);
      expect(err).toMatchObject({ code: 'BAD_REQUEST', where: { field: filter.field } });
    }
  });
});

describe('writes with hostile values are field errors and write nothing', () => {
  it.each([
    ['LibraryBook', { title: 'NUL\u0000title', copies_total: '1' }, 'title'],
    ['LibraryMember', { name: 'Zero', card_number: 'CARD-Z0', joined_on: '0000-00-00' }, 'joined_on'],
    ['LibraryBook', { title: 'Shelved', copies_total: '1', shelf: 'A\u0000' }, 'shelf'],
  ])('new %s %j', async (resource, form, field) => {
    const before = await counts();
    const res = await librarian.post(api(resource, 'actions/new'), form as Record<string, string>);
    expectRefusal(res);
    expect((res.body.record as { errors: Record<string, unknown> }).errors[field]).toBeDefined();
    expect(await counts()).toEqual(before);
  });

  it('a custom role with conditions nested 3,000 deep is refused with the reason', async () => {
    let conditions: Record<string, unknown> = { title: 'x' };
    for (let i = 0; i < 3000; i += 1) conditions = { $not: conditions };
    const res = await admin.post(api('CoreRole', 'actions/new'), { name: 'deep', rules: JSON.stringify([{ action: 'read', subject: 'library.book', conditions }]) });
    expectRefusal(res);
    expect(String((res.body.record as { errors: Record<string, { message: string }> }).errors.rules?.message)).toMatch(/deeper than/);
    const sys = await org.system();
    expect(await sys.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'deep' }] })).toEqual([]);
  });

  it('a NUL byte in the unauthenticated forgot-password form is a 400, not a 500', async () => {
    const res = await fetch(`${server.url}/auth/password/forgot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email: 'a\u0000@b.test' }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(STACK);
  });

  it('a NUL byte in the sign-in address is a failed sign-in, not the database error on the login page (found by the fuzz suite)', async () => {
    for (const [type, body] of [
      ['application/json', (csrf: string) => JSON.stringify({ email: 'a\u0000b@x.test', password: 'whatever', csrf })],
      ['application/x-www-form-urlencoded', (csrf: string) => `email=a%00b%40x.test&password=whatever&csrf=${encodeURIComponent(csrf)}`],
    ] as const) {
      // With the page's cookie and token, so the address reaches the password check (core/auth/csrf.ts).
      const pass = await formPass(server.url);
      const res = await fetch(`${server.url}/admin/login`, { method: 'POST', headers: { 'content-type': type, cookie: pass.cookie }, body: body(pass.token), redirect: 'manual' });
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      expect(res.status).not.toBe(403); // past the CSRF check: the address was looked at
      expect(text).not.toMatch(/invalid byte sequence|0x00|STACK/);
      expect(res.headers.get('set-cookie') ?? '').not.toMatch(/ums\.sid=s/);
    }
  });

  it.each([
    ['application/json', '{"title": '],
    ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nbroken'],
    ['multipart/form-data', 'no boundary at all'],
  ])('a malformed %s body is refused', async (type, body) => {
    const before = await counts();
    const res = await fetch(`${server.url}${api('LibraryBook', 'actions/new')}`, { method: 'POST', headers: { cookie, 'content-type': type, accept: 'application/json' }, body });
    expect(res.status).toBeLessThan(500);
    expect(await res.text()).not.toMatch(STACK);
    expect(await counts()).toEqual(before);
  });
});

describe('an export checks its filters before the first byte', () => {
  it.each(['filters.id=abc', 'filters.joined_on~~from=notadate', 'filters.name=a%00'])('export with %s is a 400 with a message, not a 200 and a truncated file', async (query) => {
    const res = await fetch(`${server.url}/admin/x/export/library.member.csv?${query}`, { headers: { cookie, accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(await res.text()).toMatch(/filter on/);
  });
});
