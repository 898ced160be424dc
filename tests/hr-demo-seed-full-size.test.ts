/**
 * The HR demo at the size, seeded through the SDK as the demo people
 * would do it, with its counts exact: 5 departments, 60 employees (one has
 * left), 4 leave types, 150 leave applications, attendance for every
 * working day of the 90 days before today for each active employee, 3 paid
 * payroll runs with a payslip per active employee and this month's draft.
 * The seed's duration is printed (issue 12: the demo must stay quick to load).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import { findOrganization } from '../core/tenancy/index.js';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let records: RecordService;
let seconds = 0;

const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const day = (offset: number): string => new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  runtime = await createTestRuntime();
  const t0 = Date.now();
  await seedDemoIfEmpty(runtime, { size: 'demo', systemTypes: ['hr'] });
  seconds = (Date.now() - t0) / 1000;
  console.log(`hr demo seed (demo size): ${seconds.toFixed(1)} s`);
  records = RecordService.forSystem(runtime, (await findOrganization(runtime, 'hr')).id, 'test');
}, 600_000);
afterAll(() => runtime.dispose());

describe('hr demo at full size', () => {
  it('5 departments, 60 employees of whom 59 active, 4 leave types, 150 leave applications', async () => {
    expect(await records.count('hr.department')).toBe(5);
    expect(await records.count('hr.employee')).toBe(60);
    expect(await records.count('hr.employee', [{ field: 'status', op: 'eq', value: 'ACTIVE' }])).toBe(59);
    expect(await records.count('hr.leave_type')).toBe(4);
    expect(await records.count('hr.leave_application')).toBe(150);
  });

  it('attendance on each working day of the 90 days before today, one per active employee', async () => {
    const dates = new Set<string>();
    let rows = 0;
    for await (const page of records.findPages('hr.attendance', {}, 1000)) {
      rows += page.length;
      for (const a of page) dates.add(String(a.date));
    }
    // The demo's default holiday list (Bangladesh 2026: Friday and Saturday off and its fixed-date holidays) says which days are worked.
    const [list] = await records.find('hr.holiday_list', { filters: [{ field: 'is_default', op: 'eq', value: true }] });
    const holidays = new Set((await records.find('hr.holiday', { filters: [{ field: 'holiday_list', op: 'eq', value: list.id }], limit: 100 })).map((h) => String(h.date)));
    const off = (d: string): boolean => {
      if (d < String(list.from_date) || d > String(list.to_date)) return [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
      const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
      return wd === 5 || wd === 6 || holidays.has(d);
    };
    const worked = Array.from({ length: 90 }, (_, i) => day(-90 + i)).filter((d) => !off(d));
    expect([...dates].sort()).toEqual(worked);
    expect(rows).toBe(worked.length * 59);
  });

  it('three paid runs of 59 payslips each before this month, and this month\'s draft', async () => {
    const runs = await records.find('hr.payroll_run', { sort: { field: 'period_start', direction: 'asc' }, limit: 10 });
    expect(runs.map((r) => r.status)).toEqual(['PAID', 'PAID', 'PAID', 'DRAFT']);
    expect(runs[3].period_start).toBe(`${today.slice(0, 7)}-01`);
    for (const run of runs) expect(await records.count('hr.payslip', [{ field: 'run', op: 'eq', value: run.id }])).toBe(run.status === 'PAID' ? 59 : 0);
  });
});
