/**
 * The HR jobs declared in module-manifests/hr.json, per organization, as the
 * system actor `job:hr.<name>`. Balances move only through the leave ledger,
 * so accrual and expiry write ledger rows (the balance follows atomically);
 * each row names its reason with the month or allocation, which makes a
 * second run of the same day a no-op.
 */
import { notify, type JobContext, type RecordData, type Records } from '../../core/sdk.js';
import { daysOff } from './holidays.js';

const DAY = 86_400_000;

async function all(records: Records, key: string, filters: NonNullable<Parameters<Records['find']>[1]>['filters'] = []): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(key, { filters }, 1000)) out.push(...page);
  return out;
}

async function usersWithRole(records: Records, role: string): Promise<string[]> {
  const ids = new Set<string>();
  const roles = await records.find('core.role', { filters: [{ field: 'name', op: 'eq', value: role }], limit: 10 });
  for (const r of roles) for (const a of await all(records, 'core.role_assignment', [{ field: 'role', op: 'eq', value: r.id }])) ids.add(String(a.user));
  return [...ids];
}

/** First of the month: each earned-leave type's monthly days for every active employee, once per month. */
export async function earnedLeaveAccrual(ctx: JobContext): Promise<string> {
  const { records, now } = ctx;
  const month = now.toISOString().slice(0, 7);
  const reason = `Earned leave ${month}`;
  const types = (await all(records, 'hr.leave_type')).filter((t) => Number(t.earned_per_month ?? 0) > 0);
  if (!types.length) return 'no earned-leave types';
  const done = new Set((await all(records, 'hr.leave_ledger_entry', [{ field: 'reason', op: 'eq', value: reason }])).map((e) => `${e.employee}|${e.leave_type}`));
  let n = 0;
  for (const employee of await all(records, 'hr.employee', [{ field: 'status', op: 'eq', value: 'ACTIVE' }])) {
    for (const type of types) {
      if (done.has(`${employee.id}|${type.id}`)) continue;
      await records.create('hr.leave_ledger_entry', { employee: employee.id, leave_type: type.id, year: Number(month.slice(0, 4)), days: type.earned_per_month, posting_date: `${month}-01`, reason });
      n++;
    }
  }
  return `${n} accruals`;
}

/**
 * Allocations past their expiry give up what is unused: an expiry movement of
 * at most the allocation's days and never below zero, naming the allocation,
 * so an allocation with an expiry movement is not expired twice (a posted
 * allocation is read-only: the ledger row is the record of it).
 */
export async function allocationExpiry(ctx: JobContext): Promise<string> {
  const { records, now } = ctx;
  const today = now.toISOString().slice(0, 10);
  const done = new Set((await all(records, 'hr.leave_ledger_entry', [{ field: 'reason', op: 'contains', value: 'Expired' }])).map((e) => String(e.allocation)));
  const due = (await all(records, 'hr.leave_allocation', [{ field: 'status', op: 'eq', value: 'SUBMITTED' }, { field: 'expires_on', op: 'lt', value: today }])).filter((a) => !done.has(a.id));
  let days = 0;
  for (const a of due) {
    await records.transaction(async (tx) => {
      const [balance] = await tx.find('hr.leave_balance', { filters: [{ field: 'employee', op: 'eq', value: a.employee }, { field: 'leave_type', op: 'eq', value: a.leave_type }, { field: 'year', op: 'eq', value: a.year }], limit: 1 });
      const left = Math.min(Number(a.days), Math.max(0, Number(balance?.days ?? 0)));
      // A zero row still marks the allocation as expired. The balance is taken by a conditional
      // update: if leave was approved meanwhile, the movement is refused and retried tomorrow.
      await tx.create('hr.leave_ledger_entry', { employee: a.employee, leave_type: a.leave_type, year: a.year, days: -left, posting_date: today, reason: `Expired ${String(a.number)}`, allocation: a.id });
      days += left;
    });
  }
  return `${due.length} allocations expired, ${days} days lapsed`;
}

/** Daily: HR officers hear how many active employees have no attendance for today, leaving out those for whom today is off. */
export async function attendanceReminder(ctx: JobContext): Promise<string> {
  const { records, now } = ctx;
  const today = now.toISOString().slice(0, 10);
  const marked = new Set((await all(records, 'hr.attendance', [{ field: 'date', op: 'eq', value: today }, { field: 'status', op: 'ne', value: 'CANCELLED' }])).map((a) => String(a.employee)));
  const active = await all(records, 'hr.employee', [{ field: 'status', op: 'eq', value: 'ACTIVE' }]);
  const off = await daysOff(records, active.map((e) => e.id), today, today);
  const due = active.filter((e) => !off(e.id, today));
  if (!due.length) return 'a day off for everyone';
  const unmarked = due.filter((e) => !marked.has(e.id));
  if (!unmarked.length) return 'all marked';
  const officers = await usersWithRole(records, 'hr.hr_officer');
  for (const user of officers) await notify(records, { user, title: `${unmarked.length} employees have no attendance for ${today}`, body: unmarked.slice(0, 20).map((e) => String(e.name)).join(', ') });
  return `${unmarked.length} unmarked, ${officers.length} officers told`;
}

/** Each morning: leave applications open for more than 48 hours, brought to HR officers. */
export async function pendingApprovals(ctx: JobContext): Promise<string> {
  const { records, now } = ctx;
  const cutoff = new Date(now.getTime() - 2 * DAY).toISOString();
  const waiting = await all(records, 'hr.leave_application', [{ field: 'status', op: 'eq', value: 'OPEN' }, { field: 'created_at', op: 'lt', value: cutoff }]);
  if (!waiting.length) return 'none pending';
  const officers = await usersWithRole(records, 'hr.hr_officer');
  for (const user of officers) await notify(records, { user, title: `${waiting.length} leave applications waiting more than 48 hours`, body: waiting.slice(0, 20).map((a) => String(a.number)).join(', ') });
  return `${waiting.length} pending, ${officers.length} officers told`;
}
