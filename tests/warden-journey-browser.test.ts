/**
 * A warden's day in headless Chromium: the warden signs in, opens Allocations
 * from the Hostel navigation, allocates a student to a room of their hostel
 * with the pickers and saves; then finds a student's room-change request in
 * the Approvals inbox, presses "Approve room change" and submits; the old
 * allocation is vacated and the new one active. The database is checked after
 * each step. Screenshot: docs/screenshots/warden-room-change.png.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { RecordData, RecordService } from '../core/data/records.js';
import { launchBrowser, openFromNav, seen, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let org: Fixture;
let system: RecordService;
let rita: RecordData;
let room101: RecordData;
let change: RecordData;
let moving: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'institute', ['hostel.warden']);
  system = await org.system();
  const north = await system.create('hostel.hostel', { name: 'North', gender: 'mixed', warden: org.users.get('hostel.warden')!.id });
  room101 = await system.create('hostel.room', { hostel: north.id, number: '101', capacity: 2 });
  const room102 = await system.create('hostel.room', { hostel: north.id, number: '102', capacity: 2 });
  rita = await system.create('institute.student', { name: 'Rita Resident', student_number: 'S-WARD-0001' });
  const sam = await system.create('institute.student', { name: 'Sam Mover', student_number: 'S-WARD-0002' });
  moving = await system.create('hostel.allocation', { student: sam.id, room: room101.id, from: '2026-09-01' });
  change = await system.create('hostel.room_change', { allocation: moving.id, requested_room: room102.id, reason: 'Window faces the street' });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

async function pick(page: Page, field: string, search: string, option: string): Promise<void> {
  const input = page.locator(`[data-testid="property-edit-${field}"] input`).first();
  await input.click();
  await input.fill(search);
  await page.locator(`[data-testid="property-edit-${field}"]`).getByText(option, { exact: true }).first().click({ timeout: 30_000 });
}

describe('a warden allocates a room and approves a room change', () => {
  it('allocates Rita to North · 101, then approves Sam’s move to 102 from the inbox', async () => {
    const warden = await signIn(browser, server.url, org.users.get('hostel.warden')!.email);
    await seen(warden, 'warden-allocate', async () => {
      await openFromNav(warden, 'Hostel', 'Allocations');
      await warden.waitForURL(/HostelAllocation/, { timeout: 60_000 });
      await warden.getByRole('link', { name: /create new/i }).or(warden.getByRole('button', { name: /create new/i })).first().click({ timeout: 60_000 });
      await warden.waitForURL(/actions\/new/, { timeout: 60_000 });
      await warden.locator('[data-testid="property-edit-student"]').waitFor({ timeout: 60_000 });
      await pick(warden, 'student', 'Rita', 'Rita Resident');
      await pick(warden, 'room', '101', 'North · 101');
      const from = warden.locator('[data-testid="property-edit-from"] input').first();
      await from.click();
      await from.fill('2026-09-01');
      await from.press('Escape');
      await Promise.all([warden.waitForURL((url) => !url.pathname.endsWith('/actions/new'), { timeout: 60_000 }), warden.locator('form button[type=submit]').last().click()]);
    });
    const [allocated] = await system.find('hostel.allocation', { filters: [{ field: 'student', op: 'eq', value: rita.id }] });
    expect(allocated).toMatchObject({ room: room101.id, status: 'active', from: '2026-09-01', title: 'Rita Resident · North · 101' });

    await seen(warden, 'warden-approve', async () => {
      await warden.getByRole('link', { name: 'Approvals inbox' }).first().click({ timeout: 60_000 });
      const row = warden.getByTestId('inbox').getByText(String(change.title)).first();
      await row.waitFor({ timeout: 60_000 });
      await Promise.all([warden.waitForURL(/\/show/, { timeout: 60_000 }), row.click()]);
      await warden.getByRole('button', { name: 'Approve room change' }).or(warden.getByRole('link', { name: 'Approve room change' })).first().click({ timeout: 60_000 });
      await warden.getByTestId('workflow-submit').waitFor({ timeout: 60_000 });
      await Promise.all([warden.waitForURL(/\/show/, { timeout: 60_000 }), warden.getByTestId('workflow-submit').click()]);
      await warden.getByText(/is now Approved/).first().waitFor({ timeout: 60_000 });
      await warden.getByText('Window faces the street').first().waitFor({ timeout: 60_000 });
    });
    await warden.screenshot({ path: 'docs/screenshots/warden-room-change.png', fullPage: true });
    const done = await system.get('hostel.room_change', change.id);
    expect(done.status).toBe('approved');
    expect((await system.get('hostel.allocation', moving.id)).status).toBe('vacated');
    expect(await system.get('hostel.allocation', String(done.new_allocation))).toMatchObject({ status: 'active', student: moving.student });
  }, 240_000);
});
