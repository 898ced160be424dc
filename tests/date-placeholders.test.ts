/**
 * Date placeholders are filled in the organization's time zone: `${today}` is
 * the calendar day there, `${startOfWeek}` its ISO week's Monday, offsets move
 * by days, weeks and calendar months, `${now}` stays an instant; and a date
 * compared with a timestamp means the start of that day in the zone, for the
 * in-memory check as for the SQL translator.
 */
import { describe, expect, it } from '@jest/globals';
import { matchCondition } from '../core/access/match.js';
import { zonedLiteral } from '../core/access/sql.js';
import { interpolateConditions, parseConditions, startOfDay } from '../core/manifest/index.js';

const user = { id: 'u', organizationId: 'o', email: 'e@x.test' };
const fill = (value: string, now: string, timeZone: string): unknown => interpolateConditions({ v: value }, { user, now: new Date(now), timeZone }).v;

describe('date placeholders', () => {
  // Sunday 6 December 2026, 23:30 UTC: already Monday 7 December in Paris (UTC+1), still Sunday in New York.
  const now = '2026-12-06T23:30:00.000Z';

  it.each([
    ['${today}', 'UTC', '2026-12-06'],
    ['${today}', 'Europe/Paris', '2026-12-07'],
    ['${today}', 'America/New_York', '2026-12-06'],
    ['${tomorrow}', 'Europe/Paris', '2026-12-08'],
    ['${yesterday}', 'UTC', '2026-12-05'],
    ['${startOfWeek}', 'UTC', '2026-11-30'],
    ['${startOfWeek}', 'Europe/Paris', '2026-12-07'],
    ['${startOfWeek+1w}', 'UTC', '2026-12-07'],
    ['${startOfMonth}', 'Europe/Paris', '2026-12-01'],
    ['${startOfMonth-1m}', 'UTC', '2026-11-01'],
    ['${startOfMonth+1m}', 'UTC', '2027-01-01'],
    ['${today-7d}', 'Europe/Paris', '2026-11-30'],
    ['${today+3w}', 'UTC', '2026-12-27'],
    ['${now}', 'Europe/Paris', '2026-12-06T23:30:00.000Z'],
    ['${now-2h}', 'Europe/Paris', '2026-12-06T21:30:00.000Z'],
    ['${now+1d}', 'UTC', '2026-12-07T23:30:00.000Z'],
  ])('%s in %s is %s', (placeholder, zone, expected) => {
    expect(fill(placeholder, now, zone)).toBe(expected);
  });

  it('a month offset keeps the day where the target month has it, else its last day', () => {
    expect(fill('${today+1m}', '2027-01-31T12:00:00Z', 'UTC')).toBe('2027-02-28');
    expect(fill('${today-1m}', '2028-03-31T12:00:00Z', 'UTC')).toBe('2028-02-29');
  });

  it('a day starts at its midnight in the zone, across a daylight-saving change', () => {
    expect(startOfDay('2026-12-07', 'Europe/Paris').toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(startOfDay('2026-07-07', 'Europe/Paris').toISOString()).toBe('2026-07-06T22:00:00.000Z');
    expect(startOfDay('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-03-30', 'Europe/Paris').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('a date against a timestamp means that day from its midnight in the zone, in memory as the SQL side binds it', () => {
    const node = parseConditions({ starts_at: { $gte: '2026-12-07', $lt: '2026-12-08' } }, '', [], { interpolated: true });
    const at = (iso: string): boolean => matchCondition(node, { starts_at: iso }, 'Europe/Paris');
    expect(at('2026-12-06T22:59:59.999Z')).toBe(false);
    expect(at('2026-12-06T23:00:00.000Z')).toBe(true);
    expect(at('2026-12-07T22:59:59.999Z')).toBe(true);
    expect(at('2026-12-07T23:00:00.000Z')).toBe(false);
    // The other way round, a timestamp against a date column compares its date as written, as PostgreSQL's cast does.
    const onDate = parseConditions({ due: { $lt: '2026-12-07T23:30:00.000Z' } }, '', [], { interpolated: true });
    expect(matchCondition(onDate, { due: '2026-12-07' }, 'Europe/Paris')).toBe(false);
    expect(matchCondition(onDate, { due: '2026-12-06' }, 'Europe/Paris')).toBe(true);
    expect(zonedLiteral(['2026-12-07', '2026-12-07T10:00:00Z', null], 'Europe/Paris')).toEqual(['2026-12-06T23:00:00.000Z', '2026-12-07T10:00:00Z', null]);
  });
});
