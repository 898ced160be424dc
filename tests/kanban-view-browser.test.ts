/**
 * A declared kanban board (fixture module "studio") in headless Chromium, as a member uses it:
 * dragging a card to the next column takes the workflow step and the move persists; dragging one to
 * a column the member may not move it to (only a lead archives) snaps back with the reason in a
 * notice, and so does a move no workflow step makes. Screenshots go to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn, dragCard, kanbanCard, kanbanCell } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { createStudioWorld, type StudioWorld } from './support/studio.js';
import { studioRegistry } from './support/views-fixture.js';

const SHOTS = 'docs/screenshots';
let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let w: StudioWorld;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  runtime = await createTestRuntime({ registry: studioRegistry() });
  w = await createStudioWorld(runtime);
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const card = kanbanCard;
const cell = kanbanCell;
const drag = dragCard;
const columnOf = (page: Page, id: string) => card(page, id).evaluate((el) => el.closest('[data-testid=kanban-column]')!.getAttribute('data-value'));

describe('the kanban board in a real browser', () => {
  it('a member drags a card to the next state (it persists), and one to a state only a lead may set (it snaps back with the reason)', async () => {
    const page = await signIn(browser, server.url, w.org.users.get('studio.member')!.email);
    await page.goto(`${server.url}/admin/resources/StudioTask`);
    const link = page.locator('a', { hasText: 'Task board' }).first();
    await link.waitFor({ timeout: 60_000 });
    await link.click();
    await page.getByTestId('kanban-view').waitFor({ timeout: 60_000 });
    const north = w.desks.north.id;
    await card(page, w.tasks.todo.id).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/kanban-board.png`, fullPage: true });

    // Allowed: To do → Doing runs "Start".
    await drag(page, w.tasks.todo.id, cell(page, north, 'doing'));
    await page.waitForFunction(() => document.body.innerText.includes('Start — now Doing'), undefined, { timeout: 30_000 });
    expect((await w.system.get('studio.task', w.tasks.todo.id)).state).toBe('doing');
    expect(await columnOf(page, w.tasks.todo.id)).toBe('doing');

    // Refused: Done → Archived is for leads; the card goes back and the reason is shown.
    await drag(page, w.tasks.done.id, cell(page, north, 'archived'));
    const refusal = page.getByTestId('kanban-refusal');
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.textContent()).toMatch(/Archive refused: This action is not available for this record any more.*\(Archive is for: Lead \(Studio\)\)/);
    await page.waitForFunction((id) => document.querySelector(`[data-testid=kanban-card][data-id="${id}"]`)?.closest('[data-testid=kanban-column]')?.getAttribute('data-value') === 'done', w.tasks.done.id, { timeout: 30_000 });
    expect((await w.system.get('studio.task', w.tasks.done.id)).state).toBe('done');
    await page.screenshot({ path: `${SHOTS}/kanban-refused-move.png`, fullPage: true });

    // No step of the workflow goes from To do straight to Done.
    await drag(page, w.tasks.loose.id, cell(page, '', 'done'));
    await page.waitForFunction(() => document.body.innerText.includes('No step of the workflow goes from To do to Done'), undefined, { timeout: 30_000 });
    expect(await columnOf(page, w.tasks.loose.id)).toBe('todo');
    expect((await w.system.get('studio.task', w.tasks.loose.id)).state).toBe('todo');
    await page.close();
  }, 180_000);

  it('on a board of a plain field, a drag is an update of that field', async () => {
    const page = await signIn(browser, server.url, w.org.users.get('studio.member')!.email);
    await page.goto(`${server.url}/admin/resources/StudioTask/actions/view_by_priority`);
    await card(page, w.tasks.archived.id).waitFor({ timeout: 60_000 });
    await drag(page, w.tasks.done.id, cell(page, '', 'high'));
    await page.waitForFunction(() => document.body.innerText.includes('Book the venue moved to High'), undefined, { timeout: 30_000 });
    expect((await w.system.get('studio.task', w.tasks.done.id)).priority).toBe('high');
    await page.close();
  }, 120_000);
});
