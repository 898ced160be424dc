/**
 * Sorting a list by a reference sorts by the target's title, not by its uuid (issue 10, "Names, not
 * ids"): a library's loans sorted by book come in the order of the books' titles, in the data layer and
 * in AdminJS's list (sortBy=book). The target is joined inside the organization and through the actor's
 * read rules: another organization's rows never join in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let library: Fixture;
let titleOfLoan: Map<string, string>;

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
