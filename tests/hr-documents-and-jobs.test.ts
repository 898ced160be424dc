/**
 * HR documents and jobs. The payslip PDF is filled from the payslip's own
 * lines and run; an employee prints their own payslip of an approved run and
 * their approved leave's letter, not a colleague's. The jobs: earned-leave
 * accrual once per month (a second run adds nothing), allocation expiry takes
 * what is left of an expired allocation (never below zero) once, the
 * attendance reminder and the 48-hour approval reminder notify HR officers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { printDocumentFor } from '../core/documents/index.js';
import { JobScheduler } from '../core/jobs/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { pendingApprovals } from '../modules/hr/jobs.js';
import { errorOf } from './support/errors.js';
import { pdfText } from './support/files.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let org: Fixture;
let scheduler: JobScheduler;
let hr: RecordService;
let me: string;
let colleague: string;
let casual: string;
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const actor = (role: string) => org.users.get(role)!.actor;

async function balance(emp: string, type: string): Promise<number> {
  const [b] = await hr.find('hr.leave_balance', { filters: [{ field: 'employee', op: 'eq', value: emp }, { field: 'leave_type', op: 'eq', value: type }, { field: 'year', op: 'eq', value: year }] });
  return b ? Number(b.days) : 0;
}

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 20 });
  org = await createFixtureOrg(runtime, 'hr', ['employee', 'approver', 'hr_officer', 'payroll_officer', 'finance']);
  hr = await org.as('hr_officer');
  scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
  const dept = await hr.create('hr.department', { name: 'Engineering' });
  casual = String((await hr.create('hr.leave_type', { name: 'Casual' })).id);
  me = String((await hr.create('hr.employee', { name: 'Maya Employee', user: org.users.get('employee')!.id, department: dept.id, join_date: '2025-01-06', leave_approver: org.users.get('approver')!.id })).id);
  colleague = String((await hr.create('hr.employee', { name: 'Colin Colleague', join_date: '2025-01-06', leave_approver: org.users.get('approver')!.id })).id);
}, 120_000);
afterAll(async () => {
  await scheduler?.close();
  await runtime?.dispose();
});

describe('documents', () => {
  it('the payslip prints the employee, the period, each line, gross and net; only the employee\'s own, once approved', async () => {
    const payroll = await org.as('payroll_officer');
    const structure = await payroll.create('hr.salary_structure', { name: 'Staff' });
    for (const [name, abbreviation, kind, amount] of [['Basic', 'B', 'EARNING', 1500], ['Meal allowance', 'MA', 'EARNING', 120.5], ['Income tax', 'TAX', 'DEDUCTION', 160]] as const) {
      const c = await payroll.create('hr.salary_component', { name, abbreviation, kind });
      await payroll.create('hr.salary_structure_line', { structure: structure.id, component: c.id, amount });
    }
    for (const e of [me, colleague]) await payroll.create('hr.salary_assignment', { employee: e, structure: structure.id, from_date: '2025-01-01', base: 1500 });
    const run = String((await payroll.create('hr.payroll_run', { period_start: '2026-01-01', period_end: '2026-01-31' })).id);
    await payroll.runAction('hr.payroll_run', 'create_slips', run);
    const [mine] = await payroll.find('hr.payslip', { filters: [{ field: 'employee', op: 'eq', value: me }] });
    const [theirs] = await payroll.find('hr.payslip', { filters: [{ field: 'employee', op: 'eq', value: colleague }] });
    // Not yet approved: the employee cannot print it.
    expect((await errorOf(printDocumentFor(runtime, actor('employee'), 'hr.payslip', mine.id, 'print_payslip'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    await (await WorkflowEngine.for(payroll)).run('hr.payroll_run', run, 'approve');
    await (await WorkflowEngine.for(await org.as('finance'))).run('hr.payroll_run', run, 'approve');
    const text = await pdfText((await printDocumentFor(runtime, actor('employee'), 'hr.payslip', mine.id, 'print_payslip')).content);
    for (const part of ['Payslip', 'Maya Employee', 'Engineering', '2026-01-01 to 2026-01-31', 'Basic', 'Meal allowance', 'Income tax', '1,620.50', '1,460.50']) expect(text).toContain(part);
    expect((await errorOf(printDocumentFor(runtime, actor('employee'), 'hr.payslip', theirs.id, 'print_payslip'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    await expect(printDocumentFor(runtime, actor('finance'), 'hr.payslip', theirs.id, 'print_payslip')).resolves.toBeDefined();
  });

  it('the leave letter prints approved leave for its employee', async () => {
    const a = await hr.create('hr.leave_allocation', { employee: me, leave_type: casual, year: 2026, days: 5, from_date: '2026-01-01' });
    await (await WorkflowEngine.for(hr)).run('hr.leave_allocation', String(a.id), 'submit');
    const app = await hr.create('hr.leave_application', { employee: me, leave_type: casual, from_date: '2026-02-09', to_date: '2026-02-10', reason: 'Moving house' });
    await (await WorkflowEngine.for(await org.as('approver'))).run('hr.leave_application', String(app.id), 'approve');
    const text = await pdfText((await printDocumentFor(runtime, actor('employee'), 'hr.leave_application', String(app.id), 'leave_letter')).content);
    for (const part of ['Leave letter', 'Maya Employee', String(app.number), 'Casual', 'Moving house', '2']) expect(text).toContain(part);
  });
});

describe('jobs', () => {
  it('earned-leave accrual adds each earned type\'s monthly days to every active employee, once per month', async () => {
    const earned = String((await hr.create('hr.leave_type', { name: 'Earned', earned_per_month: 1.5 })).id);
    const [outcome] = await scheduler.runNow('hr.earned_leave_accrual', org.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: '2 accruals' });
    expect(await balance(me, earned)).toBe(1.5);
    const [again] = await scheduler.runNow('hr.earned_leave_accrual', org.org.slug);
    expect(again).toMatchObject({ status: 'ok', message: '0 accruals' });
    expect(await balance(colleague, earned)).toBe(1.5);
  });

  it('allocation expiry takes what is left of an expired allocation, once', async () => {
    const comp = String((await hr.create('hr.leave_type', { name: 'Compensatory' })).id);
    const a = await hr.create('hr.leave_allocation', { employee: colleague, leave_type: comp, year, days: 3, from_date: `${year}-01-01`, expires_on: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) === `${year}-01-01` ? `${year}-01-02` : new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) });
    await (await WorkflowEngine.for(hr)).run('hr.leave_allocation', String(a.id), 'submit');
    expect(await balance(colleague, comp)).toBe(3);
    const [outcome] = await scheduler.runNow('hr.allocation_expiry', org.org.slug);
    expect(outcome.message).toMatch(/^1 allocations expired, 3 days lapsed$/);
    expect(await balance(colleague, comp)).toBe(0);
    expect((await hr.find('hr.leave_ledger_entry', { filters: [{ field: 'allocation', op: 'eq', value: a.id }] })).map((e) => Number(e.days)).sort()).toEqual([-3, 3]);
    const [again] = await scheduler.runNow('hr.allocation_expiry', org.org.slug);
    expect(again.message).toBe('0 allocations expired, 0 days lapsed');
  });

  it('the attendance reminder and the 48-hour approval reminder notify HR officers', async () => {
    // The reminder skips days off (Saturday and Sunday where no holiday list says otherwise): a default list
    // for today alone with no weekly offs makes today a working day whatever day the suite runs on.
    const offs = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [`${d}_off`, false]));
    await hr.create('hr.holiday_list', { name: 'Every day a working day', from_date: today, to_date: today, is_default: true, ...offs });
    const [outcome] = await scheduler.runNow('hr.attendance_reminder', org.org.slug);
    expect(outcome.message).toBe('2 unmarked, 1 officers told');
    await hr.create('hr.leave_application', { employee: colleague, leave_type: casual, from_date: '2026-03-02', to_date: '2026-03-02' });
    const system = await org.system();
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    expect(await pendingApprovals({ records: system, now: new Date(), organization: { id: org.org.id, slug: org.org.slug, name: org.org.name }, log, job: 'hr.pending_approvals' } as never)).toBe('none pending');
    expect(await pendingApprovals({ records: system, now: new Date(Date.now() + 3 * 86_400_000), organization: { id: org.org.id, slug: org.org.slug, name: org.org.name }, log, job: 'hr.pending_approvals' } as never)).toBe('1 pending, 1 officers told');
    const notes = await system.find('core.notification', { filters: [{ field: 'user', op: 'eq', value: org.users.get('hr_officer')!.id }] });
    expect(notes.map((n) => n.title)).toEqual(expect.arrayContaining(['2 employees have no attendance for ' + today, '1 leave applications waiting more than 48 hours']));
  });
});
