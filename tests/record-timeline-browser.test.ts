/**
 * A record's timeline (issue 10, "Names, not ids"): workflow events with their comments and field
 * changes before → after, in labels and record titles, with who and when, newest first. A viewer
 * sees only fields their rules show on the record, and a record they may not read has no timeline
 * (404, like a missing one). The JSON route is checked over HTTP with a signed-in browser context;
 * one show page is checked in headless Chromium. Screenshot in docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { WorkflowEngine } from '../core/workflow/engine.js';
import type { RecordData } from '../core/data/records.js';
import type { TimelineEvent } from '../core/admin/record-timeline.js';
import { launchBrowser, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const SHOTS = 'docs/screenshots';
let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let w: InstituteWorld;
let course: RecordData;
const pages = new Map<string, Page>();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  // The teacher drafts a course, raises its fee, submits it; admin and sales approve it with comments.
  const teacher = await w.as('teacher');
  course = await teacher.create('institute.course', { title: 'Databases', code: courseCode(), teacher: w.userId('teacher'), fee: 300, max_seats: 12 });
  await teacher.update('institute.course', course.id, { fee: 350 });
  await (await WorkflowEngine.for(teacher)).run('institute.course', course.id, 'submit', { comment: 'Ready for spring' });
  await (await WorkflowEngine.for(await w.as('admin'))).run('institute.course', course.id, 'approve', { comment: 'Fine by administration' });
  await (await WorkflowEngine.for(await w.as('sales'))).run('institute.course', course.id, 'approve', { comment: 'Priced right' });
  // The admin changes a student's name and internal notes: a teacher may read the name, not the notes.
  await (await w.as('admin')).update('institute.student', w.student.id, { name: 'Stella Star', notes: 'second remark' });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
  for (const key of ['admin', 'teacher', 'student2']) pages.set(key, await signIn(browser, server.url, w.fixture.users.get(key)!.email));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

async function timeline(as: string, resource: string, id: string): Promise<{ status: number; events: TimelineEvent[] }> {
  const res = await pages.get(as)!.request.get(`${server.url}/admin/x/timeline/${resource}/${id}`, { headers: { accept: 'application/json' } });
  const body = (await res.json()) as { events?: TimelineEvent[] };
  return { status: res.status(), events: body.events ?? [] };
}

describe('a record timeline', () => {
  it('lists workflow events with comments and field changes in words, with who and when, newest first', async () => {
    const { status, events } = await timeline('admin', 'InstituteCourse', course.id);
    expect(status).toBe(200);
    const titles = events.map((e) => e.title);
    // Newest first: sales' approval completed the request, so the transition and its approvals come before the submit.
    expect(titles.indexOf('Approve course: Pending approval → Active')).toBeLessThan(titles.indexOf('Submit for approval: Draft → Pending approval'));
    expect(titles.indexOf('Submit for approval: Draft → Pending approval')).toBeLessThan(titles.indexOf('Created course'));
    expect(titles[titles.length - 1]).toBe('Created course');
    for (let i = 1; i < events.length; i += 1) expect(events[i - 1].at >= events[i].at).toBe(true);

    const approvals = events.filter((e) => e.kind === 'approved');
    expect(approvals.map((e) => e.comment).sort()).toEqual(['Fine by administration', 'Priced right']);
    expect(approvals.find((e) => e.comment === 'Priced right')!.who).toBe('sales user');
    // Steps by their labels: sales approved in the "Sales or finance" step.
    expect(approvals.find((e) => e.comment === 'Priced right')!.title).toBe('Approved: Approve course (Sales or finance)');
    expect(events.find((e) => e.title.startsWith('Submit for approval'))!.comment).toBe('Ready for spring');

    // The fee change: money as money, by the teacher, in the teacher's name.
    const feeChange = events.find((e) => e.kind === 'updated' && e.changes.some((c) => c.field === 'fee'))!;
    expect(feeChange.who).toBe('teacher user');
    expect(feeChange.changes.find((c) => c.field === 'fee')).toEqual({ field: 'fee', label: 'Fee', before: 'US$300.00', after: 'US$350.00' });
    // Created: the teacher reference by the user's name, not an id; no raw JSON anywhere.
    const created = events.find((e) => e.kind === 'created')!;
    expect(created.changes.find((c) => c.field === 'teacher')!.after).toBe('teacher user');
    expect(JSON.stringify(events)).not.toContain(w.userId('teacher'));
    // A state change from the workflow's effects is said with the state's label.
    const statusChange = events.flatMap((e) => e.changes).find((c) => c.field === 'status' && c.after === 'Active');
    expect(statusChange?.before).toBe('Pending approval');
  });

  it('leaves out fields the viewer may not read on the record', async () => {
    const admin = await timeline('admin', 'InstituteStudent', w.student.id);
    const adminChange = admin.events.find((e) => e.kind === 'updated')!;
    expect(adminChange.changes.map((c) => c.field).sort()).toEqual(['name', 'notes']);

    const teacher = await timeline('teacher', 'InstituteStudent', w.student.id);
    expect(teacher.status).toBe(200);
    const change = teacher.events.find((e) => e.kind === 'updated')!;
    expect(change.changes).toEqual([{ field: 'name', label: 'Name', before: 'Stella Student', after: 'Stella Star' }]);
    expect(JSON.stringify(teacher.events)).not.toContain('remark');
  });

  it("a record the viewer may not read has no timeline; bad ids are a 400; only GET", async () => {
    // student2 reads only their own student record and ACTIVE courses.
    expect((await timeline('student2', 'InstituteStudent', w.student.id)).status).toBe(404);
    expect((await timeline('student2', 'InstituteCourse', w.courses.draft.id)).status).toBe(404);
    expect((await timeline('admin', 'InstituteCourse', 'not-an-id')).status).toBe(400);
    expect((await timeline('admin', 'NoSuchResource', course.id)).status).toBe(404);
    const post = await pages.get('admin')!.request.post(`${server.url}/admin/x/timeline/InstituteCourse/${course.id}`, { headers: { accept: 'application/json', origin: server.url } });
    expect(post.status()).toBe(400);
    const anonymous = await fetch(`${server.url}/admin/x/timeline/InstituteCourse/${course.id}`, { headers: { accept: 'application/json' } });
    expect(anonymous.status).toBe(403);
  });

  it('the show page draws the timeline below the fields', async () => {
    const page = pages.get('admin')!;
    await page.goto(`${server.url}/admin/resources/InstituteCourse/records/${course.id}/show`);
    const panel = page.getByTestId('record-timeline');
    await panel.waitFor({ timeout: 60_000 });
    await page.getByTestId('related-lists').waitFor({ timeout: 60_000 });
    await expect(panel.innerText()).resolves.toContain('Priced right');
    await expect(panel.innerText()).resolves.toContain('Fee: US$300.00 → US$350.00');
    // A created record lists its first values, not "— →" for each.
    await expect(panel.innerText()).resolves.toContain('Teacher: teacher user');
    expect(await page.getByTestId('timeline-event').count()).toBeGreaterThanOrEqual(6);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/show-page-timeline.png` });
  }, 120_000);
});
