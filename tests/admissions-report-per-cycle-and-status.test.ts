/**
 * The admissions report (admissions.json `reports`): applications per cycle and status with their
 * average score, over HTTP as the admissions head and the org admin (the same numbers), a chart of
 * applications per cycle, a status filter; a reviewer, who reads every application, does not get
 * the report (404, and it is not in their list), and the CSV download carries the same rows.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { createUser } from '../core/tenancy/index.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { fetchAs } from './support/files.js';

let runtime: TestRuntime;
let server: TestServer;
let w: InstituteWorld;
const emails = new Map<string, string>();
const cookies = new Map<string, string>();
const DAY_MS = 86_400_000;
const at = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString();
const PATH = '/admin/x/reports/admissions.admissions';

interface Table {
  columns: { label: string; kind: string }[];
  rows: (string | number | null)[][];
  total: number;
  chart?: { labels: string[]; values: number[] };
}

async function as(key: string, path: string): Promise<Response> {
  if (!cookies.has(key)) cookies.set(key, await sessionCookie(server.url, emails.get(key)!, 'secret-123'));
  return fetchAs(server.url, cookies.get(key), path);
}
async function report(key: string, path: string): Promise<Table> {
  const res = await as(key, path);
  expect(res.status).toBe(200);
  return (await res.json()) as Table;
}
const sorted = (rows: unknown[][]): string[] => rows.map((r) => JSON.stringify(r)).sort();

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  emails.set('admin', w.fixture.users.get('admin')!.email);
  for (const [key, role] of [['head', 'admissions.head'], ['reviewer', 'admissions.reviewer']]) {
    const email = `${key}@${w.fixture.org.slug}.test`;
    await createUser(runtime, w.fixture.org.slug, { email, password: 'secret-123', name: `${key} user`, roles: [role] });
    emails.set(key, email);
  }
  const cycle = (name: string) => w.system.create('admissions.admission_cycle', { name, course: w.courses.active.id, seats: 5, opens_at: at(-10), closes_at: at(10), min_age: 16 });
  const autumn = await cycle('Autumn intake');
  const spring = await cycle('Spring intake');
  let n = 0;
  // The system actor records what it is given (as the demo seed does): each status as it stands.
  const apply = (c: { id: string }, status: string, score: number) =>
    w.system.create('admissions.application', { cycle: c.id, applicant_name: `Applicant ${++n}`, date_of_birth: '2008-03-01', email: `a${n}@example.org`, guardian_name: `Guardian ${n}`, score, status });
  await apply(autumn, 'submitted', 60);
  await apply(autumn, 'submitted', 71);
  await apply(autumn, 'offered', 90);
  await apply(autumn, 'rejected', 40);
  await apply(spring, 'waitlisted', 50);
  await apply(spring, 'submitted', 80);
  server = await startTestServer(runtime);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const EXPECTED = [
  ['Autumn intake', 'Submitted', 2, 65.5],
  ['Autumn intake', 'Offered', 1, 90],
  ['Autumn intake', 'Rejected', 1, 40],
  ['Spring intake', 'Waitlisted', 1, 50],
  ['Spring intake', 'Submitted', 1, 80],
];

describe('admissions per cycle and status', () => {
  it('shows the head and the admin every cycle by status with counts and average scores', async () => {
    for (const key of ['head', 'admin']) {
      const t = await report(key, PATH);
      expect(t.columns.map((c) => c.label)).toEqual(['Cycle', 'Status', 'Applications', 'Average score']);
      expect(sorted(t.rows)).toEqual(sorted(EXPECTED));
      expect(t.total).toBe(5);
      const chart = Object.fromEntries(t.chart!.labels.map((l, i) => [l, t.chart!.values[i]]));
      expect(chart).toEqual({ 'Autumn intake': 4, 'Spring intake': 2 });
    }
  });

  it('narrows by status', async () => {
    const t = await report('head', `${PATH}?filters.status=submitted`);
    expect(sorted(t.rows)).toEqual(sorted(EXPECTED.filter((r) => r[1] === 'Submitted')));
  });

  it('is not the reviewer’s: 404, and not in their list of reports', async () => {
    expect((await as('reviewer', PATH)).status).toBe(404);
    const list = (await (await as('reviewer', '/admin/x/reports')).json()) as { reports: { id: string }[] };
    expect(list.reports.map((r) => r.id)).not.toContain('admissions.admissions');
    const heads = (await (await as('head', '/admin/x/reports')).json()) as { reports: { id: string }[] };
    expect(heads.reports.map((r) => r.id)).toContain('admissions.admissions');
  });

  it('downloads as CSV with the same rows', async () => {
    const res = await as('head', `${PATH}/download.csv`);
    expect(res.status).toBe(200);
    const rows = parse((await res.text()).replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual(['Cycle', 'Status', 'Applications', 'Average score']);
    expect(sorted(rows.slice(1))).toEqual(sorted(EXPECTED.map((r) => r.map(String))));
  });
});
