/**
 * A time field's form input in a real browser: the schedule's edit form offers
 * the browser's time picker for start and end, a time typed there is saved as
 * HH:MM, and an end before the start comes back as the end's field error.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { RecordData } from '../core/data/records.js';
import { launchBrowser, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let gym: Fixture;
let schedule: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  gym = await createFixtureOrg(runtime, 'gym', ['manager']);
  const manager = await gym.as('manager');
  const trainer = await manager.create('gym.trainer', { name: 'Tara Trainer', specialty: 'Spin' });
  schedule = await manager.create('gym.class_schedule', { name: 'Spin', weekday: 'monday', start_time: '18:00', end_time: '19:00', trainer: trainer.id, capacity: 12 });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

describe('a time field in the admin form', () => {
  it('is a time picker whose value is saved, and an end before the start is the end\'s error', async () => {
    const page = await signIn(browser, server.url, gym.users.get('manager')!.email);
    await page.goto(`${server.url}/admin/resources/GymClassSchedule/records/${schedule.id}/edit`);
    const start = page.locator('#time-start_time');
    const end = page.locator('#time-end_time');
    await start.waitFor({ timeout: 60_000 });
    expect([await start.getAttribute('type'), await start.inputValue(), await end.inputValue()]).toEqual(['time', '18:00', '19:00']);
    await start.fill('06:45');
    await end.fill('06:30');
    await page.locator('form button[type=submit], form button.adminjs_Button').last().click();
    await page.getByText('must be after the start').first().waitFor({ timeout: 60_000 });
    expect((await (await gym.as('manager')).get('gym.class_schedule', schedule.id)).start_time).toBe('18:00');
    await end.fill('07:50');
    await Promise.all([page.waitForURL(/\/records\/[^/]+\/show|\/resources\/GymClassSchedule(\?|$)/, { timeout: 60_000 }), page.locator('form button[type=submit], form button.adminjs_Button').last().click()]);
    expect(await (await gym.as('manager')).get('gym.class_schedule', schedule.id)).toMatchObject({ start_time: '06:45', end_time: '07:50' });
    await page.close();
  }, 120_000);
});
