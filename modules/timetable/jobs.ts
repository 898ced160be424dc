/**
 * The timetable's daily job (declared in module-manifests/timetable.json):
 * each active period of an ACTIVE course gets a lesson on each of its weekdays
 * in the next 7 days (today included), with the institute attendance session
 * the roll call is taken on. Times are UTC, as the period says. A day that has
 * its lesson is skipped; should two runs meet, the uniqueWhen index on period
 * and date refuses the second lesson and its transaction writes nothing.
 */
import type { JobContext, RecordData, Records } from '../../core/sdk.js';
import { LESSON, PERIOD } from './periods.js';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
export const DAYS_AHEAD = 7;

const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
export const weekdayOf = (date: string): string => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];

/** A time field's value (HH:MM, or HH:MM:SS when the seconds are not zero) with its seconds. */
const withSeconds = (time: unknown): string => (String(time).length === 5 ? `${String(time)}:00` : String(time));

/** The lesson of a period on a day, with its attendance session; undefined when the day has it already. */
export async function lessonFor(records: Records, period: RecordData, date: string): Promise<RecordData | undefined> {
  const [existing] = await records.find(LESSON, { filters: [{ field: 'period', op: 'eq', value: period.id }, { field: 'date', op: 'eq', value: date }], limit: 1 });
  if (existing) return undefined;
  return records.transaction(async (tx) => {
    const session = await tx.create('institute.attendance_session', { course: period.course, date, topic: `${String(period.title)}`.slice(0, 300) });
    return tx.create(LESSON, {
      title: String(period.title),
      period: period.id,
      course: period.course,
      room: period.room,
      teacher: period.teacher ?? null,
      date,
      starts_at: `${date}T${withSeconds(period.start)}.000Z`,
      ends_at: `${date}T${withSeconds(period.end)}.000Z`,
      session: session.id,
    });
  });
}

/** Lessons (and sessions) for the next days; returns how many it made. */
export async function generateLessons(records: Records, now: Date, days = DAYS_AHEAD): Promise<number> {
  const active = await records.find('institute.course', { filters: [{ field: 'status', op: 'eq', value: 'ACTIVE' }], limit: 1000 });
  if (!active.length) return 0;
  const dates = Array.from({ length: days }, (_, i) => dayOf(new Date(now.getTime() + i * DAY_MS)));
  let made = 0;
  for await (const page of records.findPages(PERIOD, { filters: [{ field: 'active', op: 'eq', value: true }, { field: 'course', op: 'in', value: active.map((c) => c.id) }] }, 200)) {
    for (const period of page) {
      for (const date of dates) {
        if (weekdayOf(date) !== period.weekday) continue;
        if (await lessonFor(records, period, date)) made++;
      }
    }
  }
  return made;
}

export async function generateLessonsJob(ctx: JobContext): Promise<string> {
  const made = await generateLessons(ctx.records, ctx.now);
  return `${made} lesson(s) with attendance sessions generated`;
}
