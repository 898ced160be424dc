/**
 * Holiday lists (Frappe HRMS's Holiday List): weekly offs and dated holidays
 * per list, an organization default (default lists may not overlap), a list
 * per department or employee. Leave days count only the employee's working
 * days, a leave on days off only is refused, and the unmarked-attendance
 * reminder says nothing on a holiday. HR officers keep the lists; employees
 * and approvers read them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import type { RecordValidationError } from '../core/errors.js';
import { attendanceReminder } from '../modules/hr/jobs.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let org: Fixture;
let hr: RecordService;
let casual: string;
let maya: string;
let omar: string;
let dept: string;
let defaultList: string;

const fieldError = (err: unknown, field: string): string | undefined => (err as RecordValidationError).fieldErrors?.[field]?.message;

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'hr', ['employee', 'approver', 'hr_officer']);
  hr = await org.as('hr_officer');
  casual = String((await hr.create('hr.leave_type', { name: 'Casual', allow_negative: true })).id);
  dept = String((await hr.create('hr.department', { name: 'Dhaka office' })).id);
  maya = String((await hr.create('hr.employee', { name: 'Maya Employee', user: org.users.get('employee')!.id, join_date: '2025-01-06', leave_approver: org.users.get('approver')!.id })).id);
  omar = String((await hr.create('hr.employee', { name: 'Omar Dhaka', department: dept, join_date: '2025-01-06', leave_approver: org.users.get('approver')!.id })).id);
}, 120_000);
afterAll(() => runtime?.dispose());

describe('holiday lists', () => {
  it('an HR officer keeps the lists and their holidays; employees and approvers read them and cannot change them', async () => {
    const list = await hr.create('hr.holiday_list', { name: '2026', from_date: '2026-01-01', to_date: '2026-12-31', is_default: true });
    defaultList = String(list.id);
    expect(list).toMatchObject({ saturday_off: true, sunday_off: true, friday_off: false });
    await hr.create('hr.holiday', { holiday_list: list.id, date: '2026-03-26', description: 'Independence Day' });
    await hr.create('hr.holiday', { holiday_list: list.id, date: '2026-12-16', description: 'Victory Day' });
    for (const role of ['employee', 'approver']) {
      const records = await org.as(role);
      expect((await records.find('hr.holiday', { filters: [{ field: 'holiday_list', op: 'eq', value: list.id }] })).map((h) => h.date).sort()).toEqual(['2026-03-26', '2026-12-16']);
      expect((await records.get('hr.holiday_list', defaultList)).name).toBe('2026');
      expect((await errorOf(records.create('hr.holiday', { holiday_list: list.id, date: '2026-05-01', description: 'May Day' }))).code).toBe('FORBIDDEN');
      expect((await errorOf(records.update('hr.holiday_list', defaultList, { friday_off: true }))).code).toMatch(/FORBIDDEN|NOT_FOUND/);
    }
  });

  it('one holiday per list and date; default lists may not overlap', async () => {
    expect(fieldError(await errorOf(hr.create('hr.holiday', { holiday_list: defaultList, date: '2026-03-26', description: 'Again' })), 'holiday_list')).toMatch(/already a holiday/);
    const overlap = await errorOf(hr.create('hr.holiday_list', { name: 'Second half', from_date: '2026-07-01', to_date: '2027-06-30', is_default: true }));
    expect(Object.values((overlap as RecordValidationError).fieldErrors ?? {}).map((e) => e.message)).toContain('another default holiday list already covers these dates');
    // Not a default, or after the default's end: fine.
    await hr.create('hr.holiday_list', { name: 'Dhaka office', from_date: '2026-01-01', to_date: '2026-12-31', friday_off: true, saturday_off: true, sunday_off: false });
    await hr.create('hr.holiday_list', { name: '2027', from_date: '2027-01-01', to_date: '2027-12-31', is_default: true });
  });
});

describe('leave days', () => {
  it('a leave over a weekend and a holiday counts only the working days of the default list', async () => {
    // Wed 25 March to Tue 31 March 2026: Thursday the 26th is a holiday, the 28th and 29th a weekend.
    const app = await (await org.as('employee')).create('hr.leave_application', { employee: maya, leave_type: casual, from_date: '2026-03-25', to_date: '2026-03-31' });
    expect(Number(app.total_days)).toBe(4);
  });

  it("a department's list decides for its employees: Friday and Saturday off, no holiday on the 26th", async () => {
    const [list] = await hr.find('hr.holiday_list', { filters: [{ field: 'name', op: 'eq', value: 'Dhaka office' }] });
    await hr.update('hr.department', dept, { holiday_list: list.id });
    const app = await hr.create('hr.leave_application', { employee: omar, leave_type: casual, from_date: '2026-03-25', to_date: '2026-03-31' });
    expect(Number(app.total_days)).toBe(5);
    // Moving the dates recounts: Fri 3 to Sat 4 April holds no working day of this list.
    expect(Number((await hr.update('hr.leave_application', String(app.id), { from_date: '2026-04-03', to_date: '2026-04-04' })).total_days)).toBe(0);
  });

  it('a leave on a holiday counts no day; a half day on a working day counts half', async () => {
    expect(Number((await hr.create('hr.leave_application', { employee: maya, leave_type: casual, from_date: '2026-12-16', to_date: '2026-12-16' })).total_days)).toBe(0);
    const half = await hr.create('hr.leave_application', { employee: maya, leave_type: casual, from_date: '2026-12-17', to_date: '2026-12-17', half_day: 'MORNING' });
    expect(Number(half.total_days)).toBe(0.5);
  });
});

describe('the unmarked-attendance reminder', () => {
  const run = async (day: string): Promise<string> => {
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    return attendanceReminder({ records: await org.system(), now: new Date(`${day}T11:00:00Z`), organization: { id: org.org.id, slug: org.org.slug, name: org.org.name }, log, job: 'hr.attendance_reminder' } as never);
  };
  const notes = async (): Promise<string[]> => (await (await org.system()).find('core.notification', { filters: [{ field: 'user', op: 'eq', value: org.users.get('hr_officer')!.id }] })).map((n) => String(n.title));

  it('on a holiday of everyone\'s list it sends nothing', async () => {
    // Victory Day: a holiday of the default list (Maya) and a Wednesday of the Dhaka office's list (Omar), so drop Omar's list first.
    await hr.update('hr.department', dept, { holiday_list: null });
    expect(await run('2026-12-16')).toBe('a day off for everyone');
    expect(await notes()).toEqual([]);
  });

  it('on a working day it counts the unmarked employees, and leaves out those whose day is off', async () => {
    expect(await run('2026-12-17')).toBe('2 unmarked, 1 officers told');
    expect(await notes()).toEqual(['2 employees have no attendance for 2026-12-17']);
    // Friday 18 December: off for the Dhaka office's list only.
    const [list] = await hr.find('hr.holiday_list', { filters: [{ field: 'name', op: 'eq', value: 'Dhaka office' }] });
    await hr.update('hr.employee', omar, { holiday_list: list.id });
    expect(await run('2026-12-18')).toBe('1 unmarked, 1 officers told');
  });
});
