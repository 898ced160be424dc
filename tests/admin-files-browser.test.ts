/**
 * The file actions as a person uses them, in headless Chromium: "Export" on a
 * filtered list downloads that list's rows, "Import" uploads a CSV and shows
 * the result, and a loan's "Fine receipt" downloads its PDF. Needs Debian's
 * chromium (npm test installs it: scripts/ensure-chromium.sh).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import type { RecordData } from '../core/data/records.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startTestServer, type TestServer } from './support/http.js';
import { pdfText } from './support/files.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let lib: Fixture;
let issued: RecordData;
let requested: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  const librarian = await lib.as('librarian');
  const book = await librarian.create('library.book', { title: 'Browser Book', copies_total: 3 });
  const member = await librarian.create('library.member', { name: 'Browser Reader', card_number: 'BR-0001' });
  issued = (await librarian.runAction('library.loan', 'issue', (await librarian.create('library.loan', { book: book.id, member: member.id })).id)).record!;
  requested = await librarian.create('library.loan', { book: book.id, member: member.id });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const signInAs = (email: string): Promise<Page> => signIn(browser, server.url, email, { downloads: true });

async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  return readFileSync((await file.path())!);
}

describe('file actions in the admin', () => {
  it('Export on a filtered list downloads the rows that list shows', async () => {
    const page = await signInAs(lib.users.get('librarian')!.email);
    await page.goto(`${server.url}/admin/resources/LibraryLoan?filters.status=issued`);
    await page.getByText(String(issued.code)).first().waitFor({ timeout: 60_000 });
    await page.getByTestId('action-export').first().click();
    const csvLink = page.getByTestId('ums-export-csv');
    await csvLink.waitFor({ timeout: 60_000 });
    expect(await csvLink.getAttribute('href')).toBe('/admin/x/export/library.loan.csv?filters.status=issued');
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/ums-admin-export.png` });
    const csv = (await download(page, () => csvLink.click())).toString('utf8');
    expect(csv).toContain(issued.id);
    expect(csv).not.toContain(requested.id);
    await page.context().close();
  }, 180_000);

  it('Import uploads a CSV and reports what was written', async () => {
    const page = await signInAs(lib.users.get('librarian')!.email);
    await page.goto(`${server.url}/admin/resources/LibraryBook/actions/import`);
    const input = page.getByTestId('ums-import-file');
    await input.waitFor({ timeout: 60_000 });
    await input.setInputFiles({ name: 'books.csv', mimeType: 'text/csv', buffer: Buffer.from('title,copies_total,copies_available\nUploaded One,2,9\nUploaded Two,1,\n') });
    await page.getByTestId('ums-import-upload').click();
    await page.getByTestId('ums-import-done').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/ums-admin-import.png` });
    expect(await page.getByTestId('ums-import').innerText()).toMatch(/Imported 2 records\.[\s\S]*Not imported \(set by the system\): copies_available/);
    const titles = (await (await lib.as('librarian')).find('library.book', { filters: [{ field: 'title', op: 'contains', value: 'Uploaded' }] })).map((b) => b.title);
    expect(titles.sort()).toEqual(['Uploaded One', 'Uploaded Two']);
    await page.context().close();
  }, 180_000);

  it('the fine receipt of a loan downloads as a PDF from its record action', async () => {
    const sys = await lib.system();
    const loan = await sys.update('library.loan', issued.id, { status: 'returned', returned_at: new Date().toISOString(), fine: 6 });
    const page = await signInAs(lib.users.get('librarian')!.email);
    await page.goto(`${server.url}/admin/resources/LibraryLoan/records/${loan.id}/fine_receipt`);
    const link = page.getByTestId('ums-document-download');
    await link.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/ums-admin-document.png` });
    const methods: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/fine_receipt.pdf')) methods.push(request.method());
    });
    const pdf = await download(page, () => link.click());
    // Printing issues the receipt's number: a POST, never a GET.
    expect(methods).toEqual(['POST']);
    const text = await pdfText(pdf);
    expect(text).toContain('Fine receipt');
    expect(text).toContain('Browser Reader');
    expect(text).toContain('6.00');
    await page.context().close();
  }, 180_000);
});
