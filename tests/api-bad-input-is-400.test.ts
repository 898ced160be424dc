/**
 * Whatever a client sends the REST API, the answer is a problem+json 4xx,
 * never a 500: malformed parameters, filters the column cannot hold, forged
 * cursors, bodies that are not JSON, too large or of the wrong shape, values
 * the database would refuse; plus the rate limits per token and per IP (429
 * with Retry-After) and the request size limit (413).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { apiCall, apiLogin, type ApiAnswer } from './support/api.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let fixture: Fixture;
let token: string;
let bookId: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  fixture = await createFixtureOrg(runtime, 'library', ['library.librarian']);
  const system = await fixture.system();
  for (let i = 0; i < 3; i++) bookId = (await system.create('library.book', { title: `Book ${i}`, copies_total: 1 })).id;
  server = await startTestServer(runtime, { api: { limits: { bodyLimit: '20kb' } } });
  token = (await apiLogin(server.url, fixture.users.get('library.librarian')!.email)).access_token;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

function expectProblem(res: ApiAnswer, status: number): void {
  expect({ status: res.status, type: res.type.split(';')[0] }).toEqual({ status, type: 'application/problem+json' });
  expect(typeof res.body.code).toBe('string');
  expect(typeof res.body.detail).toBe('string');
}

describe('list parameters', () => {
  const cases: [string, string][] = [
    ['limit zero', 'limit=0'],
    ['limit over 200', 'limit=201'],
    ['limit not a number', 'limit=ten'],
    ['limit twice', 'limit=1&limit=2'],
    ['unknown parameter', 'page=2'],
    ['sort by an unknown field', 'sort=colour'],
    ['sort by a password', 'sort=-password'],
    ['filter on an unknown field', 'filter[colour]=red'],
    ['filter with an unknown operator', 'filter[title][like]=x'],
    ['filter not an object', 'filter=title'],
    ['integer filter with text', 'filter[copies_total]=many'],
    ['integer filter out of range', 'filter[copies_total][gt]=99999999999'],
    ['money filter with text', 'filter[acquisition_price][lt]=cheap'],
    ['id filter not a uuid', 'filter[id]=42'],
    ['date filter not a date', 'filter[created_at][gt]=yesterday'],
    ['null filter not a boolean', 'filter[isbn][null]=maybe'],
    ['NUL in a text filter', 'filter[title]=a%00b'],
    ['forged cursor', 'cursor=eyJrIjoiMSIsImkiOiJ4In0.AAAA'],
    ['cursor garbage', 'cursor=%%%'],
    ['unknown field in fields', 'fields=title,colour'],
    ['include of a non-reference', 'include=title'],
  ];
  it.each(cases)('%s is a 400', async (_what, query) => {
    const res = await apiCall(server.url, 'GET', `/library/book?${query}`, { token });
    expectProblem(res, 400);
  });

  it('a cursor made for one sort is refused for another', async () => {
    const first = await apiCall(server.url, 'GET', '/library/book?limit=1&sort=title', { token });
    const cursor = first.body.next_cursor as string;
    expect(cursor).toBeTruthy();
    expect((await apiCall(server.url, 'GET', `/library/book?limit=1&sort=title&cursor=${encodeURIComponent(cursor)}`, { token })).status).toBe(200);
    expectProblem(await apiCall(server.url, 'GET', `/library/book?limit=1&sort=-title&cursor=${encodeURIComponent(cursor)}`, { token }), 400);
  });

  it('random parameter values never make a 500', async () => {
    const names = ['limit', 'sort', 'cursor', 'fields', 'include', 'filter[title]', 'filter[copies_total][gt]', 'filter[id][in]', 'filter[created_at][lt]', 'filter[category][ne]', 'filter[isbn][null]'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.string({ maxLength: 40, unit: 'binary' }), async (name, value) => {
        const res = await apiCall(server.url, 'GET', `/library/book?${name}=${encodeURIComponent(value)}`, { token });
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) expect(res.type).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('bodies', () => {
  it('malformed JSON is a 400', async () => {
    expectProblem(await apiCall(server.url, 'POST', '/library/book', { token, raw: '{"title": ', headers: { 'content-type': 'application/json' } }), 400);
  });

  it('a body that is not JSON is a 415', async () => {
    expectProblem(await apiCall(server.url, 'POST', '/library/book', { token, raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
  });

  it('a body over the limit is a 413', async () => {
    expectProblem(await apiCall(server.url, 'POST', '/library/book', { token, body: { title: 'x'.repeat(30_000), copies_total: 1 } }), 413);
  });

  it('an array, a number or null instead of an object is a 400', async () => {
    for (const body of [[1, 2], 3, null]) expectProblem(await apiCall(server.url, 'PATCH', `/library/book/${bookId}`, { token, raw: JSON.stringify(body), headers: { 'content-type': 'application/json' } }), 400);
  });

  it('values the column cannot hold are field errors', async () => {
    for (const body of [{ title: 'a\u0000b', copies_total: 1 }, { title: 'Big', copies_total: 99_999_999_999 }, { title: 'Price', copies_total: 1, acquisition_price: 1e30 }, { title: { nested: true }, copies_total: 1 }]) {
      const res = await apiCall(server.url, 'POST', '/library/book', { token, body });
      expectProblem(res, 400);
      expect(Array.isArray(res.body.errors)).toBe(true);
    }
  });

  it('a bad If-Match is a 400, and action bodies are checked', async () => {
    expectProblem(await apiCall(server.url, 'PATCH', `/library/book/${bookId}`, { token, body: { shelf: 'A' }, headers: { 'if-match': 'yesterday' } }), 400);
    expectProblem(await apiCall(server.url, 'POST', `/library/book/${bookId}/actions/anything`, { token, body: { comment: 5 } }), 400);
  });

  it('a bad Authorization header is a 401', async () => {
    expectProblem(await apiCall(server.url, 'GET', '/library/book', { headers: { authorization: 'Basic abc' } }), 401);
    expectProblem(await apiCall(server.url, 'GET', '/library/book', { headers: { authorization: 'Bearer not.a.jwt' } }), 401);
  });
});

describe('rate limits', () => {
  it('per token: 429 with Retry-After once the token has used its share', async () => {
    const limited = await startTestServer(runtime, { api: { limits: { perToken: { max: 5, windowMs: 60_000 } } } });
    try {
      const t = (await apiLogin(limited.url, fixture.users.get('library.librarian')!.email)).access_token;
      const statuses: number[] = [];
      let last: ApiAnswer | undefined;
      for (let i = 0; i < 7; i++) {
        last = await apiCall(limited.url, 'GET', '/me', { token: t });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expectProblem(last!, 429);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('per IP: 429 for every request from the address, signed in or not', async () => {
    const limited = await startTestServer(runtime, { api: { limits: { perIp: { max: 3, windowMs: 60_000 } } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await apiCall(limited.url, 'GET', '/openapi.json')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
