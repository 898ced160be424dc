/**
 * Faster pages as a browser sees them, in headless Chromium: a page load asks no host but the
 * server's own (no Google Fonts), field labels have WCAG AA contrast (4.5:1) against what is behind
 * them, and at 390 px wide (a phone) the approvals inbox and a list fit the screen without the page
 * scrolling sideways. Screenshots in tests/screenshots/ (git-ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
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
  const teacher = await world.as('teacher');
  for (const title of ['Oceanography', 'Volcanology and the long history of the earth']) {
    await teacher.create('institute.course', { title, code: courseCode(), teacher: world.userId('teacher'), fee: 1234.5, max_seats: 10 });
  }
  server = await startTestServer(runtime);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

async function signedIn(key: string, viewport: { width: number; height: number }): Promise<{ page: Page; hosts: Set<string> }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const hosts = new Set<string>();
  page.on('request', (r) => hosts.add(new URL(r.url()).host));
  await page.goto(`${server.url}/admin/login`);
  await page.getByLabel('E-mail').fill(world.fixture.users.get(key)!.email);
  await page.getByLabel('Password').fill('secret-123');
  await Promise.all([page.waitForURL(/\/admin(\/)?$/, { timeout: 60_000 }), page.click('button[type=submit]')]);
  return { page, hosts };
}

/** Contrast ratio (WCAG 2) of each element's text colour against the first opaque background behind it. */
const contrasts = (page: Page, selector: string): Promise<{ text: string; ratio: number }[]> =>
  page.$$eval(selector, (els) => {
    const rgb = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]): number => {
      const f = (v: number): number => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    return els.map((el) => {
      let bg: Element | null = el;
      let back = 'rgb(255, 255, 255)';
      while (bg) {
        const c = getComputedStyle(bg).backgroundColor;
        const parts = rgb(c);
        if (parts.length === 3 || (parts.length === 4 && parts[3] > 0.9)) {
          back = c;
          break;
        }
        bg = bg.parentElement;
      }
      const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(back))];
      return { text: (el.textContent ?? '').trim(), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
    });
  });

describe('faster pages in a real browser', () => {
  it('a page load asks only the server itself (no font host), and the show page labels reach 4.5:1 contrast', async () => {
    const { page, hosts } = await signedIn('teacher', { width: 1440, height: 900 });
    const course = (await (await world.as('teacher')).find('institute.course', { filters: [{ field: 'title', op: 'eq', value: 'Oceanography' }] }))[0];
    await page.goto(`${server.url}/admin/resources/InstituteCourse/records/${course.id}/show`);
    await page.getByText('Oceanography').first().waitFor({ timeout: 60_000 });
    expect([...hosts]).toEqual([new URL(server.url).host]);
    const labels = await contrasts(page, 'section label, form label, label');
    expect(labels.length).toBeGreaterThan(3);
    for (const l of labels) expect({ label: l.text, ok: l.ratio >= 4.5 }).toEqual({ label: l.text, ok: true });
    await page.screenshot({ path: 'tests/screenshots/show-page-contrast.png', fullPage: true });
    await page.context().close();
  }, 120_000);

  it('at 390 px the approvals inbox and the course list fit the screen (no sideways page scroll)', async () => {
    const { page } = await signedIn('admin', { width: 390, height: 844 });
    const overflow = (): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(`${server.url}/admin/pages/approvals`);
    await page.getByTestId('inbox').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: 'tests/screenshots/inbox-390.png', fullPage: true });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`${server.url}/admin/resources/InstituteCourse`);
    await page.getByText('Oceanography').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: 'tests/screenshots/course-list-390.png', fullPage: true });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.context().close();
  }, 120_000);
});
