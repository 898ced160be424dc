/**
 * The account links as a person meets them, in headless Chromium: AdminJS's
 * login page (overridden only to add links) still signs in, shows the
 * lock-out message with its time, and leads to the forgot-password page; the
 * user menu offers deleting one's own account. Needs Debian's chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startTestServer, type TestServer } from './support/http.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let lib: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/admin/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForLoadState('load'), page.click('button.adminjs_Button')]);
}

describe('account links in the admin', () => {
  it('the login page keeps its form and links to the forgot-password page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin/login`);
    const link = page.locator('#forgot-password');
    await link.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/ums-login-links.png` });
    await Promise.all([page.waitForURL(/\/auth\/password\/forgot$/), link.click()]);
    await page.fill('input[name=email]', 'someone@example.test');
    await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
    expect(await page.textContent('.notice')).toMatch(/If an account with this e-mail address exists/);
    await page.close();
  }, 120_000);

  it('after repeated failures the login page shows the lock-out with its time', async () => {
    const page = await browser.newPage();
    const email = lib.users.get('librarian')!.email;
    for (let i = 0; i < 5; i++) await submitLogin(page, email, `wrong-${i}`);
    const message = page.getByText(/Sign-in is locked until \d\d:\d\d UTC/);
    await message.waitFor({ timeout: 60_000 });
    expect(await message.innerText()).toMatch(/in 15 minutes/);
    await page.close();
  }, 120_000);

  it('a signed-in user finds "Delete my account" in the user menu, which opens the confirmation page', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await submitLogin(page, lib.users.get('admin')!.email, 'secret-123');
    await page.waitForURL(/\/admin(\/)?$/, { timeout: 60_000 });
    await page.locator('[data-css="logged-in"]').click();
    const entry = page.getByText('Delete my account');
    await entry.waitFor({ timeout: 30_000 });
    await Promise.all([page.waitForURL(/\/auth\/account\/delete$/), entry.click()]);
    expect(await page.textContent('h1')).toBe('Delete your account');
    expect(await page.content()).toContain(lib.users.get('admin')!.email);
    await page.close();
  }, 120_000);
});
