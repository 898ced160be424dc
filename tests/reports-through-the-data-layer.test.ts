/**
 * Declared reports computed through the data layer for the viewer, over HTTP: a teacher's attendance
 * report holds only their courses' records, sums and averages are right, filters narrow the rows
 * (and one the report does not declare is a 400), the CSV, XLSX and PDF downloads parse and carry the
 * same rows, and a Bengali student name comes back from each of them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { fetchAs, pdfText } from './support/files.js';
import type { RecordData } from '../core/data/records.js';

let runtime: TestRuntime;
let server: TestServer;
let w: InstituteWorld;
let bengali: RecordData;
const BENGALI = 'সুমন দাস';
const cookies = new Map<string, string>();

interface Table {
  columns: { label: string; kind: string }[];
  rows: (string | number | null)[][];
  total: number;
  chart?: { labels: string[]; values: number[] };
  filters: { field: string }[];
}

const squash = (s: string): string => s.replace(/\s+/g, '');

async function as(key: string, path: string): Promise<Response> {
  if (!cookies.has(key)) cookies.set(key, await sessionCookie(server.url, w.fixture.users.get(key)!.email, 'secret-123'));
  return fetchAs(server.url, cookies.get(key), path);
}
async function report(key: string, path: string): Promise<Table> {
  const res = await as(key, path);
  expect(res.status).toBe(200);
  return (await res.json()) as Table;
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  bengali = await w.system.create('institute.student', { name: BENGALI, student_number: 'S-BN1' });
  const mine = w.courses.active;
  const theirs = w.courses.otherTeachers;
  const session = (course: RecordData, date: string) => w.system.create('institute.attendance_session', { course: course.id, date, topic: 'Lesson' });
  const s1 = await session(mine, '2026-11-02');
  const s2 = await session(mine, '2026-11-03');
  const s3 = await session(theirs, '2026-11-02');
  const mark = (s: RecordData, student: RecordData, course: RecordData, present: boolean) =>
    w.system.create('institute.attendance_record', { session: s.id, student: student.id, course: course.id, present });
  await mark(s1, w.student, mine, true);
  await mark(s2, w.student, mine, false);
  await mark(s1, bengali, mine, true);
  await mark(s2, bengali, mine, true);
  await mark(s3, w.student2, theirs, true);
  const invoice = await w.system.create('institute.fee_invoice', { student: w.student.id, course: mine.id, amount: 500, due_date: '2026-12-31', description: 'Tuition' });
  await w.system.create('institute.payment', { invoice: invoice.id, amount: 100, paid_on: '2026-10-05', method: 'cash' });
  await w.system.create('institute.payment', { invoice: invoice.id, amount: 50.5, paid_on: '2026-10-20', method: 'cash' });
  await w.system.create('institute.payment', { invoice: invoice.id, amount: 25.25, paid_on: '2026-11-01', method: 'card' });
  const exam = await w.system.create('institute.exam', { course: mine.id, title: 'Midterm', date: '2026-11-10', max_marks: 100 });
  await w.system.create('institute.mark', { exam: exam.id, student: w.student.id, course: mine.id, marks: 90 });
  await w.system.create('institute.mark', { exam: exam.id, student: bengali.id, course: mine.id, marks: 96 });
  await w.system.create('institute.mark', { exam: exam.id, student: w.student2.id, course: mine.id, marks: 55 });
  server = await startTestServer(runtime);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('who sees which report, over what', () => {
  it('lists the reports a role is for: finance the fee collection, a teacher attendance and marks', async () => {
    const list = async (key: string) => ((await (await as(key, '/admin/x/reports')).json()) as { reports: { id: string }[] }).reports.map((r) => r.id).sort();
    expect(await list('finance')).toEqual(['institute.fee_collection']);
    expect(await list('teacher')).toEqual(['institute.attendance', 'institute.marks_distribution']);
    expect(await list('admin')).toEqual(['admissions.admissions', 'institute.attendance', 'institute.fee_collection', 'institute.marks_distribution']);
    // Not for them: the same 404 as a report that does not exist.
    expect((await as('teacher', '/admin/x/reports/institute.fee_collection')).status).toBe(404);
    expect((await as('teacher', '/admin/x/reports/institute.nothing')).status).toBe(404);
  });

  it("a teacher's attendance report holds only their courses' records; the admin's holds every course", async () => {
    const t = await report('teacher', '/admin/x/reports/institute.attendance');
    expect(t.columns.map((c) => c.label)).toEqual(['Course', 'Student', 'Present', 'Sessions']);
    const courses = new Set(t.rows.map((r) => r[0]));
    expect(courses).toEqual(new Set([w.courses.active.title]));
    expect(t.rows.reduce((n, r) => n + Number(r[3]), 0)).toBe(4);
    const a = await report('admin', '/admin/x/reports/institute.attendance');
    expect(new Set(a.rows.map((r) => r[0]))).toEqual(new Set([w.courses.active.title, w.courses.otherTeachers.title]));
    expect(a.rows.reduce((n, r) => n + Number(r[3]), 0)).toBe(5);
    // The other teacher sees their one record, nothing of the first teacher's.
    const t2 = await report('teacher2', '/admin/x/reports/institute.attendance');
    expect(t2.rows).toEqual([[w.courses.otherTeachers.title, 'Otto Other', 'Yes', 1]]);
  });
});

describe('the admin page per report', () => {
  it("each report has a page; its handler names the report and whether the viewer may see it", async () => {
    const page = async (key: string, name: string) => {
      const res = await as(key, `/admin/api/pages/${name}`);
      expect(res.status).toBe(200);
      return res.json();
    };
    expect(await page('teacher', 'report_institute_attendance')).toEqual({ id: 'institute.attendance', label: 'Attendance per course and student', allowed: true });
    expect(await page('teacher', 'report_institute_fee_collection')).toMatchObject({ allowed: false });
    const list = (await (await as('finance', '/admin/x/reports')).json()) as { reports: { href: string }[] };
    expect(list.reports.map((r) => r.href)).toEqual(['/admin/pages/report_institute_fee_collection']);
  });
});

describe('numbers and filters', () => {
  it('sums fee payments per month and method, and charts the months', async () => {
    const t = await report('finance', '/admin/x/reports/institute.fee_collection');
    expect(t.columns.map((c) => c.label)).toEqual(['Paid on', 'Method', 'Payments', 'Collected']);
    expect(t.rows).toEqual([
      ['Oct 2026', expect.stringMatching(/cash/i), 2, 150.5],
      ['Nov 2026', expect.stringMatching(/card/i), 1, 25.25],
    ]);
    expect(t.chart).toMatchObject({ labels: ['Oct 2026', 'Nov 2026'], values: [2, 1] });
  });

  it('averages marks per exam and grade (the grade the plugin gives)', async () => {
    const t = await report('teacher', '/admin/x/reports/institute.marks_distribution');
    expect(t.rows).toEqual([
      ['Midterm', 'A', 2, 93],
      ['Midterm', 'D', 1, 55],
    ]);
  });

  it('filters narrow the rows: a value, a date range; an undeclared filter or a bad value is a 400', async () => {
    const cash = await report('finance', '/admin/x/reports/institute.fee_collection?filters.method=cash');
    expect(cash.rows).toHaveLength(1);
    expect(cash.rows[0][3]).toBe(150.5);
    const nov = await report('finance', '/admin/x/reports/institute.fee_collection?filters.paid_on.from=2026-11-01&filters.paid_on.to=2026-11-30');
    expect(nov.rows.map((r) => r[3])).toEqual([25.25]);
    const present = await report('teacher', `/admin/x/reports/institute.attendance?filters.present=false`);
    expect(present.rows).toEqual([[w.courses.active.title, 'Stella Student', 'No', 1]]);
    const one = await report('teacher', `/admin/x/reports/institute.attendance?filters.student=${bengali.id}`);
    expect(one.rows).toEqual([[w.courses.active.title, BENGALI, 'Yes', 2]]);
    for (const bad of ['filters.method=cash&filters.method=card', 'filters[method][a][b]=x', 'filters.__proto__=x', 'filters.amount=5', 'filters.paid_on=2026-11-01', 'filters.paid_on.from=yesterday', 'filters.method.from=a', 'filters.student=not-a-uuid']) {
      const res = await as('finance', `/admin/x/reports/institute.fee_collection?${bad}`);
      expect([bad, res.status]).toEqual([bad, 400]);
    }
    expect((await as('teacher', '/admin/x/reports/institute.attendance?filters.present=maybe')).status).toBe(400);
    expect((await as('teacher', '/admin/x/reports/institute.attendance/download.docx')).status).toBe(400);
  });
});

describe('downloads', () => {
  it('CSV: the same rows, and the Bengali name round trips', async () => {
    const res = await as('teacher', '/admin/x/reports/institute.attendance/download.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Course,Student,Present,Sessions');
    expect(lines).toHaveLength(4);
    expect(lines).toContain(`${w.courses.active.title},${BENGALI},Yes,2`);
    expect(text).not.toContain(w.courses.otherTeachers.title);
  });

  it('XLSX: numbers as numbers, the Bengali name in its cell', async () => {
    const res = await as('teacher', '/admin/x/reports/institute.marks_distribution/download.xlsx');
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'Exam', 'Grade', 'Students', 'Average marks']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Midterm', 'A', 2, 93]);
    const att = await as('teacher', `/admin/x/reports/institute.attendance/download.xlsx?filters.student=${bengali.id}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(await att.arrayBuffer());
    expect(wb2.worksheets[0].getRow(2).getCell(2).value).toBe(BENGALI);
  });

  it('PDF: the title, the rows and the Bengali name read back from the text', async () => {
    const res = await as('teacher', '/admin/x/reports/institute.attendance/download.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Attendance per course and student');
    expect(squash(text)).toContain(squash(BENGALI));
    expect(text).toContain('Stella Student');
    expect(text).not.toContain('Otto Other');
  });
});
