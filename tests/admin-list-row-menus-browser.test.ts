/**
 * The lean list answer (each action described once, core/admin/list-answer.ts) as a person uses the
 * list, in headless Chromium: the list request really gets the lean answer, a row's menu offers the
 * record's own actions (Issue on a requested loan, Return on an issued one) and opens them, selecting
 * rows brings the bulk Delete, which opens with the selected records, and clicking a row opens the
 * record page with its actions. Needs Debian's chromium (npm test installs it).
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
let requested: string;
let issued: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  const librarian = await lib.as('librarian');
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const book = await librarian.create('library.book', { title: `Menu Book ${i}`, copies_total: 1 });
    const member = await librarian.create('library.member', { name: `Menu Reader ${i}`, card_number: `MR-000${i}` });
    ids.push((await librarian.create('library.loan', { book: book.id, member: member.id })).id);
  }
  [requested, issued] = ids;
  await librarian.runAction('library.loan', 'issue', issued);
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const row = (page: Page, id: string) => page.locator(`tr[data-id="${id}"]`);

async function openList(page: Page): Promise<{ lean: boolean }> {
  const seen = { lean: false };
  page.on('response', async (response) => {
    if (!response.url().includes('/api/resources/LibraryLoan/actions/list')) return;
    const body = (await response.json().catch(() => ({}))) as { actionDescriptions?: object };
    if (body.actionDescriptions) seen.lean = true;
  });
  await page.goto(`${server.url}/admin/resources/LibraryLoan`);
  await row(page, requested).waitFor({ timeout: 60_000 });
  await row(page, issued).waitFor({ timeout: 60_000 });
  return seen;
}

async function menuOf(page: Page, id: string): Promise<string[]> {
  await row(page, id).getByTestId('actions-dropdown').first().hover();
  await row(page, id).getByTestId('actions-dropdown').first().click();
  const items = page.locator('[data-testid^="action-"]:visible');
  await items.first().waitFor({ timeout: 30_000 });
  return (await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).sort();
}

describe('the admin list with actions described once', () => {
  it('row menus offer each record its own actions, and a menu action opens', async () => {
    const page = await signIn(browser, server.url, lib.users.get('librarian')!.email);
    const seen = await openList(page);
    expect(seen.lean).toBe(true);
    const requestedMenu = await menuOf(page, requested);
    expect(requestedMenu).toEqual(expect.arrayContaining(['action-edit', 'action-delete', 'action-issue']));
    expect(requestedMenu).not.toContain('action-return');
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/admin/resources/LibraryLoan`);
    await row(page, issued).waitFor({ timeout: 60_000 });
    const issuedMenu = await menuOf(page, issued);
    expect(issuedMenu).toContain('action-return');
    expect(issuedMenu).not.toContain('action-issue');
    await page.goto(`${server.url}/admin/resources/LibraryLoan`);
    await row(page, requested).waitFor({ timeout: 60_000 });
    await menuOf(page, requested);
    await page.locator('[data-testid="action-issue"]:visible').first().click();
    await page.getByTestId('ums-confirm-action').waitFor({ timeout: 60_000 });
    expect(page.url()).toContain(`/records/${requested}/issue`);
    await page.context().close();
  }, 180_000);

  it('selecting rows offers the bulk Delete, which opens with the selected records', async () => {
    const page = await signIn(browser, server.url, lib.users.get('librarian')!.email);
    await openList(page);
    await row(page, requested).locator('td').first().locator('input[type=checkbox]').first().click({ force: true });
    await row(page, issued).locator('td').first().locator('input[type=checkbox]').first().click({ force: true });
    const bulk = page.getByTestId('action-bulkDelete').first();
    await bulk.waitFor({ timeout: 30_000 });
    await bulk.click();
    await page.waitForURL(/bulk\/bulkDelete/, { timeout: 60_000 });
    expect(page.url()).toContain(requested);
    expect(page.url()).toContain(issued);
    await page.context().close();
  }, 180_000);

  it('clicking a row opens the record page with its actions', async () => {
    const page = await signIn(browser, server.url, lib.users.get('librarian')!.email);
    await openList(page);
    await row(page, requested).locator('td[data-property-name]').first().click();
    await page.waitForURL(new RegExp(`/records/${requested}/show`), { timeout: 60_000 });
    await page.getByTestId('action-issue').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('action-return').count()).toBe(0);
    await page.context().close();
  }, 180_000);
});
