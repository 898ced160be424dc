/**
 * Saved filters in the browser: a librarian filters the loans list to issued loans, saves the filter
 * under a name, reloads the page and finds it beside the list; opening it from the unfiltered list
 * shows only the issued loans; deleting it takes it away. Screenshot in docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser, seen, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const SHOTS = 'docs/screenshots';
let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let a: Fixture;
const codes: Record<string, string[]> = { requested: [], issued: [] };

beforeAll(async () => {
  runtime = await createTestRuntime();
  a = await createFixtureOrg(runtime, 'library', ['librarian']);
  const system = await a.system();
  const book = await system.create('library.book', { title: 'Gitanjali', copies_total: 10 });
  const member = await system.create('library.member', { name: 'Rina Das', card_number: 'CARD-0001' });
  for (const status of ['requested', 'requested', 'issued', 'issued', 'issued']) {
    const loan = await system.create('library.loan', { book: book.id, member: member.id });
    // Issued without the workflow's side effects (copies, mails): only the list's status matters here.
    if (status === 'issued') await system.entityManager.query(`UPDATE library_loan SET status = 'issued' WHERE id = $1`, [loan.id]);
    codes[status].push(String(loan.code));
  }
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

describe('saved filters beside the list', () => {
  it('filter loans, save the filter, reload, open it and see the filtered list; delete it', async () => {
    const page = await signIn(browser, server.url, a.users.get('librarian')!.email);
    const list = `${server.url}/admin/resources/LibraryLoan/actions/list`;
    const rowsAre = (n: number) => page.waitForFunction((count) => document.querySelectorAll('table tbody tr').length === count, n, { timeout: 60_000 });
    await seen(page, 'saved-filters-save', async () => {
      // The filter as the list's filter drawer writes it into the address.
      await page.goto(`${list}?filters.status=issued`);
      await rowsAre(3);
      await page.getByTestId('saved-filter-save').click();
      await page.getByLabel('Name of the saved filter').fill('Issued loans');
      await page.getByTestId('saved-filter-submit').click();
      await page.getByTestId('saved-filter').filter({ hasText: 'Issued loans' }).waitFor({ timeout: 30_000 });
    });
    await seen(page, 'saved-filters-open', async () => {
      await page.goto(list);
      await page.reload();
      await rowsAre(5);
      const saved = page.getByTestId('saved-filter').filter({ hasText: 'Issued loans' });
      await saved.waitFor({ timeout: 30_000 });
      await saved.getByRole('link', { name: 'Issued loans' }).click();
      await page.waitForURL(/filters\.status=issued/);
      await rowsAre(3);
      const text = await page.locator('table tbody').innerText();
      for (const code of codes.issued) expect(text).toContain(code);
      for (const code of codes.requested) expect(text).not.toContain(code);
      await page.screenshot({ path: `${SHOTS}/list-saved-filters.png`, fullPage: true });
    });
    await seen(page, 'saved-filters-delete', async () => {
      page.once('dialog', (d) => void d.accept());
      await page.getByTestId('saved-filter').filter({ hasText: 'Issued loans' }).getByTestId('saved-filter-delete').click();
      await page.getByTestId('saved-filter').filter({ hasText: 'Issued loans' }).waitFor({ state: 'detached', timeout: 30_000 });
      await page.reload();
      await page.getByTestId('saved-filter-save').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('saved-filter').count()).toBe(0);
    });
  }, 180_000);
});
