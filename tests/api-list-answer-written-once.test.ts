/**
 * A REST API list answer is written in one go (core/api/respond.ts): its
 * length known up front (Content-Length, not chunked) and no ETag hashed for
 * a client that did not ask for one; a client that asks (If-None-Match) still
 * gets the ETag and a 304 when it matches, and one that accepts compression
 * still gets a compressed answer, now that the API is mounted before the
 * app's other middleware.
 */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiLogin } from './support/api.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let library: Fixture;
let server: TestServer;
let token: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  library = await createFixtureOrg(runtime, 'library', ['library.librarian']);
  const system = await library.system();
  // Enough rows that the answer is worth compressing (more than 1 KB).
  for (let i = 0; i < 30; i++) await system.create('library.book', { title: `Book ${String(i).padStart(2, '0')} of a long enough title`, copies_total: 1 });
  server = await startTestServer(runtime);
  token = (await apiLogin(server.url, library.users.get('library.librarian')!.email)).access_token;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

/** node:http, not fetch: fetch always sends Accept-Encoding, and the plain answer is what this is about. */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}`, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

describe('a list answer', () => {
  it('carries its length, is not chunked and has no ETag nobody asked for', async () => {
    const res = await get('/library/book?limit=25&sort=title');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(res.body.length));
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(res.headers.etag).toBeUndefined();
    const body = JSON.parse(res.body.toString('utf8')) as { data: { title: string }[]; next_cursor: string | null };
    expect(body.data).toHaveLength(25);
    expect(body.data[0].title).toBe('Book 00 of a long enough title');
    expect(typeof body.next_cursor).toBe('string');
    // The request id and the access log's route still apply: the API sits behind the telemetry middleware.
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('with If-None-Match: an ETag, and 304 when it matches', async () => {
    const first = await get('/library/book?limit=5', { 'if-none-match': '"not-this-one"' });
    expect(first.status).toBe(200);
    expect(first.headers.etag).toEqual(expect.any(String));
    const again = await get('/library/book?limit=5', { 'if-none-match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('compressed for a client that accepts gzip', async () => {
    const res = await get('/library/book?limit=25', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(res.body).toString('utf8')) as { data: unknown[] };
    expect(body.data).toHaveLength(25);
  });

  it('errors are still problem+json', async () => {
    const res = await get('/library/book?limit=0');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
