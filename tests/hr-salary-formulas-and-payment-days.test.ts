/**
 * Salary formulas and payment days: a structure's component is an amount, a
 * % of base or a formula over base and the structure's other components
 * (evaluated in the order they read each other), and a payslip pays each
 * component that depends on payment days its full amount × payment days /
 * working days, payment days being the working days less approved leave
 * without pay inside the period (a half day 0.5). Paid leave and leave not
 * approved change nothing. A formula that does not parse, reads an unknown
 * name, reads itself or closes a cycle is refused when the line is saved,
 * on the formula field, with a message naming the problem.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let org: Fixture;
let hr: RecordService;
let payroll: RecordService;
let structure: string;
const component: Record<string, string> = {};

const line = (values: Record<string, unknown>) => payroll.create('hr.salary_structure_line', { structure, ...values });
const formulaError = async (p: Promise<unknown>): Promise<string> => {
  const err = (await errorOf(p)) as RecordValidationError;
  expect(err).toBeInstanceOf(RecordValidationError);
  expect(Object.keys(err.fieldErrors)).toEqual(['formula']);
  return err.fieldErrors.formula.message;
};

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 10 });
  org = await createFixtureOrg(runtime, 'hr', ['approver', 'hr_officer', 'payroll_officer']);
  hr = await org.as('hr_officer');
  payroll = await org.as('payroll_officer');
  for (const [name, abbreviation, kind, extra] of [
    ['Basic', 'B', 'EARNING', {}],
    ['House rent', 'HRA', 'EARNING', {}],
    ['Special allowance', 'SPL', 'EARNING', {}],
    ['Provident fund', 'PF', 'DEDUCTION', {}],
    ['Income tax', 'TAX', 'DEDUCTION', { depends_on_payment_days: false }],
    ['Bonus', 'BON', 'EARNING', {}],
  ] as const) {
    component[abbreviation] = String((await payroll.create('hr.salary_component', { name, abbreviation, kind, ...extra })).id);
  }
  structure = String((await payroll.create('hr.salary_structure', { name: 'Formula staff' })).id);
}, 120_000);

afterAll(async () => {
  await runtime?.dispose();
});

describe('a formula is checked when its line is saved', () => {
  it('formulas over base and components already in the structure are accepted, in either case', async () => {
    await line({ component: component.B, formula: 'base * 0.4' });
    await line({ component: component.HRA, formula: 'b * 0.5' });
    await line({ component: component.SPL, amount: 300 });
    await line({ component: component.PF, formula: '(B + HRA) * 0.12' });
    await line({ component: component.TAX, amount: 150 });
  });

  it('an unknown name is refused, naming it and the names a formula may read', async () => {
    expect(await formulaError(line({ component: component.BON, formula: 'base * 0.1 + bonus' }))).toBe(
      'unknown name "bonus": a formula reads base and the abbreviations of this structure\'s other components (B, HRA, PF, SPL, TAX)',
    );
  });

  it('a formula that reads itself, or closes a cycle through another, is refused', async () => {
    expect(await formulaError(line({ component: component.BON, formula: 'BON + 1' }))).toBe('the formula of BON reads itself');
    const [hraLine] = await payroll.find('hr.salary_structure_line', { filters: [{ field: 'structure', op: 'eq', value: structure }, { field: 'component', op: 'eq', value: component.HRA }] });
    const [basicLine] = await payroll.find('hr.salary_structure_line', { filters: [{ field: 'structure', op: 'eq', value: structure }, { field: 'component', op: 'eq', value: component.B }] });
    // B from HRA while HRA reads B, and through PF: both cycles.
    expect(await formulaError(payroll.update('hr.salary_structure_line', basicLine.id, { formula: 'HRA * 2' }))).toBe('a cycle: B → HRA → B (each reads the next)');
    expect(await formulaError(payroll.update('hr.salary_structure_line', hraLine.id, { formula: 'PF + 1' }))).toBe('a cycle: HRA → PF → HRA (each reads the next)');
    expect((await payroll.get('hr.salary_structure_line', basicLine.id)).formula).toBe('base * 0.4');
  });

  it('a formula that does not parse, or a line with two ways of pricing, is refused', async () => {
    expect(await formulaError(line({ component: component.BON, formula: 'base * * 2' }))).toBe('"*" at position 8 where a number or a name was expected');
    expect(await formulaError(line({ component: component.BON, formula: 'base; drop table' }))).toBe('";" at position 5 is not allowed: a formula has numbers, names, + - * / and parentheses');
    expect(await formulaError(line({ component: component.BON, formula: '(base + 1' }))).toBe('a ")" is missing at the end');
    const both = (await errorOf(line({ component: component.BON, amount: 10, formula: 'base * 0.1' }))) as RecordValidationError;
    expect(both.fieldErrors.formula.message).toBe('give one of an amount, a % of base or a formula, not amount and formula');
    const none = (await errorOf(line({ component: component.BON }))) as RecordValidationError;
    expect(none.fieldErrors.amount.message).toBe('give an amount, a % of base or a formula');
    expect(await payroll.count('hr.salary_structure_line', [{ field: 'structure', op: 'eq', value: structure }])).toBe(5);
  });
});

describe('payment days', () => {
  it('unpaid leave (two days and a half day) lowers the payment days; each prorated line is full × 20.5 / 23', async () => {
    const types: Record<string, string> = {};
    for (const [name, extra] of [['Casual', {}], ['Unpaid', { without_pay: true, allow_negative: true }]] as const) types[name] = String((await hr.create('hr.leave_type', { name, ...extra })).id);
    const emp = String((await hr.create('hr.employee', { name: 'Rina', join_date: '2025-01-06', leave_approver: org.users.get('approver')!.id })).id);
    await payroll.create('hr.salary_assignment', { employee: emp, structure, from_date: '2025-01-01', base: 5000 });
    const alloc = await hr.create('hr.leave_allocation', { employee: emp, leave_type: types.Casual, year: 2026, days: 5, from_date: '2026-01-01' });
    await (await WorkflowEngine.for(hr)).run('hr.leave_allocation', String(alloc.id), 'submit');
    const approver = await WorkflowEngine.for(await org.as('approver'));
    const apply = async (leave_type: string, from_date: string, to_date: string, extra: Record<string, unknown> = {}, approve = true) => {
      const app = await hr.create('hr.leave_application', { employee: emp, leave_type, from_date, to_date, ...extra });
      if (approve) await approver.run('hr.leave_application', String(app.id), 'approve');
      return app;
    };
    const twoDays = await apply(types.Unpaid, '2026-07-06', '2026-07-07');
    const half = await apply(types.Unpaid, '2026-07-15', '2026-07-15', { half_day: 'AFTERNOON' });
    await apply(types.Casual, '2026-07-21', '2026-07-21');
    await apply(types.Unpaid, '2026-07-27', '2026-07-27', {}, false);
    // Unpaid leave outside the period is not this run's.
    await apply(types.Unpaid, '2026-08-03', '2026-08-03');

    const run = await payroll.create('hr.payroll_run', { period_start: '2026-07-01', period_end: '2026-07-31' });
    await payroll.runAction('hr.payroll_run', 'create_slips', String(run.id));
    const [slip] = await payroll.find('hr.payslip', { filters: [{ field: 'run', op: 'eq', value: run.id }] });
    // July 2026: 23 working days (Monday to Friday), 2.5 unpaid, 20.5 payment days.
    expect([slip.working_days, Number(slip.unpaid_days), Number(slip.payment_days)]).toEqual([23, 2.5, 20.5]);
    const lines = await payroll.find('hr.payslip_line', { filters: [{ field: 'payslip', op: 'eq', value: slip.id }] });
    const shown = lines.map((l) => [l.description, l.kind, Number(l.amount)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    // Full month: B = 5000 × 0.4 = 2000, HRA = B × 0.5 = 1000, SPL 300, PF = (2000 + 1000) × 0.12 = 360, TAX 150 (flat: not prorated).
    expect(shown).toEqual([
      ['Basic', 'EARNING', 1782.61],
      ['House rent', 'EARNING', 891.3],
      ['Income tax', 'DEDUCTION', 150],
      [`Leave without pay ${String(twoDays.number)} (2 days): paid by payment days`, 'DEDUCTION', 0],
      [`Leave without pay ${String(half.number)} (0.5 days): paid by payment days`, 'DEDUCTION', 0],
      ['Provident fund', 'DEDUCTION', 320.87],
      ['Special allowance', 'EARNING', 267.39],
    ]);
    expect([Number(slip.gross), Number(slip.deductions), Number(slip.net)]).toEqual([2941.3, 470.87, 2470.43]);
  });
});
