/**
 * The workflow screens as people use them, in headless Chromium: a teacher
 * opens their draft course, submits it with a comment through the transition
 * form; the admin finds it in the approvals inbox and approves it from the
 * record page. Needs Debian's chromium (npm test installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
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

const signInAs = (key: string): Promise<Page> => signIn(browser, server.url, world.fixture.users.get(key)!.email);

describe('workflow screens in a real browser', () => {
  it('a teacher submits a draft with a comment; the admin sees it in the inbox and approves it', async () => {
    const course = await (await world.as('teacher')).create('institute.course', { title: 'Cartography', code: courseCode(), teacher: world.userId('teacher'), fee: 250, max_seats: 12 });
    const teacher = await signInAs('teacher');
    await teacher.goto(`${server.url}/admin/resources/InstituteCourse/records/${course.id}/submit`);
    await teacher.locator('#workflow-comment').waitFor({ timeout: 60_000 });
    await teacher.fill('#workflow-comment', 'Ready for spring');
    await Promise.all([teacher.waitForURL(/\/show/, { timeout: 60_000 }), teacher.getByTestId('workflow-submit').click()]);
    expect((await world.system.get('institute.course', String(course.id))).status).toBe('PENDING');
    await teacher.close();

    const admin = await signInAs('admin');
    await admin.goto(`${server.url}/admin/pages/approvals`);
    const row = admin.getByTestId('inbox').getByText('Cartography');
    await row.waitFor({ timeout: 60_000 });
    await admin.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/ums-approvals-inbox.png` });
    await Promise.all([admin.waitForURL(/\/show/, { timeout: 60_000 }), row.click()]);
    await admin.goto(`${server.url}/admin/resources/InstituteCourse/records/${course.id}/approve`);
    await admin.getByText('Waiting for:').waitFor({ timeout: 60_000 });
    await Promise.all([admin.waitForURL(/\/show/, { timeout: 60_000 }), admin.getByTestId('workflow-submit').click()]);
    const events = await world.system.find('core.workflow_event', { filters: [{ field: 'record_id', op: 'eq', value: course.id }, { field: 'kind', op: 'eq', value: 'approved' }] });
    expect(events).toHaveLength(1);
    expect(events[0].actor).toBe(world.userId('admin'));
    // The history screen lists the submission's comment and the approval.
    await admin.goto(`${server.url}/admin/resources/InstituteCourse/records/${course.id}/history`);
    await admin.getByText('Ready for spring').first().waitFor({ timeout: 60_000 });
    expect(await admin.getByText('approved', { exact: true }).count()).toBe(1);
    await admin.close();
  }, 180_000);
});
