/**
 * File fields over the REST API against a real server and the local file
 * store: a lab report uploaded, attached and downloaded byte for byte; a type
 * refused from the content (an .exe named .pdf and declared as PDF); a file
 * past its field's size refused while streaming with nothing left behind;
 * a role without the field, and another tenant, get the same 404 as a missing
 * file; the organization's storage quota refuses an upload; a Bengali file
 * name survives the round trip; deleting the record (or replacing the file)
 * removes the stored bytes; the sweep removes files never attached.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepFiles } from '../core/data/files/files.js';
import { LocalFileStore } from '../core/data/files/local-store.js';
import { apiCall, apiLogin } from './support/api.js';
import { createHospitalWorld, type HospitalWorld } from './support/hospital.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { getPage, tokenAged } from './support/public-forms.js';

let runtime: TestRuntime;
let server: TestServer;
let world: HospitalWorld;
let other: Fixture;
let filesRoot: string;
let tech: string;
let receptionist: string;
let otherTech: string;

/** A small but real PDF (file-type knows it by its `%PDF-` header). */
const pdf = (text: string): Buffer => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
/** The start of a Windows program: "MZ", then padding. */
const exe = (): Buffer => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

async function upload(token: string, field: string, content: Buffer, name: string, type = 'application/pdf', path = `/files/hospital/lab_test/${field}`, base = server.url) {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(content)], { type }), name);
  const res = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { data?: { id: string; name: string; mime: string; size: number; url: string }[]; errors?: unknown; code?: string } };
}

