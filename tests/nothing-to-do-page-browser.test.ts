/**
 * A person with nothing to work with is told why and whom to ask, in headless Chromium: a user with no
 * role, and the admin of an organization without modules (a hospital whose module was disabled), get a
 * page that says so and names the organization's admin, not "Nothing to show yet".
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createUser, setModuleEnabled } from '../core/tenancy/index.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let lib: Fixture;
let hospital: Fixture;
let roleless: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  hospital = await createFixtureOrg(runtime, 'hospital');
  // Every shipped system type brings a module now: an organization is without modules once they are disabled.
  await setModuleEnabled(runtime, hospital.org.slug, 'hospital', false);
  roleless = `nobody@${lib.org.slug}.test`;
  await createUser(runtime, lib.org.slug, { email: roleless, password: 'secret-123', name: 'Nadia Noroles', roles: [] });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

describe('a page for people with nothing to work with', () => {
  it('a user with no role reads that they have none and who the admin is', async () => {
    const page = await signIn(browser, server.url, roleless);
    const box = page.getByTestId('dashboard-empty');
    await box.waitFor({ timeout: 60_000 });
    expect(await box.getAttribute('data-reason')).toBe('no-role');
    const text = await box.innerText();
    expect(text).toMatch(/no role in this organization/);
    expect(text).toContain(lib.users.get('admin')!.email);
    expect(text).not.toContain('Nothing to show yet');
    await page.screenshot({ path: 'tests/screenshots/dashboard-no-role.png' });
    await page.close();
  }, 120_000);

  it('the admin of an organization without modules reads that there are none and what to do', async () => {
    const page = await signIn(browser, server.url, hospital.users.get('admin')!.email);
    const box = page.getByTestId('dashboard-empty');
    await box.waitFor({ timeout: 60_000 });
    expect(await box.getAttribute('data-reason')).toBe('no-modules');
    expect(await box.innerText()).toMatch(/no modules yet.*module:enable/s);
    await page.screenshot({ path: 'tests/screenshots/dashboard-no-modules.png' });
    await page.close();
  }, 120_000);

  it('a librarian with cards gets the cards, not the notice', async () => {
    const page = await signIn(browser, server.url, lib.users.get('librarian')!.email);
    await page.getByTestId('dashboard-card').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('dashboard-empty').count()).toBe(0);
    await page.close();
  }, 120_000);
});
