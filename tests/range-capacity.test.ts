/**
 * capacity over a range: the unassigned holds of a room type that cover any
 * one night never outnumber the type's rooms in service (a limit counted from
 * other records), and the seat bookings covering any one instant never
 * outnumber a desk's seats (a limit field). Each writer locks the parent row,
 * then PostgreSQL finds the first full point of the span; the refusal is a
 * field error on the parent naming that night. Twenty concurrent requests for
 * the last room on overlapping nights: exactly one wins, and no night is ever
 * over. The manifest's mistakes come back with file#pointer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { ManifestError, RecordValidationError, type ManifestProblem } from '../core/errors.js';
import { errorOf } from './support/errors.js';
import type { Json } from './support/makerspace-fixture.js';
import { rangeCapacityManifest } from './support/range-capacity-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const HOLD = 'inns.hold';
let runtime: TestRuntime;
let org: Fixture;
let desk: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(rangeCapacityManifest()), poolSize: 25 });
  org = await createFixtureOrg(runtime, 'inns', ['desk']);
  desk = await org.as('desk');
}, 60_000);
afterAll(() => runtime?.dispose());

const day = (n: number): string => new Date(Date.UTC(2027, 2, 1 + n)).toISOString().slice(0, 10);
/** A room type with `rooms` rooms in service (and one out of service, which gives no place). */
async function roomType(code: string, rooms: number): Promise<{ type: string; rooms: string[] }> {
  const type = String((await desk.create('inns.room_type', { code })).id);
  const ids: string[] = [];
  for (let i = 0; i < rooms; i++) ids.push(String((await desk.create('inns.room', { number: `${code}${i}`, room_type: type })).id));
  await desk.create('inns.room', { number: `${code}X`, room_type: type, in_service: false });
  return { type, rooms: ids };
}
const hold = (svc: RecordService, type: string, from: number, to: number, extra: Record<string, unknown> = {}) =>
  svc.create(HOLD, { room_type: type, check_in: day(from), check_out: day(to), ...extra });
/** The most unassigned live holds of a type on any night, counted by PostgreSQL night by night. */
async function busiestNight(type: string): Promise<number> {
  const [row]: { n: number }[] = await runtime.dataSource.query(
    `SELECT coalesce(max(n), 0)::int AS n FROM (
       SELECT d, count(h.id) AS n FROM generate_series($2::date, $3::date, interval '1 day') d
       LEFT JOIN inns_hold h ON h.room_type_id = $1 AND h.room_id IS NULL AND h.status IN ('draft', 'confirmed') AND h.check_in <= d AND h.check_out > d
       GROUP BY d) t`,
    [type, day(-5), day(40)],
  );
  return row.n;
}

describe('capacity over a range of nights, limited by a count of rooms', () => {
  it('20 concurrent holds for the last room on overlapping nights: exactly one succeeds, the others are told the full night', async () => {
    const { type } = await roomType('DBL', 3);
    await hold(desk, type, 10, 12);
    await hold(desk, type, 11, 14);
    const services = await Promise.all(Array.from({ length: 20 }, () => org.as('desk')));
    // Every request covers the night of day 11; their other nights differ.
    const results = await Promise.allSettled(services.map((svc, i) => hold(svc, type, 9 + (i % 3), 12 + (i % 4))));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(refusals).toHaveLength(19);
    for (const err of refusals) {
      expect(err).toBeInstanceOf(RecordValidationError);
      const problem = (err as RecordValidationError).fieldErrors.room_type;
      expect(problem?.type).toBe('capacity');
      expect(problem?.message).toMatch(new RegExp(`^has no room left for the night of (${[9, 10, 11, 12, 13].map(day).join('|')}): 3 of 3 rooms are held$`));
    }
    expect(await busiestNight(type)).toBe(3);
  });

  it('names the first full night of a longer stay; the departure day is the next arrival', async () => {
    const { type } = await roomType('STE', 1);
    await hold(desk, type, 20, 22);
    const err = await errorOf(hold(desk, type, 18, 25));
    expect((err as RecordValidationError).fieldErrors.room_type).toEqual({ message: `has no room left for the night of ${day(20)}: 1 of 1 rooms are held`, type: 'capacity' });
    // [) spans: leaving on day 22 frees the night of day 22.
    await expect(hold(desk, type, 22, 24)).resolves.toMatchObject({ check_in: day(22) });
    await expect(hold(desk, type, 18, 20)).resolves.toMatchObject({ check_out: day(20) });
  });

  it('only holds matching "when" take a place: an assigned or cancelled one frees the night, unassigning or extending onto a full night is refused', async () => {
    const { type, rooms } = await roomType('TWN', 1);
    const first = await hold(desk, type, 30, 32);
    await errorOf(hold(desk, type, 31, 33));
    await desk.update(HOLD, String(first.id), { room: rooms[0] });
    const second = await hold(desk, type, 31, 33);
    const unassign = await errorOf(desk.update(HOLD, String(first.id), { room: null }));
    expect((unassign as RecordValidationError).fieldErrors.room_type?.message).toContain(`the night of ${day(31)}`);
    await desk.update(HOLD, String(second.id), { status: 'cancelled' });
    await desk.update(HOLD, String(first.id), { room: null });
    const third = await hold(desk, type, 32, 34);
    const extend = await errorOf(desk.update(HOLD, String(third.id), { check_in: day(31) }));
    expect((extend as RecordValidationError).fieldErrors.room_type?.message).toContain(`the night of ${day(31)}`);
    // An edit that moves none of the nights is not counted again.
    await expect(desk.update(HOLD, String(third.id), { status: 'draft' })).resolves.toMatchObject({ status: 'draft' });
  });

  it('a room added to the type adds a place', async () => {
    const { type } = await roomType('FAM', 1);
    await hold(desk, type, 5, 6);
    await errorOf(hold(desk, type, 5, 6));
    await desk.create('inns.room', { number: 'FAM9', room_type: type });
    await expect(hold(desk, type, 5, 6)).resolves.toBeDefined();
  });
});

