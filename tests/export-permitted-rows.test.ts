/**
 * List exports hold exactly what the user's list shows: the rows their row
 * rules and organization allow, the columns their field rules allow, with the
 * list's filters and sort from the URL, in CSV and in XLSX.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { RecordData } from '../core/data/records.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';
import { fetchAs } from './support/files.js';

let runtime: TestRuntime;
let server: TestServer;
let lib: Fixture;
let other: Fixture;
let books: RecordData[];
let otherBooks: RecordData[];
let ownLoans: { issued: RecordData; requested: RecordData };
let othersLoans: RecordData[];
let ownMember: RecordData;
const cookies = new Map<string, string>();


beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian', 'member']);
  other = await createFixtureOrg(runtime, 'library', ['librarian', 'member']);
  server = await startTestServer(runtime);

  const librarian = await lib.as('librarian');
  books = [];
  for (const [title, price] of [['Cosmos', 18.5], ['Annapurna', 22], ['=HYPERLINK("http://evil.test","Click")', 5]] as const) {
    books.push(await librarian.create('library.book', { title, copies_total: 3, acquisition_price: price, category: 'science' }));
  }
  const otherLibrarian = await other.as('librarian');
  otherBooks = [await otherLibrarian.create('library.book', { title: 'Elsewhere One', copies_total: 1 }), await otherLibrarian.create('library.book', { title: 'Elsewhere Two', copies_total: 1 })];

  ownMember = await librarian.create('library.member', { name: 'Member Me', card_number: 'ME-0001', user: lib.users.get('member')!.id });
  const someoneElse = await librarian.create('library.member', { name: 'Someone Else', card_number: 'SE-0002' });
  const loan = async (member: RecordData, book: RecordData, issue: boolean): Promise<RecordData> => {
    const created = await librarian.create('library.loan', { book: book.id, member: member.id });
    return issue ? (await librarian.runAction('library.loan', 'issue', created.id)).record! : created;
  };
  ownLoans = { issued: await loan(ownMember, books[0], true), requested: await loan(ownMember, books[1], false) };
  othersLoans = [await loan(someoneElse, books[0], true), await loan(someoneElse, books[2], false)];
  const otherMember = await otherLibrarian.create('library.member', { name: 'Other Org Member', card_number: 'OO-0001', user: other.users.get('member')!.id });
  await otherLibrarian.create('library.loan', { book: otherBooks[0].id, member: otherMember.id });

  for (const [key, fixture, role] of [['member', lib, 'member'], ['librarian', lib, 'librarian'], ['otherLibrarian', other, 'librarian']] as const) {
    cookies.set(key, await sessionCookie(server.url, fixture.users.get(role)!.email, 'secret-123'));
  }
});
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

interface Table {
  header: string[];
  rows: Record<string, string>[];
}

async function exportCsv(who: string, path: string): Promise<Table> {
  const res = await fetchAs(server.url, cookies.get(who), path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
  const text = await res.text();
  const [header, ...cells] = parse(text, { bom: true }) as string[][];
  return { header, rows: cells.map((c) => Object.fromEntries(header.map((h, i) => [h, c[i]]))) };
}

async function exportXlsx(who: string, path: string): Promise<Table> {
  const res = await fetchAs(server.url, cookies.get(who), path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const sheet = workbook.worksheets[0];
  const values = (n: number): unknown[] => (sheet.getRow(n).values as unknown[]).slice(1);
  const header = values(1).map(String);
  const rows: Record<string, string>[] = [];
  for (let n = 2; n <= sheet.actualRowCount; n++) {
    const cells = values(n);
    rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i] === undefined || cells[i] === null ? '' : String(cells[i])])));
  }
  return { header, rows };
}

const ids = (t: Table): string[] => t.rows.map((r) => r.id ?? r.ID).sort();
/** CSV: field names, each reference followed by its `<field>_title`. */
const csvHeader = (key: string, names: string[]): string[] =>
  names.flatMap((n) => (runtime.registry.entity(key)!.field.get(n)?.type === 'reference' ? [n, `${n}_title`] : [n]));
