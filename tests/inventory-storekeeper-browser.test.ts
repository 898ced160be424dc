/**
 * A storekeeper's day in headless Chromium: they sign in, create an issue
 * entry from their warehouse (Main store) with one line, submit it from the
 * entry's page, and see the new balance in the stock balances list; an issue
 * from the Annex, a warehouse they are not assigned to, is refused on screen
 * and nothing is saved. The database is checked after each step.
 * Screenshots: docs/screenshots/inventory-storekeeper-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { RecordService } from '../core/data/records.js';
import { localDate, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { launchBrowser, seen, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let org: Fixture;
let system: RecordService;
let main: string;
let annex: string;
let item: string;
const today = (): string => localDate(new Date(), serverTimeZone());

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'inventory', ['storekeeper', 'manager']);
  const manager = await org.as('manager');
  system = await org.system();
  main = String((await manager.create('inventory.warehouse', { name: 'Main store' })).id);
  annex = String((await manager.create('inventory.warehouse', { name: 'Annex' })).id);
  await manager.create('inventory.warehouse_assignment', { warehouse: main, user: org.users.get('storekeeper')!.id });
  item = String((await manager.create('inventory.item', { sku: 'SKU-0042', name: 'বল বেয়ারিং (Ball bearing)' })).id);
  // 25 in Main store and 10 in the Annex, received by the manager.
  for (const [to, quantity] of [[main, 25], [annex, 10]] as const) {
    const entry = await manager.create('inventory.stock_entry', { purpose: 'RECEIPT', posting_date: today(), to_warehouse: to });
    await manager.create('inventory.stock_entry_line', { entry: entry.id, item, quantity, rate: 4 });
    await (await WorkflowEngine.for(manager)).run('inventory.stock_entry', String(entry.id), 'submit');
  }
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });

/** Chooses in a select or reference picker: types part of the option, waits for it, takes it. */
async function choose(page: Page, field: string, typed: string, option: string | RegExp): Promise<void> {
  const box = page.locator(`[data-testid="property-edit-${field}"]`);
  const input = box.locator('input').first();
  await input.click();
  await input.fill(typed);
  await box.getByText(option).first().click({ timeout: 30_000 });
}

async function fill(page: Page, field: string, value: string): Promise<void> {
  const input = page.locator(`[data-testid="property-edit-${field}"] input`).first();
  await input.click();
  await input.fill(value);
  await input.press('Escape');
}

async function newEntry(page: Page, warehouse: string): Promise<void> {
  await page.goto(`${server.url}/admin/resources/InventoryStockEntry/actions/new`);
  await page.locator('[data-testid="property-edit-purpose"]').waitFor({ timeout: 60_000 });
  await choose(page, 'purpose', 'Iss', /^Issue$/i);
  await fill(page, 'posting_date', today());
  await choose(page, 'from_warehouse', warehouse.slice(0, 3), warehouse);
}

async function balance(warehouse: string): Promise<number> {
  const [b] = await system.find('inventory.stock_balance', { filters: [{ field: 'item', op: 'eq', value: item }, { field: 'warehouse', op: 'eq', value: warehouse }] });
  return Number(b?.quantity ?? 0);
}

describe('a storekeeper issues stock from their warehouse and sees the balance', () => {
  it('creates and submits an issue in Main store, sees 25 − 7 = 18; an issue from the Annex is refused', async () => {
    const keeper = await signIn(browser, server.url, org.users.get('storekeeper')!.email);

    await seen(keeper, 'inventory-storekeeper-entry', async () => {
      await newEntry(keeper, 'Main store');
      await Promise.all([keeper.waitForURL((url) => !url.pathname.endsWith('/actions/new'), { timeout: 60_000 }), keeper.locator('form button[type=submit]').last().click()]);
    });
    const [entry] = await system.find('inventory.stock_entry', { filters: [{ field: 'from_warehouse', op: 'eq', value: main }] });
    expect(entry).toMatchObject({ purpose: 'ISSUE', status: 'DRAFT' });
    const number = String(entry.number);

    await seen(keeper, 'inventory-storekeeper-line', async () => {
      await keeper.goto(`${server.url}/admin/resources/InventoryStockEntryLine/actions/new`);
      await keeper.locator('[data-testid="property-edit-entry"]').waitFor({ timeout: 60_000 });
      await choose(keeper, 'entry', number.slice(-5), number);
      await choose(keeper, 'item', 'SKU-00', 'SKU-0042');
      await fill(keeper, 'quantity', '7');
      await Promise.all([keeper.waitForURL((url) => !url.pathname.endsWith('/actions/new'), { timeout: 60_000 }), keeper.locator('form button[type=submit]').last().click()]);
    });
    expect(await system.count('inventory.stock_entry_line', [{ field: 'entry', op: 'eq', value: entry.id }])).toBe(1);

    await seen(keeper, 'inventory-storekeeper-submit', async () => {
      await keeper.goto(`${server.url}/admin/resources/InventoryStockEntry/records/${entry.id}/show`);
      await keeper.getByRole('button', { name: 'Submit', exact: true }).or(keeper.getByRole('link', { name: 'Submit', exact: true })).first().click({ timeout: 60_000 });
      await keeper.getByTestId('workflow-submit').waitFor({ timeout: 60_000 });
      await Promise.all([keeper.waitForURL(/\/show/, { timeout: 60_000 }), keeper.getByTestId('workflow-submit').click()]);
      await keeper.getByText('Submitted', { exact: true }).first().waitFor({ timeout: 60_000 });
    });
    expect((await system.get('inventory.stock_entry', String(entry.id))).status).toBe('SUBMITTED');
    expect(await balance(main)).toBe(18);

    await seen(keeper, 'inventory-storekeeper-balance', async () => {
      await keeper.goto(`${server.url}/admin/resources/InventoryStockBalance`);
      const row = keeper.locator('tr', { hasText: 'Main store' }).first();
      await row.waitFor({ timeout: 60_000 });
      expect(await row.innerText()).toMatch(/\b18(\.0+)?\b/);
    });
    await shot(keeper, 'inventory-storekeeper-balance');

    // The Annex is not theirs: the entry is refused on screen and not saved.
    await seen(keeper, 'inventory-storekeeper-refused', async () => {
      await newEntry(keeper, 'Annex');
      await keeper.locator('form button[type=submit]').last().click();
      await keeper.getByText(/not allowed|may not|forbidden|cannot/i).first().waitFor({ timeout: 60_000 });
    });
    await shot(keeper, 'inventory-storekeeper-refused');
    expect(keeper.url()).toMatch(/actions\/new/);
    expect(await system.count('inventory.stock_entry', [{ field: 'from_warehouse', op: 'eq', value: annex }])).toBe(0);
    expect(await balance(annex)).toBe(10);
  }, 300_000);
});
