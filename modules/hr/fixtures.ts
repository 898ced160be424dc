/**
 * Valid test records for the generic test data generator (permission parity):
 * the manifest's checks (end after start, a half day is one date) and its
 * constraints (no overlapping leave, one attendance per day, one run per
 * period) are met by giving record i its own dates. Leave stays open and
 * allocations drafts: approved or submitted ones are posted, which only the
 * workflow does. Tests only.
 */
import type { FixtureRecord, RecordData, Records } from '../../core/sdk.js';

const DAY_MS = 86_400_000;
const day = (offset: number): string => new Date(Date.UTC(2026, 0, 5) + offset * DAY_MS).toISOString().slice(0, 10);

const byAge = { sort: { field: 'created_at', direction: 'asc' as const }, limit: 1000 };

/** The user holding the employee role (the generator gives each role one), or undefined. */
async function employeeLogin(records: Records): Promise<string | undefined> {
  const [role] = await records.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'hr.employee' }], limit: 1 });
  const [holder] = role ? await records.find('core.role_assignment', { filters: [{ field: 'role', op: 'eq', value: role.id }], limit: 1 }) : [];
  return holder ? String(holder.user) : undefined;
}

/** The employee record of that login, once the generator has made it. */
async function loginEmployee(records: Records): Promise<RecordData | undefined> {
  const user = await employeeLogin(records);
  return user ? (await records.find('hr.employee', { filters: [{ field: 'user', op: 'eq', value: user }], limit: 1 }))[0] : undefined;
}

export const hrFixtures: Record<string, FixtureRecord> = {
  // The first employee is the employee role's own login (a login is unique), so that role's rules match some records.
  employee: async (draft, { index, records }) => ({ ...draft, manager: null, user: index === 0 ? ((await employeeLogin(records)) ?? draft.user) : draft.user }),
  leave_allocation: (draft, { index }) => ({ ...draft, status: 'DRAFT', from_date: day(index), expires_on: day(index + 300) }),
  leave_application: (draft, { index }) => ({ ...draft, status: 'OPEN', from_date: day(index * 7), to_date: day(index * 7 + (index % 3)), half_day: null }),
  leave_ledger_entry: (draft, { index }) => ({ ...draft, days: 1 + (index % 5) }),
  attendance: (draft, { index }) => ({ ...draft, date: day(index), status: 'PRESENT' }),
  // Runs alternate draft and approved, so an employee's rules (approved runs, their payslips) match some records.
  payroll_run: (draft, { index }) => ({ ...draft, period_start: day(index * 31), period_end: day(index * 31 + 30), status: index % 2 ? 'APPROVED' : 'DRAFT' }),
  // Payslips 0 and 1 are the employee login's, in the first (draft) and second (approved) run; the
  // rest go round the other employees, shifting run each round, so no (run, employee) pair repeats.
  payslip: async (draft, { index, records }) => {
    const runs = await records.find('hr.payroll_run', byAge);
    const own = await loginEmployee(records);
    const others = (await records.find('hr.employee', byAge)).filter((e) => e.id !== own?.id);
    if (own && index < 2 && runs.length > 1) return { ...draft, employee: own.id, run: runs[index].id };
    if (!runs.length || !others.length) return draft;
    const round = Math.floor(index / others.length);
    return { ...draft, employee: others[index % others.length].id, run: runs[(index + round) % runs.length].id };
  },
  // Lines 0 and 1 belong to the employee login's two payslips (one of an approved run, one not).
  payslip_line: async (draft, { index, records }) => {
    const own = index < 2 ? await loginEmployee(records) : undefined;
    const slips = own ? await records.find('hr.payslip', { filters: [{ field: 'employee', op: 'eq', value: own.id }], ...byAge }) : [];
    return slips[index] ? { ...draft, payslip: slips[index].id } : draft;
  },
  // A structure line is priced one way (salary-formulas.ts): alternately an amount and a % of base (a formula would have to name the structure's other components).
  salary_structure_line: (draft, { index }) => ({ ...draft, formula: null, amount: index % 2 ? null : 100 + index, percent_of_base: index % 2 ? 10 : null }),
  expense_claim: (draft, { index }) => ({ ...draft, status: index % 2 ? 'SUBMITTED' : 'DRAFT' }),
  // One default list (default lists may not overlap); every list keeps Monday to Friday working, and
  // holidays fall on Sundays, so the generated leave (Monday to at most Wednesday) keeps its working days.
  holiday_list: (draft, { index }) => ({
    ...draft,
    is_default: index === 0,
    from_date: index === 0 ? '2020-01-01' : day(index),
    to_date: index === 0 ? '2030-12-31' : day(index + 365),
    ...Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [`${d}_off`, false])),
    saturday_off: true,
    sunday_off: true,
  }),
  holiday: (draft, { index }) => ({ ...draft, date: day(6 + index * 7) }),
};
