/**
 * The HR demo seed (small size): departments, employees with salary
 * assignments, posted allocations, leave applications in every state made
 * and approved through the workflow (so every leave balance equals the sum
 * of its ledger movements and only a type that allows it is negative),
 * attendance, three paid payroll runs with a payslip per active employee
 * and this month's draft, and the demo employee's own login sees their own.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import { findOrganization } from '../core/tenancy/index.js';
import { seedDemoIfEmpty, type DemoLogin } from '../core/tenancy/demo.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let logins: DemoLogin[] | undefined;
let records: RecordService;
let orgId: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  logins = await seedDemoIfEmpty(runtime, { size: 'small', systemTypes: ['hr'] });
  orgId = (await findOrganization(runtime, 'hr')).id;
  records = RecordService.forSystem(runtime, orgId, 'test');
}, 240_000);
afterAll(() => runtime.dispose());

describe('hr demo seed', () => {
  it('prints a login per HR role', () => {
    expect(logins?.map((l) => l.email)).toEqual(expect.arrayContaining(['employee@hr.demo', 'approver@hr.demo', 'hr_officer@hr.demo', 'payroll_officer@hr.demo', 'finance@hr.demo']));
  });

  it('makes departments, employees, leave types, and leave in several states', async () => {
    expect(await records.count('hr.department')).toBe(3);
    expect(await records.count('hr.employee')).toBe(8);
    expect(await records.count('hr.leave_type')).toBe(4);
    const apps = await records.find('hr.leave_application', { limit: 1000 });
    expect(apps.length).toBe(12);
    expect(new Set(apps.map((a) => a.status)).size).toBeGreaterThanOrEqual(2);
    expect(await records.count('hr.attendance')).toBeGreaterThan(20);
  });

  it('every leave balance is the sum of its movements; only a type that allows it is below zero', async () => {
    const moves = await records.find('hr.leave_ledger_entry', { limit: 1000 });
    const key = (m: Record<string, unknown>): string => `${m.employee}|${m.leave_type}|${m.year}`;
    const sums = new Map<string, number>();
    for (const m of moves) sums.set(key(m), (sums.get(key(m)) ?? 0) + Number(m.days));
    const types = new Map((await records.find('hr.leave_type')).map((t) => [t.id, t]));
    const balances = await records.find('hr.leave_balance', { limit: 1000 });
    expect(balances.length).toBe(sums.size);
    for (const b of balances) {
      expect(Number(b.days)).toBeCloseTo(sums.get(key(b))!, 6);
      if (Number(b.days) < 0) expect(types.get(String(b.leave_type))!.allow_negative).toBe(true);
    }
  });

  it('three paid runs with one payslip per active employee, gross and net from their lines, and a draft run', async () => {
    const runs = await records.find('hr.payroll_run', { limit: 10 });
    expect(runs.map((r) => r.status).sort()).toEqual(['DRAFT', 'PAID', 'PAID', 'PAID']);
    const activeCount = await records.count('hr.employee', [{ field: 'status', op: 'eq', value: 'ACTIVE' }]);
    for (const run of runs.filter((r) => r.status === 'PAID')) {
      const slips = await records.find('hr.payslip', { filters: [{ field: 'run', op: 'eq', value: run.id }], limit: 100 });
      expect(slips).toHaveLength(activeCount);
      for (const slip of slips) {
        const lines = await records.find('hr.payslip_line', { filters: [{ field: 'payslip', op: 'eq', value: slip.id }], limit: 100 });
        const total = (kind: string): number => lines.filter((l) => l.kind === kind).reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0);
        expect(Math.round(Number(slip.gross) * 100)).toBe(total('EARNING'));
        expect(Math.round(Number(slip.net) * 100)).toBe(total('EARNING') - total('DEDUCTION'));
      }
    }
  });

  it('the demo employee sees their own employee record, leave and paid payslips only', async () => {
    const user = logins!.find((l) => l.email === 'employee@hr.demo')!;
    const [u] = await records.find('core.user', { filters: [{ field: 'email', op: 'eq', value: user.email }] });
    const me = await RecordService.for(runtime, { kind: 'user', userId: u.id, organizationId: orgId, email: user.email });
    const mine = await me.find('hr.employee');
    expect(mine.map((e) => e.name)).toEqual(['Demo Employee']);
    expect((await me.find('hr.leave_application', { limit: 1000 })).every((a) => a.employee === mine[0].id)).toBe(true);
    expect(await me.find('hr.payslip', { limit: 100 })).toHaveLength(3);
  });
});
