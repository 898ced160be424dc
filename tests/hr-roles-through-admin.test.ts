/**
 * The HR module through AdminJS's HTTP API, signed in as each role: an
 * employee lists only their own employee record, leave, balances and claims,
 * and their payslips only once the run is approved; an approver lists the
 * leave of the employees whose approver they are and approves it with a POST
 * (leave of another approver's employee is neither listed nor approvable);
 * HR officers keep employees and leave; payroll officers keep salaries and
 * runs but cannot approve a run they asked approval for; finance approves;
 * nobody edits a leave balance or ledger row; and 20 leave applications for
 * one date posted at once through the admin: exactly one stands.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const ROLES = ['employee', 'approver', 'hr_officer', 'payroll_officer', 'finance'] as const;
type Role = (typeof ROLES)[number] | 'other';
let runtime: TestRuntime;
let org: Fixture;
let server: TestServer;
let hr: RecordService;
const clients = new Map<Role, AdminClient>();
let me: string;
let colleague: string;
let casual: string;
let run: string;

const api = (resource: string, rest: string): string => `/admin/api/resources/${resource}/${rest}`;
const as = (role: Role): AdminClient => clients.get(role)!;

async function listIds(role: Role, resource: string): Promise<string[]> {
  const res = await as(role).get(api(resource, 'actions/list?perPage=500'));
  expect(res.status).toBe(200);
  return (res.body.records ?? []).map((r) => r.id);
}

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 30 });
  org = await createFixtureOrg(runtime, 'hr', [...ROLES]);
  hr = await org.as('hr_officer');
  // Another approver, with an employee of their own.
  const other = await createUser(runtime, org.org.slug, { email: `other@${org.org.slug}.test`, password: 'secret-123', name: 'Other approver', roles: ['hr.approver'] });
  casual = String((await hr.create('hr.leave_type', { name: 'Casual' })).id);
  me = String((await hr.create('hr.employee', { name: 'Me', user: org.users.get('employee')!.id, join_date: '2025-01-06', leave_approver: org.users.get('approver')!.id, expense_approver: org.users.get('approver')!.id })).id);
  colleague = String((await hr.create('hr.employee', { name: 'Colleague', join_date: '2025-01-06', leave_approver: other.id })).id);
  for (const e of [me, colleague]) {
    const a = await hr.create('hr.leave_allocation', { employee: e, leave_type: casual, year: 2026, days: 10, from_date: '2026-01-01' });
    await (await WorkflowEngine.for(hr)).run('hr.leave_allocation', String(a.id), 'submit');
  }
  const payroll = await org.as('payroll_officer');
  const structure = await payroll.create('hr.salary_structure', { name: 'Staff' });
  const basic = await payroll.create('hr.salary_component', { name: 'Basic', abbreviation: 'B' });
  await payroll.create('hr.salary_structure_line', { structure: structure.id, component: basic.id, amount: 1000 });
  for (const e of [me, colleague]) await payroll.create('hr.salary_assignment', { employee: e, structure: structure.id, from_date: '2025-01-01', base: 1000 });
  run = String((await payroll.create('hr.payroll_run', { period_start: '2026-01-01', period_end: '2026-01-31' })).id);
  await payroll.runAction('hr.payroll_run', 'create_slips', run);
  server = await startTestServer(runtime);
  for (const role of ROLES) clients.set(role, await server.login(org.users.get(role)!.email, 'secret-123'));
  clients.set('other', await server.login(`other@${org.org.slug}.test`, 'secret-123'));
}, 180_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('each role sees exactly what it should', () => {
  it('an employee lists their own employee record and balances only; HR officers list all', async () => {
    expect(await listIds('employee', 'HrEmployee')).toEqual([me]);
    expect((await listIds('hr_officer', 'HrEmployee')).sort()).toEqual([me, colleague].sort());
    const mine = await hr.find('hr.leave_balance', { filters: [{ field: 'employee', op: 'eq', value: me }] });
    expect(await listIds('employee', 'HrLeaveBalance')).toEqual(mine.map((b) => b.id));
    const shown = await as('employee').get(api('HrEmployee', `records/${colleague}/show`));
    expect((shown.body.record as { params?: Record<string, unknown> } | undefined)?.params ?? {}).toEqual({});
  });

  it('an employee applies for leave for themselves through the admin, not for a colleague', async () => {
    const ok = await as('employee').post(api('HrLeaveApplication', 'actions/new'), { employee: me, leave_type: casual, from_date: '2026-02-02', to_date: '2026-02-03' });
    expect(ok.body.notice).toMatchObject({ type: 'success' });
    const refused = await as('employee').post(api('HrLeaveApplication', 'actions/new'), { employee: colleague, leave_type: casual, from_date: '2026-02-02', to_date: '2026-02-03' });
    expect(refused.status).toBeLessThan(500);
    expect(refused.body.notice).not.toMatchObject({ type: 'success' });
    expect(await hr.count('hr.leave_application', [{ field: 'employee', op: 'eq', value: colleague }])).toBe(0);
  });

  it('the approver lists and approves (POST) the leave of their employees only; the other approver neither', async () => {
    const [mine] = await hr.find('hr.leave_application', { filters: [{ field: 'employee', op: 'eq', value: me }] });
    const theirs = await hr.create('hr.leave_application', { employee: colleague, leave_type: casual, from_date: '2026-02-02', to_date: '2026-02-02' });
    expect(await listIds('approver', 'HrLeaveApplication')).toEqual([mine.id]);
    expect(await listIds('other', 'HrLeaveApplication')).toEqual([theirs.id]);
    const wrong = await as('other').post(api('HrLeaveApplication', `records/${mine.id}/approve`), { comment: '' });
    expect(wrong.status).toBeLessThan(500);
    expect((await hr.get('hr.leave_application', mine.id)).status).toBe('OPEN');
    // A GET does not approve.
    await as('approver').get(api('HrLeaveApplication', `records/${mine.id}/approve`));
    expect((await hr.get('hr.leave_application', mine.id)).status).toBe('OPEN');
    const res = await as('approver').post(api('HrLeaveApplication', `records/${mine.id}/approve`), { comment: 'Enjoy' });
    expect(res.status).toBe(200);
    expect((await hr.get('hr.leave_application', mine.id)).status).toBe('APPROVED');
    const [balance] = await hr.find('hr.leave_balance', { filters: [{ field: 'employee', op: 'eq', value: me }] });
    expect(Number(balance.days)).toBe(8);
  });

  it('nobody edits a leave balance or a ledger row', async () => {
    const [balance] = await hr.find('hr.leave_balance', { filters: [{ field: 'employee', op: 'eq', value: me }] });
    const [entry] = await hr.find('hr.leave_ledger_entry', { filters: [{ field: 'employee', op: 'eq', value: me }] });
    for (const role of ROLES) {
      const b = await as(role).post(api('HrLeaveBalance', `records/${balance.id}/edit`), { days: '99' });
      expect(b.status).toBeLessThan(500);
      expect(b.body.notice).not.toMatchObject({ type: 'success' });
      const l = await as(role).post(api('HrLeaveLedgerEntry', `records/${entry.id}/edit`), { days: '99' });
      expect(l.body.notice).not.toMatchObject({ type: 'success' });
    }
    expect(Number((await hr.get('hr.leave_balance', balance.id)).days)).toBe(8);
  });

  it('payslips: the employee sees theirs once the run is approved; the preparer cannot approve; finance does', async () => {
    expect(await listIds('employee', 'HrPayslip')).toEqual([]);
    expect(await listIds('approver', 'HrPayslip')).toEqual([]);
    await as('payroll_officer').post(api('HrPayrollRun', `records/${run}/approve`), { comment: 'January' });
    expect((await hr.asSystem('test').get('hr.payroll_run', run)).status).toBe('SLIPS_CREATED');
    await as('payroll_officer').post(api('HrPayrollRun', `records/${run}/approve`), { comment: '' });
    expect((await hr.asSystem('test').get('hr.payroll_run', run)).status).toBe('SLIPS_CREATED');
    await as('finance').post(api('HrPayrollRun', `records/${run}/approve`), { comment: '' });
    expect((await hr.asSystem('test').get('hr.payroll_run', run)).status).toBe('APPROVED');
    const mine = await hr.asSystem('test').find('hr.payslip', { filters: [{ field: 'employee', op: 'eq', value: me }] });
    expect(await listIds('employee', 'HrPayslip')).toEqual(mine.map((s) => s.id));
    expect(Number(mine[0].gross)).toBe(1000);
    // The payslip's sums are read-only, even for the payroll officer: the admin leaves the field out of what it saves.
    const edit = await as('payroll_officer').post(api('HrPayslip', `records/${mine[0].id}/edit`), { gross: '5000', version: String(mine[0].version) });
    expect(edit.status).toBeLessThan(500);
    expect(Number((await hr.asSystem('test').get('hr.payslip', String(mine[0].id))).gross)).toBe(1000);
  });

  it('20 applications for one date posted at once through the admin: exactly one stands', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => as('employee').post(api('HrLeaveApplication', 'actions/new'), { employee: me, leave_type: casual, from_date: '2026-03-04', to_date: '2026-03-04' })));
    expect(results.every((r) => r.status < 500)).toBe(true);
    expect(results.filter((r) => (r.body.notice as { type?: string } | undefined)?.type === 'success')).toHaveLength(1);
    expect(await hr.count('hr.leave_application', [{ field: 'employee', op: 'eq', value: me }, { field: 'from_date', op: 'eq', value: '2026-03-04' }])).toBe(1);
  });
});
