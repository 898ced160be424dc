/**
 * Notifications reach people: a course submitted for approval notifies the organization admin; the admin's
 * bell in the top bar shows the unread count and the notification, which opens the course and is then read
 * (a POST). Each user sees only their own (over HTTP: another's is NOT_FOUND); the approval mail names what
 * is asked ("Approve the course "Databases"") and links to the course.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { RecordService } from '../core/data/records.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { launchBrowser, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let w: InstituteWorld;
let courseId: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  const teacher = await w.as('teacher');
  const course = await teacher.create('institute.course', { title: 'Databases', code: courseCode(), teacher: w.userId('teacher'), fee: 300, max_seats: 10 });
  courseId = String(course.id);
  await (await WorkflowEngine.for(await RecordService.for(runtime, w.fixture.users.get('teacher')!.actor))).run('institute.course', courseId, 'submit');
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

describe('notifications', () => {
  it('the approval mail names what is asked and links to the record', async () => {
    const mails = await w.system.find('core.mail_outbox', { filters: [{ field: 'recipient', op: 'eq', value: w.fixture.users.get('admin')!.email }], limit: 10 });
    const mail = mails.find((m) => String(m.subject).includes('Databases'));
    expect(mail?.subject).toBe(`[${w.fixture.org.name}] Approve the course "Databases"`);
    expect(String(mail?.body)).toContain(`/admin/resources/InstituteCourse/records/${courseId}/show`);
  });

  it('each user reads only their own notifications, and marking another one read is NOT_FOUND', async () => {
    const admin = await server.login(w.fixture.users.get('admin')!.email, 'secret-123');
    const mine = await admin.get('/admin/x/notifications');
    const items = mine.body.items as { id: string; title: string; href: string; read: boolean }[];
    expect(mine.body.unread).toBeGreaterThan(0);
    expect(items.some((n) => n.title.includes('Databases') && n.href === `/admin/resources/InstituteCourse/records/${courseId}/show`)).toBe(true);
    const student = await server.login(w.fixture.users.get('student')!.email, 'secret-123');
    expect((await student.get('/admin/x/notifications')).body).toEqual({ unread: 0, items: [] });
    const stolen = await student.post(`/admin/x/notifications/${items[0].id}/read`);
    expect(stolen.status).toBe(404);
    expect((await admin.get('/admin/x/notifications')).body.unread).toBe(mine.body.unread);
    // Reading is a POST: a GET of the read address changes nothing.
    expect((await admin.get(`/admin/x/notifications/${items[0].id}/read`)).status).toBe(404);
  });

  it('the bell shows the unread count; opening a notification shows the record and marks it read', async () => {
    const page = await signIn(browser, server.url, w.fixture.users.get('admin')!.email);
    const bell = page.getByTestId('notification-bell');
    await page.getByTestId('notification-count').waitFor({ timeout: 60_000 });
    const before = Number(await bell.getAttribute('data-unread'));
    expect(before).toBeGreaterThan(0);
    expect(await page.getByTestId('notification-count').innerText()).toBe(String(before));
    await bell.click();
    const item = page.getByTestId('notification-item').filter({ hasText: 'Databases' }).first();
    expect(await item.getAttribute('data-read')).toBe('false');
    await page.screenshot({ path: 'tests/screenshots/notification-bell.png' });
    await Promise.all([page.waitForURL(new RegExp(`/records/${courseId}/show`)), item.click()]);
    await page.getByTestId('notification-bell').waitFor();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=notification-bell]')?.getAttribute('data-unread')) === n, before - 1, { timeout: 30_000 });
    await page.getByTestId('notification-bell').click();
    expect(await page.getByTestId('notification-item').filter({ hasText: 'Databases' }).first().getAttribute('data-read')).toBe('true');
    await page.close();
  }, 120_000);
});
