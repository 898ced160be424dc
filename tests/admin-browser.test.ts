/**
 * One check as a person would do it: headless Chromium signs in to AdminJS as
 * a librarian and finds the book list, and the navigation offers only what the
 * role allows. Needs Debian's chromium (npm test installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startTestServer, type TestServer } from './support/http.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let lib: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  const sys = await lib.system();
  await sys.create('library.book', { title: 'The Quiet Lighthouse', authors: 'Mei Chen', copies_total: 2 });
  await sys.create('library.book', { title: 'Notes on Glaciers', authors: 'Lars Novak', copies_total: 1 });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const signInAs = (email: string) => signIn(browser, server.url, email);

/** The sidebar's text with every module group opened. */
async function navigationText(page: Page): Promise<string> {
  const sidebar = page.locator('[data-css="sidebar"]');
  for (const group of ['Organization', 'Library']) {
    const header = sidebar.getByText(group, { exact: true });
    if (await header.count()) await header.first().click();
  }
  return sidebar.innerText();
}

describe('AdminJS in a real browser', () => {
  it('a librarian signs in, finds the book list, and the navigation offers only library screens', async () => {
    const page = await signInAs(lib.users.get('librarian')!.email);
    await page.goto(`${server.url}/admin/resources/LibraryBook`);
    await page.getByText('The Quiet Lighthouse').first().waitFor({ timeout: 60_000 });
    await expect(page.getByText('Notes on Glaciers').first().isVisible()).resolves.toBe(true);
    const sidebar = await navigationText(page);
    expect(sidebar).toContain('Books');
    expect(sidebar).toContain('Loans');
    expect(sidebar).not.toContain('Audit log');
    expect(sidebar).not.toContain('Role assignments');
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/ums-admin-books.png` });
    await page.close();
  }, 120_000);

  it("the organization's admin sees the organization screens and its name", async () => {
    const page = await signInAs(lib.users.get('admin')!.email);
    const sidebar = await navigationText(page);
    expect(sidebar).toContain('Audit log');
    expect(sidebar).toContain('Role assignments');
    expect(sidebar).toContain('Books');
    expect(await page.content()).toContain(lib.org.name);
    await page.goto(`${server.url}/admin`);
    const card = page.getByTestId('dashboard-card').filter({ hasText: 'Books in the catalogue' });
    await card.waitFor({ timeout: 90_000 });
    expect(await card.innerText()).toContain('2');
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/ums-admin-dashboard.png` });
    await page.close();
  }, 120_000);
});
