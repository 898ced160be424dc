/**
 * The project office's scheduled mail (module-manifests/task.json `jobs`).
 * Each user gets at most one mail per kind and day: the marker row
 * (`digest_sent`, unique per user, kind and day) is written first, in the
 * same transaction as the mail, so a rerun skips the user and two runs at
 * once queue on the unique key: the second's insert fails once the first
 * commits and its mail rolls back with it. Days are UTC days of the run's
 * start (a job's context does not carry the organization's zone).
 */
import { enqueueMail, UmsError, type JobContext, type RecordData, type Records } from '../../core/sdk.js';
import { ASSIGNEE, DIGEST, DONE_GROUPS, ITEM, MEMBER, STATE, TIME } from './items.js';

const DAY_MS = 86_400_000;
export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

async function all(records: Records, key: string, filters: { field: string; op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in'; value: unknown }[] = []): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(key, { filters })) out.push(...page);
  return out;
}

/** Sends one mail to `user` for (kind, day) unless it went out already; true when this call sent it. */
async function once(records: Records, user: RecordData, kind: string, day: string, items: number, title: string, body: string): Promise<boolean> {
  const sent = await records.count(DIGEST, [{ field: 'user', op: 'eq', value: user.id }, { field: 'kind', op: 'eq', value: kind }, { field: 'day', op: 'eq', value: day }]);
  if (sent) return false;
  try {
    await records.transaction(async (tx) => {
      await tx.create(DIGEST, { user: user.id, kind, day, items });
      await enqueueMail(tx, { to: String(user.email), template: 'notice', data: { name: String(user.name ?? ''), title, body } });
    });
    return true;
  } catch (err) {
    // Another run sent it meanwhile (the unique marker); anything else is a real failure.
    if (err instanceof UmsError && (err.code === 'VALIDATION_FAILED' || err.code === 'CONFLICT')) return false;
    throw err;
  }
}

/** Open items assigned to each user that are due within two days or overdue: one digest per user and day. */
export async function dueDigest(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const today = dayOf(ctx.now);
  const soon = dayOf(new Date(ctx.now.getTime() + 2 * DAY_MS));
  const done = new Set((await all(records, STATE)).filter((s) => DONE_GROUPS.includes(String(s.group))).map((s) => s.id));
  const due = new Map((await all(records, ITEM, [{ field: 'due_date', op: 'lte', value: soon }])).filter((i) => !done.has(String(i.state))).map((i) => [i.id, i]));
  const byUser = new Map<string, RecordData[]>();
  for (const a of await all(records, ASSIGNEE)) {
    const item = due.get(String(a.work_item));
    if (item) byUser.set(String(a.user), [...(byUser.get(String(a.user)) ?? []), item]);
  }
  let sent = 0;
  const users = await records.getMany('core.user', [...byUser.keys()]);
  for (const user of users) {
    if (user.is_active === false) continue;
    const items = byUser.get(user.id)!.sort((a, b) => String(a.due_date).localeCompare(String(b.due_date)));
    const overdue = items.filter((i) => String(i.due_date) < today).length;
    const lines = items.map((i) => `${String(i.number)} ${String(i.title)}: due ${String(i.due_date)}${String(i.due_date) < today ? ' (overdue)' : ''}`);
    const title = `${items.length} item${items.length === 1 ? '' : 's'} due soon${overdue ? `, ${overdue} overdue` : ''}`;
    if (await once(records, user, 'due_digest', today, items.length, title, lines.join('\n'))) sent++;
  }
  return `${sent} digest${sent === 1 ? '' : 's'} sent`;
}

/** Monday of the ISO week of `d`. */
export function weekStart(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7;
  return dayOf(new Date(d.getTime() - day * DAY_MS));
}

/** Project members and managers with draft time this week, or none logged, are reminded to log and submit it. */
export async function timesheetReminder(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const today = dayOf(ctx.now);
  const monday = weekStart(ctx.now);
  const working = new Set((await all(records, MEMBER)).filter((m) => m.role !== 'viewer').map((m) => String(m.user)));
  const week = await all(records, TIME, [{ field: 'date', op: 'gte', value: monday }, { field: 'date', op: 'lte', value: today }]);
  let sent = 0;
  for (const user of await records.getMany('core.user', [...working])) {
    const mine = week.filter((e) => e.user === user.id);
    const drafts = mine.filter((e) => e.status === 'draft' || e.status === 'rejected');
    const hours = mine.reduce((s, e) => s + Number(e.hours), 0);
    let body: string;
    if (!mine.length) body = `You have logged no time for the week of ${monday}. Please log it and submit your timesheet.`;
    else if (drafts.length) body = `${drafts.length} of your ${mine.length} time entries for the week of ${monday} (${hours} h) are not submitted yet. Please submit them for approval.`;
    else continue;
    if (await once(records, user, 'timesheet_reminder', today, drafts.length, `Your timesheet for the week of ${monday}`, body)) sent++;
  }
  return `${sent} timesheet reminder${sent === 1 ? '' : 's'} sent`;
}