/** XLSX: the columns' labels. */
const xlsxHeader = (key: string, names: string[]): string[] =>
  names.map((n) => runtime.registry.entity(key)!.field.get(n)?.label ?? { id: 'ID', created_at: 'Created at', updated_at: 'Updated at' }[n] ?? n);
const sorted = (list: string[]): string[] => [...list].sort();

describe('a library member (row rule on loans, field rules on books and members)', () => {
  it('exports only their own loans, in CSV and XLSX, with every loan column', async () => {
    // The member's loan rule has no field list: every field of the manifest.
    const names = ['id', ...runtime.registry.entity('library.loan')!.fields.map((f) => f.name), 'created_at', 'updated_at'];
    const csv = await exportCsv('member', '/admin/x/export/library.loan.csv');
    expect(csv.header).toEqual(csvHeader('library.loan', names));
    expect(csv.header).toEqual(expect.arrayContaining(['code', 'book', 'book_title', 'member', 'member_title', 'status', 'due_at', 'fine']));
    const xlsx = await exportXlsx('member', '/admin/x/export/library.loan.xlsx');
    expect(xlsx.header).toEqual(xlsxHeader('library.loan', names));
    for (const table of [csv, xlsx]) expect(ids(table)).toEqual(sorted([ownLoans.issued.id, ownLoans.requested.id]));
  });

  it('with the list’s filter, exports only their own issued loan', async () => {
    const csv = await exportCsv('member', '/admin/x/export/library.loan.csv?filters.status=issued');
    expect(ids(csv)).toEqual([ownLoans.issued.id]);
    // CSV keeps ids and values for the round trip and names the references beside them.
    expect(csv.rows[0]).toMatchObject({ status: 'issued', code: String(ownLoans.issued.code), book: books[0].id, book_title: String(books[0].title), member: ownMember.id, member_title: 'Member Me' });
    const xlsx = await exportXlsx('member', '/admin/x/export/library.loan.xlsx?filters.status=issued');
    expect(ids(xlsx)).toEqual([ownLoans.issued.id]);
    // XLSX is for people: titles for references, labels for enum values.
    const loan = runtime.registry.entity('library.loan')!;
    const label = (n: string): string => loan.field.get(n)!.label;
    expect(xlsx.rows[0]).toMatchObject({ [label('status')]: 'Issued', [label('code')]: String(ownLoans.issued.code), [label('book')]: String(books[0].title), [label('member')]: 'Member Me' });
  });

  it('exports the books without the columns they may not read, and only their organization’s books', async () => {
    const names = ['id', 'title', 'isbn', 'authors', 'category', 'published_year', 'shelf', 'copies_available', 'created_at', 'updated_at'];
    const csv = await exportCsv('member', '/admin/x/export/library.book.csv');
    const xlsx = await exportXlsx('member', '/admin/x/export/library.book.xlsx');
    expect(csv.header).toEqual(csvHeader('library.book', names));
    expect(xlsx.header).toEqual(xlsxHeader('library.book', names));
    for (const table of [csv, xlsx]) expect(ids(table)).toEqual(sorted(books.map((b) => b.id)));
  });

  it('cannot learn a hidden field by filtering on it: the filter does not apply', async () => {
    const table = await exportCsv('member', '/admin/x/export/library.book.csv?filters.acquisition_price=22');
    expect(ids(table)).toEqual(sorted(books.map((b) => b.id)));
  });

  it('exports only their own member record, without the user column', async () => {
    const table = await exportCsv('member', '/admin/x/export/library.member.csv');
    expect(table.header).toEqual(['id', 'name', 'card_number', 'email', 'phone', 'status', 'joined_on', 'created_at', 'updated_at']);
    expect(ids(table)).toEqual([ownMember.id]);
  });

  it('may not export what they may not read at all', async () => {
    const res = await fetchAs(server.url, cookies.get('member'), '/admin/x/export/core.user.csv');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });
});

