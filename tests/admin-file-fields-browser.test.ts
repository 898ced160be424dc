/**
 * File fields in the admin as a person uses them, in headless Chromium, against
 * the real server and a local file store:
 *  - `file` (the hospital lab test's report): an image and a PDF uploaded in
 *    the edit form and saved, the list shows each name as a download link, the
 *    record page previews the image and the PDF, the download is the bytes sent;
 *    a file of a refused type (a program named .pdf) or past the field's size is
 *    the field's error in the form and nothing is saved; the receptionist, who
 *    has no read rule on the field, sees no link and the download URL is a 404;
 *  - `files` (an admission application's documents): several added, one
 *    removed, the order kept through saving, the record page and the edit form.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { LocalFileStore } from '../core/data/files/local-store.js';
import { demoPdf, demoPng } from '../core/files/demo-files.js';
import { launchBrowser, seen, signIn } from './support/browser.js';
import { createHospitalWorld, type HospitalWorld } from './support/hospital.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let browser: Browser;
let hospital: HospitalWorld;
let institute: Fixture;
let png: Buffer;
let pdf: Buffer;

const SCREENSHOTS = process.env.UMS_SCREENSHOTS ?? 'docs/screenshots';
const DAY_MS = 86_400_000;

beforeAll(async () => {
  runtime = await createTestRuntime();
  runtime.files = new LocalFileStore(mkdtempSync(join(tmpdir(), 'ums-admin-files-')));
  hospital = await createHospitalWorld(runtime);
  institute = await createFixtureOrg(runtime, 'institute', []);
  png = demoPng(120, 80, [40, 120, 200]);
  pdf = await demoPdf('Blood count', ['Haemoglobin 13.9 g/dL', 'Leukocytes 6.1 /nL']);
  server = await startTestServer(runtime);
  browser = await launchBrowser();
  // The first page waits for AdminJS to bundle the components; on a busy machine that outlasts a navigation's 30 s.
  const warm = await browser.newPage();
  await warm.goto(`${server.url}/admin/login`, { timeout: 170_000 });
  await warm.close();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.dispose();
});

const signInAs = (email: string): Promise<Page> => signIn(browser, server.url, email, { downloads: true });
const save = (page: Page): Promise<void> => page.locator('form button[type=submit], form button.adminjs_Button').last().click();
/** Saves the form and waits for the page AdminJS goes to after a successful save (the list or the record). */
const saved = (page: Page): Promise<unknown> => Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/edit') && !url.pathname.endsWith('/new'), { timeout: 60_000 }), save(page)]);

async function download(page: Page, link: Locator): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
  return readFileSync((await file.path())!);
}

/** Chooses files in a file field's input and waits until the upload has answered. */
async function choose(page: Page, field: string, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/admin/x/files/'), { timeout: 60_000 });
  await page.locator(`#file-${field}`).setInputFiles(files);
  await answered;
}

const fileLinks = (scope: Page | Locator): Locator => scope.locator('a.ums-file-link');

