/**
 * The one-line embed in a real browser: a page served from ANOTHER origin (a
 * second local HTTP server on another port) that the organization allows
 * (its API allowed origins) puts `<script src=…/embed.js>` in; Chromium shows
 * the form in an iframe sized to the height the form reports, a person fills
 * it and sees the success message, and the record exists. A page of an origin
 * the organization does not list cannot frame the form (CSP frame-ancestors).
 * Needs Debian's chromium (npm test installs it).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let library: Fixture;
let allowed: { server: Server; origin: string };
let stranger: { server: Server; origin: string };

/** A partner's site: one page that embeds the form with the one-line snippet. */
async function partnerSite(snippet: () => string): Promise<{ server: Server; origin: string }> {
  const site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>Partner</title></head><body><h1>Our partner library</h1>${snippet()}<p id="after">Below the form</p></body></html>`);
  });
  site.listen(0, '127.0.0.1');
  await new Promise((resolve) => site.once('listening', resolve));
  return { server: site, origin: `http://127.0.0.1:${(site.address() as AddressInfo).port}` };
}

const snippet = (): string => `<script src="${server.url}/p/${library.org.slug}/membership_request/embed.js" async></script>`;

beforeAll(async () => {
  runtime = await createTestRuntime();
  library = await createFixtureOrg(runtime, 'library');
  server = await startTestServer(runtime, { publicForms: { minFillMs: 300 } });
  allowed = await partnerSite(snippet);
  stranger = await partnerSite(snippet);
  await (await library.system()).create('core.api_origin', { origin: allowed.origin, note: 'partner site' });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  for (const site of [allowed, stranger]) await new Promise((resolve) => site?.server.close(resolve));
  await server?.close();
  await runtime?.dispose();
});

describe('the embedded form', () => {
  it('renders in an auto-sized iframe on an allowed origin, is filled there and shows the success message', async () => {
    const page = await browser.newPage();
    await page.goto(allowed.origin);
    const frame = page.frameLocator('iframe');
    await frame.locator('input[name=name]').waitFor({ timeout: 20_000 });
    // The form reported its height: the iframe is no longer at embed.js's starting height.
    await page.waitForFunction(() => document.querySelector('iframe')?.style.height !== '480px', undefined, { timeout: 10_000 });
    const reported = await page.evaluate(() => document.querySelector('iframe')!.style.height);
    expect(reported).toMatch(/^\d+px$/);
    await frame.getByLabel('Name').fill('Nadia Embedded');
    await frame.getByLabel('Email').fill('nadia@partner.test');
    await frame.getByLabel('Anything we should know?').fill('আমি বই পড়তে ভালোবাসি');
    await page.waitForTimeout(400); // longer than the minimum fill time a person always takes
    await frame.getByRole('button', { name: 'Send' }).click();
    await expect(frame.getByText('Thank you! A librarian will look at your request').waitFor({ timeout: 20_000 })).resolves.toBeUndefined();
    const [row]: { message: string; status: string }[] = await runtime.dataSource.query(`SELECT message, status FROM library_membership_request WHERE email = 'nadia@partner.test' AND organization_id = $1`, [library.org.id]);
    expect(row).toEqual({ message: 'আমি বই পড়তে ভালোবাসি', status: 'new' });
    await page.close();
  }, 90_000);

  it('cannot be framed by a page of an origin the organization does not allow', async () => {
    const page = await browser.newPage();
    const refusals: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
    });
    await page.goto(stranger.origin);
    await page.locator('iframe').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(2_000);
    const child = page.frames().find((f) => f !== page.mainFrame());
    expect(child).toBeDefined();
    expect(await child!.locator('input[name=name]').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelector('iframe')!.style.height)).toBe('480px');
    expect(refusals.length).toBeGreaterThan(0);
    await page.close();
  }, 60_000);
});