describe('a librarian', () => {
  it('exports every book of their organization with the price, none of another organization, in the list’s sort order', async () => {
    const csv = await exportCsv('librarian', '/admin/x/export/library.book.csv?sortBy=title&direction=desc');
    expect(csv.header).toContain('acquisition_price');
    expect(csv.rows.map((r) => r.id)).toEqual([...books].sort((a, b) => (String(a.title) < String(b.title) ? 1 : -1)).map((b) => b.id));
    expect(csv.rows.find((r) => r.title === 'Annapurna')).toMatchObject({ acquisition_price: '22', copies_total: '3', category: 'science' });
    const elsewhere = await exportCsv('otherLibrarian', '/admin/x/export/library.book.csv');
    expect(ids(elsewhere)).toEqual(sorted(otherBooks.map((b) => b.id)));
  });

  it('gets the same rows as the list screen shows for the same filters', async () => {
    const query = 'filters.status=issued';
    const list = await fetchAs(server.url, cookies.get('librarian'), `/admin/api/resources/LibraryLoan/actions/list?${query}&perPage=500`);
    const listed = ((await list.json()) as { records: { id: string }[] }).records.map((r) => r.id);
    const table = await exportCsv('librarian', `/admin/x/export/library.loan.csv?${query}`);
    expect(listed.length).toBe(2);
    expect(ids(table)).toEqual(sorted(listed));
    expect(ids(table)).toEqual(sorted([ownLoans.issued.id, othersLoans[0].id]));
  });

  it('a title that a spreadsheet would run as a formula is written inert: quoted in CSV, plain text in XLSX', async () => {
    const evil = String(books[2].title);
    const csv = await exportCsv('librarian', '/admin/x/export/library.book.csv');
    expect(csv.rows.find((r) => r.id === books[2].id)?.title).toBe(`'${evil}`);
    const xlsx = await exportXlsx('librarian', '/admin/x/export/library.book.xlsx');
    expect(xlsx.rows.find((r) => r.ID === books[2].id)?.Title).toBe(evil);
  });

  it('an unknown format or entity is not found; without a session nothing is exported', async () => {
    expect((await fetchAs(server.url, cookies.get('librarian'), '/admin/x/export/library.book.pdf')).status).toBe(404);
    expect((await fetchAs(server.url, cookies.get('librarian'), '/admin/x/export/library.nothing.csv')).status).toBe(404);
    expect((await fetchAs(server.url, undefined, '/admin/x/export/library.book.csv')).status).toBe(403);
  });
});

describe('keyset pages', () => {
  it('return every row once, in order, for a sort column with NULLs and ties, in either direction', async () => {
    const librarian = await lib.as('librarian');
    const years = [2001, null, 1999, 2001, null, 2010, 1999, null, 2001];
    const created = [];
    for (const [i, year] of years.entries()) created.push(await librarian.create('library.book', { title: `Keyset ${i}`, copies_total: 1, published_year: year }));
    const filters = [{ field: 'title', op: 'contains' as const, value: 'Keyset ' }];
    for (const direction of ['asc', 'desc'] as const) {
      const paged: RecordData[] = [];
      for await (const page of librarian.findPages('library.book', { filters, sort: { field: 'published_year', direction } }, 2)) {
        expect(page.length).toBeLessThanOrEqual(2);
        paged.push(...page);
      }
      const all = await librarian.find('library.book', { filters, sort: { field: 'published_year', direction }, limit: 100 });
      expect(paged.map((b) => b.id)).toEqual(all.map((b) => b.id));
      expect(new Set(paged.map((b) => b.id)).size).toBe(years.length);
      // PostgreSQL's order: NULLs last ascending, first descending.
      const order = paged.map((b) => b.published_year);
      expect(direction === 'asc' ? order.slice(-3) : order.slice(0, 3)).toEqual([null, null, null]);
    }
  });
});
