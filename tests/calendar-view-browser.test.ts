/**
 * The hotel's tape chart in headless Chromium, as the front desk uses it: the chart (rooms × days)
 * is linked from the hotel's navigation, shows the stays in their rooms, opens a reservation on a
 * click, and opens the new-reservation form with check-in, check-out and room filled in when an
 * empty slot is clicked. Screenshots go to docs/screenshots/. Needs Debian's chromium (npm test installs it).
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createHotelWorld, day, type HotelWorld } from './support/hotel.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const SHOTS = 'docs/screenshots';
let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let w: HotelWorld;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  runtime = await createTestRuntime();
  w = await createHotelWorld(runtime);
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

describe('the tape chart in a real browser', () => {
  it('front desk opens the chart from the navigation, clicks a stay to open it, and an empty slot to book it', async () => {
    const page = await signIn(browser, server.url, w.org.users.get('hotel.front_desk')!.email);
    // The hotel's navigation group lists the chart beside the reservations.
    await page.goto(`${server.url}/admin/resources/HotelReservation`);
    const link = page.locator('a', { hasText: 'Tape chart' }).first();
    await link.waitFor({ timeout: 60_000 });
    await link.click();
    await page.waitForURL(/\/actions\/view_tape_chart/, { timeout: 60_000 });
    const chart = page.getByTestId('tape-chart');
    await chart.waitFor({ timeout: 60_000 });
    // Four rooms; no "No room" lane: the one unassigned stay is a month away, outside the window.
    expect(await page.getByTestId('tape-lane').count()).toBe(4);
    const stay = page.locator(`[data-testid=calendar-item][data-id="${w.reservations.ownInHouse.id}"]`);
    await stay.waitFor({ timeout: 30_000 });
    expect(await stay.textContent()).toBe('Grace Guest');
    // The stay sits in room 101's lane.
    expect(await page.locator(`[data-testid=tape-lane][data-lane="${w.rooms.clean.id}"] [data-testid=calendar-item]`).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/hotel-tape-chart.png`, fullPage: true });

    await Promise.all([page.waitForURL(new RegExp(`/records/${w.reservations.ownInHouse.id}/show`), { timeout: 60_000 }), stay.click()]);

    // Back to the chart; room 102 is free in three days: click that slot.
    await page.goto(`${server.url}/admin/resources/HotelReservation/actions/view_tape_chart?date=${day(0)}`);
    const slot = page.locator(`[data-testid=tape-lane][data-lane="${w.rooms.dirty.id}"] [data-testid=calendar-slot][data-day="${day(3)}"]`);
    await slot.waitFor({ timeout: 60_000 });
    await Promise.all([page.waitForURL(/\/actions\/new\?/, { timeout: 60_000 }), slot.click()]);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ check_in: day(3), check_out: day(4), room: w.rooms.dirty.id });
    await page.locator('form').first().waitFor({ timeout: 60_000 });
    // The form carries the prefilled values (AdminJS's new form reads query params named after fields).
    // The form carries the prefilled values (AdminJS's new form reads query params named after fields): the days, and room 102 by its number.
    const shown = (d: string): string => d.replace(/-/g, '/');
    await page.waitForFunction((ds) => ds.every((d) => Array.from(document.querySelectorAll('input')).some((i) => i.value === d)), [shown(day(3)), shown(day(4))], { timeout: 30_000 });
    await page.locator('form').getByText('102', { exact: true }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/hotel-tape-chart-new-reservation.png`, fullPage: true });
    await page.close();
  }, 180_000);

  it('month, week and day views of the same reservations', async () => {
    const page = await signIn(browser, server.url, w.org.users.get('hotel.front_desk')!.email);
    await page.goto(`${server.url}/admin/resources/HotelReservation/actions/view_tape_chart?mode=month&date=${day(0)}`);
    await page.getByTestId('calendar-grid').waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid=calendar-slot][data-day="${day(0)}"] [data-testid=calendar-item][data-id="${w.reservations.ownInHouse.id}"]`).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/hotel-calendar-month.png`, fullPage: true });
    await page.getByTestId('calendar-mode-day').click();
    await page.getByTestId('calendar-day').waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid=calendar-day] [data-testid=calendar-item][data-id="${w.reservations.ownInHouse.id}"]`).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=calendar-day] [data-testid=calendar-item]').count()).toBe(1);
    await page.close();
  }, 120_000);
});
