/**
 * The project office's Board (task.json view "board": work items in columns by state, swimlanes by
 * priority) as a project member uses it in headless Chromium: signed in, they open the Board from the
 * navigation and drag the item assigned to them to another state of its project; the move is in the
 * database and the card is still in its new column after a reload. Dragging an item that is not
 * assigned to them (members update only their own items) snaps back with the reason shown, and the
 * item's state is unchanged. Screenshots go to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn, dragCard, kanbanCard, kanbanCell } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { createTaskWorld, type TaskWorld } from './support/task.js';

const SHOTS = 'docs/screenshots';
let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let w: TaskWorld;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  runtime = await createTestRuntime();
  w = await createTaskWorld(runtime);
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
const columnIs = (page: Page, id: string, column: string) =>
  page.waitForFunction(
    ([cardId, value]) => document.querySelector(`[data-testid=kanban-card][data-id="${cardId}"]`)?.closest('[data-testid=kanban-column]')?.getAttribute('data-value') === value,
    [id, column] as const,
    { timeout: 30_000 },
  );
const stateOf = async (id: string) => String((await w.system.get('task.work_item', id)).state);

describe('the project office board in a real browser', () => {
  it('a member moves their own item to another state (it persists across a reload); an item not assigned to them snaps back with the reason', async () => {
    const { unstarted, started } = w.states.alpha;
    const { child, blocker } = w.items;
    expect([await stateOf(child.id), await stateOf(blocker.id)]).toEqual([unstarted.id, unstarted.id]);

    const page = await signIn(browser, server.url, w.users.member.email);
    // The Board is in the project office's group of the navigation ("Projects", closed at first).
    const sidebar = page.locator('[data-css="sidebar"]');
    await sidebar.getByText('Projects', { exact: true }).first().click();
    const link = sidebar.locator('a', { hasText: /^Board$/ }).first();
    await link.waitFor({ timeout: 60_000 });
    await link.click();
    await page.waitForURL(/\/resources\/TaskWorkItem\/actions\/view_board/, { timeout: 60_000 });
    await page.getByTestId('kanban-view').waitFor({ timeout: 60_000 });
    await card(page, child.id).waitFor({ timeout: 30_000 });
    expect(await card(page, child.id).innerText()).toContain('Write the copy');
    await columnIs(page, child.id, unstarted.id);

    // Their own item: Unstarted → Started (both Alpha's states), in its swimlane of priority "none".
    const lane = String(child.priority);
    await drag(page, child.id, cell(page, lane, started.id));
    const moved = `${String(child.number)} moved to ${String(started.name)}.`;
    await page.waitForFunction((text) => document.body.innerText.includes(text), moved, { timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/task-board-moved.png`, fullPage: true });
    expect(await page.getByTestId('kanban-refusal').count()).toBe(0);
    expect(await stateOf(child.id)).toBe(started.id);
    await columnIs(page, child.id, started.id);

    // After a reload the card is still where it was put.
    await page.reload();
    await card(page, child.id).waitFor({ timeout: 60_000 });
    await columnIs(page, child.id, started.id);

    // Not theirs: the blocker is nobody's, so the member may not update it.
    await drag(page, blocker.id, cell(page, String(blocker.priority), started.id));
    const refusal = page.getByTestId('kanban-refusal');
    await refusal.waitFor({ timeout: 30_000 });
    const reason = (await refusal.innerText()).trim();
    expect(reason).toBe(`Moving ${String(blocker.number)} to ${String(started.name)} was refused: You may not edit this work item.`);
    await columnIs(page, blocker.id, unstarted.id);
    await page.screenshot({ path: `${SHOTS}/task-board-refused.png`, fullPage: true });
    expect(await stateOf(blocker.id)).toBe(unstarted.id);
    await page.close();
  }, 180_000);

  it('the board narrowed to one project chosen on the page shows only its items and columns, and keeps the choice in the address', async () => {
    const page = await signIn(browser, server.url, w.org.users.get('admin')!.email);
    await page.goto(`${server.url}/admin/resources/TaskWorkItem/actions/view_board`);
    await page.getByTestId('kanban-view').waitFor({ timeout: 60_000 });
    await card(page, w.items.child.id).waitFor({ timeout: 30_000 });
    await card(page, w.items.beta.id).waitFor({ timeout: 30_000 });
    await page.getByTestId('kanban-scope').selectOption(String(w.projects.beta.id));
    await page.waitForFunction((id) => !document.querySelector(`[data-testid=kanban-card][data-id="${id}"]`), w.items.child.id, { timeout: 30_000 });
    expect(await card(page, w.items.beta.id).count()).toBe(1);
    const columns = await page.locator('[data-testid=kanban-column]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-value')))]);
    expect(columns.sort()).toEqual(Object.values(w.states.beta).map((st) => String(st.id)).sort());
    expect(page.url()).toContain(`scope=${String(w.projects.beta.id)}`);
    await page.reload();
    await card(page, w.items.beta.id).waitFor({ timeout: 60_000 });
    expect(await card(page, w.items.child.id).count()).toBe(0);
    await page.close();
  }, 180_000);
});
