/**
 * Which days are off for an employee: the weekly offs and dated holidays of
 * their holiday list — their own, else their department's, else the
 * organization's default list covering the date (default lists never overlap:
 * the manifest's noOverlap). A date no list covers keeps Saturday and Sunday
 * off, as before lists existed. Read through the SDK as the system: the days
 * of a leave or a reminder do not depend on who may open the lists.
 */
import type { RecordData, Records } from '../../core/sdk.js';
import { addDays } from './dates.js';

const LIST = 'hr.holiday_list';
const HOLIDAY = 'hr.holiday';
/** The weekly-off flag of each UTC weekday (getUTCDay: 0 is Sunday). */
const OFF_FLAG = ['sunday_off', 'monday_off', 'tuesday_off', 'wednesday_off', 'thursday_off', 'friday_off', 'saturday_off'];

const idOf = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Whether `date` is off for the employee. */
export type DayOff = (employeeId: string, date: string) => boolean;

/** The days off of these employees between two dates (both included), from a handful of reads. */
export async function daysOff(records: Records, employeeIds: string[], from: string, to: string): Promise<DayOff> {
  const system = records.asSystem('holiday-lists');
  const many = async (key: string, ids: (string | undefined)[]): Promise<RecordData[]> => {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    return wanted.length ? system.getMany(key, wanted) : [];
  };
  const employees = await many('hr.employee', employeeIds);
  const departments = await many('hr.department', employees.map((e) => idOf(e.department)));
  const deptList = new Map(departments.map((d) => [d.id, idOf(d.holiday_list)]));
  const ownList = new Map(employees.map((e) => [e.id, idOf(e.holiday_list) ?? deptList.get(String(e.department))]));
  const named = await many(LIST, [...ownList.values()]);
  const defaults = await system.find(LIST, {
    filters: [{ field: 'is_default', op: 'eq', value: true }, { field: 'from_date', op: 'lte', value: to }, { field: 'to_date', op: 'gte', value: from }],
    limit: 100,
  });
  const lists = new Map<string, RecordData>([...named, ...defaults].map((l) => [l.id, l]));
  const holidays = new Set<string>();
  if (lists.size) {
    for await (const page of system.findPages(HOLIDAY, { filters: [{ field: 'holiday_list', op: 'in', value: [...lists.keys()] }, { field: 'date', op: 'gte', value: from }, { field: 'date', op: 'lte', value: to }] }, 1000)) {
      for (const h of page) holidays.add(`${String(h.holiday_list)}|${String(h.date)}`);
    }
  }
  const covers = (l: RecordData | undefined, date: string): l is RecordData => !!l && String(l.from_date) <= date && date <= String(l.to_date);
  return (employeeId, date) => {
    const own = lists.get(ownList.get(employeeId) ?? '');
    const list = covers(own, date) ? own : defaults.find((l) => covers(l, date));
    if (!list) return weekday(date) === 0 || weekday(date) === 6;
    return list[OFF_FLAG[weekday(date)]] === true || holidays.has(`${list.id}|${date}`);
  };
}

/** The employee's working days between two dates, both included. */
export function workingDaysOf(off: DayOff, employeeId: string, from: string, to: string): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (!off(employeeId, d)) n++;
  return n;
}