describe('a file field (a lab test\'s report) in the admin', () => {
  it('takes an image and a PDF in the edit form, lists them as download links, previews them and downloads the bytes sent', async () => {
    const tech = await signInAs(hospital.org.users.get('hospital.lab_technician')!.email);
    const labs = { image: hospital.labs.draft, pdf: hospital.labs.rejected };
    const sent: Record<keyof typeof labs, { name: string; mimeType: string; buffer: Buffer }> = {
      image: { name: 'scan.png', mimeType: 'image/png', buffer: png },
      pdf: { name: 'blood-count.pdf', mimeType: 'application/pdf', buffer: pdf },
    };
    for (const key of ['image', 'pdf'] as const) {
      await tech.goto(`${server.url}/admin/resources/HospitalLabTest/records/${labs[key].id}/edit`);
      await seen(tech, `lab-file-${key}-edit`, async () => {
        await tech.locator('#file-report_file').waitFor({ timeout: 60_000 });
        await choose(tech, 'report_file', [sent[key]]);
        // Not a link yet: the server serves a file only once a saved record shows it.
        await tech.locator('form .ums-file-pending').filter({ hasText: sent[key].name }).waitFor({ timeout: 30_000 });
      });
      if (key === 'image') await tech.screenshot({ path: `${SCREENSHOTS}/file-field-edit.png` });
      await seen(tech, `lab-file-${key}-save`, () => saved(tech));
      const stored = await (await hospital.as('hospital.lab_technician')).get('hospital.lab_test', labs[key].id);
      expect(typeof stored.report_file).toBe('string');
    }

    await tech.goto(`${server.url}/admin/resources/HospitalLabTest`);
    const rowOf = (id: string): Locator => tech.locator(`[data-id="${id}"], tr:has(a[href*="${id}"])`).first();
    await seen(tech, 'lab-file-list', () => fileLinks(tech).filter({ hasText: 'scan.png' }).first().waitFor({ timeout: 60_000 }));
    expect(await fileLinks(rowOf(labs.image.id)).allInnerTexts()).toEqual(['scan.png']);
    expect(await fileLinks(rowOf(labs.pdf.id)).allInnerTexts()).toEqual(['blood-count.pdf']);
    expect(await download(tech, fileLinks(rowOf(labs.pdf.id)).first())).toEqual(pdf);

    await tech.goto(`${server.url}/admin/resources/HospitalLabTest/records/${labs.image.id}/show`);
    const img = tech.locator('img[alt="scan.png"]');
    await seen(tech, 'lab-file-show-image', () => img.waitFor({ timeout: 60_000 }));
    await img.scrollIntoViewIfNeeded();
    await tech.screenshot({ path: `${SCREENSHOTS}/file-field-show-image.png` });
    await expect(img.evaluate((el) => (el as HTMLImageElement).decode().then(() => [(el as HTMLImageElement).naturalWidth, (el as HTMLImageElement).naturalHeight]))).resolves.toEqual([120, 80]);
    expect(await download(tech, fileLinks(tech).first())).toEqual(png);

    const pdfAnswer = tech.waitForResponse((r) => r.url().includes('/admin/x/files/') && r.url().includes('inline=1'), { timeout: 60_000 });
    await tech.goto(`${server.url}/admin/resources/HospitalLabTest/records/${labs.pdf.id}/show`);
    const preview = await pdfAnswer;
    expect([preview.status(), preview.headers()['content-type']]).toEqual([200, 'application/pdf']);
    // Chromium hands the PDF to its viewer, so the bytes are checked through the same address with the page's session.
    expect(await (await tech.request.get(preview.url())).body()).toEqual(pdf);
    await seen(tech, 'lab-file-show-pdf', () => tech.locator('iframe[title="blood-count.pdf"]').waitFor({ timeout: 60_000 }));
    await tech.context().close();
  }, 300_000);

  it('refuses a file of another type (read from the content) or past its size as the field\'s error in the form, and saves nothing', async () => {
    const lab = await hospital.system.create('hospital.lab_test', { patient: hospital.patients.sam.id, test: 'Refused uploads' });
    const tech = await signInAs(hospital.org.users.get('hospital.lab_technician')!.email);
    await tech.goto(`${server.url}/admin/resources/HospitalLabTest/records/${lab.id}/edit`);
    const field = tech.locator('form .ums-file-field[data-field=report_file]');
    await seen(tech, 'lab-file-refused-type', async () => {
      await tech.locator('#file-report_file').waitFor({ timeout: 60_000 });
      // A Windows program named and declared as a PDF.
      await choose(tech, 'report_file', [{ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(400, 0x90)]) }]);
      await field.getByText(/^report\.pdf is a file of type \S+, not one of application\/pdf, image\/png, image\/jpeg/).waitFor({ timeout: 30_000 });
    });
    expect(await field.locator('.ums-file-item').count()).toBe(0);
    await tech.screenshot({ path: `${SCREENSHOTS}/file-field-refused-type.png` });
    // Past the field's 10 MB: refused before a byte is sent.
    const uploads: string[] = [];
    tech.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/admin/x/files/')) uploads.push(r.url());
    });
    await tech.locator('#file-report_file').setInputFiles([{ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]) }]);
    await seen(tech, 'lab-file-refused-size', () => field.getByText('takes files of at most 10.0 MB').waitFor({ timeout: 30_000 }));
    expect(uploads).toEqual([]);
    expect(await field.locator('.ums-file-item').count()).toBe(0);
    await saved(tech);
    expect((await hospital.system.get('hospital.lab_test', lab.id)).report_file ?? null).toBeNull();
    await tech.context().close();
  }, 300_000);

  it('shows the receptionist, who has no read rule on the report, no link, and its download URL is a 404', async () => {
    const { report_file: fileId } = await hospital.system.get('hospital.lab_test', hospital.labs.rejected.id);
    expect(typeof fileId).toBe('string');
    const reception = await signInAs(hospital.org.users.get('hospital.receptionist')!.email);
    await reception.goto(`${server.url}/admin/resources/HospitalLabTest`);
    await seen(reception, 'lab-file-receptionist-list', () => reception.getByText(String(hospital.labs.rejected.number)).first().waitFor({ timeout: 60_000 }));
    expect(await fileLinks(reception).count()).toBe(0);
    await reception.goto(`${server.url}/admin/resources/HospitalLabTest/records/${hospital.labs.rejected.id}/show`);
    await seen(reception, 'lab-file-receptionist-show', () => reception.getByText(String(hospital.labs.rejected.test)).first().waitFor({ timeout: 60_000 }));
    expect(await fileLinks(reception).count()).toBe(0);
    expect(await reception.locator('iframe, img[alt]').count()).toBe(0);
    for (const suffix of ['', '?inline=1', '?meta=1']) expect((await reception.request.get(`${server.url}/admin/x/files/${String(fileId)}${suffix}`)).status()).toBe(404);
    // The same URL serves the lab technician: the 404 is the field rule, not a wrong address.
    const tech = await signInAs(hospital.org.users.get('hospital.lab_technician')!.email);
    expect((await tech.request.get(`${server.url}/admin/x/files/${String(fileId)}`)).status()).toBe(200);
    await reception.context().close();
    await tech.context().close();
  }, 300_000);
});

