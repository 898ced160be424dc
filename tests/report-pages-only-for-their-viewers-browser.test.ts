/**
 * The navigation lists a declared report only to those who may see it, in headless Chromium: AdminJS's
 * pages are one list for everyone, so a library's librarian was offered the institute's reports ("Fee
 * collection per month"); now the sidebar shows the reports `GET /admin/x/reports` gives the viewer
 * (enabled modules, the report's roles) and still every other page (the approvals inbox).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser, seen, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let library: Fixture;
let institute: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  library = await createFixtureOrg(runtime, 'library', ['library.librarian']);
  institute = await createFixtureOrg(runtime, 'institute', []);
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

describe('report pages in the navigation', () => {
  it('a librarian sees no institute report, the institute admin sees theirs, both keep the approvals inbox', async () => {
    const librarian = await signIn(browser, server.url, library.users.get('library.librarian')!.email);
    await seen(librarian, 'report-pages-librarian', async () => {
      await librarian.goto(`${server.url}/admin`);
      await librarian.getByRole('link', { name: 'Approvals inbox' }).waitFor({ timeout: 60_000 });
      // The reports' list has answered once the sidebar has settled; give it the time a slow machine needs.
      await librarian.waitForLoadState('networkidle');
      expect(await librarian.getByText('Fee collection per month').count()).toBe(0);
    });
    const admin = await signIn(browser, server.url, institute.users.get('admin')!.email);
    await seen(admin, 'report-pages-institute-admin', async () => {
      await admin.goto(`${server.url}/admin`);
      await admin.getByRole('link', { name: 'Fee collection per month' }).waitFor({ timeout: 60_000 });
      expect(await admin.getByRole('link', { name: 'Approvals inbox' }).count()).toBe(1);
    });
  }, 180_000);
});
