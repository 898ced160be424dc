/**
 * Demo data, deterministic per organization (demo size: 5 departments, 60
 * employees, 4 leave types, 150 leave applications, 90 days of attendance,
 * 3 paid payroll runs and a draft one; small size: a few of each). Everything
 * goes through the record pipeline and the workflows as the demo people
 * would do it: allocations are submitted (posted to the leave ledger), leave
 * is approved by the employee's approver and HR where the rules say so, runs
 * are prepared by the payroll officer and approved and paid by finance. The
 * demo employee and approver logins are employees themselves. The default
 * holiday list is Bangladesh's for 2026 (Friday and Saturday off, the
 * fixed-date public holidays; the lunar ones move each year and are left to
 * the organization), and leave and attendance fall on its working days.
 */
import { workflows, type Records, type SeedContext } from '../../core/sdk.js';
import { addDays, isoDate } from './dates.js';
import { daysOff } from './holidays.js';

const FIRST = ['Ana', 'Ben', 'Chen', 'Dara', 'Emeka', 'Farah', 'Goran', 'Hana', 'Ivan', 'Jia', 'Kofi', 'Lena', 'Mina', 'Nils', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tara'];
const LAST = ['Silva', 'Okafor', 'Novak', 'Haddad', 'Kim', 'Rahman', 'Berg', 'Costa', 'Ito', 'Mensah', 'Duarte', 'Weber'];
const DEPARTMENTS: [string, string][] = [['Operations', 'OPS'], ['Finance', 'FIN'], ['Engineering', 'ENG'], ['Sales', 'SAL'], ['People', 'PPL']];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Bangladesh's fixed-date public holidays of 2026. */
const HOLIDAYS_2026: [string, string][] = [
  ['2026-02-21', 'Shaheed Day and International Mother Language Day'],
  ['2026-03-26', 'Independence Day'],
  ['2026-04-14', 'Pohela Boishakh (Bengali New Year)'],
  ['2026-05-01', 'May Day'],
  ['2026-12-16', 'Victory Day'],
  ['2026-12-25', 'Christmas Day'],
];
const monthStart = (d: string, back: number): string => {
  const t = new Date(`${d.slice(0, 7)}-01T00:00:00Z`);
  t.setUTCMonth(t.getUTCMonth() - back);
  return isoDate(t.getTime());
};
const monthEnd = (start: string): string => {
  const t = new Date(`${start}T00:00:00Z`);
  t.setUTCMonth(t.getUTCMonth() + 1);
  return addDays(isoDate(t.getTime()), -1);
};

export async function seedHr(ctx: SeedContext): Promise<void> {
  const demo = ctx.size === 'demo';
  const r = rng(ctx.organization.slug.length * 7919);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const login = (role: string): { id: string; email: string } | undefined => ctx.usersByRole.get(`hr.${role}`);
  const as = async (role: string): Promise<Records> => {
    const u = login(role);
    return u ? ctx.as(u) : ctx.records;
  };
  const hr = await as('hr_officer');
  const payroll = await as('payroll_officer');
  const finance = await as('finance');
  const approverRecords = await as('approver');
  const hrFlow = await workflows(hr);
  const approverFlow = await workflows(approverRecords);
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const approverUser = login('approver')?.id ?? null;
  const hrUser = login('hr_officer')?.id ?? null;

  // Departments and leave types.
  const departments: string[] = [];
  for (const [name, code] of DEPARTMENTS.slice(0, demo ? 5 : 3)) departments.push(String((await hr.create('hr.department', { name, code })).id));
  const list = await hr.create('hr.holiday_list', { name: 'Bangladesh 2026', from_date: '2026-01-01', to_date: '2026-12-31', is_default: true, friday_off: true, saturday_off: true, sunday_off: false });
  for (const [date, description] of HOLIDAYS_2026) await hr.create('hr.holiday', { holiday_list: list.id, date, description });
  // The organization's working days around today (every employee takes the default list).
  const off = await daysOff(ctx.records, [], addDays(today, -120), addDays(today, 60));
  const weekday = (d: string): boolean => !off('', d);
  const type = async (values: Record<string, unknown>): Promise<string> => String((await hr.create('hr.leave_type', values)).id);
  const casual = await type({ name: 'Casual leave', validated_by: 'MANAGER', max_days_per_year: 12 });
  const sick = await type({ name: 'Sick leave', validated_by: 'BOTH', max_days_per_year: 10 });
  const earned = await type({ name: 'Earned leave', validated_by: 'MANAGER', earned_per_month: 1.5 });
  const unpaid = await type({ name: 'Leave without pay', without_pay: true, allow_negative: true, validated_by: 'HR' });

  // Salary: one structure, fixed and percentage components.
  const component = async (name: string, abbreviation: string, kind: string): Promise<string> => String((await payroll.create('hr.salary_component', { name, abbreviation, kind })).id);
  const basic = await component('Basic', 'BAS', 'EARNING');
  const hra = await component('House rent allowance', 'HRA', 'EARNING');
  const transport = await component('Transport', 'TRN', 'EARNING');
  const tax = await component('Income tax', 'TAX', 'DEDUCTION');
  const pension = await component('Pension', 'PEN', 'DEDUCTION');
  const structure = String((await payroll.create('hr.salary_structure', { name: 'Standard' })).id);
  for (const [c, values] of [[basic, { percent_of_base: 60 }], [hra, { percent_of_base: 30 }], [transport, { amount: 150 }], [tax, { percent_of_base: 10 }], [pension, { percent_of_base: 5 }]] as const) {
    await payroll.create('hr.salary_structure_line', { structure, component: c, ...values });
  }

  // Employees: the employee and approver logins first, then the rest.
  const count = demo ? 60 : 8;
  const employees: { id: string; approver: string | null }[] = [];
  for (let i = 0; i < count; i++) {
    const user = i === 0 ? (login('employee')?.id ?? null) : i === 1 ? approverUser : null;
    const name = i === 0 ? 'Demo Employee' : i === 1 ? 'Demo Approver' : `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    // The approver's own leave goes to HR; everyone else's to the approver.
    const leaveApprover = i === 1 ? hrUser : approverUser;
    const join = addDays(today, -int(200, 2000));
    const emp = await hr.create('hr.employee', {
      name, user, department: departments[i % departments.length], join_date: join, leave_approver: leaveApprover, expense_approver: leaveApprover,
      manager: i > 1 ? employees[1]?.id ?? null : null, status: i === count - 1 ? 'LEFT' : 'ACTIVE',
    });
    employees.push({ id: String(emp.id), approver: leaveApprover });
    await payroll.create('hr.salary_assignment', { employee: emp.id, structure, from_date: join, base: 1800 + 100 * int(0, 30) });
  }
  const active = employees.slice(0, count - 1);

  // Allocations for this year, posted.
  for (const e of active) {
    for (const [t, days] of [[casual, 12], [sick, 10], [earned, 6]] as const) {
      const a = await hr.create('hr.leave_allocation', { employee: e.id, leave_type: t, year, days, from_date: `${year}-01-01`, expires_on: `${year}-12-31` });
      await hrFlow.run('hr.leave_allocation', String(a.id), 'submit');
    }
  }

  // Leave applications within this year (90 days back, 30 ahead), without overlaps per employee.
  const taken = new Map<string, Set<string>>();
  const apps = demo ? 150 : 12;
  const approvedSpans: { employee: string; from: string; to: string }[] = [];
  for (let n = 0, tries = 0; n < apps && tries < apps * 5; tries++) {
    const e = active[int(0, active.length - 1)];
    let from = addDays(today, int(-90, 30));
    while (!weekday(from)) from = addDays(from, 1);
    if (Number(from.slice(0, 4)) !== year) continue;
    const long = r() < 0.08;
    const to = addDays(from, long ? int(7, 9) : int(0, 2));
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    const mine = taken.get(e.id) ?? new Set<string>();
    if (days.some((d) => mine.has(d)) || to.slice(0, 4) !== from.slice(0, 4)) continue;
    const pick = r();
    const leaveType = pick < 0.55 ? casual : pick < 0.8 ? sick : pick < 0.92 ? earned : unpaid;
    const half = !long && from === to && r() < 0.2 ? (r() < 0.5 ? 'MORNING' : 'AFTERNOON') : null;
    const employeeRecords = e === employees[0] && login('employee') ? await as('employee') : hr;
    let app;
    try {
      app = await employeeRecords.create('hr.leave_application', { employee: e.id, leave_type: leaveType, from_date: from, to_date: to, half_day: half, reason: long ? 'Family trip' : 'Personal' });
    } catch {
      continue; // a rare clash the tally missed: the database refused it, as it should
    }
    days.forEach((d) => mine.add(d));
    taken.set(e.id, mine);
    n++;
    const id = String(app.id);
    const fate = r();
    if (fate < 0.15) continue; // stays open, waiting for its approver
    if (fate < 0.22) {
      // Rejected by whoever holds the open step (the approver, or HR for HR-only types).
      const why = { comment: 'Too many people away that week' };
      await approverFlow.run('hr.leave_application', id, 'reject', why).catch(() => hrFlow.run('hr.leave_application', id, 'reject', why));
      continue;
    }
    try {
      // The approver's step (when the type has one), then HR's (when the type or the length says so).
      const stepFlow = e.approver === approverUser ? approverFlow : hrFlow;
      let res = leaveType === unpaid ? await hrFlow.run('hr.leave_application', id, 'approve') : await stepFlow.run('hr.leave_application', id, 'approve');
      if (!res.moved) res = await hrFlow.run('hr.leave_application', id, 'approve');
      if (res.moved) approvedSpans.push({ employee: e.id, from, to });
      if (res.moved && fate > 0.95) await hrFlow.run('hr.leave_application', id, 'cancel');
    } catch {
      // Not enough balance left: it stays open, as it would for a real approver.
    }
  }

  // Attendance for the past working days (not today: the reminder job has something to say): thousands of
  // independent rows, written set-wise (each still checked, hooked and audited as a create is).
  const attendanceDays = demo ? 90 : 10;
  const attendance: Record<string, unknown>[] = [];
  for (let back = attendanceDays; back >= 1; back--) {
    const date = addDays(today, -back);
    if (!weekday(date)) continue;
    for (const e of active) {
      const onLeave = approvedSpans.some((s) => s.employee === e.id && s.from <= date && date <= s.to);
      const x = r();
      const status = onLeave ? 'ON_LEAVE' : x < 0.8 ? 'PRESENT' : x < 0.92 ? 'REMOTE' : x < 0.97 ? 'HALF_DAY' : 'ABSENT';
      attendance.push({ employee: e.id, date, status });
    }
  }
  await hr.createMany('hr.attendance', attendance);

  // Payroll: three paid months before this one, and this month's run as a draft.
  const payrollFlow = await workflows(payroll);
  const financeFlow = await workflows(finance);
  for (let back = 3; back >= 1; back--) {
    const start = monthStart(today, back);
    const run = await payroll.create('hr.payroll_run', { period_start: start, period_end: monthEnd(start) });
    await payroll.runAction('hr.payroll_run', 'create_slips', String(run.id));
    await payrollFlow.run('hr.payroll_run', String(run.id), 'approve');
    await financeFlow.run('hr.payroll_run', String(run.id), 'approve');
    await financeFlow.run('hr.payroll_run', String(run.id), 'pay');
  }
  const current = monthStart(today, 0);
  await payroll.create('hr.payroll_run', { period_start: current, period_end: monthEnd(current) });

  // Expense claims in each state.
  const employeeLogin = login('employee');
  const claimant = employeeLogin ? await ctx.as(employeeLogin) : hr;
  const claimFlow = await workflows(claimant);
  for (let i = 0; i < (demo ? 12 : 4); i++) {
    const claim = await claimant.create('hr.expense_claim', { employee: employees[0].id, claim_date: addDays(today, -int(1, 60)), description: ['Taxi to client', 'Team lunch', 'Conference ticket', 'Printer toner'][i % 4], amount: int(15, 400) });
    const state = i % 4;
    if (state === 0) continue;
    await claimFlow.run('hr.expense_claim', String(claim.id), 'submit');
    if (state === 1) continue;
    await approverFlow.run('hr.expense_claim', String(claim.id), 'approve');
    if (state === 3) await financeFlow.run('hr.expense_claim', String(claim.id), 'pay');
  }
}
