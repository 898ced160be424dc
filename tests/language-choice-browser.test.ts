/**
 * Each user's language, decided by the server (core/admin/language.ts): a user who chose none sees their
 * organization's language without `?lng=`; `?lng=` still wins for that page; picking a language in the top
 * bar's selector POSTs it and stores it on the user, so a new browser opens in it; an unknown language is a
 * field error (400), not a stored value.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';
import { updateOrganizationSettings } from '../core/tenancy/settings.js';
import { launchBrowser, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
const EMAIL = 'librarian@library.demo';

beforeAll(async () => {
  runtime = await createTestRuntime();
  await seedDemoIfEmpty(runtime, { size: 'small', systemTypes: ['library'] });
  const [{ slug }]: { slug: string }[] = await runtime.dataSource.query('SELECT o.slug FROM core_user u JOIN core_organization o ON o.id = u.organization_id WHERE u.email = $1', [EMAIL]);
  await updateOrganizationSettings(runtime, slug, { language: 'bn' });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const headers = (page: Page): Promise<string[]> => page.locator('table thead').first().innerText().then((t) => t.split(/[\t\n]+/).map((x) => x.trim()).filter(Boolean));
const storedLanguage = async (): Promise<string | null> => ((await runtime.dataSource.query('SELECT language FROM core_user WHERE email = $1', [EMAIL])) as { language: string | null }[])[0].language;
const openBooks = async (page: Page, query = ''): Promise<string[]> => {
  await page.goto(`${server.url}/admin/resources/LibraryBook${query}`);
  await page.locator('table tbody tr').first().waitFor({ timeout: 60_000 });
  return headers(page);
};

describe('each user a language, each organization a default', () => {
  it("a user who chose none sees the organization's Bengali without ?lng=, and ?lng=en wins for that page", async () => {
    const page = await signIn(browser, server.url, EMAIL, { password: 'demo1234' });
    expect(await openBooks(page)).toEqual(expect.arrayContaining(['শিরোনাম', 'লেখক']));
    expect(await openBooks(page, '?lng=en')).toEqual(expect.arrayContaining(['Title', 'Authors']));
    // An explicit ?lng= is for that page only: nothing was stored, and the next page is Bengali again.
    expect(await storedLanguage()).toBeNull();
    expect(await openBooks(page)).toContain('শিরোনাম');
    await page.close();
  }, 180_000);

  it('the top bar selector stores the choice on the user: a new browser opens in English', async () => {
    const page = await signIn(browser, server.url, EMAIL, { password: 'demo1234' });
    await openBooks(page);
    const posted = page.waitForResponse((r) => r.url().endsWith('/admin/x/language') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'বাংলা' }).first().click();
    await page.getByText('English', { exact: true }).first().click();
    expect((await posted).status()).toBe(200);
    expect(await storedLanguage()).toBe('en');
    await page.close();
    const fresh = await signIn(browser, server.url, EMAIL, { password: 'demo1234' });
    expect(await openBooks(fresh)).toEqual(expect.arrayContaining(['Title', 'Authors']));
    await fresh.close();
  }, 180_000);

  it('an unknown language is a 400 field error and changes nothing', async () => {
    const page = await signIn(browser, server.url, EMAIL, { password: 'demo1234' });
    await openBooks(page);
    const before = await storedLanguage();
    const res = await page.request.post(`${server.url}/admin/x/language`, { data: { language: 'xx' }, headers: { Origin: server.url, Accept: 'application/json' } });
    expect(res.status()).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('not a language');
    expect(await storedLanguage()).toBe(before);
    await page.close();
  }, 180_000);
});
