/**
 * Dashboards in headless Chromium over the small demo seed: chart cards are drawn by chart.js from the
 * groups the viewer may read, table cards list records with reference titles and progress bars, and a
 * count card opens the list filtered the way it counts. Screenshots go to tests/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { startTestServer, type TestServer } from './support/http.js';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';
import { findOrganization } from '../core/tenancy/index.js';
import { RecordService } from '../core/data/records.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  runtime = await createTestRuntime();
  await seedDemoIfEmpty(runtime, { size: 'small', systemTypes: ['library', 'institute', 'hotel', 'inventory'] });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const open = (email: string): Promise<Page> => signIn(browser, server.url, email, { password: 'demo1234' });

/** A chart card's canvas has been painted: some pixel is not transparent. */
const painted = (page: Page, label: string): Promise<boolean> =>
  page.locator('[data-testid=dashboard-chart]', { hasText: label }).locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return c.width > 0;
    return false;
  });

describe('dashboard cards in the browser', () => {
  it('a librarian sees charts drawn from the catalogue and a count card that opens its filtered list', async () => {
    const page = await open('librarian@library.demo');
    const pie = page.locator('[data-testid=dashboard-chart]', { hasText: 'Books by category' });
    await pie.waitFor({ timeout: 60_000 });
    expect(await pie.getAttribute('data-kind')).toBe('pie');
    const values = JSON.parse((await pie.getAttribute('data-values'))!) as number[];
    const library = RecordService.forSystem(runtime, (await findOrganization(runtime, 'library')).id, 'test');
    expect(values.reduce((a, b) => a + b, 0)).toBe(await library.count('library.book'));
    expect(await painted(page, 'Books by category')).toBe(true);
    const line = page.locator('[data-testid=dashboard-chart]', { hasText: 'Loans issued, last 30 days' });
    expect(JSON.parse((await line.getAttribute('data-labels'))!)).toHaveLength(30);
    expect(await painted(page, 'Loans issued, last 30 days')).toBe(true);
    expect(await page.getByTestId('dashboard-table').filter({ hasText: 'Latest loans' }).getByTestId('card-row').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'tests/screenshots/dashboard-library.png', fullPage: true });

    const overdue = page.getByTestId('dashboard-card').filter({ hasText: 'Loans out now' });
    const count = Number(await overdue.locator('text=/^\\d+$/').innerText());
    await Promise.all([page.waitForURL(/filters\._card=library\.1/), overdue.click()]);
    await page.locator('table tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('table tbody tr').count()).toBe(count);
    expect(await page.locator('[data-ums-badge]').allInnerTexts()).toEqual(Array(count).fill('Issued'));
    await page.close();
  }, 180_000);

  it('an institute admin sees current courses with their fill rate as bars', async () => {
    const page = await open('admin@institute.demo');
    const table = page.getByTestId('dashboard-table').filter({ hasText: 'Current courses with fill rate' });
    await table.waitFor({ timeout: 60_000 });
    const bars = table.getByTestId('card-progress');
    expect(await bars.count()).toBeGreaterThan(0);
    const first = bars.first();
    expect(Number(await first.getAttribute('data-max'))).toBeGreaterThan(0);
    expect(await first.innerText()).toMatch(/^\d+ \/ \d+$/);
    await page.screenshot({ path: 'tests/screenshots/dashboard-institute.png', fullPage: true });
    await page.close();
  }, 180_000);

  it('the hotel shows occupancy for the next 7 nights and the inventory stock by warehouse', async () => {
    const hotel = await open('admin@hotel.demo');
    const occupancy = hotel.locator('[data-testid=dashboard-chart]', { hasText: 'Occupancy, next 7 nights' });
    await occupancy.waitFor({ timeout: 60_000 });
    expect(JSON.parse((await occupancy.getAttribute('data-values'))!)).toHaveLength(7);
    expect(await painted(hotel, 'Occupancy, next 7 nights')).toBe(true);
    await hotel.close();
    const inventory = await open('admin@inventory.demo');
    const stock = inventory.locator('[data-testid=dashboard-chart]', { hasText: 'Stock on hand by warehouse' });
    await stock.waitFor({ timeout: 60_000 });
    expect(JSON.parse((await stock.getAttribute('data-labels'))!).length).toBeGreaterThan(0);
    // Valued in the posting transaction (moving average / FIFO), the balances' value sums per warehouse.
    const value = inventory.locator('[data-testid=dashboard-chart]', { hasText: 'Stock value by warehouse' });
    expect((JSON.parse((await value.getAttribute('data-values'))!) as number[]).some((v) => v > 0)).toBe(true);
    await inventory.close();
  }, 180_000);
});
