/**
 * The public admission application form (admissions.json publicForms) and the
 * campus file fields over real HTTP: the form offers only open cycles, takes
 * several documents (type from the content) and attaches them to the
 * application; an age outside the cycle's limits is a field error on the
 * page; a program named .pdf is refused with nothing created. A submission's
 * attachments are downloadable by its teacher once handed in, and by no other
 * student; the guardian reads it once the work is returned, like the grade.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFileStore } from '../core/data/files/local-store.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { apiCall, apiLogin } from './support/api.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { getPage, tokenAged } from './support/public-forms.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const DAY_MS = 86_400_000;
let runtime: TestRuntime;
let server: TestServer;
let world: InstituteWorld;
let formUrl: string;
let open: { id: string; name: string };
let closed: { id: string; name: string };

const pdf = (text: string): Buffer => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const png = (): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), Buffer.alloc(64, 0)]);
const exe = (): Buffer => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const at = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString();
const bornYearsAgo = (years: number): string => new Date(Date.now() - years * 365.25 * DAY_MS - 30 * DAY_MS).toISOString().slice(0, 10);

async function apply(email: string, dateOfBirth: string, documents: { content: Buffer; name: string }[], cycle = open.id): Promise<{ status: number; html: string }> {
  const form = new FormData();
  form.append('_token', tokenAged(world.fixture.org.id, 'admissions.admission_application', 5_000));
  form.append('cycle', cycle);
  form.append('applicant_name', 'Mira Sen');
  form.append('date_of_birth', dateOfBirth);
  form.append('email', email);
  form.append('guardian_name', 'Anil Sen');
  form.append('guardian_email', `guardian-${email}`);
  form.append('guardian_phone', '+4915112345678');
  form.append('previous_school', 'Lake School');
  for (const d of documents) form.append('documents', new Blob([new Uint8Array(d.content)], { type: 'application/pdf' }), d.name);
  const res = await fetch(formUrl, { method: 'POST', body: form, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

const applicationsOf = (email: string): Promise<{ id: string; documents: string[] | null; status: string }[]> =>
  runtime.dataSource.query('SELECT id, documents, status FROM admissions_application WHERE email = $1', [email]);

beforeAll(async () => {
  runtime = await createTestRuntime();
  runtime.files = new LocalFileStore(mkdtempSync(join(tmpdir(), 'ums-campus-files-')));
  world = await createInstituteWorld(runtime);
  for (const s of [world.student, world.student2]) await world.system.create('institute.enrollment', { student: s.id, course: world.courses.active.id, status: 'ENROLLED' });
  const cycle = async (name: string, opens: number, closes: number) => {
    const c = await world.system.create('admissions.admission_cycle', { name, course: world.courses.active.id, seats: 5, opens_at: at(opens), closes_at: at(closes), min_age: 16, max_age: 30 });
    return { id: c.id, name };
  };
  open = await cycle('Autumn intake (open)', -5, 5);
  closed = await cycle('Spring intake (closed)', -30, -1);
  server = await startTestServer(runtime);
  formUrl = `${server.url}/p/${world.fixture.org.slug}/admission_application`;
}, 180_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('the public admission application form', () => {
  it('offers only cycles open now and asks for several documents in a multipart form', async () => {
    const page = await getPage(formUrl);
    expect(page.status).toBe(200);
    expect(page.html).toContain('enctype="multipart/form-data"');
    expect(page.html).toMatch(/<input type="file" id="[^"]+" name="documents" multiple accept="application\/pdf,image\/jpeg,image\/png"/);
    expect(page.html).toContain(`value="${open.id}"`);
    expect(page.html).not.toContain(`value="${closed.id}"`);
    expect(page.html).not.toContain(closed.name);
    for (const name of ['applicant_name', 'date_of_birth', 'email', 'guardian_name', 'guardian_email', 'guardian_phone', 'previous_school']) expect(page.html).toContain(`name="${name}"`);
  });

  it('submits with a PDF and a PNG: the application is created and both files are attached to it', async () => {
    const sent = await apply('mira@apply.test', bornYearsAgo(17), [{ content: pdf('school report'), name: 'report.pdf' }, { content: png(), name: 'photo.png' }]);
    expect(sent.status).toBe(303);
    const [app] = await applicationsOf('mira@apply.test');
    expect(app.status).toBe('submitted');
    expect(app.documents).toHaveLength(2);
    const files: { name: string; mime: string; record_id: string }[] = await runtime.dataSource.query('SELECT name, mime, record_id FROM core_file WHERE id = ANY($1::uuid[]) ORDER BY name', [app.documents]);
    expect(files).toEqual([
      { name: 'photo.png', mime: 'image/png', record_id: app.id },
      { name: 'report.pdf', mime: 'application/pdf', record_id: app.id },
    ]);
    const thanks = await getPage(`${formUrl}/sent`);
    expect(thanks.html).toContain('Your application has arrived');
  });

  it('a closed cycle posted anyway is refused', async () => {
    const sent = await apply('late@apply.test', bornYearsAgo(17), [{ content: pdf('late'), name: 'late.pdf' }], closed.id);
    expect(sent.status).toBe(400);
    expect(await applicationsOf('late@apply.test')).toEqual([]);
  });

  it('an age outside the cycle limits is a field error shown on the page, and nothing is kept', async () => {
    const before = Number((await runtime.dataSource.query('SELECT count(*) AS n FROM core_file'))[0].n);
    const sent = await apply('young@apply.test', bornYearsAgo(12), [{ content: pdf('too young'), name: 'young.pdf' }]);
    expect(sent.status).toBe(400);
    expect(sent.html).toMatch(/age of 12: this cycle admits applicants from 16 years/);
    expect(sent.html).toMatch(/name="date_of_birth"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="date_of_birth"/);
    expect(await applicationsOf('young@apply.test')).toEqual([]);
    expect(Number((await runtime.dataSource.query('SELECT count(*) AS n FROM core_file'))[0].n)).toBe(before);
  });

  it('refuses a Windows program named .pdf, creating nothing', async () => {
    const sent = await apply('exe@apply.test', bornYearsAgo(17), [{ content: exe(), name: 'certificate.pdf' }]);
    expect(sent.status).toBe(400);
    expect(sent.html).toContain('application/x-msdownload');
    expect(await applicationsOf('exe@apply.test')).toEqual([]);
  });

  it('a file id typed into the form body is not attached', async () => {
    const form = new URLSearchParams({ _token: tokenAged(world.fixture.org.id, 'admissions.admission_application', 5_000), cycle: open.id, applicant_name: 'Typed Id', date_of_birth: bornYearsAgo(17), email: 'typed@apply.test' });
    form.append('documents', '00000000-0000-4000-8000-000000000000');
    const res = await fetch(formUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
    expect(res.status).toBe(303);
    const [app] = await applicationsOf('typed@apply.test');
    expect(app.documents ?? []).toEqual([]);
  });
});

describe('a submission with an attachment', () => {
  it('is uploaded by its student to their draft, readable by the teacher once handed in, and not by another student', async () => {
    const teacherRecords = await world.as('teacher');
    const a = await teacherRecords.create('coursework.assignment', { course: world.courses.active.id, title: 'Lab report', due_at: at(2), max_marks: 20 });
    await (await WorkflowEngine.for(teacherRecords)).run('coursework.assignment', a.id, 'publish');
    const student = (await apiLogin(server.url, world.fixture.users.get('student')!.email)).access_token;
    const teacher = (await apiLogin(server.url, world.fixture.users.get('teacher')!.email)).access_token;
    const other = (await apiLogin(server.url, world.fixture.users.get('student2')!.email)).access_token;
    const form = new FormData();
    form.append('assignment', a.id);
    form.append('text', 'See the attached report');
    form.append('attachments', new Blob([new Uint8Array(pdf('my lab report'))]), 'lab.pdf');
    const created = await fetch(`${server.url}/api/v1/coursework/submission`, { method: 'POST', headers: { authorization: `Bearer ${student}` }, body: form });
    const body = (await created.json()) as { data: { id: string; attachments: string[] }; files: { attachments: { id: string; name: string; url: string }[] } };
    expect(created.status).toBe(201);
    expect(body.data.attachments).toHaveLength(1);
    const link = body.files.attachments[0];
    expect(link.name).toBe('lab.pdf');
    // The student reads their own file; the teacher does not see a draft yet.
    expect((await fetch(link.url, { headers: { authorization: `Bearer ${student}` } })).status).toBe(200);
    expect((await fetch(link.url, { headers: { authorization: `Bearer ${teacher}` } })).status).toBe(404);
    expect((await apiCall(server.url, 'POST', `/coursework/submission/${body.data.id}/actions/submit`, { token: student })).status).toBe(200);
    const byTeacher = await fetch(link.url, { headers: { authorization: `Bearer ${teacher}` } });
    expect(byTeacher.status).toBe(200);
    expect((await byTeacher.text()).startsWith('%PDF-')).toBe(true);
    const byOther = await fetch(link.url, { headers: { authorization: `Bearer ${other}` } });
    expect(byOther.status).toBe(404);
    expect((await apiCall(server.url, 'GET', `/coursework/submission/${body.data.id}`, { token: other })).status).toBe(404);
    // Handed in: the student can no longer change the attachments.
    expect((await apiCall(server.url, 'PATCH', `/coursework/submission/${body.data.id}`, { token: student, body: { attachments: [] } })).status).toBe(403);
    // The guardian reads the file with the grade, once the work is returned.
    const email = `mother@${world.fixture.org.slug}.test`;
    const parent = await createUser(runtime, world.fixture.org.slug, { email, password: 'secret-123', name: 'Mother', roles: ['parents.parent'] });
    const guardianRecord = await world.system.create('parents.guardian', { name: 'Mother', user: parent.id, relation: 'mother' });
    await world.system.create('parents.student_guardian', { student: world.student.id, guardian: guardianRecord.id });
    const guardian = (await apiLogin(server.url, email)).access_token;
    expect((await fetch(link.url, { headers: { authorization: `Bearer ${guardian}` } })).status).toBe(404);
    expect((await apiCall(server.url, 'PATCH', `/coursework/submission/${body.data.id}`, { token: teacher, body: { marks: 17, feedback: 'Clear report' } })).status).toBe(200);
    for (const action of ['grade', 'return']) expect((await apiCall(server.url, 'POST', `/coursework/submission/${body.data.id}/actions/${action}`, { token: teacher })).status).toBe(200);
    const byGuardian = await fetch(link.url, { headers: { authorization: `Bearer ${guardian}` } });
    expect(byGuardian.status).toBe(200);
    expect((await byGuardian.text()).startsWith('%PDF-')).toBe(true);
  });
});
