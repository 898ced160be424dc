/**
 * Calendar arithmetic for the date placeholders of conditions (`${today}`,
 * `${startOfWeek-1w}`, …), in an organization's time zone. Calendar dates are
 * `YYYY-MM-DD` strings; instants are `Date`s. No library: Intl knows the zones.
 */

/** The time zone of this server process: organizations without their own use it. */
export function serverTimeZone(): string {
  return process.env.TZ?.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const zoneAnswers = new Map<string, boolean>();

/** True when Intl knows the IANA zone name (`Europe/Paris`, `UTC`). */
export function isTimeZone(name: string): boolean {
  // Asked for every ledger row (the organization's zone): building a formatter costs far more than a lookup, and the answer never changes.
  const known = zoneAnswers.get(name);
  if (known !== undefined) return known;
  let valid = true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    valid = false;
  }
  if (zoneAnswers.size < 1000) zoneAnswers.set(name, valid);
  return valid;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `instant` in `timeZone`, as if it were UTC (milliseconds). */
function wallClock(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const parseYmd = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];

/** The calendar date of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return ymd(wallClock(instant, timeZone));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parseYmd(date);
  return ymd(Date.UTC(y, m - 1, d + days));
}

/** Calendar months; the day is clamped to the target month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parseYmd(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return ymd(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
}

/** Monday of the ISO week that contains `date`. */
export function startOfWeek(date: string): string {
  const [y, m, d] = parseYmd(date);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

export function startOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/** The instant a calendar day starts in `timeZone` (midnight, or the first moment after a DST gap). */
export function startOfDay(date: string, timeZone: string): Date {
  const [y, m, d] = parseYmd(date);
  const target = Date.UTC(y, m - 1, d);
  let guess = target - (wallClock(new Date(target), timeZone) - target);
  // A second pass settles the offset when it differs at the guess (a DST change near midnight).
  guess = target - (wallClock(new Date(guess), timeZone) - guess);
  return new Date(guess);
}

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
