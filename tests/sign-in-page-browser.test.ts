/**
 * The sign-in page as a person meets it, in headless Chromium: it says UMS (not "Welcome to AdminJS"),
 * its inputs have labels, an empty form says what to enter, and after a wrong password the e-mail is
 * still there. Screenshots in tests/screenshots/ (git-ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
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

describe('the sign-in page', () => {
  it('says UMS, labels its inputs, and an empty form asks for the e-mail and password', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.getByLabel('E-mail').waitFor({ timeout: 60_000 });
    expect(await page.title()).toBe('UMS');
    const text = await page.locator('body').innerText();
    expect(text).toContain('UMS');
    expect(text).not.toMatch(/AdminJS/i);
    await expect(page.getByLabel('Password').getAttribute('type')).resolves.toBe('password');
    await page.click('button[type=submit]');
    await page.getByText('Enter your e-mail and password.').waitFor({ timeout: 10_000 });
    expect(page.url()).toMatch(/\/admin\/login$/);
    await page.screenshot({ path: 'tests/screenshots/sign-in-empty.png' });
    await page.close();
  }, 120_000);

  it('keeps the e-mail after a wrong password and says the credentials were wrong', async () => {
    const page = await browser.newPage();
    const email = lib.users.get('librarian')!.email;
    await page.goto(`${server.url}/admin/login`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('not-the-password');
    await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
    await page.getByText('Wrong e-mail or password.').waitFor({ timeout: 30_000 });
    await expect(page.getByLabel('E-mail').inputValue()).resolves.toBe(email);
    await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
    await page.screenshot({ path: 'tests/screenshots/sign-in-failed.png' });
    // The right password still gets in from here.
    await page.getByLabel('Password').fill('secret-123');
    await Promise.all([page.waitForURL(/\/admin(\/)?$/, { timeout: 60_000 }), page.click('button[type=submit]')]);
    await page.close();
  }, 120_000);
});
