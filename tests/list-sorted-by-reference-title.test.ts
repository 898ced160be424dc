/**
 * Sorting a list by a reference sorts by the target's title, not by its uuid (issue 10, "Names, not
 * ids"): a library's loans sorted by book come in the order of the books' titles, in the data layer and
 * in AdminJS's list (sortBy=book), in the REST API's keyset pages (sort=book, a cursor per page) and in
 * CSV and XLSX exports. The target is joined inside the organization and through the actor's read rules:
 * another organization's rows never join in. A reference without a target (or a title) comes last, both
 * ways, in offset and keyset reads alike.
 */
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { exportRecords } from '../core/exchange/index.js';
import { apiCall, apiLogin } from './support/api.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let library: Fixture;
let titleOfLoan: Map<string, string>;
/** Member name → the name of its login's user (undefined: no login). */
let userNameOfMember: Map<string, string | undefined>;

// Titles of books created in this order. Their random ids fall in title order by chance once in 9! = 362,880
// runs, which is how often the test below that proves the order is not the ids' can fail without a bug.
const TITLES = ['Middlemarch', 'Anna Karenina', 'Zorba the Greek', 'Beloved', 'Nostromo', 'Emma', 'Kim', 'Dracula', 'Walden'];

beforeAll(async () => {
  runtime = await createTestRuntime();
  library = await createFixtureOrg(runtime, 'library', ['library.librarian', 'library.member']);
  const other = await createFixtureOrg(runtime, 'library', ['library.librarian']);
  const system = await library.system();
  const member = await system.create('library.member', { name: 'Mia Member', card_number: 'CARD-0001', user: library.users.get('library.member')!.id, status: 'active' });
  titleOfLoan = new Map();
  for (const title of TITLES) {
    const book = await system.create('library.book', { title, copies_total: 3 });
    const loan = await system.create('library.loan', { book: book.id, member: member.id });
    titleOfLoan.set(loan.id, title);
  }
  // Another organization's book with a title that would sort first: it must never take part.
  await (await other.system()).create('library.book', { title: 'Aaa other organization', copies_total: 1 });
  // Members sorted by their login (core.user, titled by the user's name); two have none, so they sort last.
  userNameOfMember = new Map();
  const names = ['Yusuf Login', 'Bilkis Login', 'Mahmud Login'];
  for (const [i, name] of names.entries()) {
    const user = await system.create('core.user', { email: `sort-${i}-${Date.now()}@example.test`, name, is_active: true });
    await system.create('library.member', { name: `Member ${i}`, card_number: `SORT-${i}`, user: user.id });
    userNameOfMember.set(`Member ${i}`, name);
  }
  await system.create('library.member', { name: 'Member without login', card_number: 'SORT-9' });
  userNameOfMember.set('Member without login', undefined);
  server = await startTestServer(runtime);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const sorted = (direction: 'asc' | 'desc'): string[] => [...TITLES].sort((a, b) => (direction === 'asc' ? a.localeCompare(b) : b.localeCompare(a)));

describe('a loan list sorted by book', () => {
  it('orders by the books’ titles in the data layer, both ways', async () => {
    for (const role of ['library.librarian', 'library.member']) {
      const records = await library.as(role);
      for (const direction of ['asc', 'desc'] as const) {
        const loans = await records.find('library.loan', { sort: { field: 'book', direction } });
        expect(loans.map((l) => titleOfLoan.get(l.id))).toEqual(sorted(direction));
      }
    }
  });

  it('is not the order of the book ids (the test can fail)', async () => {
    const records = await library.as('library.librarian');
    const loans = await records.find('library.loan', { sort: { field: 'book', direction: 'asc' } });
    const byId = [...loans].sort((a, b) => String(a.book).localeCompare(String(b.book)));
    expect(loans.map((l) => l.id)).not.toEqual(byId.map((l) => l.id));
  });

  it('pages by offset in title order', async () => {
    const records = await library.as('library.librarian');
    const second = await records.find('library.loan', { sort: { field: 'book', direction: 'asc' }, limit: 2, offset: 2 });
    expect(second.map((l) => titleOfLoan.get(l.id))).toEqual(sorted('asc').slice(2, 4));
  });

  it('orders the AdminJS list the same way (sortBy=book)', async () => {
    const librarian = await server.login(library.users.get('library.librarian')!.email, 'secret-123');
    const res = await librarian.get('/admin/api/resources/LibraryLoan/actions/list?sortBy=book&direction=asc&perPage=50');
    expect(res.status).toBe(200);
    expect(res.body.records!.map((r) => titleOfLoan.get(r.id))).toEqual(sorted('asc'));
    const desc = await librarian.get('/admin/api/resources/LibraryLoan/actions/list?sortBy=book&direction=desc&perPage=50');
    expect(desc.body.records!.map((r) => titleOfLoan.get(r.id))).toEqual(sorted('desc'));
  });
});

/** Every page of the REST list, following its cursors, `limit` rows at a time. */
async function apiPages(token: string, path: string, limit: number): Promise<{ id: string }[]> {
  const rows: { id: string }[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const res = await apiCall(server.url, 'GET', `${path}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(res.status).toBe(200);
    rows.push(...(res.body.data as { id: string }[]));
    cursor = res.body.next_cursor as string | null;
    if (!cursor) return rows;
  }
  throw new Error('the cursor never ended');
}

async function exported(role: string, format: 'csv' | 'xlsx', sort: { field: string; direction: 'asc' | 'desc' }, pageSize: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write: (c: Buffer, _e, done) => (chunks.push(Buffer.from(c)), done()) });
  await exportRecords(await library.as(role), 'library.loan', format, out, { sort, pageSize });
  return Buffer.concat(chunks);
}

describe('keyset reads sorted by a reference', () => {
  it('REST API pages (3 per page, through the cursors) come in the books’ title order, both ways', async () => {
    const { access_token } = await apiLogin(server.url, library.users.get('library.librarian')!.email);
    for (const direction of ['asc', 'desc'] as const) {
      const rows = await apiPages(access_token, `/library/loan?sort=${direction === 'desc' ? '-' : ''}book`, 3);
      expect(rows.map((r) => titleOfLoan.get(r.id))).toEqual(sorted(direction));
    }
  });

  it('a cursor of the book order is refused for another sort', async () => {
    const { access_token } = await apiLogin(server.url, library.users.get('library.librarian')!.email);
    const first = await apiCall(server.url, 'GET', '/library/loan?sort=book&limit=2', { token: access_token });
    const other = await apiCall(server.url, 'GET', `/library/loan?sort=-book&limit=2&cursor=${encodeURIComponent(String(first.body.next_cursor))}`, { token: access_token });
    expect(other.status).toBe(400);
  });

  it('CSV exports (pages of 2 rows) list the loans in the books’ title order, both ways', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const [header, ...rows] = parse((await exported('library.librarian', 'csv', { field: 'book', direction }, 2)).toString('utf8'), { bom: true }) as string[][];
      expect(rows.map((r) => r[header.indexOf('book_title')])).toEqual(sorted(direction));
      expect(rows.map((r) => titleOfLoan.get(r[header.indexOf('id')]))).toEqual(sorted(direction));
    }
  });

  it('XLSX exports show the books in title order', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await exported('library.member', 'xlsx', { field: 'book', direction: 'asc' }, 4) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = header.indexOf('Book');
    expect(col).toBeGreaterThan(0);
    const cells: string[] = [];
    sheet.eachRow((row, n) => { if (n > 1) cells.push(String(row.getCell(col).value)); });
    expect(cells).toEqual(sorted('asc'));
  });

  it('puts references without a target last in both directions, page after page (members by their login)', async () => {
    const system = await library.system();
    const withLogin = [...userNameOfMember.entries()].filter(([, u]) => u).sort(([, a], [, b]) => a!.localeCompare(b!)).map(([m]) => m);
    const without = [...userNameOfMember.entries()].filter(([, u]) => !u).map(([m]) => m).sort();
    for (const direction of ['asc', 'desc'] as const) {
      const pages: string[] = [];
      for await (const page of system.findPages('library.member', { sort: { field: 'user', direction } }, 2)) pages.push(...page.map((m) => String(m.name)));
      const offset = (await system.find('library.member', { sort: { field: 'user', direction }, limit: 100 })).map((m) => String(m.name));
      expect(pages).toEqual(offset);
      // Mia's login is the fixture's user, whose name is not ours to order: only the members made here are compared.
      pages.splice(0, pages.length, ...pages.filter((name) => userNameOfMember.has(name)));
      expect(pages.slice(0, withLogin.length)).toEqual(direction === 'asc' ? withLogin : [...withLogin].reverse());
      expect([...pages.slice(withLogin.length)].sort()).toEqual(without);
    }
  });
});
