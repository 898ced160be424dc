/**
 * The gym's scheduled jobs (declared in module-manifests/gym.json), each per
 * organization through the job's tenant-bound Records. Days are UTC days of
 * the run's start, and schedule times are UTC: a job's context does not carry
 * the organization's zone.
 */
import { RecordValidationError, enqueueMail, notify, workflows, type JobContext, type RecordData, type Records } from '../../core/sdk.js';
import { BOOKING, MEMBER, MEMBERSHIP, SCHEDULE, SESSION, addDays, all, dayOf } from './memberships.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The ISO weekday name of a day. */
export const weekdayOf = (date: string): string => WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];

/** A time field's value (HH:MM, or HH:MM:SS when the seconds are not zero) with its seconds. */
const withSeconds = (time: unknown): string => (String(time).length === 5 ? `${String(time)}:00` : String(time));

/** The session of a schedule on a day: its name, times and the places that can be booked (capacity less walk-ins). */
export function sessionOf(schedule: RecordData, date: string): Record<string, unknown> {
  return {
    name: `${String(schedule.name)} ${date} ${String(schedule.start_time)}`,
    schedule: schedule.id,
    date,
    starts_at: `${date}T${withSeconds(schedule.start_time)}.000Z`,
    ends_at: `${date}T${withSeconds(schedule.end_time)}.000Z`,
    capacity: Number(schedule.capacity) - Number(schedule.walk_in_places ?? 0),
    trainer: schedule.trainer,
  };
}

/**
 * The sessions of the next 4 weeks (today and 27 days on) of every active
 * schedule. A day that already has its session is skipped; should two runs
 * meet, the uniqueWhen index on schedule and date refuses the second create,
 * which is counted as already there.
 */
export async function generateSessions(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const today = dayOf(ctx.now);
  const schedules = await all(records, SCHEDULE, [{ field: 'active', op: 'eq', value: true }]);
  let made = 0;
  let already = 0;
  for (const schedule of schedules) {
    const existing = new Set((await all(records, SESSION, [{ field: 'schedule', op: 'eq', value: schedule.id }, { field: 'date', op: 'gte', value: today }])).map((s) => String(s.date)));
    for (let i = 0; i < 28; i++) {
      const date = addDays(today, i);
      if (weekdayOf(date) !== schedule.weekday) continue;
      if (existing.has(date)) {
        already++;
        continue;
      }
      try {
        await records.create(SESSION, sessionOf(schedule, date));
        made++;
      } catch (err) {
        if (err instanceof RecordValidationError && Object.values(err.fieldErrors).some((e) => e.type === 'unique')) already++;
        else throw err;
      }
    }
  }
  return `${plural(made, 'session')} created${already ? `, ${already} already there` : ''}`;
}

/** Active memberships whose end has passed expire; a member left without an active membership is expired. */
export async function dailyExpiry(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const ended = await all(records, MEMBERSHIP, [{ field: 'status', op: 'eq', value: 'active' }, { field: 'end_date', op: 'lt', value: dayOf(ctx.now) }]);
  const members = new Set<string>();
  for (const m of ended) {
    await records.update(MEMBERSHIP, m.id, { status: 'expired' });
    members.add(String(m.member));
  }
  let lapsed = 0;
  for (const id of members) {
    if (await records.count(MEMBERSHIP, [{ field: 'member', op: 'eq', value: id }, { field: 'status', op: 'eq', value: 'active' }])) continue;
    await records.update(MEMBER, id, { status: 'expired' });
    lapsed++;
  }
  return `${plural(ended.length, 'membership')} expired, ${plural(lapsed, 'member')} without an active one`;
}

async function tell(records: Records, member: RecordData, title: string, body: string, about: { entity: string; id: string }): Promise<void> {
  if (member.email) await enqueueMail(records, { to: String(member.email), template: 'notice', data: { name: String(member.name), title, body } });
  if (member.user) await notify(records, { user: String(member.user), title, body, about });
}

/** Memberships ending in 7 days, and in 1 day: one e-mail each (a stamp per reminder keeps a rerun from sending twice). */
export async function expiryReminder(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  let sent = 0;
  for (const [days, stamp] of [[7, 'reminded_7_at'], [1, 'reminded_1_at']] as const) {
    const ending = await all(records, MEMBERSHIP, [{ field: 'status', op: 'eq', value: 'active' }, { field: 'end_date', op: 'eq', value: addDays(dayOf(ctx.now), days) }]);
    for (const m of ending) {
      if (m[stamp]) continue;
      const member = await records.get(MEMBER, String(m.member));
      const when = days === 1 ? 'tomorrow' : `in ${days} days`;
      await tell(records, member, `Your membership ends ${when}`, `Dear ${String(member.name)}, membership ${String(m.number)} ends on ${String(m.end_date)}. Renew at the front desk to keep booking classes.`, { entity: MEMBERSHIP, id: m.id });
      await records.update(MEMBERSHIP, m.id, { [stamp]: ctx.now.toISOString() });
      sent++;
    }
  }
  return `${plural(sent, 'expiry reminder')} sent`;
}

/** Bookings still booked once their class has ended become no-shows, through the workflow (History names the job). */
export async function noShowMarking(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const engine = await workflows(records);
  const past = await all(records, SESSION, [{ field: 'ends_at', op: 'lt', value: ctx.now.toISOString() }, { field: 'date', op: 'gte', value: addDays(dayOf(ctx.now), -7) }]);
  let marked = 0;
  for (const session of past) {
    for (const b of await all(records, BOOKING, [{ field: 'session', op: 'eq', value: session.id }, { field: 'status', op: 'eq', value: 'booked' }])) {
      await engine.run(BOOKING, b.id, 'mark_no_show');
      marked++;
    }
  }
  return `${plural(marked, 'booking')} marked no-show`;
}

/** Active members without a visit for 4 weeks get one nudge; a check-in clears the stamp, so the next absence nudges again. */
export async function inactiveNudge(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const since = new Date(ctx.now.getTime() - 28 * 86_400_000).toISOString();
  let sent = 0;
  for (const member of await all(records, MEMBER, [{ field: 'status', op: 'eq', value: 'active' }])) {
    if (member.nudged_at) continue;
    if (member.last_check_in ? String(member.last_check_in) >= since : String(member.created_at) >= since) continue;
    await tell(records, member, 'We miss you at the gym', `Dear ${String(member.name)}, it has been 4 weeks since your last visit. Book a class and come back soon.`, { entity: MEMBER, id: member.id });
    await records.update(MEMBER, member.id, { nudged_at: ctx.now.toISOString() });
    sent++;
  }
  return `${plural(sent, 'member')} nudged`;
}
