/**
 * Related lists on a show page (Frappe's connections panel), in headless Chromium: a course's page
 * lists its enrollments, attendance sessions and fee invoices with counts, and a click opens the
 * list filtered on that course. A role that may not read an entity gets no panel for it, and each
 * count is what the user's row rules let them see. The JSON route behind the panel refuses bad ids
 * (400), other methods (400) and requests without a session. Screenshot in docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const SHOTS = 'docs/screenshots';
let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let w: InstituteWorld;
let courseId: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  courseId = w.courses.active.id;
  // Two enrollments (one per student), three sessions, two invoices (one per student) on the teacher's active course.
  for (const s of [w.student, w.student2]) await w.system.create('institute.enrollment', { student: s.id, course: courseId, status: 'ENROLLED' });
  for (const [i, date] of ['2026-11-02', '2026-11-09', '2026-11-16'].entries()) await w.system.create('institute.attendance_session', { course: courseId, date, topic: `Week ${i + 1}` });
  for (const s of [w.student, w.student2]) await w.system.create('institute.fee_invoice', { student: s.id, course: courseId, amount: 300, due_date: '2026-12-31', description: 'Tuition' });
  // Elsewhere: another course's enrollment, which no count of this course includes.
  await w.system.create('institute.enrollment', { student: w.student.id, course: w.courses.otherTeachers.id, status: 'APPLIED' });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const showUrl = (id: string): string => `${server.url}/admin/resources/InstituteCourse/records/${id}/show`;

/** The panel's counts by entity key, once the panel has drawn. */
async function panelCounts(page: Page): Promise<Record<string, number>> {
  await page.getByTestId('related-lists').waitFor({ timeout: 60_000 });
  const chips = page.getByTestId('related-list');
  const out: Record<string, number> = {};
  for (let i = 0; i < (await chips.count()); i += 1) out[(await chips.nth(i).getAttribute('data-entity'))!] = Number(await chips.nth(i).getAttribute('data-count'));
  return out;
}

describe('related lists on a show page', () => {
  it("the admin sees a course's enrollments, sessions and invoices with counts, and a click opens the filtered list", async () => {
    const page = await signIn(browser, server.url, w.fixture.users.get('admin')!.email);
    await page.goto(showUrl(courseId));
    const counts = await panelCounts(page);
    expect(counts).toMatchObject({ 'institute.enrollment': 2, 'institute.attendance_session': 3, 'institute.fee_invoice': 2, 'institute.exam': 0 });
    await expect(page.getByTestId('related-lists').innerText()).resolves.toContain('Fee invoices');
    await page.screenshot({ path: `${SHOTS}/show-page-related-lists.png`, fullPage: true });

    const enrollments = page.locator('[data-testid=related-list][data-entity="institute.enrollment"]');
    await Promise.all([page.waitForURL(/\/resources\/InstituteEnrollment\?/, { timeout: 60_000 }), enrollments.click()]);
    expect(new URL(page.url()).searchParams.get('filters.course')).toBe(courseId);
    // The list shows this course's two enrollments, not the third one of the other course.
    await page.locator('[data-css="InstituteEnrollment-list-table"], table').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length > 0, undefined, { timeout: 60_000 });
    expect(await page.locator('tbody tr').count()).toBe(2);
    await page.close();
  }, 180_000);

  it('a teacher, who may not read fee invoices, gets no invoices panel', async () => {
    const page = await signIn(browser, server.url, w.fixture.users.get('teacher')!.email);
    await page.goto(showUrl(courseId));
    const counts = await panelCounts(page);
    expect(counts['institute.enrollment']).toBe(2);
    expect(counts['institute.attendance_session']).toBe(3);
    expect(counts).not.toHaveProperty('institute.fee_invoice');
    expect(counts).not.toHaveProperty('institute.payment');
    await page.close();
  }, 120_000);

  it("a student's counts are the records their row rules let them see: their own enrollment and invoice", async () => {
    const page = await signIn(browser, server.url, w.fixture.users.get('student')!.email);
    await page.goto(showUrl(courseId));
    const counts = await panelCounts(page);
    expect(counts['institute.enrollment']).toBe(1);
    expect(counts['institute.fee_invoice']).toBe(1);
    // Sessions of an ACTIVE course are readable by students: all three.
    expect(counts['institute.attendance_session']).toBe(3);

    // The route: a course the student may not read is the same 404 as a missing one; a bad id is a 400; only GET.
    const route = (id: string) => `${server.url}/admin/x/related/InstituteCourse/${id}`;
    expect((await page.request.get(route(w.courses.draft.id), { headers: { accept: 'application/json' } })).status()).toBe(404);
    expect((await page.request.get(route('not-an-id'), { headers: { accept: 'application/json' } })).status()).toBe(400);
    expect((await page.request.get(`${server.url}/admin/x/related/NoSuchResource/${courseId}`, { headers: { accept: 'application/json' } })).status()).toBe(404);
    expect((await page.request.post(route(courseId), { headers: { accept: 'application/json', origin: server.url } })).status()).toBe(400);
    await page.close();
  }, 120_000);

  it("a user's related lists come from the organization's enabled modules only", async () => {
    const page = await signIn(browser, server.url, w.fixture.users.get('admin')!.email);
    const res = await page.request.get(`${server.url}/admin/x/related/CoreUser/${w.userId('teacher')}`, { headers: { accept: 'application/json' } });
    expect(res.status()).toBe(200);
    const { lists } = (await res.json()) as { lists: { entity: string; field: string; count: number }[] };
    // The installation knows entities that refer to users in other modules (the check below is not empty by accident)…
    expect(runtime.registry.entity('library.member')?.fields.some((f) => f.type === 'reference' && f.target === 'core.user')).toBe(true);
    // The institute's courses name the teacher; library members and gym trainers (modules not enabled here) are not offered.
    expect(lists.find((l) => l.entity === 'institute.course' && l.field === 'teacher')?.count).toBe(4);
    // (An institute organization also gets the campus modules built on the institute: hostel, parents…)
    const enabled = ['core', ...(runtime.registry.systemTypes.get('institute')?.modules ?? [])];
    expect(enabled).not.toContain('library');
    expect(lists.map((l) => l.entity.split('.')[0]).filter((m) => !enabled.includes(m))).toEqual([]);
    await page.close();
  }, 120_000);

  it('without a session the route answers nothing', async () => {
    const res = await fetch(`${server.url}/admin/x/related/InstituteCourse/${courseId}`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(403);
    expect(JSON.stringify(await res.json())).not.toContain('institute.enrollment');
  });
});