const fieldsOf = (body: { errors?: unknown }): string[] => ((body.errors ?? []) as { field: string }[]).map((e) => e.field);
const storedFiles = (): string[] => (existsSync(filesRoot) ? readdirSync(filesRoot, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : []);
const storageUsed = async (orgId: string): Promise<number> => Number(((await runtime.dataSource.query('SELECT storage_used FROM core_organization WHERE id = $1', [orgId])) as { storage_used: string }[])[0].storage_used);

beforeAll(async () => {
  runtime = await createTestRuntime();
  filesRoot = mkdtempSync(join(tmpdir(), 'ums-files-'));
  runtime.files = new LocalFileStore(filesRoot);
  world = await createHospitalWorld(runtime);
  other = await createFixtureOrg(runtime, 'hospital', ['hospital.lab_technician']);
  server = await startTestServer(runtime);
  tech = (await apiLogin(server.url, world.org.users.get('hospital.lab_technician')!.email)).access_token;
  receptionist = (await apiLogin(server.url, world.org.users.get('hospital.receptionist')!.email)).access_token;
  otherTech = (await apiLogin(server.url, other.users.get('hospital.lab_technician')!.email)).access_token;
}, 180_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('a lab report', () => {
  it('is uploaded, attached to its lab test and downloaded as sent, with its type from the content and nosniff', async () => {
    const content = pdf('blood count');
    const up = await upload(tech, 'report_file', content, 'cbc.pdf', 'application/octet-stream');
    expect(up.status).toBe(201);
    const file = up.body.data![0];
    expect(file).toMatchObject({ name: 'cbc.pdf', mime: 'application/pdf', size: content.length });
    const lab = await world.system.create('hospital.lab_test', { patient: world.patients.pat.id, test: 'CBC with report' });
    const patched = await apiCall(server.url, 'PATCH', `/hospital/lab_test/${lab.id}`, { token: tech, body: { report_file: file.id } });
    expect(patched.status).toBe(200);
    expect((patched.body.data as Record<string, unknown>).report_file).toBe(file.id);
    const link = (patched.body.files as Record<string, { url: string; name: string }>).report_file;
    expect(link.name).toBe('cbc.pdf');
    expect(link.url).toBe(file.url);
    const res = await fetch(link.url, { headers: { authorization: `Bearer ${tech}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="cbc.pdf"; filename\*=UTF-8''cbc.pdf$/);
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
    const preview = await fetch(`${link.url}?inline=1`, { headers: { authorization: `Bearer ${tech}` } });
    expect(preview.headers.get('content-disposition')).toMatch(/^inline;/);
    await preview.arrayBuffer();
    // The GET of the record names the file too.
    const got = await apiCall(server.url, 'GET', `/hospital/lab_test/${lab.id}`, { token: tech });
    expect((got.body.files as Record<string, { id: string }>).report_file.id).toBe(file.id);
  });

  it('is created with its lab test in one multipart request', async () => {
    const form = new FormData();
    form.append('patient', String(world.patients.pat.id));
    form.append('test', 'Lipid panel');
    form.append('report_file', new Blob([new Uint8Array(pdf('lipids'))]), 'lipids.pdf');
    const res = await fetch(`${server.url}/api/v1/hospital/lab_test`, { method: 'POST', headers: { authorization: `Bearer ${tech}` }, body: form });
    const body = (await res.json()) as { data: Record<string, unknown>; files: Record<string, { name: string; url: string }> };
    expect(res.status).toBe(201);
    expect(body.data.test).toBe('Lipid panel');
    expect(body.files.report_file.name).toBe('lipids.pdf');
    const download = await fetch(body.files.report_file.url, { headers: { authorization: `Bearer ${tech}` } });
    expect(download.status).toBe(200);
    expect((await download.text()).startsWith('%PDF-')).toBe(true);
  });

  it('a record write that fails leaves no stored file behind', async () => {
    const before = storedFiles().length;
    const form = new FormData();
    form.append('test', 'No patient');
    form.append('report_file', new Blob([new Uint8Array(pdf('orphan'))]), 'orphan.pdf');
    const res = await fetch(`${server.url}/api/v1/hospital/lab_test`, { method: 'POST', headers: { authorization: `Bearer ${tech}` }, body: form });
    expect(res.status).toBe(400);
    expect(fieldsOf((await res.json()) as { errors?: unknown })).toContain('patient');
    expect(storedFiles().length).toBe(before);
  });
});

describe('refusals', () => {
  it('refuses a Windows program named .pdf and declared as a PDF, from its content, storing nothing', async () => {
    const before = storedFiles().length;
    const used = await storageUsed(world.org.org.id);
    const up = await upload(tech, 'report_file', exe(), 'report.pdf', 'application/pdf');
    expect(up.status).toBe(400);
    expect(JSON.stringify(up.body.errors)).toContain('application/x-msdownload');
    expect(storedFiles().length).toBe(before);
    expect(await storageUsed(world.org.org.id)).toBe(used);
  });

  it('refuses a file past the field size (10 MB) while streaming, leaving no partial file', async () => {
    const before = storedFiles().length;
    const big = Buffer.concat([pdf('big'), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const up = await upload(tech, 'report_file', big, 'big.pdf');
    expect(up.status).toBe(413);
    expect(up.body.code).toBe('PAYLOAD_TOO_LARGE');
    await new Promise((r) => setTimeout(r, 200));
    expect(storedFiles().length).toBe(before);
    expect(readdirSync(filesRoot, { recursive: true }).filter((n) => String(n).endsWith('.partial'))).toEqual([]);
  });

  it('takes multipart only for entities with file fields and the upload routes (JSON elsewhere: 415)', async () => {
    const form = new FormData();
    form.append('name', 'Multipart patient');
    const post = (path: string) => fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${tech}` }, body: form });
    expect((await post('/hospital/patient')).status).toBe(415);
    expect((await post('/auth/login')).status).toBe(415);
    expect((await post(`/hospital/lab_test/${world.labs.draft.id}/actions/complete`)).status).toBe(415);
  });

  it('refuses a file id that was not uploaded for this field', async () => {
    const res = await apiCall(server.url, 'PATCH', `/hospital/lab_test/${world.labs.draft.id}`, { token: tech, body: { report_file: '00000000-0000-4000-8000-000000000000' } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body as { errors?: unknown })).toContain('report_file');
  });

  it('refuses an upload past the organization storage quota, counting nothing', async () => {
    const used = await storageUsed(world.org.org.id);
    await runtime.dataSource.query('UPDATE core_organization SET max_storage_bytes = $2 WHERE id = $1', [world.org.org.id, used + 100]);
    try {
      const before = storedFiles().length;
      const up = await upload(tech, 'report_file', pdf('x'.repeat(200)), 'over.pdf');
      expect(up.status).toBe(409);
      expect(String(up.body.detail)).toContain('file storage');
      expect(await storageUsed(world.org.org.id)).toBe(used);
      expect(storedFiles().length).toBe(before);
    } finally {
      await runtime.dataSource.query('UPDATE core_organization SET max_storage_bytes = NULL WHERE id = $1', [world.org.org.id]);
    }
  });
});

describe('who may download', () => {
  it('a role that may read the lab test but not its report field, and another tenant, get the same 404 as a missing file', async () => {
    const up = await upload(tech, 'report_file', pdf('private'), 'private.pdf');
    const id = up.body.data![0].id;
    const lab = await world.system.create('hospital.lab_test', { patient: world.patients.pat.id, test: 'Private report' });
    expect((await apiCall(server.url, 'PATCH', `/hospital/lab_test/${lab.id}`, { token: tech, body: { report_file: id } })).status).toBe(200);
    // The receptionist reads the lab test, without the report field.
    const seen = await apiCall(server.url, 'GET', `/hospital/lab_test/${lab.id}`, { token: receptionist });
    expect(seen.status).toBe(200);
    expect(seen.body.data).not.toHaveProperty('report_file');
    const asReceptionist = await apiCall(server.url, 'GET', `/files/${id}`, { token: receptionist });
    const asOtherTenant = await apiCall(server.url, 'GET', `/files/${id}`, { token: otherTech });
    const missing = await apiCall(server.url, 'GET', `/files/00000000-0000-4000-8000-000000000000`, { token: tech });
    expect([asReceptionist.status, asOtherTenant.status, missing.status]).toEqual([404, 404, 404]);
    expect(asReceptionist.body.detail).toBe(missing.body.detail);
    // Another tenant cannot attach it to their own record either.
    const theirs = await (await other.system()).create('hospital.patient', { name: 'Other patient', sex: 'male', date_of_birth: '1970-01-01' });
    const theirLab = await (await other.system()).create('hospital.lab_test', { patient: theirs.id, test: 'X' });
    const steal = await apiCall(server.url, 'PATCH', `/hospital/lab_test/${theirLab.id}`, { token: otherTech, body: { report_file: id } });
    expect(steal.status).toBe(400);
    // The receptionist may not upload to lab tests at all.
    expect((await upload(receptionist, 'report_file', pdf('r'), 'r.pdf')).status).toBe(403);
  });
});

describe('in the admin', () => {
  it('the lab technician downloads the report through the admin, and the CSV export names the file and links to it', async () => {
    const up = (await upload(tech, 'report_file', pdf('admin'), 'admin-report.pdf')).body.data![0];
    const lab = await world.system.create('hospital.lab_test', { patient: world.patients.pat.id, test: 'Exported report' });
    expect((await apiCall(server.url, 'PATCH', `/hospital/lab_test/${lab.id}`, { token: tech, body: { report_file: up.id } })).status).toBe(200);
    const admin = await server.login(world.org.users.get('hospital.lab_technician')!.email, 'secret-123');
    const cookie = (admin as unknown as { cookie: string }).cookie;
    const file = await fetch(`${server.url}/admin/x/files/${up.id}`, { headers: { cookie } });
    expect(file.status).toBe(200);
    expect((await file.text()).startsWith('%PDF-')).toBe(true);
    const csv = await (await fetch(`${server.url}/admin/x/export/hospital.lab_test.csv`, { headers: { cookie } })).text();
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const columns = header.split(',');
    expect(columns).toEqual(expect.arrayContaining(['report_file', 'report_file_name', 'report_file_url']));
    const row = rows.find((r) => r.startsWith(lab.id))!.split(',');
    expect(row[columns.indexOf('report_file_name')]).toBe('admin-report.pdf');
    // Absolute: no PUBLIC_URL is set for this server, so the link starts with the request's own origin.
    expect(row[columns.indexOf('report_file_url')]).toBe(`${server.url}/admin/x/files/${up.id}`);
    // The edit form's upload (components/file-field.tsx) goes to the admin's upload route, with the session.
    const form = new FormData();
    form.append('report_file', new Blob([new Uint8Array(pdf('from the form'))]), 'form.pdf');
    const formUpload = await fetch(`${server.url}/admin/x/files/hospital.lab_test/report_file`, { method: 'POST', headers: { cookie, origin: server.url }, body: form });
    expect(formUpload.status).toBe(201);
    const uploaded = ((await formUpload.json()) as { data: { id: string; name: string }[] }).data[0];
    expect(uploaded.name).toBe('form.pdf');
    const meta = await fetch(`${server.url}/admin/x/files/${up.id}?meta=1`, { headers: { cookie } });
    expect(await meta.json()).toMatchObject({ id: up.id, name: 'admin-report.pdf', mime: 'application/pdf' });
    // A receptionist's session gets the same 404 as for a missing file.
    const desk = await server.login(world.org.users.get('hospital.receptionist')!.email, 'secret-123');
    expect((await fetch(`${server.url}/admin/x/files/${up.id}`, { headers: { cookie: (desk as unknown as { cookie: string }).cookie } })).status).toBe(404);
  });
});

describe('export links', () => {
  it('start with the installation’s public URL when one is configured, in CSV and as a clickable XLSX hyperlink, and the link downloads the file', async () => {
    const up = (await upload(tech, 'report_file', pdf('linked'), 'linked-report.pdf')).body.data![0];
    const lab = await world.system.create('hospital.lab_test', { patient: world.patients.pat.id, test: 'Linked report' });
    expect((await apiCall(server.url, 'PATCH', `/hospital/lab_test/${lab.id}`, { token: tech, body: { report_file: up.id } })).status).toBe(200);
    const configured = await startTestServer(runtime, { publicUrl: 'https://ums.example.org' });
    try {
      const admin = await configured.login(world.org.users.get('hospital.lab_technician')!.email, 'secret-123');
      const cookie = (admin as unknown as { cookie: string }).cookie;
      const csv = await (await fetch(`${configured.url}/admin/x/export/hospital.lab_test.csv`, { headers: { cookie } })).text();
      const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      const row = rows.find((r) => r.startsWith(lab.id))!.split(',');
      const link = row[header.split(',').indexOf('report_file_url')];
      expect(link).toBe(`https://ums.example.org/admin/x/files/${up.id}`);
      // The path after the public URL is the admin's download route: on this server it serves the file.
      const file = await fetch(`${configured.url}${new URL(link).pathname}`, { headers: { cookie } });
      expect(file.status).toBe(200);
      expect((await file.text()).startsWith('%PDF-')).toBe(true);

      const xlsx = await (await fetch(`${configured.url}/admin/x/export/hospital.lab_test.xlsx`, { headers: { cookie } })).arrayBuffer();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx);
      const sheet = workbook.worksheets[0];
      const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
      let cell: ExcelJS.Cell | undefined;
      sheet.eachRow((r) => { if (r.getCell(1).value === lab.id) cell = r.getCell(headers.indexOf('Report (link)')); });
      expect(cell?.hyperlink).toBe(`https://ums.example.org/admin/x/files/${up.id}`);
      expect(cell?.text).toBe(`https://ums.example.org/admin/x/files/${up.id}`);
    } finally {
      await configured.close();
    }
  });
});

describe('REST API file links', () => {
  it('start with the installation’s public URL when one is configured, as export links do, in the upload’s answer and the record’s files, and the path downloads the file', async () => {
    const configured = await startTestServer(runtime, { publicUrl: 'https://ums.example.org' });
    try {
      const token = (await apiLogin(configured.url, world.org.users.get('hospital.lab_technician')!.email)).access_token;
      const up = await upload(token, 'report_file', pdf('public'), 'public-report.pdf', 'application/pdf', '/files/hospital/lab_test/report_file', configured.url);
      expect(up.status).toBe(201);
      const file = up.body.data![0];
      expect(file.url).toBe(`https://ums.example.org/api/v1/files/${file.id}`);
      const lab = await world.system.create('hospital.lab_test', { patient: world.patients.pat.id, test: 'Public link report' });
      const patched = await apiCall(configured.url, 'PATCH', `/hospital/lab_test/${lab.id}`, { token, body: { report_file: file.id } });
      expect(patched.status).toBe(200);
      expect((patched.body.files as Record<string, { url: string }>).report_file.url).toBe(`https://ums.example.org/api/v1/files/${file.id}`);
      const got = await apiCall(configured.url, 'GET', `/hospital/lab_test/${lab.id}`, { token });
      expect((got.body.files as Record<string, { url: string }>).report_file.url).toBe(`https://ums.example.org/api/v1/files/${file.id}`);
      // The path after the public URL is the API's download route: on this server it serves the file.
      const download = await fetch(`${configured.url}${new URL(file.url).pathname}`, { headers: { authorization: `Bearer ${token}` } });
      expect(download.status).toBe(200);
      expect((await download.text()).startsWith('%PDF-')).toBe(true);
    } finally {
      await configured.close();
    }
  });
});

describe('names and removal', () => {
  it('keeps a Bengali file name through upload and download (RFC 5987 filename*)', async () => {
    const name = 'রক্ত পরীক্ষা রিপোর্ট.pdf';
    const up = await upload(tech, 'report_file', pdf('bn'), name);
    expect(up.status).toBe(201);
    expect(up.body.data![0].name).toBe(name);
    const id = up.body.data![0].id;
    const lab = await world.system.create('hospital.lab_test', { patient: world.patients.sam.id, test: 'Bengali report' });
    expect((await apiCall(server.url, 'PATCH', `/hospital/lab_test/${lab.id}`, { token: tech, body: { report_file: id } })).status).toBe(200);
    const res = await fetch(`${server.url}/api/v1/files/${id}`, { headers: { authorization: `Bearer ${tech}` } });
    await res.arrayBuffer();
    const disposition = res.headers.get('content-disposition')!;
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1];
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(disposition).toMatch(/filename="[\x20-\x7e]+"/);
  });

  it('replacing a file removes the old one; deleting the record removes its file and gives the storage back', async () => {
    const lab = await world.system.create('hospital.lab_test', { patient: world.patients.quinn.id, test: 'Removal' });
    const first = (await upload(tech, 'report_file', pdf('first'), 'first.pdf')).body.data![0];
    expect((await apiCall(server.url, 'PATCH', `/hospital/lab_test/${lab.id}`, { token: tech, body: { report_file: first.id } })).status).toBe(200);
    const key = (id: string) => join(filesRoot, world.org.org.id, id);
    expect(existsSync(key(first.id))).toBe(true);
    const second = (await upload(tech, 'report_file', pdf('second'), 'second.pdf')).body.data![0];
    expect((await apiCall(server.url, 'PATCH', `/hospital/lab_test/${lab.id}`, { token: tech, body: { report_file: second.id } })).status).toBe(200);
    expect(existsSync(key(first.id))).toBe(false);
    expect(existsSync(key(second.id))).toBe(true);
    const used = await storageUsed(world.org.org.id);
    expect((await apiCall(server.url, 'DELETE', `/hospital/lab_test/${lab.id}`, { token: tech })).status).toBe(204);
    expect(existsSync(key(second.id))).toBe(false);
    expect(await storageUsed(world.org.org.id)).toBe(used - second.size);
    expect(await runtime.dataSource.query('SELECT id FROM core_file WHERE id = ANY($1::uuid[])', [[first.id, second.id]])).toEqual([]);
    expect((await apiCall(server.url, 'GET', `/files/${second.id}`, { token: tech })).status).toBe(404);
  });

  it('the sweep removes a file never attached after a day, and gives its storage back', async () => {
    const up = (await upload(tech, 'report_file', pdf('never attached'), 'never.pdf')).body.data![0];
    const used = await storageUsed(world.org.org.id);
    await sweepFiles(runtime.dataSource.manager, runtime.files);
    expect(existsSync(join(filesRoot, world.org.org.id, up.id))).toBe(true);
    await runtime.dataSource.query(`UPDATE core_file SET created_at = now() - interval '25 hours' WHERE id = $1`, [up.id]);
    const swept = await sweepFiles(runtime.dataSource.manager, runtime.files);
    expect(swept.released).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(filesRoot, world.org.org.id, up.id))).toBe(false);
    expect(await storageUsed(world.org.org.id)).toBe(used - up.size);
  });
});

