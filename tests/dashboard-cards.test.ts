/**
 * Dashboard cards over HTTP, computed through the data layer for the viewer: a count card's link opens the
 * list filtered the way it counts; cards declare the roles they are for; chart cards group counts or sums
 * by a field or by day/week/month (empty buckets as 0, a record spread over the days it spans); table cards
 * list the first records with titles for references and a progress column (enrolled / seats).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import type { RecordData } from '../core/data/records.js';

let runtime: TestRuntime;
let server: TestServer;
let w: InstituteWorld;
let upcoming: RecordData;

interface Card {
  id: string;
  label: string;
  type: string;
  count?: number;
  href?: string;
  labels?: string[];
  values?: number[];
  columns?: string[];
  rows?: { href: string; cells: { text: string; href?: string }[]; progress?: { value: number; max: number } }[];
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const addDays = (n: number): string => isoDay(new Date(Date.now() + n * 86_400_000));

async function dashboard(key: string): Promise<{ client: AdminClient; cards: Card[] }> {
  const client = await server.login(w.fixture.users.get(key)!.email, 'secret-123');
  const res = await client.get('/admin/api/dashboard');
  expect(res.status).toBe(200);
  return { client, cards: res.body.cards as Card[] };
}
const card = (cards: Card[], label: string): Card => {
  const found = cards.find((c) => c.label === label);
  if (!found) throw new Error(`no card "${label}" among ${cards.map((c) => c.label).join(', ')}`);
  return found;
};

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  upcoming = await w.system.create('institute.course', {
    title: 'Databases', code: courseCode(), teacher: w.userId('teacher'), fee: 300, max_seats: 10, status: 'ACTIVE', starts_on: addDays(1), ends_on: addDays(4),
  });
  const extra = await Promise.all([1, 2, 3].map((n) => w.system.create('institute.student', { name: `Extra ${n}`, student_number: `S-X${n}` })));
  for (const s of [w.student, ...extra.slice(0, 2)]) await w.system.create('institute.enrollment', { student: s.id, course: upcoming.id, status: 'ENROLLED' });
  await w.system.create('institute.enrollment', { student: extra[2].id, course: upcoming.id, status: 'APPLIED' });
  await w.system.create('institute.enrollment', { student: w.student2.id, course: w.courses.otherTeachers.id, status: 'APPLIED' });
  const invoice = await w.system.create('institute.fee_invoice', { student: w.student.id, course: upcoming.id, amount: 300, due_date: addDays(30), description: 'Tuition' });
  const thisMonth = new Date();
  const twoMonthsAgo = new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - 2, 15));
  await w.system.create('institute.payment', { invoice: invoice.id, amount: 100, paid_on: isoDay(thisMonth), method: 'cash' });
  await w.system.create('institute.payment', { invoice: invoice.id, amount: 50.5, paid_on: isoDay(twoMonthsAgo), method: 'card' });
  server = await startTestServer(runtime);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('count cards', () => {
  it('open the list filtered the way they count', async () => {
    const { client, cards } = await dashboard('admin');
    const active = card(cards, 'Active courses');
    expect(active.href).toMatch(/^\/admin\/resources\/InstituteCourse\?filters\._card=/);
    // The page's link, asked of the API the list page calls with the same query.
    const list = await client.get(`${active.href!.replace('/admin/resources/InstituteCourse', '/admin/api/resources/InstituteCourse/actions/list')}&perPage=100`);
    expect(list.status).toBe(200);
    const all = await client.get('/admin/api/resources/InstituteCourse/actions/list?perPage=100');
    const statuses = (list.body.records ?? []).map((r) => r.params.status);
    expect(list.body.meta).toMatchObject({ total: active.count });
    expect(statuses.length).toBe(active.count);
    expect(new Set(statuses)).toEqual(new Set(['ACTIVE']));
    expect((all.body.records ?? []).length).toBeGreaterThan(statuses.length);
  });

  it('an unknown card, or one of another entity, is an error naming it, not the whole list', async () => {
    const { client, cards } = await dashboard('admin');
    const unknown = await client.get('/admin/api/resources/InstituteCourse/actions/list?filters._card=institute.999');
    // AdminJS answers a list's error as an error notice (the convention of bad-input-is-400).
    expect(unknown.body.notice).toEqual({ type: 'error', message: 'No dashboard card "institute.999" lists courses.' });
    expect(unknown.body.records).toEqual([]);
    const enrollmentCard = card(cards, 'Enrolled');
    const wrong = await client.get(`/admin/api/resources/InstituteCourse/actions/list?filters._card=${enrollmentCard.id}`);
    expect(wrong.body.notice).toMatchObject({ type: 'error' });
    expect(wrong.body.records).toEqual([]);
  });

  it('a card for some roles is shown to those roles only', async () => {
    expect((await dashboard('teacher')).cards.map((c) => c.label)).toContain('Draft courses');
    const student = (await dashboard('student')).cards.map((c) => c.label);
    expect(student).not.toContain('Draft courses');
    expect(student).not.toContain('Fees received per month');
    expect(student).toContain('Active courses');
  });
});

describe('chart cards', () => {
  it('group counts by an enum field with its labels, for what the viewer may read', async () => {
    for (const key of ['admin', 'teacher']) {
      const records = await w.as(key);
      const chart = card((await dashboard(key)).cards, 'Enrollments by status');
      expect(chart.type).toBe('chart');
      const byLabel = Object.fromEntries(chart.labels!.map((l, i) => [l, chart.values![i]]));
      for (const [status, label] of [['ENROLLED', 'Enrolled'], ['APPLIED', 'Applied']]) {
        const expected = await records.count('institute.enrollment', [{ field: 'status', op: 'eq', value: status }]);
        expect(byLabel[label] ?? 0).toBe(expected);
      }
    }
    // The teacher reads only their courses' enrollments: the other teacher's application is not in their chart.
    const teacher = card((await dashboard('teacher')).cards, 'Enrollments by status');
    const admin = card((await dashboard('admin')).cards, 'Enrollments by status');
    const sum = (c: Card) => c.values!.reduce((a, b) => a + b, 0);
    expect(sum(teacher)).toBeLessThan(sum(admin));
  });

  it('sum a money field per month over the last 6 months, empty months as 0', async () => {
    const chart = card((await dashboard('finance')).cards, 'Fees received per month');
    expect(chart.labels).toHaveLength(6);
    expect(chart.values![5]).toBe(100);
    expect(chart.values![3]).toBe(50.5);
    expect(chart.values!.filter((_, i) => i !== 3 && i !== 5)).toEqual([0, 0, 0, 0]);
  });

  it('spread a record over each day it spans (occupancy-style `until`)', async () => {
    const records = await w.as('admin');
    const rows = await records.aggregate('institute.course', { groupBy: 'starts_on', until: 'ends_on', bucket: 'day', range: { direction: 'next', count: 7 }, where: { title: 'Databases' } });
    expect(rows.map((r) => r.key)).toEqual([0, 1, 2, 3, 4, 5, 6].map(addDays));
    expect(rows.map((r) => r.value)).toEqual([0, 1, 1, 1, 0, 0, 0]);
  });

  it('refuse to group by a field the viewer may not see on every record', async () => {
    const records = await w.as('student');
    await expect(records.aggregate('institute.student', { groupBy: 'notes' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('table cards', () => {
  it('list current courses with titles for references and enrolled / seats', async () => {
    const table = card((await dashboard('admin')).cards, 'Current courses with fill rate');
    expect(table.columns).toEqual(['Title', 'Teacher', 'Starts on']);
    const row = table.rows!.find((r) => r.href.endsWith(`/records/${upcoming.id}/show`))!;
    expect(row.cells[0].text).toBe('Databases');
    expect(row.cells[1].text).toBe('teacher user');
    expect(row.cells[1].href).toContain(`/records/${w.userId('teacher')}/show`);
    expect(row.progress).toEqual({ value: 3, max: 10 });
  });
});
