/**
 * A receptionist books a doctor in headless Chromium: the appointment form
 * (patient and practitioner pickers, start and end) saves the booking; a
 * second booking of the same slot for another patient stays on the form with
 * the practitioner field naming the appointment that holds the slot.
 * Screenshots go to tests/screenshots/ (git-ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createHospitalWorld, type HospitalWorld } from './support/hospital.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let w: HospitalWorld;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createHospitalWorld(runtime);
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `tests/screenshots/${name}.png`, fullPage: true });

/** Picks a record in a reference field's search picker by typing part of its title. */
async function pick(page: Page, field: string, search: string, option: string): Promise<void> {
  const control = page.locator(`[data-testid="property-edit-${field}"]`);
  await control.locator('input').first().click();
  await control.locator('input').first().fill(search);
  await page.getByText(option, { exact: true }).first().click({ timeout: 30_000 });
}

async function book(page: Page, patient: { search: string; option: string }, start: string, end: string): Promise<void> {
  await page.goto(`${server.url}/admin/resources/HospitalAppointment/actions/new`);
  await page.locator('[data-testid="property-edit-patient"]').waitFor({ timeout: 60_000 });
  await pick(page, 'patient', patient.search, patient.option);
  await pick(page, 'practitioner', 'Ada', 'Dr Ada Obi');
  for (const [field, value] of [['starts_at', start], ['ends_at', end]] as const) {
    const input = page.locator(`[data-testid="property-edit-${field}"] input`).first();
    await input.click();
    await input.fill(value);
    await input.press('Escape');
  }
  await page.locator('[data-testid="property-edit-reason"] input').first().fill('Booked in the browser');
  await page.locator('form button[type=submit]').last().click();
}

describe('a receptionist books a doctor', () => {
  it('books a slot, and a second booking of the same slot is refused naming the appointment that holds it', async () => {
    const page = await signIn(browser, server.url, w.org.users.get('hospital.receptionist')!.email);
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await book(page, { search: String(w.patients.sam.mrn), option: String(w.patients.sam.mrn) }, `${day} 10:00`, `${day} 10:30`);
    await page.waitForURL((url) => !url.pathname.endsWith('/actions/new'), { timeout: 30_000 }).catch(async (err) => {
      await shot(page, 'hospital-booking-first');
      throw err;
    });
    const [booked] = await w.system.find('hospital.appointment', { filters: [{ field: 'patient', op: 'eq', value: w.patients.sam.id }] });
    expect(booked).toMatchObject({ practitioner: w.doctors.ada.id, status: 'scheduled', reason: 'Booked in the browser' });
    console.log(`booked in the browser: ${String(booked.number)} ${String(booked.starts_at)} – ${String(booked.ends_at)}`);
    expect(Date.parse(String(booked.ends_at)) - Date.parse(String(booked.starts_at))).toBe(30 * 60_000);
    await book(page, { search: String(w.patients.ray.mrn), option: String(w.patients.ray.mrn) }, `${day} 10:15`, `${day} 10:45`);
    const refusal = page.locator('[data-testid="property-edit-practitioner"]').getByText(`is taken by appointment ${String(booked.number)}`, { exact: false });
    await refusal.first().waitFor({ timeout: 30_000 }).catch(async (err) => {
      await shot(page, 'hospital-booking-refused');
      throw err;
    });
    await shot(page, 'hospital-booking-refused');
    expect(page.url()).toMatch(/actions\/new/);
    expect(await w.system.count('hospital.appointment', [{ field: 'patient', op: 'eq', value: w.patients.ray.id }])).toBe(1); // only the world's own
  }, 180_000);
});
