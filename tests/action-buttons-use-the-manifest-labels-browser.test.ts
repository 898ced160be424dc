/**
 * Action titles and buttons say the manifest's labels, in headless Chromium: on a PENDING course the
 * admin's show page offers "Approve course" (the transition's label), not the action's name "approve",
 * and the action's own page is headed with the same label.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let world: InstituteWorld;

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

describe('action labels', () => {
  it('the show page of a PENDING course offers "Approve course", and its page is headed so', async () => {
    const { pending } = world.courses;
    const page = await signIn(browser, server.url, world.fixture.users.get('admin')!.email);
    await page.goto(`${server.url}/admin/resources/InstituteCourse/records/${pending.id}/show`);
    await page.getByText(String(pending.title)).first().waitFor({ timeout: 60_000 });
    const approve = page.locator('a, button').filter({ hasText: /^\s*Approve course\s*$/ });
    await approve.first().waitFor({ timeout: 30_000 });
    // No button or link says the bare action name.
    expect(await page.locator('a, button').filter({ hasText: /^\s*approve\s*$/ }).count()).toBe(0);

    await page.goto(`${server.url}/admin/resources/InstituteCourse/records/${pending.id}/approve`);
    await page.getByTestId('workflow-submit').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('workflow-submit').innerText()).toBe('Approve course');
    expect(await page.locator('h1, h2, h3').filter({ hasText: 'Approve course' }).count()).toBeGreaterThan(0);
    await page.close();
  }, 180_000);
});
