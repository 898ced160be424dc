/**
 * The core's own texts for a reader whose language is Bengali: built-in roles by their manifest's
 * `translations.bn.label` (the roles list and role assignments), a record's timeline and related lists
 * (titles, field labels, values, people), a table card's progress heading, the notice after a save, and a
 * refusal, which the admin says in Bengali while the error keeps its English message and code for the API.
 * The same requests by an English reader stay English.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { ForbiddenError } from 'adminjs';
import { toAdminError } from '../core/admin/errors.js';
import { RecordService } from '../core/data/records.js';
import { UmsError } from '../core/errors.js';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';
import { findOrganization } from '../core/tenancy/index.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const BENGALI = /[\u0980-\u09FF]/;
let runtime: TestRuntime;
let server: TestServer;
let admin: AdminClient;

beforeAll(async () => {
  runtime = await createTestRuntime();
  await seedDemoIfEmpty(runtime, { size: 'small', systemTypes: ['institute'] });
  server = await startTestServer(runtime);
  admin = await server.login('admin@institute.demo', 'demo1234');
}, 300_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const as = async (language: 'en' | 'bn'): Promise<void> => {
  expect((await admin.post('/admin/x/language', { language })).status).toBe(200);
};

type Listed = { records: { id: string; params: Record<string, unknown> }[] };

it('built-in roles are listed by their Bengali labels; custom roles keep theirs', async () => {
  await as('bn');
  const bn = (await admin.get('/admin/api/resources/CoreRole/actions/list?perPage=100')).body as unknown as Listed;
  const label = (name: string): unknown => bn.records.find((r) => r.params.name === name)?.params.label;
  expect(label('institute.teacher')).toBe('শিক্ষক (শিক্ষাপ্রতিষ্ঠান)');
  expect(label('admin')).toBe('প্রতিষ্ঠানের অ্যাডমিন');
  // A role assignment's role is the role's title: the same Bengali label.
  const assignments = (await admin.get('/admin/api/resources/CoreRoleAssignment/actions/list?perPage=50')).body as unknown as { records: { populated?: Record<string, { title?: string } | null> }[] };
  const titles = assignments.records.map((r) => r.populated?.role?.title).filter(Boolean);
  expect(titles.length).toBeGreaterThan(0);
  for (const t of titles) expect(t).toMatch(BENGALI);
  await as('en');
  const en = (await admin.get('/admin/api/resources/CoreRole/actions/list?perPage=100')).body as unknown as Listed;
  expect(en.records.find((r) => r.params.name === 'institute.teacher')?.params.label).toBe('Teacher (Institute)');
}, 120_000);

it("a record's timeline and related lists in the page's language", async () => {
  const org = await findOrganization(runtime, 'institute');
  const system = RecordService.forSystem(runtime, org.id, 'test');
  const [course] = await system.find('institute.course', { filters: [{ field: 'status', op: 'eq', value: 'ACTIVE' }], limit: 1 });
  await as('bn');
  type Timeline = { events: { kind: string; title: string; who: string; changes: { label: string; after: string | null }[] }[] };
  const bn = (await admin.get(`/admin/x/timeline/InstituteCourse/${course.id}`)).body as unknown as Timeline;
  const created = bn.events.find((e) => e.kind === 'created')!;
  expect(created.title).toBe('কোর্স তৈরি হয়েছে');
  expect(created.changes.find((c) => c.label === 'শিরোনাম')?.after).toBe(course.title);
  for (const e of bn.events) expect(e.title).toMatch(BENGALI);
  // `?lng=en` (a page opened in English) wins over the reader's language.
  const en = (await admin.get(`/admin/x/timeline/InstituteCourse/${course.id}?lng=en`)).body as unknown as Timeline;
  expect(en.events.find((e) => e.kind === 'created')?.title).toBe('Created course');
  expect(en.events.find((e) => e.kind === 'created')?.changes.some((c) => c.label === 'Title')).toBe(true);
  const related = (await admin.get(`/admin/x/related/InstituteCourse/${course.id}`)).body as unknown as { lists: { entity: string; label: string }[] };
  expect(related.lists.find((l) => l.entity === 'institute.enrollment')?.label).toMatch(BENGALI);
}, 120_000);

it("a table card's progress heading in Bengali", async () => {
  await as('bn');
  const cards = (await admin.get('/admin/api/dashboard')).body.cards as { id: string; progressLabel?: string }[];
  const fill = cards.find((c) => c.progressLabel !== undefined);
  expect(fill?.progressLabel).toBe('ভর্তি / আসন');
  await as('en');
  const english = (await admin.get('/admin/api/dashboard')).body.cards as { id: string; progressLabel?: string }[];
  expect(english.find((c) => c.id === fill!.id)?.progressLabel).toBe('Enrolled / seats');
}, 120_000);

it('the notice after a save is Bengali', async () => {
  await as('bn');
  const res = await admin.post('/admin/api/resources/InstituteDepartment/actions/new', { name: 'গণিত বিভাগ', code: 'MATH-BN' });
  expect(res.status).toBe(200);
  expect((res.body.notice as { message: string }).message).toBe("বিভাগ 'গণিত বিভাগ' তৈরি হয়েছে।");
  await as('en');
}, 120_000);

it('a refusal is said in Bengali on screen and stays English with its code for the API', async () => {
  const org = await findOrganization(runtime, 'institute');
  const [teacher]: { id: string; email: string }[] = await runtime.dataSource.query("SELECT id, email FROM core_user WHERE email = 'teacher@institute.demo'");
  const records = await RecordService.for(runtime, { kind: 'user', userId: teacher.id, organizationId: org.id, email: teacher.email });
  // The teacher's own active course: theirs to edit by their rules, but in a state only the admin may edit.
  const [active] = await records.find('institute.course', { filters: [{ field: 'status', op: 'eq', value: 'ACTIVE' }, { field: 'teacher', op: 'eq', value: teacher.id }], limit: 1 });
  expect(active).toBeDefined();
  const refusal = await records.update('institute.course', String(active.id), { location: 'Room 9' }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(refusal).toBeInstanceOf(UmsError);
  const err = refusal as UmsError;
  expect(err.code).toBe('FORBIDDEN');
  expect(err.message).toBe('A course that is Active can only be edited by Organization admin.');
  const shown = toAdminError(err, 'bn') as ForbiddenError & { baseMessage?: string };
  expect(shown).toBeInstanceOf(ForbiddenError);
  expect(shown.baseMessage).toBe('সক্রিয় অবস্থার কোর্স কেবল প্রতিষ্ঠানের অ্যাডমিন সম্পাদনা করতে পারেন।');
  expect((toAdminError(err, 'en') as ForbiddenError & { baseMessage?: string }).baseMessage).toBe(err.message);
}, 120_000);
