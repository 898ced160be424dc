/**
 * noOverlap: two reservations of one room whose [check_in, check_out) spans
 * overlap cannot both be confirmed. PostgreSQL holds it (a btree_gist exclusion
 * constraint with organization_id, partial on the statuses that take the room);
 * the data layer names the record that holds the span, also for the losers of
 * a race, and the availability query is answered from the exclusion index.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { overlapQuery } from '../core/data/constraints/record-constraints.js';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { bookingManifest } from './support/booking-fixture.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const RESERVATION = 'stays.reservation';
let runtime: TestRuntime;
let org: Fixture;
let desk: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(bookingManifest()), poolSize: 25 });
  org = await createFixtureOrg(runtime, 'stays', ['desk', 'visitor']);
  desk = await org.as('desk');
}, 60_000);
afterAll(() => runtime?.dispose());

const room = async (number: string): Promise<string> => String((await desk.create('stays.room', { number })).id);

describe('noOverlap on a room', () => {
  it('refuses an overlapping stay with a field error naming the reservation that holds the room and its span', async () => {
    const r204 = await room('204');
    const first = await desk.create(RESERVATION, { room: r204, check_in: '2027-12-03', check_out: '2027-12-05' });
    const err = await errorOf(desk.create(RESERVATION, { room: r204, check_in: '2027-12-04', check_out: '2027-12-07' }));
    expect(err).toBeInstanceOf(RecordValidationError);
    expect((err as RecordValidationError).fieldErrors).toEqual({
      room: { message: `Room 204 is taken by reservation ${String(first.number)} from 2027-12-03 to 2027-12-05`, type: 'overlap' },
    });
  });

  it('someone who may not read the holding reservation learns the span, not whose it is', async () => {
    const r = await room('205');
    await desk.create(RESERVATION, { room: r, check_in: '2027-11-03', check_out: '2027-11-05' });
    const visitor = await org.as('visitor');
    const err = await errorOf(visitor.create(RESERVATION, { room: r, check_in: '2027-11-01', check_out: '2027-11-04' }));
    expect((err as RecordValidationError).fieldErrors.room?.message).toBe('Room 205 is taken from 2027-11-03 to 2027-11-05');
    // Their own reservation they may read, so it is named.
    const own = await visitor.create(RESERVATION, { room: r, check_in: '2027-11-10', check_out: '2027-11-12' });
    const again = await errorOf(visitor.create(RESERVATION, { room: r, check_in: '2027-11-11', check_out: '2027-11-13' }));
    expect((again as RecordValidationError).fieldErrors.room?.message).toBe(`Room 205 is taken by reservation ${String(own.number)} from 2027-11-10 to 2027-11-12`);
  });

  it('with [) bounds, the departure day is the next arrival; another room or a cancelled stay does not conflict', async () => {
    const r = await room('301');
    const other = await room('302');
    await desk.create(RESERVATION, { room: r, check_in: '2027-06-01', check_out: '2027-06-04' });
    await expect(desk.create(RESERVATION, { room: r, check_in: '2027-06-04', check_out: '2027-06-06' })).resolves.toBeDefined();
    await expect(desk.create(RESERVATION, { room: other, check_in: '2027-06-02', check_out: '2027-06-03' })).resolves.toBeDefined();
    const cancelled = await desk.create(RESERVATION, { room: r, check_in: '2027-06-02', check_out: '2027-06-03', status: 'cancelled' });
    // Taking the cancelled one back up is an update into the span: refused the same way.
    const err = await errorOf(desk.update(RESERVATION, String(cancelled.id), { status: 'confirmed' }));
    expect((err as RecordValidationError).fieldErrors.room?.message).toMatch(/^Room 301 is taken by reservation RES-\d{4}-\d{5} from 2027-06-01 to 2027-06-04$/);
  });

  it('moving a stay within its own span is not a conflict with itself', async () => {
    const r = await room('303');
    const stay = await desk.create(RESERVATION, { room: r, check_in: '2027-07-01', check_out: '2027-07-05' });
    await expect(desk.update(RESERVATION, String(stay.id), { check_out: '2027-07-04' })).resolves.toMatchObject({ check_out: '2027-07-04', nights: 3 });
  });

  it('is an exclusion constraint with organization_id, the key and the range, partial on the statuses: a raw insert past the data layer is refused too', async () => {
    const [def]: { def: string }[] = await runtime.dataSource.query(
      `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c WHERE c.conrelid = 'stays_reservation'::regclass AND c.contype = 'x'`,
    );
    expect(def.def).toMatch(/^EXCLUDE USING gist \(organization_id WITH =, room_id WITH =, daterange\(check_in, check_out, '\[\)'::text\) WITH &&\) WHERE \(\(\(status\)::text = ANY/);
    const r = await room('304');
    await desk.create(RESERVATION, { room: r, check_in: '2027-08-01', check_out: '2027-08-03' });
    await expect(
      runtime.dataSource.query(
        `INSERT INTO stays_reservation (organization_id, room_id, check_in, check_out, status) VALUES ($1, $2, '2027-08-02', '2027-08-04', 'confirmed')`,
        [org.org.id, r],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23P01' } });
  });

  it('20 concurrent overlapping bookings of the last free span: exactly one wins, the 19 others are told who holds it', async () => {
    const r = await room('999');
    const services = await Promise.all(Array.from({ length: 20 }, () => org.as('desk')));
    const results = await Promise.allSettled(services.map((s, i) => s.create(RESERVATION, { room: r, check_in: '2027-09-10', check_out: `2027-09-${12 + (i % 3)}` })));
    const won = results.filter((x) => x.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<Record<string, unknown>>).value;
    for (const lost of results.filter((x) => x.status === 'rejected')) {
      const reason = (lost as PromiseRejectedResult).reason as RecordValidationError;
      expect(reason).toBeInstanceOf(RecordValidationError);
      expect(reason.fieldErrors.room?.message).toBe(`Room 999 is taken by reservation ${String(winner.number)} from 2027-09-10 to ${String(winner.check_out)}`);
    }
    const [{ n }]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM stays_reservation WHERE room_id = $1`, [r]);
    expect(n).toBe(1);
  });

  it('the availability query is answered from the exclusion constraint\'s GiST index (plan, not time)', async () => {
    const entity = runtime.registry.entity(RESERVATION)!;
    const o = entity.constraints!.noOverlap[0];
    const r = await room('500');
    const runner = runtime.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // The table is tiny, so a sequential scan would be cheaper: forbid it to see which index the planner can use.
      await runner.query('SET LOCAL enable_seqscan = off');
      const plan: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${overlapQuery(entity, o)}`, [org.org.id, r, '2027-10-01', '2027-10-05', null]);
      const text = plan.map((p) => p['QUERY PLAN']).join('\n');
      expect(text).toContain(`Index Scan using "${o.constraint}"`);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });
});

describe('noOverlap on date-times (a practitioner\'s appointments)', () => {
  it('refuses a double booking naming the appointment and its times; back-to-back and cancelled ones are fine', async () => {
    const doctor = String((await desk.create('stays.practitioner', { name: 'Dr Osei' })).id);
    const APPOINTMENT = 'stays.appointment';
    await desk.create(APPOINTMENT, { practitioner: doctor, patient: 'Mara Lind', starts_at: '2027-03-01T09:00:00Z', ends_at: '2027-03-01T09:30:00Z' });
    const err = await errorOf(desk.create(APPOINTMENT, { practitioner: doctor, patient: 'Tom Berg', starts_at: '2027-03-01T09:15:00Z', ends_at: '2027-03-01T09:45:00Z' }));
    expect((err as RecordValidationError).fieldErrors.practitioner?.message).toBe('Practitioner Dr Osei is taken by appointment Mara Lind from 2027-03-01 09:00 to 2027-03-01 09:30');
    await expect(desk.create(APPOINTMENT, { practitioner: doctor, patient: 'Tom Berg', starts_at: '2027-03-01T09:30:00Z', ends_at: '2027-03-01T10:00:00Z' })).resolves.toBeDefined();
    await expect(desk.create(APPOINTMENT, { practitioner: doctor, patient: 'Ann Roe', starts_at: '2027-03-01T09:10:00Z', ends_at: '2027-03-01T09:20:00Z', status: 'cancelled' })).resolves.toBeDefined();
    const [{ def }]: { def: string }[] = await runtime.dataSource.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'stays_appointment'::regclass AND contype = 'x'`,
    );
    expect(def).toContain("tstzrange(starts_at, ends_at, '[)'::text) WITH &&");
  });
});
