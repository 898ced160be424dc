/**
 * English and Bengali in headless Chromium: with `?lng=bn` (or the top bar's language selector) AdminJS's
 * own strings and the manifest's translated labels are Bengali; untranslated ones stay English; without it
 * the admin is English. A translated label of a field that does not exist stops the load with its pointer.
 * Screenshots of the dashboard, a list and the bell in both languages go to tests/screenshots/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ManifestError } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';
import { launchBrowser, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  runtime = await createTestRuntime();
  await seedDemoIfEmpty(runtime, { size: 'small', systemTypes: ['library'] });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const headers = (page: Page): Promise<string[]> => page.locator('table thead').first().innerText().then((t) => t.split(/[\t\n]+/).map((x) => x.trim()).filter(Boolean));

describe('languages', () => {
  it('a list in Bengali: AdminJS buttons, the entity and its fields in Bengali', async () => {
    const page = await signIn(browser, server.url, 'librarian@library.demo', { password: 'demo1234' });
    await page.goto(`${server.url}/admin/resources/LibraryBook?lng=bn`);
    await page.locator('table tbody tr').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: 'tests/screenshots/list-bn.png' });
    expect(await headers(page)).toEqual(expect.arrayContaining(['শিরোনাম', 'লেখক', 'বিভাগ']));
    expect(await page.getByRole('link', { name: 'নতুন তৈরি করুন' }).or(page.getByRole('button', { name: 'নতুন তৈরি করুন' })).count()).toBeGreaterThan(0);
    const body = await page.locator('body').innerText();
    // The breadcrumb (AdminJS's "Dashboard") and the heading (the manifest's Bengali plural label).
    expect(body).toContain('ড্যাশবোর্ড');
    expect(body).toMatch(/^বই\s*\d+$/m);
    // The page has the Bengali glyphs: the bundled Noto Sans Bengali was loaded for them.
    expect(await page.evaluate(async () => { await document.fonts.ready; return document.fonts.check('16px "Noto Sans Bengali"', 'বই'); })).toBe(true);
    await page.screenshot({ path: 'tests/screenshots/list-bn.png' });
    await page.goto(`${server.url}/admin?lng=bn`);
    await page.getByTestId('dashboard-chart').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('notification-bell').click();
    await page.screenshot({ path: 'tests/screenshots/dashboard-bn.png' });
    await page.close();
  }, 180_000);

  it('without a language the admin is English', async () => {
    const page = await signIn(browser, server.url, 'librarian@library.demo', { password: 'demo1234' });
    await page.goto(`${server.url}/admin/resources/LibraryBook?lng=en`);
    await page.locator('table tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await headers(page)).toEqual(expect.arrayContaining(['Title', 'Authors', 'Category']));
    expect(await headers(page)).not.toContain('শিরোনাম');
    await page.screenshot({ path: 'tests/screenshots/list-en.png' });
    await page.close();
  }, 180_000);

  it('a translated label of an unknown field stops the load with its pointer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ums-bn-'));
    try {
      const library = JSON.parse(readFileSync('module-manifests/library.json', 'utf8'));
      library.entities[0].translations.bn.fields.titel = 'শিরোনাম';
      writeFileSync(join(dir, 'library.json'), JSON.stringify(library));
      let problems: string[] = [];
      try {
        loadRegistry({ dir });
      } catch (err) {
        expect(err).toBeInstanceOf(ManifestError);
        problems = (err as ManifestError).problems.map((p) => `${p.pointer}: ${p.message}`);
      }
      expect(problems).toContain('/entities/0/translations/bn/fields/titel: unknown field "titel" on Book');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
