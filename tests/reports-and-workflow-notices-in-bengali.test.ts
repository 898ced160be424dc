/**
 * A Bengali reader's declared reports, workflow notices and page fonts: the report's title, description and
 * column headings come from the manifest's `translations.bn` (a grouped field's heading from the entity's
 * translated field label), its enum cells from `translations.bn.values`, its locale is bn-BD; the same request
 * by an English reader is English. The workflow engine answers a Bengali caller in Bengali
 * (core/words.ts + translations.bn.actions/steps), and `?lng=bn` preloads both Bengali font faces even
 * before anyone signed in.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';
import { findOrganization } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
const EMAIL = 'admin@institute.demo';

beforeAll(async () => {
  runtime = await createTestRuntime();
  await seedDemoIfEmpty(runtime, { size: 'small', systemTypes: ['institute'] });
  server = await startTestServer(runtime);
}, 300_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

interface Table { label: string; description: string; columns: { label: string }[]; rows: (string | number | null)[][]; locale: string }

it("a declared report in the reader's language", async () => {
  const client = await server.login(EMAIL, 'demo1234');
  expect((await client.post('/admin/x/language', { language: 'en' })).status).toBe(200);
  const english = (await client.get('/admin/x/reports/institute.fee_collection')).body as unknown as Table;
  expect(english.label).toBe('Fee collection per month');
  expect(english.locale).toBe('en-GB');
  expect(english.columns.map((c) => c.label).slice(1)).toEqual(['Method', 'Payments', 'Collected']);
  expect((await client.post('/admin/x/language', { language: 'bn' })).status).toBe(200);
  const bengali = (await client.get('/admin/x/reports/institute.fee_collection')).body as unknown as Table;
  expect(bengali.label).toBe('মাসভিত্তিক ফি আদায়');
  expect(bengali.description).toBe('প্রাপ্ত পরিশোধ, মাস ও পদ্ধতি অনুযায়ী।');
  expect(bengali.locale).toBe('bn-BD');
  // "Method" is the payment's field label: its Bengali one (translations.bn.fields.method); the measures by their English heading.
  expect(bengali.columns.map((c) => c.label).slice(1)).toEqual(['পদ্ধতি', 'পরিশোধের সংখ্যা', 'আদায়']);
  expect(bengali.rows.length).toBe(english.rows.length);
  expect(bengali.rows.length).toBeGreaterThan(0);
  for (const row of bengali.rows) expect(['নগদ', 'কার্ড', 'ব্যাংক ট্রান্সফার', 'অনলাইন']).toContain(row[1]);
  // The months are written in bn-BD (Bengali digits of the year).
  expect(String(bengali.rows[0][0])).toMatch(/[০-৯]{4}/);
  // The reports list (the navigation's report links) in Bengali too.
  const list = (await client.get('/admin/x/reports')).body as { reports: { id: string; label: string }[] };
  expect(list.reports.find((r) => r.id === 'institute.marks_distribution')?.label).toBe('পরীক্ষা অনুযায়ী নম্বরের বণ্টন');
}, 180_000);

it('the workflow engine answers a Bengali caller in Bengali, an English one as before', async () => {
  const org = await findOrganization(runtime, 'institute');
  const [admin]: { id: string }[] = await runtime.dataSource.query('SELECT id FROM core_user WHERE email = $1', [EMAIL]);
  const actor = { kind: 'user' as const, userId: admin.id, organizationId: org.id, email: EMAIL };
  const system = RecordService.forSystem(runtime, org.id, 'test');
  const [draft] = await system.find('institute.course', { where: { status: 'DRAFT' }, limit: 1 });
  expect(draft).toBeDefined();
  const submit = async (language: string): Promise<string> => {
    // Back to a draft between the two runs (a test's own reset, not a workflow step).
    await runtime.dataSource.query("UPDATE institute_course SET status = 'DRAFT' WHERE id = $1", [draft.id]);
    const records = await RecordService.for(runtime, actor);
    return (await (await WorkflowEngine.for(records, language)).run('institute.course', String(draft.id), 'submit')).message;
  };
  expect(await submit('en')).toBe('Submit for approval: the course is now Pending approval.');
  // The action's, the entity's and the state's Bengali labels from translations.bn, the sentence from core/words.ts.
  expect(await submit('bn')).toBe('অনুমোদনের জন্য জমা দিন: কোর্স এখন অনুমোদনের অপেক্ষায়।');
}, 120_000);

it('?lng=bn preloads the Bengali font faces, also on the sign-in page', async () => {
  const page = async (path: string) => (await fetch(`${server.url}${path}`)).text();
  const preloads = (html: string) => (html.match(/<link rel="?preload"?[^>]*noto-sans-bengali/g) ?? []).length;
  expect(preloads(await page('/admin/login'))).toBe(0);
  expect(preloads(await page('/admin/login?lng=bn'))).toBe(2);
}, 60_000);
