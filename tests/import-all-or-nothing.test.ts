/**
 * CSV import: every row is validated like the create form, as the importing
 * user; a file with any rejected row writes nothing and reports every rejected
 * row with its field errors; a clean file is written in full. Users import
 * only what they may create, fields included, and only into their own
 * organization.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { RecordService, type RecordData } from '../core/data/records.js';
import { exportRecords, importCsv } from '../core/exchange/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';
import { errorOf } from './support/errors.js';
import { fetchAs } from './support/files.js';

let runtime: TestRuntime;
let server: TestServer;
let lib: Fixture;
let other: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian', 'member']);
  other = await createFixtureOrg(runtime, 'library', ['librarian']);
  server = await startTestServer(runtime);
});
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const librarianOf = (f: Fixture) => f.users.get('librarian')!.actor;

async function booksTitled(f: Fixture, prefix: string): Promise<RecordData[]> {
  return (await f.as('librarian')).find('library.book', { filters: [{ field: 'title', op: 'contains', value: prefix }], limit: 1000, sort: { field: 'title', direction: 'asc' } });
}

describe('all or nothing', () => {
  it('a clean file is imported in full, through the same hooks and coercion as the form', async () => {
    const csv = ['title,authors,category,copies_total,acquisition_price,published_year', 'Clean One,A. Author,science,3,12.50,1999', '"Clean Two, with a comma",B. Author,history,1,,2005', 'Clean Three,,,2,,'].join('\n');
    const report = await importCsv(runtime, librarianOf(lib), 'library.book', csv);
    expect(report).toEqual({ entity: 'library.book', rows: 3, created: 3, committed: true, rejected: [], ignoredColumns: [] });
    const books = await booksTitled(lib, 'Clean ');
    expect(books.map((b) => b.title)).toEqual(['Clean One', 'Clean Three', 'Clean Two, with a comma']);
    // Coerced like form input; the hook filled copies_available; the default category applied to the empty cell.
    expect(books[0]).toMatchObject({ copies_total: 3, copies_available: 3, acquisition_price: 12.5, published_year: 1999, category: 'science' });
    expect(books[1]).toMatchObject({ category: 'fiction', authors: null });
  });

  it('one bad row among good ones: nothing is written, and every rejected row is reported with its field errors', async () => {
    const csv = [
      'title,isbn,copies_total,published_year',
      'Batch Good A,9780306406157,1,2001', // line 2, row 1
      'Batch Bad Copies,,-1,2001', // row 2: below the minimum
      'Batch Bad Isbn,not-an-isbn,1,1200', // row 3: pattern and minimum year
      ',,1,', // row 4: title missing
      'Batch Good B,,2,',
      'Batch Duplicate Isbn,9780306406157,1,', // row 6: unique within the organization (the first row is in the same transaction)
    ].join('\n');
    const before = (await booksTitled(lib, 'Batch ')).length;
    const report = await importCsv(runtime, librarianOf(lib), 'library.book', csv);
    expect(report.committed).toBe(false);
    expect(report.created).toBe(0);
    expect(report.rows).toBe(6);
    expect(report.rejected.map((r) => [r.row, r.line, Object.keys(r.errors).sort()])).toEqual([
      [2, 3, ['copies_total']],
      [3, 4, ['isbn', 'published_year']],
      [4, 5, ['title']],
      [6, 7, ['isbn']],
    ]);
    expect(report.rejected[0].errors.copies_total).toMatch(/0/);
    expect(report.rejected[3].errors.isbn).toMatch(/already|unique|exists/i);
    expect((await booksTitled(lib, 'Batch ')).length).toBe(before);
  });

  it('an unknown or doubled column rejects the file at its header, before any row', async () => {
    const report = await importCsv(runtime, librarianOf(lib), 'library.book', 'title,colour,Title\nHeader Test,red,x\n');
    expect(report).toMatchObject({ committed: false, rows: 0, created: 0 });
    expect(report.rejected).toEqual([{ row: 0, line: 1, errors: { colour: 'is not a field of Book', Title: 'appears twice (as "title")' } }]);
    expect(await booksTitled(lib, 'Header Test')).toHaveLength(0);
  });

  it('a file that is not CSV is refused as a whole', async () => {
    const err = await errorOf(importCsv(runtime, librarianOf(lib), 'library.book', 'title\n"unterminated\n'));
    expect(err.code).toBe('BAD_REQUEST');
  });

  it('an export imports back into another organization (system columns ignored, formula guard undone)', async () => {
    const librarian = await lib.as('librarian');
    await librarian.create('library.book', { title: '=SUM(A1:A2) Round Trip', copies_total: 2, category: 'reference' });
    await librarian.create('library.book', { title: 'Round Trip Plain', copies_total: 1, shelf: 'R-1' });
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await exportRecords(librarian, 'library.book', 'csv', sink, { filters: [{ field: 'title', op: 'contains', value: 'Round Trip' }] });
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv).toContain("'=SUM(A1:A2) Round Trip");

    const report = await importCsv(runtime, librarianOf(other), 'library.book', csv);
    expect(report).toMatchObject({ committed: true, created: 2, ignoredColumns: ['id', 'copies_available', 'created_at', 'updated_at'] });
    const copied = await booksTitled(other, 'Round Trip');
    expect(copied.map((b) => [b.title, b.copies_total, b.category, b.shelf])).toEqual([
      ['=SUM(A1:A2) Round Trip', 2, 'reference', null],
      ['Round Trip Plain', 1, 'fiction', 'R-1'],
    ]);
    const originals = await booksTitled(lib, 'Round Trip');
    expect(copied.map((b) => b.id)).not.toContain(originals[0].id);
  });
});

describe('what the user may create', () => {
  it('a member, who may not create books, is refused the whole file', async () => {
    const err = await errorOf(importCsv(runtime, lib.users.get('member')!.actor, 'library.book', 'title,copies_total\nNope,1\n'));
    expect(err.code).toBe('FORBIDDEN');
    expect(await booksTitled(lib, 'Nope')).toHaveLength(0);
  });

  it('a field the role may not set is a field error on every row that fills it', async () => {
    const admin = await lib.as('admin');
    const role = await admin.create('core.role', {
      name: 'cataloguer',
      rules: [
        { action: 'read', subject: 'library.book' },
        { action: 'create', subject: 'library.book', fields: ['title', 'copies_total', 'category'] },
      ],
    });
    const email = `cataloguer@${lib.org.slug}.test`;
    const user = await admin.create('core.user', { email, name: 'Cataloguer', password: 'secret-123', is_active: true });
    await admin.create('core.role_assignment', { user: user.id, role: role.id });
    const actor = { kind: 'user' as const, userId: user.id, organizationId: lib.org.id, email };

    const refused = await importCsv(runtime, actor, 'library.book', 'title,copies_total,acquisition_price\nCatalogued A,1,\nCatalogued B,1,99\n');
    expect(refused.committed).toBe(false);
    expect(refused.rejected).toEqual([{ row: 2, line: 3, errors: { acquisition_price: 'you may not set this field' } }]);

    const allowed = await importCsv(runtime, actor, 'library.book', 'title,copies_total,category\nCatalogued A,1,history\n');
    expect(allowed).toMatchObject({ committed: true, created: 1 });
    expect(await (await RecordService.for(runtime, actor)).can('create', 'library.book')).toBe(true);
  });

  it('read-only fields are not taken from the file, as the form never sends them, and the report says so', async () => {
    const librarian = await lib.as('librarian');
    const book = await librarian.create('library.book', { title: 'Loanable', copies_total: 1 });
    const member = await librarian.create('library.member', { name: 'Importer Reader', card_number: 'IMP-0001' });
    const report = await importCsv(runtime, librarianOf(lib), 'library.loan', `book,member,status,fine\n${book.id},${member.id},issued,5\n`);
    expect(report).toMatchObject({ committed: true, created: 1, ignoredColumns: ['status', 'fine'] });
    const [loan] = await librarian.find('library.loan', { filters: [{ field: 'member', op: 'eq', value: member.id }] });
    expect(loan).toMatchObject({ status: 'requested', fine: null });
  });

  it('references must point into the importer’s own organization', async () => {
    const mine = await (await lib.as('librarian')).create('library.book', { title: 'Mine To Lend', copies_total: 1 });
    const member = await (await lib.as('librarian')).create('library.member', { name: 'Tenant Reader', card_number: 'TEN-0001' });
    const theirs = await (await other.as('librarian')).create('library.book', { title: 'Theirs', copies_total: 1 });
    const refused = await importCsv(runtime, librarianOf(lib), 'library.loan', `book,member\n${mine.id},${member.id}\n${theirs.id},${member.id}\n`);
    expect(refused.committed).toBe(false);
    expect(refused.rejected).toEqual([{ row: 2, line: 3, errors: { book: 'no such book' } }]);

    const accepted = await importCsv(runtime, librarianOf(lib), 'library.loan', `book,member\n${mine.id},${member.id}\n`);
    expect(accepted.committed).toBe(true);
    const [loan] = await (await lib.as('librarian')).find('library.loan', { filters: [{ field: 'member', op: 'eq', value: member.id }] });
    expect(loan).toMatchObject({ book: mine.id, status: 'requested', code: expect.stringMatching(/^L-/) });
    expect(await (await other.as('librarian')).find('library.loan', { filters: [{ field: 'member', op: 'eq', value: member.id }] })).toHaveLength(0);
  });
});

describe('over HTTP', () => {
  const post = (cookie: string | undefined, entity: string, body: string, type = 'text/csv') =>
    fetchAs(server.url, cookie, `/admin/x/import/${entity}`, { method: 'POST', headers: { 'content-type': type }, body });

  it('answers 200 with the report when committed and 422 with the report when rows were rejected', async () => {
    const cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
    const ok = await post(cookie, 'library.book', 'title,copies_total\nHttp One,1\nHttp Two,2\n');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ committed: true, created: 2, rejected: [] });

    const bad = await post(cookie, 'library.book', 'title,copies_total\nHttp Three,1\nHttp Four,lots\n');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ committed: false, created: 0, rejected: [{ row: 2, line: 3, errors: { copies_total: expect.any(String) } }] });
    expect((await booksTitled(lib, 'Http ')).map((b) => b.title)).toEqual(['Http One', 'Http Two']);
  });

  it('refuses a member (403), a request without a session (403) and a body that is not CSV (400)', async () => {
    const memberCookie = await sessionCookie(server.url, lib.users.get('member')!.email, 'secret-123');
    expect((await post(memberCookie, 'library.book', 'title,copies_total\nMember Book,1\n')).status).toBe(403);
    expect((await post(undefined, 'library.book', 'title,copies_total\nAnonymous Book,1\n')).status).toBe(403);
    const librarianCookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
    expect((await post(librarianCookie, 'library.book', 'title=x', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect(await booksTitled(lib, 'Member Book')).toHaveLength(0);
    expect(await booksTitled(lib, 'Anonymous Book')).toHaveLength(0);
  });
});
