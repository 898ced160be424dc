/**
 * Pickers offer only what makes sense: the institute's course.teacher declares
 * `"where": { "assignments": { "$some": { "role.name": "institute.teacher" } } }`, so its picker
 * (the entity's `pick` action, over real HTTP) offers the users holding the teacher role and no one
 * else, searched by title (the user's name), and only among what the asking user may read; a manifest
 * whose `where` names an unknown field of the target is refused with its pointer. The picker itself
 * is checked in headless Chromium on the new-course form.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { loadRegistry } from '../core/manifest/index.js';

let runtime: TestRuntime;
let server: TestServer;
let world: InstituteWorld;
let browser: Browser;

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

type Options = { options?: { id: string; title: string }[] };
const pick = async (key: string, q = ''): Promise<{ status: number; body: Options }> => {
  const client = await server.login(world.fixture.users.get(key)!.email, 'secret-123');
  const res = await client.get(`/admin/api/resources/InstituteCourse/actions/pick?field=teacher&q=${encodeURIComponent(q)}`);
  return { status: res.status, body: res.body as Options };
};

describe('reference pickers narrowed by the manifest', () => {
  it("the course's teacher picker offers exactly the organization's teachers, by name", async () => {
    const { status, body } = await pick('admin');
    expect(status).toBe(200);
    expect(body.options!.map((o) => o.id).sort()).toEqual([world.userId('teacher'), world.userId('teacher2')].sort());
    expect(body.options!.map((o) => o.title).sort()).toEqual(['teacher user', 'teacher2 user']);
    const searched = await pick('admin', 'teacher2');
    expect(searched.body.options!.map((o) => o.id)).toEqual([world.userId('teacher2')]);
  });

  it("obeys the asking user's read rules too: a teacher is offered only the teachers they may read", async () => {
    const records = await world.as('teacher');
    const readable = new Set((await records.find('core.user', { limit: 1000 })).map((u) => String(u.id)));
    const { status, body } = await pick('teacher');
    expect(status).toBe(200);
    for (const o of body.options!) expect(readable.has(o.id)).toBe(true);
    expect(body.options!.map((o) => o.id)).toContain(world.userId('teacher'));
  });

  it('an unknown field is a 400, and someone who may not write courses may not ask', async () => {
    const client = await server.login(world.fixture.users.get('admin')!.email, 'secret-123');
    expect((await client.get('/admin/api/resources/InstituteCourse/actions/pick?field=title')).status).toBe(400);
    // AdminJS answers a refused action with its error notice and no data.
    const student = await pick('student');
    expect(student.body.options).toBeUndefined();
    expect(JSON.stringify(student.body)).toMatch(/"type":"error"/);
  });

  it('a manifest whose where names an unknown field of the target is refused with its pointer', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ums-where-'));
    const manifest = readFileSync('module-manifests/library.json', 'utf8');
    const json = JSON.parse(manifest) as { entities: { name: string; fields: { name: string; where?: unknown }[] }[] };
    json.entities.find((e) => e.name === 'loan')!.fields.find((f) => f.name === 'book')!.where = { nmae: 'x' };
    writeFileSync(join(dir, 'library.json'), JSON.stringify(json));
    expect(() => loadRegistry({ dir })).toThrow(/library\.json#\/entities\/\d+\/fields\/\d+\/where.*nmae/s);
  });

  it('the new-course form offers the teachers in its teacher picker', async () => {
    const page = await signIn(browser, server.url, world.fixture.users.get('admin')!.email);
    await page.goto(`${server.url}/admin/resources/InstituteCourse/actions/new`);
    const picker = page.getByTestId('picker-teacher');
    await picker.waitFor({ timeout: 60_000 });
    await page.locator('#picker-teacher').click();
    await page.getByText('teacher2 user').first().waitFor({ timeout: 30_000 });
    const menu = await page.locator('[class*="menu"]').first().innerText();
    expect(menu).toContain('teacher user');
    expect(menu).not.toContain('Stella');
    expect(menu).not.toContain('Organization admin');
    await page.screenshot({ path: 'tests/screenshots/teacher-picker.png' });
    await page.close();
  }, 120_000);
});
