/**
 * Debian's Chromium driven by playwright-core, for the checks a person would
 * make in the admin. `npm test` installs chromium first when it is missing
 * (scripts/ensure-chromium.sh); these flags keep it off the (closed) network
 * and out of first-run screens.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run the tests with npm test, which installs Debian's chromium (scripts/ensure-chromium.sh), or run: apt-get update && apt-get install -y --no-install-recommends chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A new page signed in to the admin at `baseUrl` (landing on the dashboard). */
export async function signIn(browser: Browser, baseUrl: string, email: string, options: { password?: string; downloads?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: options.downloads ?? false, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/admin/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', options.password ?? 'secret-123');
  await Promise.all([page.waitForURL(/\/admin(\/)?$/, { timeout: 60_000 }), page.click('button.adminjs_Button')]);
  return page;
}

/** A kanban card, and a board cell (a column within a swimlane), as the board component marks them. */
export const kanbanCard = (page: Page, id: string): Locator => page.locator(`[data-testid=kanban-card][data-id="${id}"]`);
export const kanbanCell = (page: Page, lane: string, column: string): Locator => page.locator(`[data-testid=kanban-column][data-lane="${lane}"][data-value="${column}"]`);

/** A person's drag of a card: press on it, move over the target in steps (the browser fires dragenter/dragover), release. */
export async function dragCard(page: Page, id: string, target: Locator): Promise<void> {
  const source = kanbanCard(page, id);
  await target.scrollIntoViewIfNeeded();
  await source.scrollIntoViewIfNeeded();
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height - 10, { steps: 12 });
  await page.mouse.up();
}

/** Runs `step`; on failure keeps a screenshot of what the person saw (tests/screenshots/<name>-failed.png). */
export async function seen(page: Page, name: string, step: () => Promise<unknown>): Promise<void> {
  await Promise.resolve(step()).catch(async (err: unknown) => {
    await page.screenshot({ path: `tests/screenshots/${name}-failed.png`, fullPage: true }).catch(() => undefined);
    throw err;
  });
}

/** Opens a resource from the sidebar, expanding its module's group when it is folded. */
export async function openFromNav(page: Page, group: string, link: string): Promise<void> {
  const target = page.locator('nav, aside, section').getByRole('link', { name: link, exact: true }).first();
  if (!(await target.isVisible())) await page.getByText(group, { exact: true }).first().click();
  await target.click({ timeout: 60_000 });
}
