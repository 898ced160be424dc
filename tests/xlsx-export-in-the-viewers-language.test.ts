/**
 * The admin's XLSX export is headed in the viewer's language: a user who chose Bengali gets the sheet name,
 * the column headings and the enum values from the manifest's `translations.bn`; one who chose English
 * gets English; CSV keeps field names and raw values for a clean round trip in either language.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { fetchAs } from './support/files.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let world: InstituteWorld;
let server: TestServer;
let cookie: string;

const setLanguage = (language: string | null): Promise<unknown> => runtime.dataSource.query('UPDATE core_user SET language = $2 WHERE id = $1', [world.userId('admin'), language]);

async function xlsx(): Promise<{ sheet: string; header: string[]; statuses: string[] }> {
  const res = await fetchAs(server.url, cookie, '/admin/x/export/institute.course.xlsx');
  expect(res.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const at = header.findIndex((h) => h === 'Status' || h === 'অবস্থা');
  const statuses: string[] = [];
  for (let n = 2; n <= sheet.actualRowCount; n++) statuses.push(String((sheet.getRow(n).values as unknown[])[at + 1]));
  return { sheet: sheet.name, header, statuses };
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  server = await startTestServer(runtime);
  cookie = await sessionCookie(server.url, world.fixture.users.get('admin')!.email, 'secret-123');
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

it('a Bengali reader’s XLSX has Bengali sheet name, headings and state labels; an English reader’s English', async () => {
  await setLanguage('bn');
  const bn = await xlsx();
  expect(bn.sheet).toBe('কোর্সসমূহ');
  expect(bn.header).toEqual(expect.arrayContaining(['শিরোনাম', 'শিক্ষক', 'অবস্থা', 'ফি']));
  expect(new Set(bn.statuses)).toEqual(new Set(['খসড়া', 'অনুমোদনের অপেক্ষায়', 'সক্রিয়', 'আর্কাইভকৃত']));

  await setLanguage('en');
  const en = await xlsx();
  expect(en.sheet).toBe('Courses');
  expect(en.header).toEqual(expect.arrayContaining(['Title', 'Teacher', 'Status', 'Fee']));
  expect(en.header.join(' ')).not.toMatch(/[\u0980-\u09FF]/);
  expect(en.statuses).not.toContain('সক্রিয়');
});

it('CSV keeps field names and raw values whatever the language', async () => {
  await setLanguage('bn');
  const res = await fetchAs(server.url, cookie, '/admin/x/export/institute.course.csv');
  expect(res.status).toBe(200);
  const text = await res.text();
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  expect(header).toContain('title');
  expect(header).toContain('status');
  expect(text).toContain('ACTIVE');
  expect(header).not.toMatch(/[\u0980-\u09FF]/);
});
