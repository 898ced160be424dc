/**
 * HR's invariants under concurrency, on real PostgreSQL: two approvers
 * approving one leave application at the same moment post it to the leave
 * balance once (the balance and the ledger exact); two "Create payslips" on
 * one payroll run at once give one payslip per active employee; two payroll
 * runs for one month at once leave exactly one run, the other refused with a
 * field error on its period.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError, UmsError } from '../core/errors.js';
import { createUser } from '../core/tenancy/index.js';
import { RecordService as Service } from '../core/data/records.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let org: Fixture;
let hr: RecordService;
let payroll: RecordService;
const types: Record<string, string> = {};
const employees: string[] = [];

const balanceOf = async (employee: string, type: string): Promise<number> => {
  const [b] = await hr.find('hr.leave_balance', { filters: [{ field: 'employee', op: 'eq', value: employee }, { field: 'leave_type', op: 'eq', value: type }, { field: 'year', op: 'eq', value: 2026 }] });
  return Number(b.days);
};
const ledgerOf = (application: string): Promise<number> => hr.count('hr.leave_ledger_entry', [{ field: 'application', op: 'eq', value: application }]);

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 20 });
  org = await createFixtureOrg(runtime, 'hr', ['approver', 'hr_officer', 'payroll_officer']);
  hr = await org.as('hr_officer');
  payroll = await org.as('payroll_officer');
  for (const [name, extra] of [['Casual', {}], ['Compensatory', { validated_by: 'HR' }]] as const) types[name] = String((await hr.create('hr.leave_type', { name, ...extra })).id);
  for (const name of ['Ann', 'Bo', 'Cy']) {
    const id = String((await hr.create('hr.employee', { name, join_date: '2025-01-06', leave_approver: org.users.get('approver')!.id })).id);
    employees.push(id);
    for (const type of Object.values(types)) {
      const a = await hr.create('hr.leave_allocation', { employee: id, leave_type: type, year: 2026, days: 10, from_date: '2026-01-01' });
      await (await WorkflowEngine.for(hr)).run('hr.leave_allocation', String(a.id), 'submit');
    }
  }
  await hr.create('hr.employee', { name: 'Dee (left)', join_date: '2025-01-06', status: 'LEFT' });
  const basic = await payroll.create('hr.salary_component', { name: 'Basic', abbreviation: 'B' });
  const structure = await payroll.create('hr.salary_structure', { name: 'Staff' });
  await payroll.create('hr.salary_structure_line', { structure: structure.id, component: basic.id, formula: 'base' });
  for (const employee of employees) await payroll.create('hr.salary_assignment', { employee, structure: structure.id, from_date: '2025-01-01', base: 3000 });
}, 180_000);

afterAll(async () => {
  await runtime?.dispose();
});

describe('two approvals of one leave at once', () => {
  it('two HR officers approving an HR-validated leave together: it posts once, the balance is 10 − 3', async () => {
    const second = await createUser(runtime, org.org.slug, { email: `hr2@${org.org.slug}.test`, password: 'secret-123', name: 'Second HR officer', roles: ['hr_officer'] });
    const hr2 = await Service.for(runtime, { kind: 'user', userId: second.id, organizationId: org.org.id, email: `hr2@${org.org.slug}.test` });
    const app = await hr.create('hr.leave_application', { employee: employees[0], leave_type: types.Compensatory, from_date: '2026-03-02', to_date: '2026-03-04' });
    expect(Number(app.total_days)).toBe(3);
    const results = await Promise.allSettled([hr, hr2].map(async (r) => (await WorkflowEngine.for(r)).run('hr.leave_application', String(app.id), 'approve')));
    const moved = results.filter((r) => r.status === 'fulfilled' && r.value.moved);
    expect(moved).toHaveLength(1);
    // The other is refused as a conflict or finds the leave already approved: never a second posting.
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(UmsError);
    expect((await hr.get('hr.leave_application', String(app.id))).status).toBe('APPROVED');
    expect(await ledgerOf(String(app.id))).toBe(1);
    expect(await balanceOf(employees[0], types.Compensatory)).toBe(7);
  });

  it('the leave approver approving twice at once (a double click): it posts once', async () => {
    const approver = await org.as('approver');
    const app = await hr.create('hr.leave_application', { employee: employees[1], leave_type: types.Casual, from_date: '2026-03-09', to_date: '2026-03-12' });
    const results = await Promise.allSettled([1, 2].map(async () => (await WorkflowEngine.for(approver)).run('hr.leave_application', String(app.id), 'approve')));
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.moved)).toHaveLength(1);
    expect(await ledgerOf(String(app.id))).toBe(1);
    expect(await balanceOf(employees[1], types.Casual)).toBe(6);
  });
});

describe('payroll runs at once', () => {
  it('two "Create payslips" on one run at once: one payslip per active employee', async () => {
    const run = await payroll.create('hr.payroll_run', { period_start: '2026-06-01', period_end: '2026-06-30' });
    const results = await Promise.allSettled([1, 2].map(() => payroll.runAction('hr.payroll_run', 'create_slips', String(run.id))));
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.message === 'Create payslips: 3 payslips created.')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(UmsError);
    const slips = await payroll.find('hr.payslip', { filters: [{ field: 'run', op: 'eq', value: run.id }] });
    expect(slips.map((s) => s.employee).sort()).toEqual([...employees].sort());
    expect(slips.map((s) => Number(s.gross))).toEqual([3000, 3000, 3000]);
    const after = await payroll.get('hr.payroll_run', String(run.id));
    expect([after.status, after.slips]).toEqual(['SLIPS_CREATED', 3]);
  });

  it('two runs for one month at once: exactly one, the other a field error on its period', async () => {
    const results = await Promise.allSettled([1, 2].map(() => payroll.create('hr.payroll_run', { period_start: '2026-07-01', period_end: '2026-07-31' })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(RecordValidationError);
    expect(Object.keys((refused.reason as RecordValidationError).fieldErrors)).toEqual(['period_start']);
    expect(await payroll.count('hr.payroll_run', [{ field: 'period_start', op: 'eq', value: '2026-07-01' }])).toBe(1);
  });
});
