/**
 * Payslip lines: when the payroll run creates a payslip, its lines come from
 * the employee's salary assignment (the structure's components: fixed, a
 * share of the base pay or a formula, salary-formulas.ts). Leave without pay
 * inside the period lowers the payment days (working days − unpaid days, a
 * half day 0.5) and every component that depends on payment days is paid
 * full amount × payment days / working days, as Frappe HRMS prorates; unpaid
 * leave of earlier periods that no payslip has accounted for yet (approved
 * after its period was paid) is an arrears deduction. A line
 * names the leave it deducts, so "already deducted" is a fact of the data,
 * not a flag to keep in step. Cancelling a run removes its payslips (and with
 * them their lines), so their deductions fall due again in the next run.
 * Approved expense claims are paid back on the next run's payslip, one line
 * per claim (the line's `expense_claim` is unique, so a claim is on one
 * payslip at most); paying the run marks them paid, and finance cannot mark
 * one paid by hand while it sits on a payslip.
 */
import { UmsError, workflows, type EntityHooks, type RecordData, type Records, type WorkflowHook } from '../../core/sdk.js';
import { addDays, clip } from './dates.js';
import { daysOff, workingDaysOf } from './holidays.js';
import { structureAmounts } from './salary-formulas.js';

const round2 = (n: number): number => Math.round(n * 100) / 100;

async function all(records: Records, key: string, filters: NonNullable<Parameters<Records['find']>[1]>['filters'] = []): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(key, { filters }, 1000)) out.push(...page);
  return out;
}

interface Line {
  component?: string;
  description: string;
  kind: 'EARNING' | 'DEDUCTION';
  amount: number;
  leave_application?: string;
  expense_claim?: string;
}

/** The lines of one payslip, from the data as it is in the run's transaction. */
export async function payslipLines(system: Records, slip: RecordData): Promise<{ lines: Line[]; workingDays: number; unpaidDays: number; paymentDays: number }> {
  const run = await system.get('hr.payroll_run', String(slip.run));
  const start = String(run.period_start);
  const end = String(run.period_end);
  // Working days are the employee's: their holiday list's weekly offs and holidays are not paid days.
  const employee = String(slip.employee);
  const days = workingDaysOf(await daysOff(system, [employee], start, end), employee, start, end);

  // Leave without pay: inside the period it lowers the payment days; of an earlier period (approved after it was paid) it is an arrears deduction.
  const unpaid: { app: RecordData; current: number; earlier: number }[] = [];
  const unpaidTypes = (await all(system, 'hr.leave_type', [{ field: 'without_pay', op: 'eq', value: true }])).map((t) => t.id);
  if (unpaidTypes.length) {
    const deducted = new Set((await all(system, 'hr.payslip_line', [{ field: 'leave_application', op: 'ne', value: null }])).map((l) => String(l.leave_application)));
    const leave = await all(system, 'hr.leave_application', [
      { field: 'employee', op: 'eq', value: slip.employee },
      { field: 'status', op: 'eq', value: 'APPROVED' },
      { field: 'leave_type', op: 'in', value: unpaidTypes },
      { field: 'from_date', op: 'lte', value: end },
    ]);
    for (const app of leave.sort((a, b) => String(a.number).localeCompare(String(b.number)))) {
      if (deducted.has(app.id)) continue;
      const from = String(app.from_date);
      const to = String(app.to_date);
      const total = Number(app.total_days);
      const inPeriod = clip(from, to, start, end);
      const off = await daysOff(system, [employee], from, to);
      // A half day is one date and 0.5 days (its total_days).
      const current = app.half_day ? (inPeriod ? total : 0) : inPeriod ? workingDaysOf(off, employee, inPeriod[0], inPeriod[1]) : 0;
      const before = from < start ? addDays(start, -1) : undefined;
      const earlier = !before ? 0 : app.half_day ? total : workingDaysOf(off, employee, from, to < before ? to : before);
      if (current > 0 || earlier > 0) unpaid.push({ app, current, earlier });
    }
  }
  const unpaidDays = Math.min(days, unpaid.reduce((n, u) => n + u.current, 0));
  const paymentDays = days - unpaidDays;

  const assignments = (await all(system, 'hr.salary_assignment', [{ field: 'employee', op: 'eq', value: slip.employee }, { field: 'from_date', op: 'lte', value: end }])).sort((a, b) => String(b.from_date).localeCompare(String(a.from_date)));
  const assignment = assignments[0];
  const lines: Line[] = [];
  /** The full-month earnings that depend on payment days: what one unpaid day of an earlier period costs is this / its working days. */
  let proratedEarnings = 0;
  if (assignment) {
    const components = new Map((await all(system, 'hr.salary_component')).map((c) => [c.id, c]));
    const structure = (await all(system, 'hr.salary_structure_line', [{ field: 'structure', op: 'eq', value: assignment.structure }])).filter((s) => components.has(String(s.component)));
    const entries = structure.map((line) => ({ line, component: components.get(String(line.component))! }));
    const full = structureAmounts(entries, Number(assignment.base));
    for (const { component: c } of entries) {
      const amount = full.get(c.id) ?? 0;
      const kind = c.kind === 'DEDUCTION' ? 'DEDUCTION' : 'EARNING';
      // Frappe HRMS's rule: a component that depends on payment days is its full amount × payment days / working days.
      const prorated = c.depends_on_payment_days !== false;
      if (prorated && kind === 'EARNING') proratedEarnings += amount;
      lines.push({ component: c.id, description: String(c.name), kind, amount: prorated && days ? round2((amount * paymentDays) / days) : amount });
    }
  }
  const perDay = days ? proratedEarnings / days : 0;
  for (const { app, current, earlier } of unpaid) {
    if (current > 0) {
      // No amount: the earnings above are already paid by payment days. The line records that this leave is accounted for, so no later run deducts it as arrears.
      lines.push({ description: `Leave without pay ${String(app.number)} (${current} days): paid by payment days`, kind: 'DEDUCTION', amount: 0, leave_application: app.id });
    } else if (earlier > 0) {
      lines.push({ description: `Arrears: leave without pay ${String(app.number)} of an earlier period (${earlier} days)`, kind: 'DEDUCTION', amount: round2(perDay * earlier), leave_application: app.id });
    }
  }
  // Approved expense claims no payslip pays back yet (a cancelled run's lines went with its payslips).
  const claims = await all(system, 'hr.expense_claim', [{ field: 'employee', op: 'eq', value: slip.employee }, { field: 'status', op: 'eq', value: 'APPROVED' }]);
  if (claims.length) {
    const onSlips = new Set((await all(system, 'hr.payslip_line', [{ field: 'expense_claim', op: 'in', value: claims.map((c) => c.id) }])).map((l) => String(l.expense_claim)));
    for (const claim of claims.filter((c) => !onSlips.has(c.id)).sort((a, b) => String(a.number).localeCompare(String(b.number)))) {
      lines.push({ description: `Expense claim ${String(claim.number)}: ${String(claim.description)}`.slice(0, 200), kind: 'EARNING', amount: Number(claim.amount), expense_claim: claim.id });
    }
  }
  return { lines, workingDays: days, unpaidDays, paymentDays };
}

