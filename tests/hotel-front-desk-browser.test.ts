/**
 * The hotel's front desk in headless Chromium: the clerk opens Reservations
 * from the navigation, books a guest with an ID document on a room type with a
 * clean room, confirms the reservation and checks the guest in with the
 * workflow buttons; the record shows "Checked in", the folio is open and the
 * stay sits in the room's lane of the tape chart. A second check-in, whose room
 * housekeeping marks dirty while the clerk has the form open, is refused with
 * a notice and changes nothing. Screenshots go to docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { RecordData } from '../core/data/records.js';
import { launchBrowser, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createHotelWorld, day, type HotelWorld } from './support/hotel.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const SHOTS = 'docs/screenshots';
let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let w: HotelWorld;
/** Free clean rooms: the world's clean room 101 already holds the stay in house. */
let room104: RecordData;
let room105: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createHotelWorld(runtime);
  room104 = await w.system.create('hotel.room', { number: '104', floor: 1, room_type: w.types.double.id, housekeeping_status: 'clean' });
  room105 = await w.system.create('hotel.room', { number: '105', floor: 1, room_type: w.types.double.id, housekeeping_status: 'clean' });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

/** Picks `text` in the searchable select of `field` (reference pickers and enums alike). */
async function pick(page: Page, field: string, search: string, option: string): Promise<void> {
  const group = page.getByTestId(`property-edit-${field}`);
  await group.locator('input').first().click();
  await group.locator('input').first().fill(search);
  await group.getByText(option, { exact: true }).first().click({ timeout: 30_000 });
}

async function type(page: Page, field: string, value: string, escape = false): Promise<void> {
  const input = page.locator(`[data-testid="property-edit-${field}"] input`).first();
  await input.click();
  await input.fill(value);
  if (escape) await input.press('Escape');
}

/** Presses a workflow button on the record page and submits its form; waits for the record page again. */
async function runTransition(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).or(page.getByRole('link', { name: label, exact: true })).first().click({ timeout: 60_000 });
  await page.getByTestId('workflow-submit').waitFor({ timeout: 60_000 });
  await Promise.all([page.waitForURL(/\/show/, { timeout: 60_000 }), page.getByTestId('workflow-submit').click()]);
}

const fail = (page: Page, name: string) => async (err: unknown) => {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  throw err;
};

describe('the front desk checks a guest in', () => {
  it('books, confirms and checks in through the screens; a check-in into a dirty room is refused with the reason', async () => {
    const page = await signIn(browser, server.url, w.org.users.get('hotel.front_desk')!.email);
    // The module's screens are one group in the sidebar: open it, then its Reservations.
    const sidebar = page.locator('[data-css="sidebar"]');
    await sidebar.getByText('Hotel', { exact: true }).first().click({ timeout: 60_000 }).catch(fail(page, 'hotel-front-desk-nav-failed'));
    await Promise.all([page.waitForURL(/\/resources\/HotelReservation/, { timeout: 60_000 }), sidebar.getByText('Reservations', { exact: true }).first().click()]).catch(fail(page, 'hotel-front-desk-nav-failed'));
    await page.getByRole('link', { name: /Create new/i }).or(page.getByRole('button', { name: /Create new/i })).first().click({ timeout: 60_000 }).catch(fail(page, 'hotel-front-desk-list-failed'));
    await page.getByTestId('property-edit-guest').waitFor({ timeout: 60_000 });
    await pick(page, 'guest', 'Grace', 'Grace Guest');
    await pick(page, 'room_type', 'Double', 'Double');
    await pick(page, 'room', '104', '104');
    await type(page, 'check_in', day(0), true);
    await type(page, 'check_out', day(2), true);
    await type(page, 'adults', '2');
    await type(page, 'rate', '120');
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/actions/new'), { timeout: 60_000 }), page.locator('form button[type=submit]').last().click()]).catch(fail(page, 'hotel-front-desk-new-failed'));

    const [booked] = await w.system.find('hotel.reservation', { filters: [{ field: 'room', op: 'eq', value: room104.id }] });
    expect(booked).toMatchObject({ guest: w.guests.own.id, room_type: w.types.double.id, status: 'draft', adults: 2 });
    await page.goto(`${server.url}/admin/resources/HotelReservation/records/${String(booked.id)}/show`);
    await runTransition(page, 'Confirm').catch(fail(page, 'hotel-front-desk-confirm-failed'));
    expect((await w.system.get('hotel.reservation', String(booked.id))).status).toBe('confirmed');
    await runTransition(page, 'Check in').catch(fail(page, 'hotel-front-desk-check-in-failed'));
    await page.getByText('Check in: the reservation is now Checked in.').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${SHOTS}/hotel-front-desk-checked-in.png`, fullPage: true });
    expect((await w.system.get('hotel.reservation', String(booked.id))).status).toBe('checked_in');
    const folios = await w.system.find('hotel.folio', { filters: [{ field: 'reservation', op: 'eq', value: booked.id }] });
    expect(folios.map((f) => f.status)).toEqual(['open']);

    // The stay is in room 104's lane of the tape chart.
    await page.goto(`${server.url}/admin/resources/HotelReservation/actions/view_tape_chart?date=${day(0)}`);
    await page.locator(`[data-testid=tape-lane][data-lane="${String(room104.id)}"] [data-testid=calendar-item][data-id="${String(booked.id)}"]`).waitFor({ timeout: 60_000 });

    // A second stay: the clerk opens its check-in while the room is clean, housekeeping marks it dirty, the clerk submits.
    const second = await w.system.create('hotel.reservation', { guest: w.guests.own.id, room_type: w.types.double.id, room: room105.id, check_in: day(0), check_out: day(1), adults: 1, rate: 120, channel: 'direct', status: 'confirmed' });
    await page.goto(`${server.url}/admin/resources/HotelReservation/records/${String(second.id)}/show`);
    await page.getByRole('button', { name: 'Check in', exact: true }).or(page.getByRole('link', { name: 'Check in', exact: true })).first().click({ timeout: 60_000 });
    await page.getByTestId('workflow-submit').waitFor({ timeout: 60_000 });
    await (await w.as('hotel.housekeeping')).update('hotel.room', String(room105.id), { housekeeping_status: 'dirty' });
    await page.getByTestId('workflow-submit').click();
    // The form stays open with the refusal as an error notice naming the condition that failed.
    const notice = page.getByText("Check in is not possible: the room's housekeeping status must be Clean or Inspected.", { exact: false }).first();
    await notice.waitFor({ timeout: 60_000 }).catch(fail(page, 'hotel-front-desk-refused'));
    await page.screenshot({ path: `${SHOTS}/hotel-front-desk-refused.png`, fullPage: true });
    console.log(`refusal shown: ${await notice.innerText()}`);
    expect((await w.system.get('hotel.reservation', String(second.id))).status).toBe('confirmed');
    expect(await w.system.count('hotel.folio', [{ field: 'reservation', op: 'eq', value: second.id }])).toBe(0);
    await page.close();
  }, 240_000);
});
