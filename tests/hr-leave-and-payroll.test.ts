/**
 * HR & payroll through the record service, as each role: leave days are
 * counted from the dates (weekends out, a half day is 0.5), approving posts
 * them to the leave balance of the employee × type × year, a balance never
 * goes below zero unless the type allows it, a morning and an afternoon of
 * one date may both be taken but nothing else overlaps (20 applications at
 * once for one date: exactly one), one attendance per employee and day,
 * leave goes to the employee's own approver and then HR when it is longer
 * than 5 days, a payroll run creates one payslip per active employee with
 * earnings prorated by payment days (leave without pay lowers them; as arrears in the next run when approved
 * after its period was paid), is approved by finance but never by the one
 * who prepared it, and two runs for one month at once give exactly one.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { RecordService as Service } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const ROLES = ['employee', 'approver', 'hr_officer', 'payroll_officer', 'finance'];
let runtime: TestRuntime;
let org: Fixture;
let hr: RecordService;
let payroll: RecordService;
let ann: { id: string; records: RecordService };
let bob: { id: string; records: RecordService };
const types: Record<string, string> = {};

const engine = async (records: RecordService): Promise<WorkflowEngine> => WorkflowEngine.for(records);

async function person(name: string, email: string, roles: string[]): Promise<{ id: string; user: string; records: RecordService }> {
  const user = await createUser(runtime, org.org.slug, { email, password: 'secret-123', name, roles });
  return { id: '', user: user.id, records: await Service.for(runtime, { kind: 'user', userId: user.id, organizationId: org.org.id, email }) };
}

async function employee(name: string, user: string | null, extra: Record<string, unknown> = {}): Promise<string> {
  return String((await hr.create('hr.employee', { name, user, join_date: '2025-01-06', leave_approver: org.users.get('approver')!.id, ...extra })).id);
}

async function allocate(emp: string, type: string, days: number, year = 2026): Promise<void> {
  const a = await hr.create('hr.leave_allocation', { employee: emp, leave_type: type, year, days, from_date: `${year}-01-01` });
  await (await engine(hr)).run('hr.leave_allocation', String(a.id), 'submit');
}

async function balance(emp: string, type: string, year = 2026): Promise<number> {
  const [b] = await hr.find('hr.leave_balance', { filters: [{ field: 'employee', op: 'eq', value: emp }, { field: 'leave_type', op: 'eq', value: type }, { field: 'year', op: 'eq', value: year }] });
  return b ? Number(b.days) : 0;
}

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 30 });
  org = await createFixtureOrg(runtime, 'hr', ROLES);
  hr = await org.as('hr_officer');
  payroll = await org.as('payroll_officer');
  for (const [name, extra] of [['Casual', {}], ['Sick', { validated_by: 'BOTH' }], ['Unpaid', { without_pay: true, allow_negative: true }], ['Compensatory', { validated_by: 'HR' }]] as const) {
    types[name] = String((await hr.create('hr.leave_type', { name, ...extra })).id);
  }
  const a = await person('Ann', `ann@${org.org.slug}.test`, ['hr.employee']);
  ann = { id: await employee('Ann', a.user), records: a.records };
  const b = await person('Bob', `bob@${org.org.slug}.test`, ['hr.employee']);
  bob = { id: await employee('Bob', b.user), records: b.records };
}, 120_000);

afterAll(async () => {
  await runtime?.dispose();
});

describe('leave days and spans', () => {
  it('counts working days between the dates and half a day for a half day; the year is the start date\'s', async () => {
    const week = await ann.records.create('hr.leave_application', { employee: ann.id, leave_type: types.Casual, from_date: '2026-03-02', to_date: '2026-03-08' });
    expect(Number(week.total_days)).toBe(5);
    expect(week.year).toBe(2026);
    const half = await ann.records.create('hr.leave_application', { employee: ann.id, leave_type: types.Casual, from_date: '2026-03-10', to_date: '2026-03-10', half_day: 'MORNING' });
    expect(Number(half.total_days)).toBe(0.5);
    const err = (await errorOf(ann.records.create('hr.leave_application', { employee: ann.id, leave_type: types.Casual, from_date: '2026-03-11', to_date: '2026-03-12', half_day: 'MORNING' }))) as RecordValidationError;
    expect(err.fieldErrors.half_day.message).toMatch(/one date/);
    const read = (await errorOf(ann.records.create('hr.leave_application', { employee: ann.id, leave_type: types.Casual, from_date: '2026-03-20', to_date: '2026-03-20', total_days: 0 }))) as RecordValidationError;
    expect(read.fieldErrors.total_days.type).toBe('readOnly');
  });

  it('an impossible date is a field error on that date, on create and on update: the leave-span hook never sees it', async () => {
    for (const from_date of ['2026-13-01', '2026-02-30', '26-03-01', 'next monday']) {
      const err = (await errorOf(ann.records.create('hr.leave_application', { employee: ann.id, leave_type: types.Casual, from_date, to_date: '2026-03-27' }))) as RecordValidationError;
      expect(err).toBeInstanceOf(RecordValidationError);
      expect(Object.keys(err.fieldErrors)).toEqual(['from_date']);
    }
    const kept = await ann.records.create('hr.leave_application', { employee: ann.id, leave_type: types.Casual, from_date: '2026-03-26', to_date: '2026-03-26' });
    const err = (await errorOf(ann.records.update('hr.leave_application', String(kept.id), { to_date: '2026-03-32' }))) as RecordValidationError;
    expect(Object.keys(err.fieldErrors)).toEqual(['to_date']);
    expect((await hr.get('hr.leave_application', String(kept.id)))?.to_date).toBe('2026-03-26');
  });

  it('a morning and an afternoon of one date both stand; a full day over them is refused naming the holder', async () => {
    await ann.records.create('hr.leave_application', { employee: ann.id, leave_type: types.Casual, from_date: '2026-03-10', to_date: '2026-03-10', half_day: 'AFTERNOON' });
    const err = (await errorOf(ann.records.create('hr.leave_application', { employee: ann.id, leave_type: types.Casual, from_date: '2026-03-09', to_date: '2026-03-10' }))) as RecordValidationError;
    expect(err).toBeInstanceOf(RecordValidationError);
    expect(err.fieldErrors.employee.message).toMatch(/LV-\d{4}-\d+/);
  });

  it('20 applications for one date at once: exactly one stands', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => bob.records.create('hr.leave_application', { employee: bob.id, leave_type: types.Unpaid, from_date: '2026-04-15', to_date: '2026-04-15' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as RecordValidationError).fieldErrors?.employee).toBeDefined();
    expect(await hr.count('hr.leave_application', [{ field: 'employee', op: 'eq', value: bob.id }, { field: 'from_date', op: 'eq', value: '2026-04-15' }])).toBe(1);
  });

  it('one attendance per employee and day, also 20 at once; a cancelled one makes room', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => hr.create('hr.attendance', { employee: ann.id, date: '2026-03-16', status: 'PRESENT' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [kept] = await hr.find('hr.attendance', { filters: [{ field: 'employee', op: 'eq', value: ann.id }, { field: 'date', op: 'eq', value: '2026-03-16' }] });
    await hr.update('hr.attendance', kept.id, { status: 'CANCELLED' });
    await hr.create('hr.attendance', { employee: ann.id, date: '2026-03-16', status: 'HALF_DAY' });
  });
});

describe('approval and the leave balance', () => {
  it('approving posts the days to the balance; the balance never goes below zero for a type that does not allow it', async () => {
    await allocate(ann.id, types.Casual, 6);
    expect(await balance(ann.id, types.Casual)).toBe(6);
    const approver = await org.as('approver');
    const [week] = await ann.records.find('hr.leave_application', { filters: [{ field: 'from_date', op: 'eq', value: '2026-03-02' }] });
    // Ann cannot approve her own leave; her approver can.
    expect((await errorOf((await engine(ann.records)).run('hr.leave_application', week.id, 'approve'))).code).toBe('FORBIDDEN');
    const done = await (await engine(approver)).run('hr.leave_application', week.id, 'approve');
    expect(done.record.status).toBe('APPROVED');
    expect(await balance(ann.id, types.Casual)).toBe(1);
    const big = await ann.records.create('hr.leave_application', { employee: ann.id, leave_type: types.Casual, from_date: '2026-05-04', to_date: '2026-05-05' });
    const refused = await errorOf((await engine(approver)).run('hr.leave_application', String(big.id), 'approve'));
    expect(refused.message).toMatch(/Only 1 days of Casual left for Ann in 2026/);
    expect((await hr.get('hr.leave_application', String(big.id))).status).toBe('OPEN');
    expect(await balance(ann.id, types.Casual)).toBe(1);
    // Cancelling approved leave gives the days back.
    await (await engine(ann.records)).run('hr.leave_application', week.id, 'cancel');
    expect(await balance(ann.id, types.Casual)).toBe(6);
  });

  it('a type that allows a negative balance goes below zero', async () => {
    const [unpaid] = await bob.records.find('hr.leave_application', { filters: [{ field: 'from_date', op: 'eq', value: '2026-04-15' }] });
    await (await engine(await org.as('approver'))).run('hr.leave_application', unpaid.id, 'approve');
    expect(await balance(bob.id, types.Unpaid)).toBe(-1);
  });

  it('more than 5 days, or a type validated by both, goes to HR after the approver; an HR-only type skips the approver', async () => {
    await allocate(bob.id, types.Casual, 20);
    await allocate(bob.id, types.Compensatory, 2);
    const approver = await org.as('approver');
    const long = await bob.records.create('hr.leave_application', { employee: bob.id, leave_type: types.Casual, from_date: '2026-06-01', to_date: '2026-06-12' });
    expect(Number(long.total_days)).toBe(10);
    const first = await (await engine(approver)).run('hr.leave_application', String(long.id), 'approve');
    expect(first.moved).toBe(false);
    expect((await hr.get('hr.leave_application', String(long.id))).status).toBe('OPEN');
    const second = await (await engine(hr)).run('hr.leave_application', String(long.id), 'approve');
    expect(second.record.status).toBe('APPROVED');
    const short = await bob.records.create('hr.leave_application', { employee: bob.id, leave_type: types.Casual, from_date: '2026-06-15', to_date: '2026-06-16' });
    expect((await (await engine(approver)).run('hr.leave_application', String(short.id), 'approve')).record.status).toBe('APPROVED');
    const comp = await bob.records.create('hr.leave_application', { employee: bob.id, leave_type: types.Compensatory, from_date: '2026-06-17', to_date: '2026-06-17' });
    expect((await errorOf((await engine(approver)).run('hr.leave_application', String(comp.id), 'approve'))).code).toBe('FORBIDDEN');
    expect((await (await engine(hr)).run('hr.leave_application', String(comp.id), 'approve')).record.status).toBe('APPROVED');
    expect(await balance(bob.id, types.Casual)).toBe(8);
  });
});

describe('payroll', () => {
  let structure: string;
  beforeAll(async () => {
    const basic = await payroll.create('hr.salary_component', { name: 'Basic', abbreviation: 'B', kind: 'EARNING' });
    const hra = await payroll.create('hr.salary_component', { name: 'House rent', abbreviation: 'HRA', kind: 'EARNING' });
    const tax = await payroll.create('hr.salary_component', { name: 'Tax', abbreviation: 'TAX', kind: 'DEDUCTION', depends_on_payment_days: false });
    structure = String((await payroll.create('hr.salary_structure', { name: 'Staff' })).id);
    await payroll.create('hr.salary_structure_line', { structure, component: basic.id, percent_of_base: 60 });
    await payroll.create('hr.salary_structure_line', { structure, component: hra.id, percent_of_base: 40 });
    await payroll.create('hr.salary_structure_line', { structure, component: tax.id, amount: 100 });
    for (const emp of [ann.id, bob.id]) await payroll.create('hr.salary_assignment', { employee: emp, structure, from_date: '2025-01-01', base: 2200 });
    await employee('Cem (left)', null, { status: 'LEFT' });
  });

  it('two runs for one month at once: exactly one', async () => {
    const results = await Promise.allSettled([1, 2].map(() => payroll.create('hr.payroll_run', { period_start: '2026-04-01', period_end: '2026-04-30' })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('a run creates one payslip per active employee, earnings prorated by payment days; finance approves, not the preparer', async () => {
    const [run] = await payroll.find('hr.payroll_run', { filters: [{ field: 'period_start', op: 'eq', value: '2026-04-01' }] });
    expect((await payroll.runAction('hr.payroll_run', 'create_slips', run.id)).message).toBe('Create payslips: 2 payslips created.');
    const slips = await payroll.find('hr.payslip', { filters: [{ field: 'run', op: 'eq', value: run.id }] });
    const bobs = slips.find((s) => s.employee === bob.id)!;
    const anns = slips.find((s) => s.employee === ann.id)!;
    expect([Number(anns.gross), Number(anns.deductions), Number(anns.net)]).toEqual([2200, 100, 2100]);
    // April 2026 has 22 working days; one unpaid day leaves 21 payment days: the earnings are 2200 × 21 / 22, the flat tax stays 100.
    expect([Number(bobs.gross), Number(bobs.deductions), Number(bobs.net), bobs.working_days, Number(bobs.unpaid_days), Number(bobs.payment_days)]).toEqual([2100, 100, 2000, 22, 1, 21]);
    // Employees see their payslip only once the run is approved.
    expect(await bob.records.find('hr.payslip')).toHaveLength(0);

    // The preparer asks; a user who is payroll officer and finance cannot approve their own request.
    const both = await person('Pat', `pat@${org.org.slug}.test`, ['hr.payroll_officer', 'hr.finance']);
    const asked = await (await engine(both.records)).run('hr.payroll_run', run.id, 'approve');
    expect(asked.moved).toBe(false);
    expect((await errorOf((await engine(both.records)).run('hr.payroll_run', run.id, 'approve'))).message).toMatch(/your own request/);
    const approved = await (await engine(await org.as('finance'))).run('hr.payroll_run', run.id, 'approve');
    expect(approved.record.status).toBe('APPROVED');
    await (await engine(await org.as('finance'))).run('hr.payroll_run', run.id, 'pay');
    expect((await bob.records.find('hr.payslip')).map((s) => s.id)).toEqual([bobs.id]);
    expect(await ann.records.find('hr.payslip_line', { filters: [{ field: 'payslip', op: 'eq', value: bobs.id }] })).toHaveLength(0);
  });

  it('unpaid leave in a paid period, approved later, is an arrears line in the next run', async () => {
    const late = await bob.records.create('hr.leave_application', { employee: bob.id, leave_type: types.Unpaid, from_date: '2026-04-20', to_date: '2026-04-21' });
    await (await engine(await org.as('approver'))).run('hr.leave_application', String(late.id), 'approve');
    const may = await payroll.create('hr.payroll_run', { period_start: '2026-05-01', period_end: '2026-05-31' });
    await payroll.runAction('hr.payroll_run', 'create_slips', String(may.id));
    const [slip] = await payroll.find('hr.payslip', { filters: [{ field: 'run', op: 'eq', value: may.id }, { field: 'employee', op: 'eq', value: bob.id }] });
    const lines = await payroll.find('hr.payslip_line', { filters: [{ field: 'payslip', op: 'eq', value: slip.id }] });
    const arrears = lines.filter((l) => String(l.description).startsWith('Arrears'));
    expect(arrears).toHaveLength(1);
    // May 2026 has 21 working days: 2 days at 2200 / 21.
    expect(Number(arrears[0].amount)).toBe(Math.round((2200 / 21) * 2 * 100) / 100);
    expect(arrears[0].leave_application).toBe(late.id);
    // Cancelling the run removes its payslips; a new run for May deducts the arrears again, once.
    await (await engine(payroll)).run('hr.payroll_run', String(may.id), 'cancel');
    expect(await payroll.count('hr.payslip', [{ field: 'run', op: 'eq', value: may.id }])).toBe(0);
  });
});
