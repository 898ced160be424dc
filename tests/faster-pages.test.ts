/**
 * What a page costs on the wire, over real HTTP: pages, API answers and bundles go out compressed,
 * bundles are cached for a year by their content hash (and revalidated otherwise), there is a favicon,
 * and no page asks a font host. The sizes measured here are the README's page-weight figures
 * (printed as "page weight: …").
 */
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';

let runtime: TestRuntime;
let server: TestServer;
let lib: Fixture;

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET whose body is kept as sent (fetch would decompress it). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    http
      .get({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const decoded = (r: Raw): string =>
  (r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body).toString('utf8');

const scriptsOf = (html: string): string[] => [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  const sys = await lib.system();
  for (let i = 0; i < 30; i++) await sys.create('library.book', { title: `Book number ${i}`, authors: 'Some Author', copies_total: 1 });
  server = await startTestServer(runtime);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('faster pages', () => {
  it('the admin page and its bundles go out Brotli-compressed; bundles with their hash are immutable for a year; the weight is measured', async () => {
    const cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
    const page = await rawGet('/admin', { cookie, 'accept-encoding': 'gzip, deflate, br' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    const html = decoded(page);
    expect(html).not.toContain('fonts.googleapis.com');
    expect(html).not.toMatch(/<(link|script)[^>]+(href|src)="https?:\/\//i);
    expect(html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="\/admin\/frontend\/assets\/favicon\.svg\?v=[0-9a-f]{16}">/);
    const scripts = scriptsOf(html);
    expect(scripts).toHaveLength(4);
    let compressed = page.body.length;
    let raw = Buffer.byteLength(html);
    for (const src of scripts) {
      expect(src).toMatch(/\?v=[0-9a-f]{16}$/);
      const res = await rawGet(src, { 'accept-encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      compressed += res.body.length;
      raw += decoded(res).length;
    }
    console.log(`page weight: ${(compressed / 1024).toFixed(0)} KiB compressed (Brotli) of ${(raw / 1024).toFixed(0)} KiB (HTML + 4 bundles, cold cache)`);
    // AdminJS's production JavaScript is ~3.3 MB raw; compressed it is a fraction.
    expect(compressed).toBeLessThan(raw / 3);
    expect(compressed).toBeLessThan(1.2 * 1024 * 1024);
  }, 120_000);

  it('a bundle without its current hash is revalidated (no-cache, ETag, 304); gzip where Brotli is not accepted; none where nothing is', async () => {
    const plain = await rawGet('/admin/frontend/assets/app.bundle.js');
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const etag = String(plain.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect((await rawGet('/admin/frontend/assets/app.bundle.js', { 'if-none-match': etag })).status).toBe(304);
    const gz = await rawGet('/admin/frontend/assets/app.bundle.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });

  it("AdminJS's JSON API answers are compressed too", async () => {
    const cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
    const list = await rawGet('/admin/api/resources/LibraryBook/actions/list?perPage=30', { cookie, accept: 'application/json', 'accept-encoding': 'gzip' });
    expect(list.status).toBe(200);
    expect(list.headers['content-encoding']).toBe('gzip');
    expect(list.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(decoded(list)).records).toHaveLength(30);
  });

  it('the sign-in page asks no font host and has a favicon; /favicon.ico leads to it', async () => {
    const login = await rawGet('/admin/login', { 'accept-encoding': 'br' });
    const html = decoded(login);
    expect(html).not.toContain('fonts.googleapis.com');
    const icon = /<link rel="icon"[^>]+href="([^"]+)"/.exec(html)?.[1];
    expect(icon).toBeDefined();
    const svg = await rawGet(icon!);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    const legacy = await rawGet('/favicon.ico');
    expect(legacy.status).toBe(301);
    expect(legacy.headers.location).toBe('/admin/frontend/assets/favicon.svg');
  });
});
