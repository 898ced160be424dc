/**
 * The admin's list answer describes each action once, not once per row (core/admin/list-answer.ts):
 * over real HTTP, a librarian's list of loans carries every action's description once under
 * `actionDescriptions`, each row names the actions it offers — and a record-dependent action stays
 * per row (Issue only on requested loans, Return only on issued ones). The answer is measured against
 * AdminJS's own shape (descriptions repeated in every row); a large JSON answer is not hashed for an
 * ETag unless the client asks with If-None-Match.
 */
import http from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';

let runtime: TestRuntime;
let server: TestServer;
let lib: Fixture;
let cookie: string;
const requested: string[] = [];
const issued: string[] = [];

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

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

type Description = { name: string; actionType: string; resourceId: string };
type Row = { id: string; recordActions: string[]; bulkActions: string[]; populated: Record<string, Row | null> };
type Answer = { records: Row[]; actionDescriptions: Record<string, Description>; meta: { total: number } };

const LOANS = '/admin/api/resources/LibraryLoan/actions/list?page=1&perPage=25';

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  const librarian = await lib.as('librarian');
  for (let i = 0; i < 20; i++) {
    const book = await librarian.create('library.book', { title: `Listed Book ${i}`, authors: 'Some Author', copies_total: 1 });
    const member = await librarian.create('library.member', { name: `Listed Reader ${i}`, card_number: `LR-${String(i).padStart(4, '0')}` });
    const loan = await librarian.create('library.loan', { book: book.id, member: member.id });
    if (i % 2 === 0) {
      await librarian.runAction('library.loan', 'issue', loan.id);
      issued.push(loan.id);
    } else requested.push(loan.id);
  }
  server = await startTestServer(runtime);
  cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
}, 180_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('the admin list answer', () => {
  it('describes each action once; each row names the actions it offers', async () => {
    const res = await rawGet(LOANS, { cookie, accept: 'application/json' });
    expect(res.status).toBe(200);
    const text = res.body.toString('utf8');
    const answer = JSON.parse(text) as Answer;
    expect(answer.records).toHaveLength(20);
    const keys = Object.keys(answer.actionDescriptions).sort();
    expect(keys).toEqual(expect.arrayContaining(['LibraryLoan.show', 'LibraryLoan.edit', 'LibraryLoan.delete', 'LibraryLoan.issue', 'LibraryLoan.return', 'LibraryLoan.bulkDelete']));
    // The referenced book's and member's actions (for their links) are described once too.
    expect(keys).toEqual(expect.arrayContaining(['LibraryBook.show', 'LibraryMember.show']));
    for (const [key, d] of Object.entries(answer.actionDescriptions)) expect(`${d.resourceId}.${d.name}`).toBe(key);
    // Each description once in the whole answer: its layout/custom texts are not repeated per row.
    expect(text.split('"actionType":').length - 1).toBe(keys.length);
    for (const row of answer.records) {
      expect(row.recordActions.every((k) => typeof k === 'string' && k in answer.actionDescriptions)).toBe(true);
      expect(row.bulkActions).toEqual(expect.arrayContaining(['LibraryLoan.bulkDelete']));
      expect(row.populated.book?.recordActions).toContain('LibraryBook.show');
    }
  });

  it('keeps a record-dependent action per row: Issue on requested loans, Return on issued ones', async () => {
    const answer = JSON.parse((await rawGet(LOANS, { cookie, accept: 'application/json' })).body.toString('utf8')) as Answer;
    const byId = new Map(answer.records.map((r) => [r.id, r.recordActions]));
    for (const id of requested) {
      expect(byId.get(id)).toContain('LibraryLoan.issue');
      expect(byId.get(id)).not.toContain('LibraryLoan.return');
    }
    for (const id of issued) {
      expect(byId.get(id)).toContain('LibraryLoan.return');
      expect(byId.get(id)).not.toContain('LibraryLoan.issue');
    }
  });

  it('is much smaller than AdminJS’s shape with descriptions in every row', async () => {
    const text = (await rawGet(LOANS, { cookie, accept: 'application/json' })).body.toString('utf8');
    const answer = JSON.parse(text) as Answer;
    const { actionDescriptions: d, ...rest } = answer;
    const full = (r: Row): unknown => ({
      ...r,
      populated: Object.fromEntries(Object.entries(r.populated).map(([k, v]) => [k, v ? full(v) : v])),
      recordActions: r.recordActions.map((k) => d[k]),
      bulkActions: r.bulkActions.map((k) => d[k]),
    });
    const repeated = JSON.stringify({ ...rest, records: answer.records.map(full) });
    console.log(`list answer (20 loans): ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB lean, ${(Buffer.byteLength(repeated) / 1024).toFixed(1)} KB with each row's descriptions`);
    expect(Buffer.byteLength(text) * 2).toBeLessThan(Buffer.byteLength(repeated));
  });

  it('a large JSON answer gets no ETag unless the client asks for one', async () => {
    const plain = await rawGet(LOANS, { cookie, accept: 'application/json', 'accept-encoding': 'br' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(plain.body).length).toBeGreaterThanOrEqual(8 * 1024);
    expect(plain.headers.etag).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    expect(JSON.parse(brotliDecompressSync(plain.body).toString('utf8')).records).toHaveLength(20);
    const asked = await rawGet(LOANS, { cookie, accept: 'application/json', 'accept-encoding': 'br', 'if-none-match': '"something-else"' });
    expect(asked.status).toBe(200);
    expect(asked.headers.etag).toBeDefined();
  });
});
