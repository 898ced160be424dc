/**
 * The parent's journey in headless Chromium: a guardian signs in and their
 * dashboard shows their child (not another family's), the child's latest
 * mark, the unpaid invoice and the child's attendance; opening a child from
 * the "My children" card shows their student record, and the Students list
 * holds that one child only. Screenshot: docs/screenshots/parents-dashboard.png.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { createUser } from '../core/tenancy/index.js';
import { launchBrowser, seen, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let world: InstituteWorld;
let parentEmail: string;
let invoiceNumber: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  parentEmail = `parent@${world.fixture.org.slug}.test`;
  const user = await createUser(runtime, world.fixture.org.slug, { email: parentEmail, password: 'secret-123', name: 'Paula Parent', roles: ['parents.parent'] });
  const guardian = await world.system.create('parents.guardian', { name: 'Paula Parent', user: user.id, relation: 'mother' });
  await world.system.create('parents.student_guardian', { student: world.student.id, guardian: guardian.id });
  const course = world.courses.active.id;
  for (const [i, [student, present]] of ([[world.student.id, true], [world.student.id, false], [world.student2.id, false]] as const).entries()) {
    const session = await world.system.create('institute.attendance_session', { course, date: `2026-11-${10 + i}` });
    await world.system.create('institute.attendance_record', { session: session.id, student, present });
  }
  const exam = await world.system.create('institute.exam', { course, title: 'Midterm algebra', max_marks: 100 });
  await world.system.create('institute.mark', { exam: exam.id, student: world.student.id, marks: 88 });
  await world.system.create('institute.mark', { exam: exam.id, student: world.student2.id, marks: 42 });
  const invoice = await world.system.create('institute.fee_invoice', { student: world.student.id, course, amount: 300, due_date: '2027-01-15', description: 'Spring term' });
  await world.system.create('institute.fee_invoice', { student: world.student2.id, course, amount: 999, due_date: '2027-01-15', description: 'Other family' });
  invoiceNumber = String(invoice.number);
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

describe('a parent follows their child', () => {
  it('sees their child’s marks, unpaid invoice and attendance on the dashboard, and only that child', async () => {
    const page = await signIn(browser, server.url, parentEmail);
    await seen(page, 'parents-dashboard', async () => {
      const children = page.locator('[data-testid=dashboard-table]', { hasText: 'My children' });
      await children.waitFor({ timeout: 60_000 });
      expect(await children.locator('[data-testid=card-row]').allInnerTexts()).toEqual([expect.stringContaining('Stella Student')]);
      const marks = page.locator('[data-testid=dashboard-table]', { hasText: 'Latest marks' });
      expect(await marks.locator('[data-testid=card-row]').count()).toBe(1);
      expect(await marks.innerText()).toContain('88');
      expect(await marks.innerText()).not.toContain('42');
      const unpaid = page.locator('[data-testid=dashboard-table]', { hasText: 'Unpaid invoices' });
      expect(await unpaid.innerText()).toContain(invoiceNumber);
      expect(await unpaid.locator('[data-testid=card-row]').count()).toBe(1);
      const attendance = page.locator('[data-testid=dashboard-chart]', { hasText: 'Attendance of my children' });
      const values = JSON.parse((await attendance.getAttribute('data-values')) ?? '[]') as number[];
      expect(values.reduce((a, b) => a + b, 0)).toBe(2);
      await page.screenshot({ path: 'docs/screenshots/parents-dashboard.png', fullPage: true });
    });
    await seen(page, 'parents-child', async () => {
      await page.locator('[data-testid=dashboard-table]', { hasText: 'My children' }).locator('[data-testid=card-row] a').first().click();
      await page.waitForURL(/InstituteStudent\/records\/.+\/show/, { timeout: 60_000 });
      await page.getByText('S-0001').first().waitFor({ timeout: 60_000 });
      await page.goto(`${server.url}/admin/resources/InstituteStudent`);
      await page.locator('table tbody tr').first().waitFor({ timeout: 60_000 });
      expect(await page.locator('table tbody tr').count()).toBe(1);
      expect(await page.locator('table tbody').innerText()).toContain('Stella Student');
    });
  });
});
