/**
 * A plain record action as a person uses it, in headless Chromium: a librarian
 * opens a requested loan, clicks Issue, reads the confirmation and confirms;
 * the loan is issued, and the request that issued it was a POST (AdminJS's own
 * button would have sent a GET). Needs Debian's chromium (npm test installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import type { RecordData } from '../core/data/records.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startTestServer, type TestServer } from './support/http.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let lib: Fixture;
let loan: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  const librarian = await lib.as('librarian');
  const book = await librarian.create('library.book', { title: 'Clicked Book', copies_total: 1 });
  const member = await librarian.create('library.member', { name: 'Clicking Reader', card_number: 'CR-0001' });
  loan = await librarian.create('library.loan', { book: book.id, member: member.id });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

describe('plain record actions in the admin', () => {
  it('clicking Issue on a loan and confirming issues it with a POST', async () => {
    const page = await signIn(browser, server.url, lib.users.get('librarian')!.email);
    const methods: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`/api/resources/LibraryLoan/records/${loan.id}/issue`)) methods.push(request.method());
    });
    await page.goto(`${server.url}/admin/resources/LibraryLoan/records/${loan.id}/show`);
    const issue = page.getByTestId('action-issue').first();
    await issue.waitFor({ timeout: 60_000 });
    await issue.click();
    const confirm = page.getByTestId('ums-confirm-action');
    await confirm.waitFor({ timeout: 60_000 });
    expect(await confirm.innerText()).toContain('Hand the book to the member now?');
    expect((await (await lib.system()).get('library.loan', loan.id)).status).toBe('requested');
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/ums-admin-confirm-issue.png` });
    await page.getByTestId('ums-confirm-action-run').click();
    await page.getByText('Issued "Clicked Book" to Clicking Reader.').first().waitFor({ timeout: 60_000 });
    await page.waitForURL(new RegExp(`/records/${loan.id}/show`), { timeout: 60_000 });
    expect((await (await lib.system()).get('library.loan', loan.id)).status).toBe('issued');
    expect(methods).toContain('POST');
    await page.context().close();
  }, 180_000);
});
