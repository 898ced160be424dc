/**
 * The HR dashboard's cards over HTTP as each viewer, with exact figures:
 * attendance % this month per department (a chart whose value is a share:
 * attended — present, remote or half day — out of all marked attendance of
 * this month up to today, cancelled ones not marked), headcount (active
 * employees), on leave today (approved leave covering today) and my pending
 * leave approvals (open leave whose employee's approver is the viewer) and my
 * pending expense approvals (submitted claims whose employee's expense
 * approver is the viewer; drafts and decided claims are not waiting). Each
 * viewer counts what their rules let them read, and another organization's
 * rows never count.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

interface Card {
  label: string;
  type: string;
  count?: number;
  labels?: string[];
  values?: number[];
  measure?: { label: string; percent?: boolean };
}

let runtime: TestRuntime;
let server: TestServer;
let org: Fixture;
let other: Fixture;
let secondApprover: string;

const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const day = (offset: number): string => new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
const lastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, 0)).toISOString().slice(0, 10);

async function cards(email: string): Promise<Card[]> {
  const client = await server.login(email, 'secret-123');
  const res = await client.get('/admin/api/dashboard');
  expect(res.status).toBe(200);
  return res.body.cards as Card[];
}
const count = (all: Card[], label: string): number | undefined => all.find((c) => c.label === label)?.count;

/** Departments, employees, leave and attendance of one organization; `approvers` are the leave approvers' user ids by name. */
async function world(f: Fixture, approvers: Record<string, string>, employeeUser: string | null): Promise<void> {
  const hr = await f.as('hr_officer');
  const dept = async (name: string): Promise<string> => String((await hr.create('hr.department', { name })).id);
  const sales = await dept('Sales');
  const ops = await dept('Ops');
  const emp = async (name: string, department: string, approver?: string, extra: Record<string, unknown> = {}): Promise<string> =>
    String((await hr.create('hr.employee', { name, department, join_date: '2025-01-06', leave_approver: approver ?? null, ...extra })).id);
  // Bo and Cy file expense claims, so they sign in; Ann does where the organization gives her a login.
  const login = async (name: string): Promise<string> => (await createUser(runtime, f.org.slug, { email: `${name}@${f.org.slug}.test`, password: 'secret-123', name, roles: ['employee'] })).id;
  const boUser = await login('bo');
  const cyUser = await login('cy');
  const ann = await emp('Ann', sales, approvers.first, { user: employeeUser, expense_approver: approvers.first });
  const bo = await emp('Bo', sales, approvers.first, { user: boUser, expense_approver: approvers.first });
  const gus = await emp('Gus', sales);
  const hal = await emp('Hal', sales);
  const cy = await emp('Cy', ops, approvers.second, { user: cyUser, expense_approver: approvers.second });
  const di = await emp('Di', ops, approvers.first);
  const ed = await emp('Ed', ops, approvers.first, { status: 'LEFT' });
  const casual = String((await hr.create('hr.leave_type', { name: 'Casual', allow_negative: true })).id);
  // Three-day spans always hold a working day, and none is over 5 days (no HR step).
  const leave = async (employee: string, from: number, approver?: RecordService): Promise<void> => {
    const app = await hr.create('hr.leave_application', { employee, leave_type: casual, from_date: day(from), to_date: day(from + 2) });
    if (approver) await (await WorkflowEngine.for(approver)).run('hr.leave_application', String(app.id), 'approve');
  };
  const as = (userId: string): Promise<RecordService> => RecordService.for(runtime, { kind: 'user', userId, organizationId: f.org.id, email: `${userId}@approver.test` });
  const first = await as(approvers.first);
  const second = await as(approvers.second);
  await leave(ann, -1, first); // on leave today
  await leave(cy, -1, second); // on leave today
  await leave(bo, 7, first); // approved, later
  await leave(di, -5, first); // approved, over before today
  await leave(di, 10); // open: the first approver's
  await leave(bo, 14); // open: the first approver's
  await leave(ann, 25); // open: the first approver's
  await leave(cy, 20); // open: the second approver's
  // A claim filed by its employee, submitted unless `draft`, then approved by `approver` when given.
  const claim = async (userId: string, employee: string, opts: { draft?: boolean; approver?: RecordService } = {}): Promise<void> => {
    const own = await as(userId);
    const filed = await own.create('hr.expense_claim', { employee, claim_date: day(-3), description: 'Taxi', amount: '120.00' });
    if (opts.draft) return;
    await (await WorkflowEngine.for(own)).run('hr.expense_claim', String(filed.id), 'submit');
    if (opts.approver) await (await WorkflowEngine.for(opts.approver)).run('hr.expense_claim', String(filed.id), 'approve');
  };
  await claim(boUser, bo); // submitted: the first approver's
  await claim(boUser, bo); // submitted: the first approver's
  await claim(boUser, bo, { draft: true }); // a draft waits for nobody
  await claim(boUser, bo, { approver: first }); // approved: decided
  if (employeeUser) await claim(employeeUser, ann); // submitted: the first approver's, not Ann's own to approve
  await claim(cyUser, cy); // submitted: the second approver's
  const mark = (employee: string, date: string, status: string) => hr.create('hr.attendance', { employee, date, status });
  await mark(ann, today, 'CANCELLED');
  await mark(ann, today, 'ON_LEAVE');
  await mark(bo, today, 'PRESENT');
  await mark(gus, today, 'REMOTE');
  await mark(hal, today, 'HALF_DAY');
  await mark(bo, lastMonth, 'ABSENT'); // last month: not this month's
  await mark(gus, day(1), 'ABSENT'); // tomorrow: not yet
  await mark(cy, today, 'ON_LEAVE');
  await mark(di, today, 'ABSENT');
  await mark(ed, today, 'PRESENT');
}


beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 20 });
  org = await createFixtureOrg(runtime, 'hr', ['employee', 'approver', 'hr_officer']);
  secondApprover = (await createUser(runtime, org.org.slug, { email: `approver2@${org.org.slug}.test`, password: 'secret-123', name: 'Second approver', roles: ['approver'] })).id;
  await world(org, { first: org.users.get('approver')!.id, second: secondApprover }, org.users.get('employee')!.id);
  // Another organization with the same kind of data, one more active employee in it and more absences: none of it may count.
  other = await createFixtureOrg(runtime, 'hr', ['approver', 'hr_officer']);
  const otherSecond = (await createUser(runtime, other.org.slug, { email: `approver2@${other.org.slug}.test`, password: 'secret-123', name: 'Second approver', roles: ['approver'] })).id;
  await world(other, { first: other.users.get('approver')!.id, second: otherSecond }, null);
  await (await other.as('hr_officer')).create('hr.employee', { name: 'Extra', join_date: '2025-01-06' });
  server = await startTestServer(runtime);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('attendance % this month', () => {
  it('per department: attended (present, remote, half day) out of marked this month up to today', async () => {
    const c = (await cards(org.users.get('hr_officer')!.email)).find((x) => x.label === 'Attendance % this month')!;
    expect(c).toMatchObject({ type: 'chart', measure: { label: '% of attendance', percent: true } });
    // Sales: Bo, Gus and Hal of Ann, Bo, Gus, Hal (Ann's cancelled mark, last month's and tomorrow's do not count): 3 / 4. Ops: Ed of Cy, Di, Ed: 1 / 3.
    expect(Object.fromEntries(c.labels!.map((l, i) => [l, c.values![i]]))).toEqual({ Sales: 75, Ops: 33.3 });
  });

  it('is for HR and admins only', async () => {
    expect((await cards(org.users.get('approver')!.email)).find((x) => x.label === 'Attendance % this month')).toBeUndefined();
    expect((await cards(org.users.get('employee')!.email)).find((x) => x.label === 'Attendance % this month')).toBeUndefined();
  });
});

const LABELS = ['Headcount', 'On leave today', 'My pending leave approvals', 'My pending expense approvals'];
const figures = (all: Card[]): (number | undefined)[] => LABELS.map((l) => count(all, l));

describe('headcount, on leave today, my pending leave and expense approvals', () => {
  it('HR counts the whole organization, not another one', async () => {
    const all = await cards(org.users.get('hr_officer')!.email);
    // Active: Ann, Bo, Gus, Hal, Cy, Di (Ed has left). On leave today: Ann and Cy. HR is nobody's leave or expense approver.
    expect(figures(all)).toEqual([6, 2, 0, 0]);
  });

  it('an approver counts the employees they approve for, and what waits for them only', async () => {
    const first = await cards(org.users.get('approver')!.email);
    // Ann, Bo, Di (Ed has left); Ann is on leave today; Di's, Bo's and Ann's open leave wait for them;
    // Bo's two submitted claims and Ann's one do (Bo's draft and approved claims do not).
    expect(figures(first)).toEqual([3, 1, 3, 3]);
    const second = await cards(`approver2@${org.org.slug}.test`);
    // Cy: on leave today, one open leave and one submitted claim.
    expect(figures(second)).toEqual([1, 1, 1, 1]);
  });

  it('an employee counts themselves, and their own submitted claim does not wait for them', async () => {
    const mine = await cards(org.users.get('employee')!.email);
    expect(figures(mine)).toEqual([1, 1, 0, 0]);
  });
});
