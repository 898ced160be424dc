/**
 * The screens in Bengali for an institute admin who chose Bengali (no `?lng=`): the dashboard, the course
 * list (Bengali headings and state badges from the manifest's `translations.bn.values`), a course's show
 * page, the approvals inbox and the notification bell. Each is checked for Bengali text and saved as
 * docs/screenshots/bn-*.png, linked from the README.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { RecordService } from '../core/data/records.js';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';
import { findOrganization } from '../core/tenancy/index.js';
import { launchBrowser, signIn } from './support/browser.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const SHOTS = process.env.UMS_SCREENSHOTS ?? 'docs/screenshots';
const EMAIL = 'admin@institute.demo';
const BENGALI = /[\u0980-\u09FF]/;
/** Latin digits, which a Bengali reader's counts and dates must not show. */
const LATIN_DIGIT = /[0-9]/;

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let page: Page;

/** Waits for the page's fonts (a Bengali glyph painted before its font arrived shows as a box), then saves it. */
async function shot(name: string, fullPage = true): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/${name}`, fullPage });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  runtime = await createTestRuntime();
  await seedDemoIfEmpty(runtime, { size: 'small', systemTypes: ['institute'] });
  await runtime.dataSource.query("UPDATE core_user SET language = 'bn' WHERE email = $1", [EMAIL]);
  const [admin]: { id: string }[] = await runtime.dataSource.query('SELECT id FROM core_user WHERE email = $1', [EMAIL]);
  const org = await findOrganization(runtime, 'institute');
  const system = RecordService.forSystem(runtime, org.id, 'test');
  const [course] = await system.find('institute.course', { limit: 1 });
  await system.create('core.notification', { user: admin.id, title: 'নতুন ভর্তির আবেদন', body: 'একজন শিক্ষার্থী আবেদন করেছেন।', entity: 'institute.course', record_id: course.id });
  server = await startTestServer(runtime);
  browser = await launchBrowser();
  page = await signIn(browser, server.url, EMAIL, { password: 'demo1234' });
  await page.setViewportSize({ width: 1280, height: 800 });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

it('the dashboard', async () => {
  await page.goto(`${server.url}/admin`);
  await page.getByTestId('dashboard-card').first().waitFor({ timeout: 60_000 });
  expect(await page.locator('nav, [data-css=sidebar]').first().innerText()).toMatch(BENGALI); // কোর্সসমূহ, শিক্ষার্থীরা … in the navigation
  // Both Bengali faces are preloaded: one fetched only after bold digits were laid out left them as boxes (the bell's count).
  expect(await page.locator('link[rel=preload][as=font][href*=noto-sans-bengali]').count()).toBe(2);
  // Card labels from the manifest's translations.bn.label, counts in Bengali digits (৯, not 9) that still mean the count.
  const active = page.locator('[data-testid=dashboard-card][data-card="institute.0"]');
  expect(await active.locator('h5').innerText()).toBe('সক্রিয় কোর্স');
  const count = active.getByTestId('card-count');
  const n = Number(await count.getAttribute('data-count'));
  expect(n).toBeGreaterThan(0);
  expect(await count.innerText()).toBe(new Intl.NumberFormat('bn-BD').format(n));
  for (const c of await page.getByTestId('card-count').allInnerTexts()) expect(c).not.toMatch(LATIN_DIGIT);
  for (const h of await page.locator('[data-testid=dashboard-card] h5').allInnerTexts()) expect(h).toMatch(BENGALI);
  // The module's heading in the navigation from the manifest's translations.bn.label.
  expect(await page.locator('nav, [data-css=sidebar]').first().innerText()).toContain('শিক্ষাপ্রতিষ্ঠান');
  expect((await page.locator('nav, [data-css=sidebar]').first().innerText()).split('\n')).not.toContain('Institute'); // ("Demo Institute" is the organization's name)
  // The core module's group (its resources, users, roles, …, when opened) in Bengali too.
  const navigation = (await page.locator('nav, [data-css=sidebar]').first().innerText()).split('\n');
  for (const english of ['Organization', 'Users', 'Roles', 'Role assignments', 'Audit log']) expect(navigation).not.toContain(english);
  expect(navigation).toContain('প্রতিষ্ঠান');
  await shot('bn-dashboard.png');
}, 120_000);

it('a list: Bengali column headings and state badges', async () => {
  await page.goto(`${server.url}/admin/resources/InstituteCourse`);
  await page.locator('table tbody tr').first().waitFor({ timeout: 60_000 });
  const headings = await page.locator('table thead').first().innerText();
  expect(headings).toContain('শিরোনাম');
  expect(headings).toContain('অবস্থা');
  const badges = await page.locator('[data-ums-badge]').allInnerTexts();
  expect(badges.length).toBeGreaterThan(0);
  for (const b of badges) expect(b).toMatch(BENGALI); // সক্রিয়, খসড়া … not ACTIVE, Draft
  // The toolbar's own words: the search box and its button, Export and Import.
  expect(await page.getByTestId('list-search').locator('input').getAttribute('placeholder')).toMatch(/^খুঁজুন: /);
  expect(await page.getByTestId('list-search-submit').innerText()).toBe('খুঁজুন');
  expect(await page.getByText('এক্সপোর্ট').count()).toBeGreaterThan(0);
  expect(await page.getByText('ইমপোর্ট').count()).toBeGreaterThan(0);
  // Money and dates in the cells follow the reader's locale (value.tsx): Bengali digits, no Latin ones.
  const fees = await page.locator('[data-ums-value=money]').allInnerTexts();
  expect(fees.length).toBeGreaterThan(0);
  for (const f of fees) if (f !== '—') expect(f).not.toMatch(LATIN_DIGIT);
  const first = fees.find((f) => f !== '—')!;
  expect(first).toMatch(/[০-৯]/);
  await shot('bn-list.png');
}, 120_000);

it('a show page', async () => {
  await page.locator('table tbody tr').first().locator('td').nth(1).click();
  await page.waitForURL(/\/records\/[^/]+\/show/, { timeout: 60_000 });
  await page.getByText('শিক্ষক').first().waitFor({ timeout: 60_000 });
  expect(await page.locator('[data-ums-badge]').first().innerText()).toMatch(BENGALI);
  // The timeline's heading and times (record-panels.tsx) in Bengali.
  await page.getByTestId('timeline-when').first().waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('record-timeline').locator('h5').innerText()).toBe('সময়রেখা');
  for (const w of await page.getByTestId('timeline-when').allInnerTexts()) expect(w).not.toMatch(LATIN_DIGIT);
  // The workflow's History button is Bengali (ইতিহাস), as are the other buttons.
  expect(await page.getByRole('button', { name: 'History', exact: true }).count()).toBe(0);
  expect(await page.getByText('ইতিহাস', { exact: true }).count()).toBeGreaterThan(0);
  // Its events too: titles ("কোর্স তৈরি হয়েছে", "অনুমোদিত: …") and the changed fields' labels.
  const events = page.getByTestId('timeline-event');
  expect(await events.count()).toBeGreaterThan(0);
  for (const e of await events.locator('strong').allInnerTexts()) expect(e).toMatch(BENGALI);
  for (const c of await page.getByTestId('timeline-change').allInnerTexts()) expect(c.split(':')[0]).toMatch(BENGALI);
  await shot('bn-show.png');
}, 120_000);

it('the approvals inbox', async () => {
  await page.goto(`${server.url}/admin/pages/approvals`);
  await page.getByTestId('inbox-heading').waitFor({ timeout: 60_000 });
  // The inbox's own words (components.Inbox), and its rows as the server wrote them for a Bengali reader.
  expect(await page.getByTestId('inbox-heading').innerText()).toBe('আপনার অনুমোদনের অপেক্ষায়');
  const headings = await page.getByTestId('inbox').locator('thead').innerText();
  for (const h of ['রেকর্ড', 'কাজ', 'অনুরোধকারী', 'কবে থেকে', 'অপেক্ষা', 'ইতিমধ্যে দেওয়া', 'আপনি অনুমোদন দেবেন']) expect(headings).toContain(h);
  const first = page.getByTestId('inbox').locator('tbody tr').filter({ hasText: 'কোর্স:' }).first();
  const cells = await first.locator('td').allInnerTexts();
  expect(cells[0]).toMatch(/^কোর্স: /); // the entity's Bengali label
  expect(['কোর্স অনুমোদন করুন', 'কোর্স আর্কাইভ করুন']).toContain(cells[1]); // the transition's translations.bn.actions label
  expect(cells[3]).toMatch(BENGALI); // month name and digits in bn-BD
  expect(cells[3]).not.toMatch(LATIN_DIGIT);
  expect(['প্রশাসন', 'বিক্রয় বা অর্থ বিভাগ', 'বিক্রয় বিভাগ']).toEqual(expect.arrayContaining(cells[4].split(', '))); // steps from translations.bn.steps
  await shot('bn-approvals.png');
}, 120_000);

it('the notification bell', async () => {
  await page.goto(`${server.url}/admin`);
  const bell = page.getByTestId('notification-bell');
  await bell.waitFor({ timeout: 60_000 });
  await bell.click();
  await page.getByText('নতুন ভর্তির আবেদন').first().waitFor({ timeout: 30_000 });
  // The bell's own words and digits: its heading, "mark all read", the unread count and the times.
  const list = page.getByTestId('notification-list');
  expect(await list.locator('strong').first().innerText()).toBe('বিজ্ঞপ্তি');
  expect(await page.getByTestId('notification-read-all').innerText()).toBe('সব পড়া হয়েছে');
  expect(await page.getByTestId('notification-count').innerText()).not.toMatch(LATIN_DIGIT);
  // The time under the notification made above (other demo notifications' own texts may carry Latin numbers).
  const ours = page.getByTestId('notification-item').filter({ hasText: 'নতুন ভর্তির আবেদন' }).first();
  const time = await ours.locator('div').last().innerText();
  expect(time).toMatch(BENGALI);
  expect(time).not.toMatch(LATIN_DIGIT);
  await shot('bn-notification-bell.png', false);
}, 120_000);