describe('capacity over a span of time, limited by a field of the parent', () => {
  const at = (h: number, m = 0): string => new Date(Date.UTC(2027, 3, 1, h, m)).toISOString();
  it('counts the bookings covering each instant, not every booking the span touches', async () => {
    const d = String((await desk.create('inns.desk', { name: 'Window', seats: 1 })).id);
    await desk.create('inns.seat_booking', { desk: d, starts_at: at(9), ends_at: at(10) });
    await desk.create('inns.seat_booking', { desk: d, starts_at: at(11), ends_at: at(12) });
    const err = await errorOf(desk.create('inns.seat_booking', { desk: d, starts_at: at(9), ends_at: at(12) }));
    expect((err as RecordValidationError).fieldErrors.desk?.message).toMatch(/^is full on 2027-04-01 \d\d:00: 1 of 1 places are taken$/);
    // With 2 seats 09:00–12:00 fits, though it overlaps two bookings: no instant is covered by both.
    await desk.update('inns.desk', d, { seats: 2 });
    await expect(desk.create('inns.seat_booking', { desk: d, starts_at: at(9), ends_at: at(12) })).resolves.toBeDefined();
    await expect(desk.create('inns.seat_booking', { desk: d, starts_at: at(10), ends_at: at(11) })).resolves.toBeDefined();
    await errorOf(desk.create('inns.seat_booking', { desk: d, starts_at: at(11), ends_at: at(11, 30) }));
  });

  it('an empty limit means no limit', async () => {
    const d = String((await desk.create('inns.desk', { name: 'Hall' })).id);
    for (let i = 0; i < 3; i++) await desk.create('inns.seat_booking', { desk: d, starts_at: at(9), ends_at: at(17) });
  });
});

describe('range capacity in manifest:validate', () => {
  type E = { name: string; capacity?: Json[] } & Json;
  const index = (name: string): number => (rangeCapacityManifest().entities as E[]).findIndex((e) => e.name === name);
  function problemsOf(change: (holdEntity: E) => void): [string, string][] {
    const m = rangeCapacityManifest();
    change((m.entities as E[])[index('hold')]);
    try {
      registryWith(m);
    } catch (err) {
      expect(err).toBeInstanceOf(ManifestError);
      return (err as ManifestError).problems.map((p: ManifestProblem) => [p.pointer, p.message]);
    }
    throw new Error('the manifest loaded without problems');
  }
  const c = `/entities/${index('hold')}/capacity/0`;

  it('a counted limit must name an entity and its reference to the parent', () => {
    expect(problemsOf((e) => void ((e.capacity![0] as Json).limit = { count: 'suite', by: 'room_type' }))).toEqual([[`${c}/limit/count`, 'unknown entity "suite"']]);
    expect(problemsOf((e) => void ((e.capacity![0] as Json).limit = { count: 'room', by: 'number' }))).toEqual([[`${c}/limit/by`, '"number" of room must be a reference to room_type (the parent)']]);
    expect(problemsOf((e) => void ((e.capacity![0] as Json).limit = { count: 'room', by: 'room_type', when: { floor: 2 } }))).toEqual([[`${c}/limit/when/floor`, 'unknown field "floor" in room']]);
  });

  it('a range needs two ends of one type, refuses a waitlist, and bounds belong to a range', () => {
    expect(problemsOf((e) => void ((e.capacity![0] as Json).range = ['status', 'check_out']))).toEqual([[`${c}/range/0`, 'a range\'s ends are dates, date-times or numbers; "status" is enum']]);
    expect(problemsOf((e) => void ((e.capacity![0] as Json).overflow = { field: 'status', value: 'draft', promoteTo: 'confirmed' }))).toContainEqual([
      `${c}/overflow`,
      'a capacity over a range refuses when a point is full; an overflow (waitlist) needs a capacity without "range"',
    ]);
    expect(problemsOf((e) => void ((e.capacity![0] as Json).range = undefined, ((e.capacity![0] as Json).bounds = '[]')))).toEqual([[`${c}/bounds`, '"bounds" belongs to a "range"']]);
    expect(problemsOf((e) => void ((e.capacity![0] as Json).bounds = '(]'))[0]?.[0]).toBe(`${c}/bounds`);
  });
});