export const payslipHooks: EntityHooks = {
  async afterCreate(ctx, slip) {
    const system = ctx.records.asSystem('payslip-lines');
    const { lines, workingDays: wd, unpaidDays, paymentDays } = await payslipLines(system, slip);
    for (const line of lines) await ctx.records.create('hr.payslip_line', { payslip: slip.id, ...line });
    // Gross and deductions are the manifest's roll-ups of these lines: they follow every line written here or later.
    await system.update('hr.payslip', slip.id, { working_days: wd, unpaid_days: unpaidDays, payment_days: paymentDays });
  },
};

/** Cancelling a run (before approval) removes its payslips: their unpaid leave falls due in the next run. */
export const removePayslips: WorkflowHook = async (ctx) => {
  const system = ctx.records.asSystem('payroll-cancel');
  const ids = (await all(system, 'hr.payslip', [{ field: 'run', op: 'eq', value: ctx.record.id }])).map((s) => s.id);
  for (const id of ids) await system.delete('hr.payslip', id);
  await system.update('hr.payroll_run', ctx.record.id, { slips: 0 });
};

/** Paying a run marks the expense claims its payslips pay back as paid, through the claims' workflow (History names the run's payment). */
export const payClaimsOfRun: WorkflowHook = async (ctx) => {
  const system = ctx.records.asSystem('payroll-claims');
  const slips = (await all(system, 'hr.payslip', [{ field: 'run', op: 'eq', value: ctx.record.id }])).map((s) => s.id);
  if (!slips.length) return;
  const lines = await all(system, 'hr.payslip_line', [{ field: 'payslip', op: 'in', value: slips }, { field: 'expense_claim', op: 'ne', value: null }]);
  const engine = await workflows(system);
  for (const id of lines.map((l) => String(l.expense_claim)).sort()) await engine.run('hr.expense_claim', id, 'pay');
};

/** Finance marks a claim paid by hand only when no payslip pays it back: one on a payslip is paid with its run. */
export const claimNotOnPayslip: WorkflowHook = async (ctx) => {
  if (ctx.actor.kind === 'system') return;
  const system = ctx.records.asSystem('payroll-claims');
  const [line] = await system.find('hr.payslip_line', { filters: [{ field: 'expense_claim', op: 'eq', value: ctx.record.id }], limit: 1 });
  if (!line) return;
  const slip = await system.get('hr.payslip', String(line.payslip));
  const run = await system.get('hr.payroll_run', String(slip.run));
  throw new UmsError('CONFLICT', `Expense claim ${String(ctx.record.number)} is paid back on the payslip of payroll run ${String(run.period_start)} to ${String(run.period_end)}: it is marked paid when that run is paid.`, { entity: 'hr.expense_claim' });
};