describe('a files field (an application\'s documents) in the admin', () => {
  const at = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString();
  const namesIn = (scope: Locator): Promise<string[]> => scope.locator('.ums-file-link, .ums-file-pending').evaluateAll((els) => els.map((el) => (el.classList.contains('ums-file-pending') ? (el.firstChild?.textContent ?? '').trim() : (el.textContent ?? '').trim())));
  const storedDocuments = async (id: string): Promise<unknown> => (await (await institute.system()).get('admissions.application', id)).documents;
  const fileNames = async (ids: unknown): Promise<string[]> => {
    const rows = (await runtime.dataSource.query('SELECT id, name FROM core_file WHERE id = ANY($1)', [ids])) as { id: string; name: string }[];
    return (ids as string[]).map((id) => rows.find((r) => r.id === id)?.name ?? '?');
  };

  it('adds several, removes one, keeps their order through saving, and shows them on the record page, in the list and in the export', async () => {
    const system = await institute.system();
    const course = await system.create('institute.course', { title: 'Files course', code: 'FILES-1', status: 'ACTIVE', max_seats: 10 });
    const cycle = await system.create('admissions.admission_cycle', { name: 'Files cycle', course: course.id, seats: 5, opens_at: at(-5), closes_at: at(5), min_age: 16, max_age: 30 });
    const application = await system.create('admissions.application', { cycle: cycle.id, applicant_name: 'Fatima Files', date_of_birth: new Date(Date.now() - 18.2 * 365.25 * DAY_MS).toISOString().slice(0, 10), email: 'fatima@example.org' });
    const transcript = await demoPdf('Transcript', ['Mathematics A']);
    const certificate = await demoPdf('Certificate', ['Passed']);
    const photo = demoPng(60, 80, [200, 160, 120]);
    const admin = await signInAs(institute.users.get('admin')!.email);
    const edit = `${server.url}/admin/resources/AdmissionsApplication/records/${application.id}/edit`;
    const field = admin.locator('form .ums-file-field[data-field=documents]');

    await admin.goto(edit);
    await seen(admin, 'documents-add-remove', async () => {
      await admin.locator('#file-documents').waitFor({ timeout: 60_000 });
      // Two at once, then a third.
      await choose(admin, 'documents', [{ name: 'transcript.pdf', mimeType: 'application/pdf', buffer: transcript }, { name: 'photo.png', mimeType: 'image/png', buffer: photo }]);
      await field.locator('.ums-file-item').nth(1).waitFor({ timeout: 30_000 });
      await choose(admin, 'documents', [{ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: certificate }]);
      await field.locator('.ums-file-item').nth(2).waitFor({ timeout: 30_000 });
      expect(await namesIn(field)).toEqual(['transcript.pdf', 'photo.png', 'certificate.pdf']);
      await field.getByRole('button', { name: 'Remove photo.png' }).click();
      expect(await namesIn(field)).toEqual(['transcript.pdf', 'certificate.pdf']);
    });
    await admin.screenshot({ path: `${SCREENSHOTS}/files-field-edit.png` });
    await seen(admin, 'documents-save', () => saved(admin));
    expect(await fileNames(await storedDocuments(application.id))).toEqual(['transcript.pdf', 'certificate.pdf']);

    await admin.goto(`${server.url}/admin/resources/AdmissionsApplication/records/${application.id}/show`);
    const shown = admin.locator('.ums-file-field[data-field=documents]');
    await seen(admin, 'documents-show', () => shown.locator('iframe[title="certificate.pdf"]').waitFor({ timeout: 60_000 }));
    expect(await namesIn(shown)).toEqual(['transcript.pdf', 'certificate.pdf']);
    expect(await download(admin, shown.locator('a.ums-file-link', { hasText: 'certificate.pdf' }))).toEqual(certificate);

    // Again in the edit form: the saved ones as links, one more added, the first removed.
    await admin.goto(edit);
    await seen(admin, 'documents-edit-again', async () => {
      await field.locator('a.ums-file-link').nth(1).waitFor({ timeout: 60_000 });
      expect(await namesIn(field)).toEqual(['transcript.pdf', 'certificate.pdf']);
      await choose(admin, 'documents', [{ name: 'photo.png', mimeType: 'image/png', buffer: photo }]);
      await field.locator('.ums-file-item').nth(2).waitFor({ timeout: 30_000 });
      await field.locator('.ums-file-item').first().getByRole('button').click();
      expect(await namesIn(field)).toEqual(['certificate.pdf', 'photo.png']);
    });
    await seen(admin, 'documents-save-again', () => saved(admin));
    const documents = (await storedDocuments(application.id)) as string[];
    expect(await fileNames(documents)).toEqual(['certificate.pdf', 'photo.png']);

    await admin.goto(`${server.url}/admin/resources/AdmissionsApplication/records/${application.id}/show`);
    await seen(admin, 'documents-show-again', () => shown.locator('img[alt="photo.png"]').waitFor({ timeout: 60_000 }));
    expect(await namesIn(shown)).toEqual(['certificate.pdf', 'photo.png']);
    await shown.scrollIntoViewIfNeeded();
    await admin.screenshot({ path: `${SCREENSHOTS}/files-field-show.png` });

    await admin.goto(`${server.url}/admin/resources/AdmissionsApplication`);
    const row = admin.locator(`tr:has(a[href*="${application.id}"])`).first();
    await seen(admin, 'documents-list', () => row.locator('a.ums-file-link').nth(1).waitFor({ timeout: 60_000 }));
    expect(await row.locator('a.ums-file-link').allInnerTexts()).toEqual(['certificate.pdf', 'photo.png']);

    // The export names each file and links to it, in the field's order.
    const csv = await (await admin.request.get(`${server.url}/admin/x/export/admissions.application.csv`)).text();
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const columns = header.split(',');
    const line = lines.find((l) => l.startsWith(application.id))!;
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    expect(cells[columns.indexOf('documents_name')]).toBe('certificate.pdf; photo.png');
    expect(cells[columns.indexOf('documents_url')]).toBe(documents.map((id) => `${server.url}/admin/x/files/${id}`).join('; '));
    const workbook = new ExcelJS.Workbook();
    const xlsx = await (await admin.request.get(`${server.url}/admin/x/export/admissions.application.xlsx`)).body();
    await workbook.xlsx.load(new Uint8Array(xlsx).buffer);
    const sheet = workbook.worksheets[0];
    const values = (n: number): string[] => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
    const xlsxHeader = values(1);
    const xlsxRow = Array.from({ length: sheet.actualRowCount - 1 }, (_, i) => values(i + 2)).find((r) => r[0] === application.id)!;
    expect(xlsxRow[xlsxHeader.indexOf('Documents (file name)')]).toBe('certificate.pdf; photo.png');
    expect(xlsxRow[xlsxHeader.indexOf('Documents (link)')]).toBe(documents.map((id) => `${server.url}/admin/x/files/${id}`).join('; '));

    // Every one removed: the field is empty, and saving says so.
    await admin.goto(edit);
    await seen(admin, 'documents-remove-all', async () => {
      await field.locator('a.ums-file-link').nth(1).waitFor({ timeout: 60_000 });
      await field.locator('.ums-file-item').first().getByRole('button').click();
      await field.locator('.ums-file-item').first().getByRole('button').click();
      expect(await field.locator('.ums-file-item').count()).toBe(0);
    });
    await seen(admin, 'documents-save-empty', () => saved(admin));
    expect((await storedDocuments(application.id)) ?? []).toEqual([]);
    await admin.context().close();
  }, 400_000);
});
