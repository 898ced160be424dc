/**
 * "Every action is answered", in headless Chromium: a workflow action ends on the record with a notice
 * that says what happened, a stale link to an action the record's state no longer offers says so in
 * words, Edit is not offered where the state forbids it, and a new user's notice names who was invited.
 * Screenshots go to tests/screenshots/ (git-ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { WorkflowEngine } from '../core/workflow/index.js';

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
const shot = (page: Page, name: string) => page.screenshot({ path: `tests/screenshots/${name}.png`, fullPage: true });

describe('every action is answered', () => {
  it('submitting a course ends on its page with a notice naming its new state; on the PENDING course there is no Edit, and the stale edit link says why', async () => {
    const course = await (await world.as('teacher')).create('institute.course', { title: 'Hydrology', code: courseCode(), teacher: world.userId('teacher'), fee: 120, max_seats: 10 });
    const page = await signInAs('teacher');
    await page.goto(`${server.url}/admin/resources/InstituteCourse/records/${course.id}/submit`);
    await page.locator('#workflow-comment').waitFor({ timeout: 60_000 });
    // The form's heading and button are the manifest's label, not the action's name.
    expect(await page.getByTestId('workflow-submit').innerText()).toBe('Submit for approval');
    await Promise.all([page.waitForURL(/\/show/, { timeout: 60_000 }), page.getByTestId('workflow-submit').click()]);
    // Submitting moves the course to PENDING, whose approval opens on entering: the notice names the new state.
    await page.getByText('Submit for approval: the course is now Pending approval.').first().waitFor({ timeout: 30_000 });
    await shot(page, 'action-answered-submitted');
    expect((await world.system.get('institute.course', String(course.id))).status).toBe('PENDING');

    // The show page of the PENDING course offers no Edit (the state is not editable for a teacher).
    await page.goto(`${server.url}/admin/resources/InstituteCourse/records/${course.id}/show`);
    await page.getByText('Hydrology').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('a[href$="/edit"], button:has-text("Edit")').count()).toBe(0);

    // A stale link says so in words, not with a {{placeholder}} sentence.
    await page.goto(`${server.url}/admin/resources/InstituteCourse/records/${course.id}/edit`);
    const stale = page.getByText(/not available for this record any more/);
    await stale.first().waitFor({ timeout: 30_000 });
    // What the person reads: the page's own text (its state script carries i18n templates such as {{total}} for later).
    expect(await page.locator('body').innerText()).not.toContain('{{');
    await shot(page, 'action-answered-stale-link');
    await page.close();
  }, 180_000);

  it('an approval that still waits for other steps says as whom it counted and what it waits for', async () => {
    const course = await (await world.as('teacher')).create('institute.course', { title: 'Glaciology', code: courseCode(), teacher: world.userId('teacher'), fee: 80, max_seats: 10 });
    await (await WorkflowEngine.for(await world.as('teacher'))).run('institute.course', String(course.id), 'submit', {});
    const page = await signInAs('admin');
    await page.goto(`${server.url}/admin/resources/InstituteCourse/records/${course.id}/approve`);
    await page.getByTestId('workflow-submit').waitFor({ timeout: 60_000 });
    await Promise.all([page.waitForURL(/\/show/, { timeout: 60_000 }), page.getByTestId('workflow-submit').click()]);
    const notice = page.getByText(/^(Approved as .+; still waiting for .+|Approved: the course is now .+)$/);
    await notice.first().waitFor({ timeout: 30_000 });
    await shot(page, 'action-answered-approved');
    await page.close();
  }, 180_000);

  it('creating a user says that an invitation was sent, and to whom', async () => {
    const page = await signInAs('admin');
    await page.goto(`${server.url}/admin/resources/CoreUser/actions/new`);
    await page.locator('input[name=email]').waitFor({ timeout: 60_000 });
    const email = `new.teacher.${Date.now()}@example.test`;
    await page.fill('input[name=email]', email);
    await page.fill('input[name=name]', 'Nadia Rahman');
    await page.locator('form button[type=submit], form button.adminjs_Button').last().click();
    await page.getByText(`An invitation to choose a password was sent to ${email}.`).first().waitFor({ timeout: 30_000 });
    await shot(page, 'action-answered-user-invited');
    await page.close();
  }, 120_000);
});
