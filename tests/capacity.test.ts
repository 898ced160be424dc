/**
 * capacity: the bookings of a session that take a place (booked, attended)
 * never outnumber the session's capacity. Each writer locks the session row
 * before counting, so concurrent requests queue; a full session waitlists a
 * new booking (the overflow), and a place that frees — a cancellation, a
 * deletion, a raised capacity — goes to the oldest waitlisted booking in the
 * same transaction. Without an overflow (tickets) a full session is a field error.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { bookingManifest } from './support/booking-fixture.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const BOOKING = 'stays.booking';
let runtime: TestRuntime;
let org: Fixture;
let desk: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(bookingManifest()), poolSize: 25 });
  org = await createFixtureOrg(runtime, 'stays', ['desk']);
  desk = await org.as('desk');
}, 60_000);
afterAll(() => runtime?.dispose());

const session = async (capacity: number): Promise<string> => String((await desk.create('stays.session', { name: `Spin ${capacity}`, capacity })).id);
const members = async (n: number): Promise<string[]> => Promise.all(Array.from({ length: n }, async (_x, i) => String((await desk.create('stays.guest', { name: `Member ${i}` })).id)));
const statuses = async (sessionId: string): Promise<Record<string, number>> => {
  const rows: { status: string; n: number }[] = await runtime.dataSource.query(`SELECT status, count(*)::int AS n FROM stays_booking WHERE session_id = $1 GROUP BY 1`, [sessionId]);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
};

describe('capacity with a waitlist', () => {
  it('books while places are free, then waitlists', async () => {
    const s = await session(2);
    const [a, b, c] = await members(3);
    expect((await desk.create(BOOKING, { session: s, member: a })).status).toBe('booked');
    expect((await desk.create(BOOKING, { session: s, member: b })).status).toBe('booked');
    expect((await desk.create(BOOKING, { session: s, member: c })).status).toBe('waitlisted');
  });

  it('20 concurrent requests for the last place: exactly one is booked, 19 are waitlisted', async () => {
    const s = await session(5);
    const people = await members(24);
    for (const m of people.slice(0, 4)) await desk.create(BOOKING, { session: s, member: m });
    const services = await Promise.all(Array.from({ length: 20 }, () => org.as('desk')));
    const results = await Promise.all(services.map((svc, i) => svc.create(BOOKING, { session: s, member: people[4 + i] })));
    expect(results.filter((r) => r.status === 'booked')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(19);
    expect(await statuses(s)).toEqual({ booked: 5, waitlisted: 19 });
  });

  it('a cancellation promotes the oldest waitlisted booking in the same transaction', async () => {
    const s = await session(1);
    const [a, b, c] = await members(3);
    const first = await desk.create(BOOKING, { session: s, member: a });
    const second = await desk.create(BOOKING, { session: s, member: b });
    const third = await desk.create(BOOKING, { session: s, member: c });
    expect([second.status, third.status]).toEqual(['waitlisted', 'waitlisted']);
    await desk.update(BOOKING, String(first.id), { status: 'cancelled' });
    expect((await desk.get(BOOKING, String(second.id))).status).toBe('booked');
    expect((await desk.get(BOOKING, String(third.id))).status).toBe('waitlisted');
    // The promotion is the system's, audited like any change.
    const audit: { system_actor: string | null; changes: Record<string, unknown> }[] = await runtime.dataSource.query(
      `SELECT system_actor, changes FROM core_audit_log WHERE record_id = $1 AND action = 'update'`, [second.id],
    );
    expect(audit).toEqual([{ system_actor: 'core:capacity.promote', changes: { status: { before: 'waitlisted', after: 'booked' } } }]);
  });

  it('a deletion frees the place for the next waitlisted booking; a rollback of the whole change promotes nobody', async () => {
    const s = await session(1);
    const [a, b] = await members(2);
    const first = await desk.create(BOOKING, { session: s, member: a });
    const second = await desk.create(BOOKING, { session: s, member: b });
    await expect(desk.transaction(async (tx) => {
      await tx.delete(BOOKING, String(first.id));
      expect((await tx.get(BOOKING, String(second.id))).status).toBe('booked');
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await statuses(s)).toEqual({ booked: 1, waitlisted: 1 });
    await desk.delete(BOOKING, String(first.id));
    expect((await desk.get(BOOKING, String(second.id))).status).toBe('booked');
  });

  it('raising the capacity books as many waitlisted as there are new places', async () => {
    const s = await session(1);
    const people = await members(4);
    for (const m of people) await desk.create(BOOKING, { session: s, member: m });
    await desk.update('stays.session', s, { capacity: 3 });
    expect(await statuses(s)).toEqual({ booked: 3, waitlisted: 1 });
  });

  it('moving a booking to another session needs a place there and frees one in the first', async () => {
    const [from, full, open] = [await session(1), await session(1), await session(2)];
    const [a, b, c] = await members(3);
    const moving = await desk.create(BOOKING, { session: from, member: a });
    const waiting = await desk.create(BOOKING, { session: from, member: b });
    await desk.create(BOOKING, { session: full, member: c });
    const err = await errorOf(desk.update(BOOKING, String(moving.id), { session: full }));
    expect((err as RecordValidationError).fieldErrors.session?.type).toBe('capacity');
    await desk.update(BOOKING, String(moving.id), { session: open });
    expect((await desk.get(BOOKING, String(waiting.id))).status).toBe('booked');
  });

  it('booking a waitlisted record by hand while full is refused on the session field', async () => {
    const s = await session(1);
    const [a, b] = await members(2);
    await desk.create(BOOKING, { session: s, member: a });
    const waiting = await desk.create(BOOKING, { session: s, member: b });
    const err = await errorOf(desk.update(BOOKING, String(waiting.id), { status: 'booked' }));
    expect((err as RecordValidationError).fieldErrors).toEqual({ session: { message: 'is full: 1 of 1 places are taken', type: 'capacity' } });
  });
});

describe('capacity without an overflow', () => {
  it('20 concurrent tickets for 3 places: exactly 3 succeed, 17 get a field error on the session', async () => {
    const s = await session(3);
    const services = await Promise.all(Array.from({ length: 20 }, () => org.as('desk')));
    const results = await Promise.allSettled(services.map((svc, i) => svc.create('stays.ticket', { session: s, holder: `Holder ${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as RecordValidationError);
    expect(refused).toHaveLength(17);
    for (const e of refused) expect(e.fieldErrors).toEqual({ session: { message: 'is full: 3 of 3 places are taken', type: 'capacity' } });
    const [{ n }]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM stays_ticket WHERE session_id = $1`, [s]);
    expect(n).toBe(3);
  });
});
