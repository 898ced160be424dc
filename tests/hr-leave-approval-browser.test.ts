/**
 * Leave approval end to end in headless Chromium: an employee signs in, opens
 * Leave applications from the navigation, applies for two working days of a
 * leave type they hold an allocation of, and saves it (which submits it to
 * their leave approver); the approver finds it in the Approvals inbox, presses
 * "Approve leave" and reads the notice; the employee then sees the application
 * approved and their leave balance down by the two days. The database is
 * checked after each step. Screenshot: docs/screenshots/hr-leave-approval.png.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { RecordService } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { launchBrowser, openFromNav, seen, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let org: Fixture;
let system: RecordService;
let employee: { id: string; email: string };
let casual: string;
const ALLOCATED = 10;
// A Monday and a Tuesday: two working days.
const FROM = '2027-03-01';
const TO = '2027-03-02';

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'hr', ['approver', 'hr_officer']);
  const hr = await org.as('hr_officer');
  system = await org.system();
  casual = String((await hr.create('hr.leave_type', { name: 'Casual', validated_by: 'MANAGER' })).id);
  const email = `nadia@${org.org.slug}.test`;
  const user = await createUser(runtime, org.org.slug, { email, password: 'secret-123', name: 'Nadia Rahman', roles: ['hr.employee'] });
  const emp = await hr.create('hr.employee', { name: 'Nadia Rahman', user: user.id, join_date: '2025-01-06', leave_approver: org.users.get('approver')!.id });
  employee = { id: String(emp.id), email };
  const allocation = await hr.create('hr.leave_allocation', { employee: emp.id, leave_type: casual, year: 2027, days: ALLOCATED, from_date: '2027-01-01' });
  await (await WorkflowEngine.for(hr)).run('hr.leave_allocation', String(allocation.id), 'submit');
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });

/** Picks a record in a reference field's search picker by typing part of its title. */
async function pick(page: Page, field: string, search: string, option: string): Promise<void> {
  const input = page.locator(`[data-testid="property-edit-${field}"] input`).first();
  await input.click();
  await input.fill(search);
  // The option inside this picker: the signed-in name in the header can read the same.
  await page.locator(`[data-testid="property-edit-${field}"]`).getByText(option, { exact: true }).first().click({ timeout: 30_000 });
}

async function fillDate(page: Page, field: string, value: string): Promise<void> {
  const input = page.locator(`[data-testid="property-edit-${field}"] input`).first();
  await input.click();
  await input.fill(value);
  await input.press('Escape');
}

async function balance(): Promise<number> {
  const [b] = await system.find('hr.leave_balance', { filters: [{ field: 'employee', op: 'eq', value: employee.id }, { field: 'leave_type', op: 'eq', value: casual }, { field: 'year', op: 'eq', value: 2027 }] });
  return Number(b?.days);
}

describe('an employee applies for leave and their approver approves it', () => {
  it('applies for two working days, the approver approves from the inbox, and the balance drops by two', async () => {
    expect(await balance()).toBe(ALLOCATED);

    // The employee applies from the navigation.
    const staff = await signIn(browser, server.url, employee.email);
    await seen(staff, 'hr-leave-apply', async () => {
      await openFromNav(staff, 'HR Payroll', 'Leave applications');
      await staff.waitForURL(/HrLeaveApplication/, { timeout: 60_000 });
      await staff.getByRole('link', { name: /create new/i }).or(staff.getByRole('button', { name: /create new/i })).first().click({ timeout: 60_000 });
      await staff.waitForURL(/actions\/new/, { timeout: 60_000 });
      await staff.locator('[data-testid="property-edit-employee"]').waitFor({ timeout: 60_000 });
      await pick(staff, 'employee', 'Nadia', 'Nadia Rahman');
      await pick(staff, 'leave_type', 'Cas', 'Casual');
      await fillDate(staff, 'from_date', FROM);
      await fillDate(staff, 'to_date', TO);
      await staff.locator('[data-testid="property-edit-reason"] textarea, [data-testid="property-edit-reason"] input').first().fill('Family visit');
      await Promise.all([staff.waitForURL((url) => !url.pathname.endsWith('/actions/new'), { timeout: 60_000 }), staff.locator('form button[type=submit]').last().click()]);
    });
    const [applied] = await system.find('hr.leave_application', { filters: [{ field: 'employee', op: 'eq', value: employee.id }] });
    expect(applied).toMatchObject({ status: 'OPEN', leave_type: casual, from_date: FROM, to_date: TO, reason: 'Family visit' });
    expect(Number(applied.total_days)).toBe(2);
    expect(await balance()).toBe(ALLOCATED); // nothing is posted before approval
    const number = String(applied.number);

    // The approver finds it in the inbox and approves it with the action button.
    const approver = await signIn(browser, server.url, org.users.get('approver')!.email);
    await seen(approver, 'hr-leave-approve', async () => {
      await approver.getByRole('link', { name: 'Approvals inbox' }).first().click({ timeout: 60_000 });
      const row = approver.getByTestId('inbox').getByText(number).first();
      await row.waitFor({ timeout: 60_000 });
      await Promise.all([approver.waitForURL(/\/show/, { timeout: 60_000 }), row.click()]);
      await approver.getByRole('button', { name: 'Approve leave' }).or(approver.getByRole('link', { name: 'Approve leave' })).first().click({ timeout: 60_000 });
      await approver.getByTestId('workflow-submit').waitFor({ timeout: 60_000 });
      await Promise.all([approver.waitForURL(/\/show/, { timeout: 60_000 }), approver.getByTestId('workflow-submit').click()]);
      await approver.getByText('Approved: the leave application is now Approved.').first().waitFor({ timeout: 60_000 });
    });
    await shot(approver, 'hr-leave-approval');
    expect((await system.get('hr.leave_application', applied.id)).status).toBe('APPROVED');
    expect(await balance()).toBe(ALLOCATED - 2);
    const events = await system.find('core.workflow_event', { filters: [{ field: 'record_id', op: 'eq', value: applied.id }, { field: 'kind', op: 'eq', value: 'approved' }] });
    expect(events.map((e) => e.actor)).toEqual([org.users.get('approver')!.id]);

    // The employee sees it approved and the balance reduced.
    await seen(staff, 'hr-leave-employee-sees', async () => {
      await staff.goto(`${server.url}/admin/resources/HrLeaveApplication/records/${applied.id}/show`);
      await staff.getByText('Approved', { exact: true }).first().waitFor({ timeout: 60_000 });
      await openFromNav(staff, 'HR Payroll', 'Leave balances');
      await staff.waitForURL(/HrLeaveBalance/, { timeout: 60_000 });
      const row = staff.locator('tr', { hasText: 'Casual' }).first();
      await row.waitFor({ timeout: 60_000 });
      expect(await row.innerText()).toMatch(new RegExp(`\\b${ALLOCATED - 2}(\\.0+)?\\b`));
    });
  }, 240_000);
});
