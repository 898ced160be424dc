/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day. */

const DAY = 86_400_000;
const ms = (date: string): number => Date.parse(`${date}T00:00:00Z`);
export const isoDate = (t: number): string => new Date(t).toISOString().slice(0, 10);
export const addDays = (date: string, n: number): string => isoDate(ms(date) + n * DAY);

/** Monday to Friday between two dates, both included (weekends are not leave days). */
export function workingDays(from: string, to: string): number {
  let n = 0;
  for (let t = ms(from); t <= ms(to); t += DAY) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

/** The part of [from, to] inside [start, end], or undefined. */
export function clip(from: string, to: string, start: string, end: string): [string, string] | undefined {
  const a = from > start ? from : start;
  const b = to < end ? to : end;
  return a <= b ? [a, b] : undefined;
}
