/**
 * The search box above a list, in headless Chromium (issue 10, "Lists people can work with"): a
 * librarian types into the book list's box, submits, and the list shows only the books whose title
 * or declared `searchFields` (authors, ISBN) hold the text, case-insensitively and in Bengali; the term
 * is in the address (`filters._q`), so a reload keeps it and the list's export takes the same rows;
 * emptying the box shows every book again. Screenshot docs/screenshots/list-search.png.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seen, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const SHOTS = 'docs/screenshots';
let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let lib: Fixture;

const BOOKS = [
  { title: 'The Home and the World', authors: 'Rabindranath Tagore', isbn: '9780140449860' },
  { title: 'গীতাঞ্জলি', authors: 'রবীন্দ্রনাথ ঠাকুর', isbn: '9789840000017' },
  { title: 'Padma Nadir Majhi', authors: 'Manik Bandopadhyay', isbn: '9789840000024' },
  { title: 'Pather Panchali', authors: 'Bibhutibhushan Bandyopadhyay', isbn: '9789840000031' },
  { title: 'Home Fire', authors: 'Kamila Shamsie', isbn: '9780735217683' },
];

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['library.librarian']);
  const system = await lib.system();
  for (const book of BOOKS) await system.create('library.book', { ...book, copies_total: 1 });
  // Another organization's book that matches every search here: it must never show.
  await (await (await createFixtureOrg(runtime, 'library', [])).system()).create('library.book', { title: 'Home of another organization', authors: 'Tagore', copies_total: 1 });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const titlesShown = async (page: Page): Promise<string[]> => (await page.locator('table tbody tr').allInnerTexts()).map((row) => BOOKS.find((b) => row.includes(b.title))?.title ?? row).sort();
// n rows, each with its text: a row whose cells are still being drawn (seen on a loaded machine) is not yet the list.
const rowsAre = (page: Page, n: number) =>
  page.waitForFunction((count) => {
    const rows = Array.from(document.querySelectorAll('table tbody tr'));
    return rows.length === count && rows.every((row) => (row as HTMLElement).innerText.trim() !== '');
  }, n, { timeout: 60_000 });

async function search(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('list-search').getByRole('searchbox');
  await box.fill(text);
  await page.getByTestId('list-search-submit').click();
}

describe('the search box on the book list', () => {
  it('narrows the list by title and searchFields, case-insensitively and in Bengali, keeps the term in the address, and empties back to every book', async () => {
    const page = await signIn(browser, server.url, lib.users.get('library.librarian')!.email);
    const list = `${server.url}/admin/resources/LibraryBook/actions/list`;
    await page.goto(list);
    await rowsAre(page, BOOKS.length);
    const box = page.getByTestId('list-search').getByRole('searchbox');
    // The box is labelled with what it searches (the title and the declared searchFields).
    expect(await box.getAttribute('aria-label')).toMatch(/title/i);

    await seen(page, 'list-search-title', async () => {
      await search(page, 'HOME');
      await page.waitForURL(/filters\._q=HOME/);
      await rowsAre(page, 2);
      expect(await titlesShown(page)).toEqual(['Home Fire', 'The Home and the World']);
      await page.screenshot({ path: `${SHOTS}/list-search.png`, fullPage: true });
    });

    await seen(page, 'list-search-authors', async () => {
      // "bandyopadhyay" is in one author's name, "bandopadhyay" in another's: only the first matches.
      await search(page, 'bandyopadhyay');
      await rowsAre(page, 1);
      expect(await titlesShown(page)).toEqual(['Pather Panchali']);
      await search(page, '9780735217683');
      await rowsAre(page, 1);
      expect(await titlesShown(page)).toEqual(['Home Fire']);
    });

    await seen(page, 'list-search-bengali', async () => {
      await search(page, 'ঠাকুর');
      await rowsAre(page, 1);
      expect(await titlesShown(page)).toEqual(['গীতাঞ্জলি']);
      // A reload keeps the term (it is in the address) and shows it in the box.
      await page.reload();
      await rowsAre(page, 1);
      expect(await page.getByTestId('list-search').getByRole('searchbox').inputValue()).toBe('ঠাকুর');
    });

    await seen(page, 'list-search-nothing', async () => {
      // `%` is a literal, not a wildcard: nothing holds it.
      await search(page, '%');
      await page.waitForURL(/filters\._q=%25/);
      await rowsAre(page, 0);
    });

    await seen(page, 'list-search-export', async () => {
      // The export of the searched list holds the same rows.
      const csv = await (await page.request.get(`${server.url}/admin/x/export/library.book.csv?filters._q=home`)).text();
      const [header, ...rows] = parse(csv, { bom: true }) as string[][];
      expect(rows.map((r) => r[header.indexOf('title')]).sort()).toEqual(['Home Fire', 'The Home and the World']);
    });

    await seen(page, 'list-search-cleared', async () => {
      await search(page, '');
      await page.waitForURL((url) => !url.search.includes('_q'));
      await rowsAre(page, BOOKS.length);
    });
  }, 240_000);
});
