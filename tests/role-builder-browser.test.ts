/**
 * An organization admin builds a custom role "read Books where category = Fiction" with the role
 * builder (no JSON typed), sees its rules in words on the role's page, assigns it to a user through
 * the role-assignment form, and that user then sees exactly the fiction books in the list. Headless
 * Chromium against the real server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../core/tenancy/index.js';
import { launchBrowser, seen, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let library: Fixture;
let browser: Browser;
const READER = (): string => `reader@${library.org.slug}.test`;

beforeAll(async () => {
  runtime = await createTestRuntime();
  library = await createFixtureOrg(runtime, 'library');
  const system = await library.system();
  for (const [title, category] of [['Dune', 'fiction'], ['Emma', 'fiction'], ['Cosmos', 'science'], ['Sapiens', 'history']] as const) {
    await system.create('library.book', { title, category, copies_total: 1 });
  }
  await createUser(runtime, library.org.slug, { email: READER(), password: 'secret-123', name: 'Rita Reader', roles: [] });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

/** Picks `text` in AdminJS's searchable reference select of `field`. */
async function pick(page: Page, field: string, text: string): Promise<void> {
  const group = page.getByTestId(`property-edit-${field}`);
  await group.locator('input').first().click();
  await group.locator('input').first().fill(text);
  await page.getByText(text, { exact: false }).last().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

const save = (page: Page, resource: string): Promise<unknown> =>
  Promise.all([page.waitForURL(new RegExp(`/resources/${resource}(/records/[^/]+/show|\\?|$)`), { timeout: 60_000 }), page.locator('form button[type=submit]').last().click()]);

describe('the role builder in a browser', () => {
  it('builds "read Books where category = Fiction", assigns it, and its holder sees exactly those books', async () => {
    const page = await signIn(browser, server.url, library.users.get('admin')!.email);
    await page.goto(`${server.url}/admin/resources/CoreRole/actions/new`);
    await seen(page, 'role-builder', async () => {
      await page.getByTestId('add-rule').waitFor({ timeout: 60_000 });
      await page.locator('input[name=name]').fill('fiction_reader');
      await page.locator('input[name=label]').fill('Fiction reader');
      await page.getByTestId('add-rule').click();
      // Subjects are labelled and grouped by module; Read is ticked for a new rule.
      await page.getByTestId('rule-0-subject').selectOption({ label: 'Books' });
      expect(await page.getByTestId('rule-0-action-read').isChecked()).toBe(true);
      await page.getByTestId('rule-0-add-condition').click();
      await page.getByTestId('rule-0-cond-0-field').selectOption({ label: 'Category' });
      await page.getByTestId('rule-0-cond-0-op').selectOption('$eq');
      await page.getByTestId('rule-0-cond-0-value').fill('fiction');
      // The JSON behind it, for experts, is what will be saved.
      await page.getByTestId('rules-as-json').check();
      expect(JSON.parse(await page.getByTestId('rules-json').inputValue())).toEqual([{ action: 'read', subject: 'library.book', conditions: { category: 'fiction' } }]);
      await page.getByTestId('rules-as-json').uncheck();
      await page.screenshot({ path: 'tests/screenshots/role-builder.png', fullPage: true });
      await save(page, 'CoreRole');
    });
    const [role] = await (await library.system()).find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'fiction_reader' }] });
    expect(role.rules).toEqual([{ action: 'read', subject: 'library.book', conditions: { category: 'fiction' } }]);

    // The role's page says it in words.
    await page.goto(`${server.url}/admin/resources/CoreRole/records/${String(role.id)}/show`);
    await seen(page, 'role-rules-words', () => page.getByTestId('role-rules-words').getByText('Can read Books where the category is "Fiction"').waitFor({ timeout: 60_000 }));

    // Assigned through the role-assignment form.
    await page.goto(`${server.url}/admin/resources/CoreRoleAssignment/actions/new`);
    await seen(page, 'role-assignment', async () => {
      await page.getByTestId('property-edit-user').waitFor({ timeout: 60_000 });
      await pick(page, 'user', 'Rita Reader');
      await pick(page, 'role', 'Fiction reader');
      await save(page, 'CoreRoleAssignment');
    });
    await page.close();

    const reader = await signIn(browser, server.url, READER());
    await reader.goto(`${server.url}/admin/resources/LibraryBook`);
    await seen(reader, 'fiction-reader-books', async () => {
      await reader.locator('tr').filter({ hasText: 'Dune' }).first().waitFor({ timeout: 60_000 });
      const rows = (await reader.locator('tbody tr').allInnerTexts()).map((t) => t.trim());
      expect(rows).toHaveLength(2);
      expect(rows.some((r) => r.includes('Dune'))).toBe(true);
      expect(rows.some((r) => r.includes('Emma'))).toBe(true);
      await reader.screenshot({ path: 'tests/screenshots/fiction-reader-books.png', fullPage: true });
    });
    await reader.close();
  }, 240_000);
});
