/**
 * Booking the last place of a class as members do, in headless Chromium: a
 * member opens the booking form, picks the class and books its last place
 * (their bookings list says Booked); the next member books the same class and is
 * told Waitlisted; the front desk sees both in the bookings list. Needs
 * Debian's chromium (npm test installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../core/tenancy/index.js';
import { launchBrowser, signIn } from './support/browser.js';
import { createGymWorld, type GymWorld } from './support/gym.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let w: GymWorld;
let secondEmail: string;
let secondCode: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createGymWorld(runtime);
  secondEmail = `second.member@${w.org.org.slug}.test`;
  const user = await createUser(runtime, w.org.org.slug, { email: secondEmail, password: 'secret-123', name: 'Second member', roles: ['gym.member'] });
  const second = await w.system.create('gym.member', { name: 'Sam Second', user: user.id });
  secondCode = String(second.code);
  await w.system.create('gym.membership', { member: second.id, plan: w.plans.unlimited.id, start_date: w.memberships.mia.start_date });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const tmp = process.env.TMPDIR ?? '/tmp';

/** Picks `text` in the reference picker of `field` (AdminJS's searchable select). */
async function pick(page: Page, field: string, text: string): Promise<void> {
  const group = page.getByTestId(`property-edit-${field}`);
  await group.locator('input').first().click();
  await group.locator('input').first().fill(text);
  await page.getByText(text, { exact: false }).last().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/** A member books `session` through the new-booking form; returns the new row of their bookings list as shown. */
async function bookAs(email: string, session: string, memberCode: string, shot: string): Promise<string> {
  const page = await signIn(browser, server.url, email);
  await page.goto(`${server.url}/admin/resources/GymBooking/actions/new`);
  await page.getByTestId('property-edit-session').waitFor({ timeout: 60_000 });
  await pick(page, 'session', session);
  // A member is titled by their code (the one on their card).
  await pick(page, 'member', memberCode);
  // Saved, the form goes back to the member's own bookings list with a notice; the new row shows its status.
  await Promise.all([page.waitForURL(/\/resources\/GymBooking(\?|$)/, { timeout: 60_000 }), page.locator('form button[type=submit], form button.adminjs_Button').last().click()]);
  await page.getByText(/Booking 'BK-\d{4}-\d+' created/).first().waitFor({ timeout: 60_000 });
  const row = page.locator('tr').filter({ hasText: session });
  await row.first().waitFor({ timeout: 60_000 });
  await page.screenshot({ path: `${tmp}/${shot}.png` });
  const shown = (await row.first().innerText()).trim();
  await page.close();
  return shown;
}

describe('booking the last place in a real browser', () => {
  it('the first member gets the last place, the next is waitlisted, and the front desk sees both', async () => {
    const session = await w.session(1, 6, 'Sunrise yoga');
    expect(await bookAs(w.org.users.get('gym.member')!.email, 'Sunrise yoga', String(w.members.mia.code), 'ums-gym-booked')).toMatch(/Booked/);
    expect(await bookAs(secondEmail, 'Sunrise yoga', secondCode, 'ums-gym-waitlisted')).toMatch(/Waitlisted/);
    const statuses = (await w.system.find('gym.booking', { filters: [{ field: 'session', op: 'eq', value: session.id }], sort: { field: 'created_at', direction: 'asc' } })).map((b) => b.status);
    expect(statuses).toEqual(['booked', 'waitlisted']);
    const desk = await signIn(browser, server.url, w.org.users.get('gym.front_desk')!.email);
    await desk.goto(`${server.url}/admin/resources/GymBooking?filters.session=${session.id}`);
    await desk.getByText('Waitlisted').first().waitFor({ timeout: 60_000 });
    await desk.getByText('Booked').first().waitFor({ timeout: 60_000 });
    await desk.screenshot({ path: `${tmp}/ums-gym-desk-bookings.png` });
    await desk.close();
  }, 240_000);
});
