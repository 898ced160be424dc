/**
 * Debian's Chromium driven by playwright-core, for the checks a person would
 * make in the admin. `npm test` installs chromium first when it is missing
 * (scripts/ensure-chromium.sh); these flags keep it off the (closed) network
 * and out of first-run screens.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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
