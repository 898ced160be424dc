/**
 * The user's own account page (user menu → My account, /auth/account) lets them choose their language with
 * the same POST as the top bar's selector: choosing বাংলা stores it on the user, the page says so, and the
 * admin opens in Bengali; choosing the organization's language clears it again.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let world: InstituteWorld;
let server: TestServer;
let browser: Browser;

const stored = async (): Promise<string | null> => ((await runtime.dataSource.query('SELECT language FROM core_user WHERE id = $1', [world.userId('admin')])) as { language: string | null }[])[0].language;

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

it('My account → বাংলা: stored on the user, confirmed on the page, and the admin opens in Bengali', async () => {
  const page = await signIn(browser, server.url, world.fixture.users.get('admin')!.email, { password: 'secret-123' });
  await page.goto(`${server.url}/admin`);
  await page.locator('[data-css="logged-in"]').click();
  const entry = page.getByText('My account', { exact: true });
  await entry.waitFor({ timeout: 60_000 });
  await Promise.all([page.waitForURL(/\/auth\/account$/), entry.click()]);
  expect(await page.inputValue('select#language')).toBe(''); // nothing chosen yet: the organization's
  await page.selectOption('select#language', 'bn');
  await Promise.all([page.waitForURL(/\/auth\/account\?saved=1$/), page.getByRole('button', { name: /Save/ }).click()]);
  expect(await page.getByRole('status').innerText()).toContain('আপনার ভাষা সংরক্ষিত হয়েছে');
  expect(await page.inputValue('select#language')).toBe('bn');
  expect(await stored()).toBe('bn');

  await page.goto(`${server.url}/admin/resources/InstituteCourse`);
  await page.locator('table tbody tr').first().waitFor({ timeout: 60_000 });
  expect(await page.locator('table thead').first().innerText()).toContain('শিরোনাম');

  await page.goto(`${server.url}/auth/account`);
  await page.selectOption('select#language', '');
  await Promise.all([page.waitForURL(/saved=1$/), page.getByRole('button', { name: /Save/ }).click()]);
  expect(await stored()).toBeNull();
  await page.close();
}, 180_000);

it('the account page needs a signed-in user', async () => {
  const res = await fetch(`${server.url}/auth/account`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/admin/login');
});
