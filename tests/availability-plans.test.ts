/**
 * Availability queries of a 60-room hotel with 10,000 reservations are
 * answered from indexes, checked on the plan PostgreSQL chooses (EXPLAIN, no
 * planner settings changed), not on a time: a room's availability and the
 * whole hotel's tape chart for 30 days from the noOverlap exclusion index
 * (GiST over organization, room and the stay's daterange), and the range
 * capacity's "first full night" of a room type from an index of the
 * reservation table, never a sequential scan of it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fullPointQuery } from '../core/data/constraints/range-capacity.js';
import { overlapQuery } from '../core/data/constraints/record-constraints.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let org: Fixture;
let types: string[];
let rooms: string[];
const BASE = '2027-01-01';

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'hotel');
  const system = await org.system();
  types = [];
  for (const code of ['SGL', 'DBL', 'TWN', 'FAM', 'STE']) types.push(String((await system.create('hotel.room_type', { code, name: code, base_rate: 100 })).id));
  rooms = [];
  for (let i = 0; i < 60; i++) rooms.push(String((await system.create('hotel.room', { number: String(100 + i), floor: 1 + Math.floor(i / 12), room_type: types[i % 5] })).id));
  const guest = String((await system.create('hotel.guest', { name: 'Bulk Guest' })).id);
  // 167 stays of two nights per room in three-day slots (so no room is double-booked), 10,020 in all:
  // the first 100 of each room checked out, the rest confirmed, every tenth of those without a room yet.
  await runtime.dataSource.query(
    `INSERT INTO hotel_reservation (id, organization_id, number, guest_id, room_type_id, room_id, check_in, check_out, adults, rate, channel, status)
     SELECT gen_random_uuid(), $1, 'BULK-' || r.n || '-' || k, $2, r.type_id,
            CASE WHEN k >= 100 AND k % 10 = 0 THEN NULL ELSE r.id END,
            $3::date + k * 3, $3::date + k * 3 + 2, 1, 100, 'direct',
            CASE WHEN k < 100 THEN 'checked_out' WHEN k % 10 = 0 THEN 'draft' ELSE 'confirmed' END
       FROM (SELECT id, room_type_id AS type_id, row_number() OVER (ORDER BY number) AS n FROM hotel_room WHERE organization_id = $1) r
      CROSS JOIN generate_series(0, 166) k`,
    [org.org.id, guest, BASE],
  );
  await runtime.dataSource.query('ANALYZE hotel_reservation');
}, 120_000);
afterAll(() => runtime?.dispose());

/** The plan of a query, in a transaction of its own that changes nothing. */
async function planOf(sql: string, params: unknown[]): Promise<string> {
  const runner = runtime.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const plan: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${sql}`, params);
    await runner.rollbackTransaction();
    return plan.map((p) => p['QUERY PLAN']).join('\n');
  } finally {
    await runner.release();
  }
}

describe('availability over 10,000 reservations', () => {
  const reservation = () => runtime.registry.entity('hotel.reservation')!;

  it('holds 10,020 reservations', async () => {
    const [{ n }]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM hotel_reservation WHERE organization_id = $1`, [org.org.id]);
    expect(n).toBe(10_020);
  });

  it('a room\'s availability for a month is answered from the noOverlap exclusion index', async () => {
    const o = reservation().constraints!.noOverlap[0];
    const plan = await planOf(overlapQuery(reservation(), o), [org.org.id, rooms[7], '2027-09-01', '2027-10-01', null]);
    expect(plan).toMatch(new RegExp(`(Index (Only )?Scan using|Bitmap Index Scan on) "?${o.constraint}"?`));
    expect(plan).not.toMatch(/Seq Scan on hotel_reservation/);
  });

  it('the tape chart (every room\'s stays over 30 days) is answered from the same index', async () => {
    const o = reservation().constraints!.noOverlap[0];
    const plan = await planOf(
      `SELECT r.id, r.room_id, r.check_in, r.check_out FROM hotel_reservation r
        WHERE r.organization_id = $1 AND r.status IN ('confirmed', 'checked_in') AND daterange(r.check_in, r.check_out, '[)') && daterange($2::date, $3::date, '[)')`,
      [org.org.id, '2027-09-01', '2027-10-01'],
    );
    expect(plan).toMatch(new RegExp(`(Index (Only )?Scan using|Bitmap Index Scan on) "?${o.constraint}"?`));
    expect(plan).not.toMatch(/Seq Scan on hotel_reservation/);
  });

  it('the range capacity\'s first full night of a room type reads the reservations through an index', async () => {
    const c = reservation().constraints!.capacity.find((x) => x.range)!;
    const plan = await planOf(fullPointQuery(reservation(), c), [org.org.id, types[2], '2027-09-01', '2027-09-08', null, 12]);
    // (Today the reference index on (organization_id, room_id) with room_id IS NULL: the unassigned stays of the hotel.)
    expect(plan).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) "?(IDX|EXC|UQ)_hotel_reservation_\w+"?/);
    expect(plan).not.toMatch(/Seq Scan on hotel_reservation/);
  });
});
