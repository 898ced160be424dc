/**
 * Bodies sent to the admin are read only after sign-in, within per-route
 * limits, into a folder under DATA_DIR, and every temporary file is gone when
 * the request ends. The attack: multipart bodies to /admin/login and to an
 * AdminJS API path without a session were written by formidable to the OS
 * temp dir (200 MB each) and never deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie } from './support/http.js';
import { multipart, openPost, postInChunks, startServerWithLimits, type LimitedServer } from './support/raw-http.js';

let runtime: TestRuntime;
let server: LimitedServer;
let lib: Fixture;
let cookie: string;
/** The OS temp dir as formidable sees it during these tests (TMPDIR is read on every call). */
let osTemp: string;
const savedTmp = process.env.TMPDIR;

const FORM_MAX = 1024 * 1024;
const newBook = '/admin/api/resources/LibraryBook/actions/new';
const leftovers = (): string[] => [...readdirSync(osTemp), ...readdirSync(join(server.dataDir, 'uploads')).map((f) => `uploads/${f}`)];

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  server = await startServerWithLimits(runtime, { loginMaxBytes: 8 * 1024, formMaxBytes: FORM_MAX });
  cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
  osTemp = mkdtempSync(join(tmpdir(), 'ums-os-temp-'));
  process.env.TMPDIR = osTemp;
});
afterAll(async () => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  await server?.close();
  await runtime?.dispose();
});

describe('without a session nothing is written to disk', () => {
  it('a large multipart body to the sign-in form is refused at its declared size (413) and leaves no file', async () => {
    const { body, contentType } = multipart({ email: 'x@y.test', password: 'p' }, { junk: Buffer.alloc(4 * 1024 * 1024, 7) });
    const res = await postInChunks(server.url, '/admin/login', { 'content-type': contentType, 'content-length': String(body.length) }, body);
    expect(res.status).toBe(413);
    expect(res.text).not.toMatch(/at \w+ \(|node_modules/);
    expect(leftovers()).toEqual([]);
  });

  it('the same body without a declared size (chunked) is stopped at the sign-in limit and leaves no file', async () => {
    const { body, contentType } = multipart({ email: 'x@y.test', password: 'p' }, { junk: Buffer.alloc(4 * 1024 * 1024, 7) });
    const res = await postInChunks(server.url, '/admin/login', { 'content-type': contentType, 'transfer-encoding': 'chunked' }, body);
    expect([400, 413]).toContain(res.status);
    expect(leftovers()).toEqual([]);
  });

  it('a small file part in the sign-in form is refused (the form takes no files) and leaves no file', async () => {
    const { body, contentType } = multipart({ email: 'x@y.test', password: 'p' }, { junk: Buffer.alloc(1024, 7) });
    const res = await postInChunks(server.url, '/admin/login', { 'content-type': contentType, 'content-length': String(body.length) }, body);
    expect(res.status).toBe(400);
    expect(leftovers()).toEqual([]);
  });

  it('a large multipart body to an AdminJS API path is sent to the sign-in page unread and leaves no file', async () => {
    const { body, contentType } = multipart({ title: 'Anonymous' }, { junk: Buffer.alloc(4 * 1024 * 1024, 7) });
    const res = await postInChunks(server.url, newBook, { 'content-type': contentType, 'content-length': String(body.length) }, body);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin/login');
    expect(leftovers()).toEqual([]);
    expect(await (await lib.system()).count('library.book', [{ field: 'title', op: 'eq', value: 'Anonymous' }])).toBe(0);
  });

  it('signing in with an ordinary form still works', async () => {
    await expect(sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123')).resolves.toMatch(/^ums\.sid=/);
  });
});

describe('signed in, uploads are bounded and deleted when the request ends', () => {
  it('a form with a file part is saved, and its temporary file is gone after the answer', async () => {
    const { body, contentType } = multipart({ title: 'Uploaded with a file', copies_total: '1' }, { attachment: Buffer.alloc(200 * 1024, 1) });
    const res = await postInChunks(server.url, newBook, { cookie, 'content-type': contentType, 'content-length': String(body.length) }, body);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).notice).toMatchObject({ type: 'success' });
    expect(await (await lib.system()).count('library.book', [{ field: 'title', op: 'eq', value: 'Uploaded with a file' }])).toBe(1);
    expect(leftovers()).toEqual([]);
  });

  it('a body past the form limit is refused (413) whether declared or streamed, and leaves no file', async () => {
    const { body, contentType } = multipart({ title: 'Too big' }, { attachment: Buffer.alloc(FORM_MAX * 2, 1) });
    const declared = await postInChunks(server.url, newBook, { cookie, 'content-type': contentType, 'content-length': String(body.length) }, body);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text).error.message).toMatch(/larger than 1 MB/);
    const streamed = await postInChunks(server.url, newBook, { cookie, 'content-type': contentType, 'transfer-encoding': 'chunked' }, body);
    expect(streamed.status).toBe(413);
    expect(leftovers()).toEqual([]);
    expect(await (await lib.system()).count('library.book', [{ field: 'title', op: 'eq', value: 'Too big' }])).toBe(0);
  });

  it('a client that hangs up half-way through a file part leaves no file and no record', async () => {
    const { body, contentType } = multipart({ title: 'Cut off', copies_total: '1' }, { attachment: Buffer.alloc(600 * 1024, 3) });
    const half = body.subarray(0, Math.floor(body.length / 2));
    const req = openPost(server.url, newBook, { cookie, 'content-type': contentType, 'content-length': String(body.length) }, half);
    // The half is on disk once the server has read it; then the client is gone.
    let seen = false;
    for (let i = 0; i < 100 && !seen; i++) {
      await new Promise((r) => setTimeout(r, 20));
      seen = leftovers().length > 0;
    }
    expect(seen).toBe(true);
    req.destroy();
    let left = leftovers();
    for (let i = 0; i < 100 && left.length; i++) {
      await new Promise((r) => setTimeout(r, 20));
      left = leftovers();
    }
    expect(left).toEqual([]);
    expect(await (await lib.system()).count('library.book', [{ field: 'title', op: 'eq', value: 'Cut off' }])).toBe(0);
  });
});
