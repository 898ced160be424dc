/**
 * A job's schedule, checked at start with the same parsers agenda uses
 * (cron-parser, human-interval), so a schedule that passes here is one agenda
 * can compute a next run for.
 */
import { CronExpressionParser } from 'cron-parser';
import humanInterval from 'human-interval';

export type JobSchedule = { cron: string } | { every: string };

/** agenda's `repeatEvery` takes either form as one string. */
export const repeatInterval = (schedule: JobSchedule): string => ('cron' in schedule ? schedule.cron : schedule.every);

export const describeSchedule = (schedule: JobSchedule): string => ('cron' in schedule ? `cron ${schedule.cron}` : `every ${schedule.every}`);

/** Why the schedule cannot be used, or undefined when it can. */
export function scheduleProblem(schedule: { cron?: string; every?: string }): string | undefined {
  if (schedule.cron !== undefined) {
    try {
      CronExpressionParser.parse(schedule.cron);
      return undefined;
    } catch (err) {
      return `invalid cron expression "${schedule.cron}": ${(err as Error).message}`;
    }
  }
  if (schedule.every !== undefined) {
    // A bare number would be read as milliseconds by agenda: ask for units so a manifest says what it means.
    const ms = /^\s*\d+\s*$/.test(schedule.every) ? Number.NaN : humanInterval(schedule.every);
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) return `unreadable interval "${schedule.every}" (write e.g. "30 seconds", "10 minutes", "1 day")`;
    return undefined;
  }
  return 'a schedule needs "cron" or "every"';
}