describe('the public job application', () => {
  it('takes a CV file (type from the content), attaches it to the application, and refuses a program posing as a PDF', async () => {
    const institute = await createFixtureOrg(runtime, 'institute');
    const post = await (await institute.system()).create('institute.job_post', { title: 'Lecturer', status: 'OPEN' });
    const url = `${server.url}/p/${institute.org.slug}/job_application`;
    const page = await getPage(url);
    expect(page.html).toContain('enctype="multipart/form-data"');
    expect(page.html).toMatch(/<input type="file" id="[^"]+" name="cv_file" accept="application\/pdf,/);
    const send = async (cv: Buffer, email: string) => {
      const form = new FormData();
      form.append('_token', tokenAged(institute.org.id, 'institute.job_application', 5_000));
      form.append('job_post', post.id);
      form.append('applicant_name', 'Rina Das');
      form.append('applicant_email', email);
      form.append('cv_file', new Blob([new Uint8Array(cv)], { type: 'application/pdf' }), 'রিনা-সিভি.pdf');
      const res = await fetch(url, { method: 'POST', body: form, redirect: 'manual' });
      return { status: res.status, html: await res.text() };
    };
    const ok = await send(pdf('curriculum vitae'), 'rina@apply.test');
    expect(ok.status).toBe(303);
    const [app]: { id: string; cv_file: string }[] = await runtime.dataSource.query(`SELECT id, cv_file FROM institute_job_application WHERE applicant_email = 'rina@apply.test'`);
    const [file]: { name: string; mime: string; record_id: string }[] = await runtime.dataSource.query('SELECT name, mime, record_id FROM core_file WHERE id = $1', [app.cv_file]);
    expect(file).toEqual({ name: 'রিনা-সিভি.pdf', mime: 'application/pdf', record_id: app.id });
    expect(existsSync(join(filesRoot, institute.org.id, app.cv_file))).toBe(true);
    const before = storedFiles().length;
    const refused = await send(exe(), 'rina2@apply.test');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('application/x-msdownload');
    expect(await runtime.dataSource.query(`SELECT id FROM institute_job_application WHERE applicant_email = 'rina2@apply.test'`)).toEqual([]);
    expect(storedFiles().length).toBe(before);
  });
});
