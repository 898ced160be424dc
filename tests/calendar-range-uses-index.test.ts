/**
 * The calendar's window query uses the span's GiST index (the one migrations:generate creates for a
 * declared calendar): the statement the data layer really sends for the tape chart is captured and
 * explained on a hotel table of 6,000 stays in two organizations. The plan is asserted, not a time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { statementsSent } from './support/sent-statements.js';
import { createHotelWorld, day, type HotelWorld } from './support/hotel.js';

let runtime: TestRuntime;
let w: HotelWorld;
let other: HotelWorld;

/** Back-to-back stays in the world's rooms from a year ago on, bulk-inserted as fixture rows. */
async function fillStays(world: HotelWorld, count: number): Promise<void> {
  const rooms = Object.values(world.rooms).map((r) => r.id);
  const rows: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    const room = rooms[i % rooms.length];
    const start = -400 + Math.floor(i / rooms.length) * 3;
    rows.push([world.org.org.id, `RES-X-${i}`, world.guests.other.id, room, day(start), day(start + 2), 'cancelled', world.types.double.id]);
  }
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await runtime.dataSource.query(
      `INSERT INTO hotel_reservation (organization_id, number, guest_id, room_id, check_in, check_out, status, room_type_id, adults, rate, channel) VALUES ${chunk.map((_r, j) => `(${Array.from({ length: 8 }, (_x, k) => `$${j * 8 + k + 1}`).join(', ')}, 1, 100, 'direct')`).join(', ')}`,
      chunk.flat(),
    );
  }
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createHotelWorld(runtime);
  other = await createHotelWorld(runtime);
  await fillStays(w, 3000);
  await fillStays(other, 3000);
  await runtime.dataSource.query('ANALYZE hotel_reservation');
}, 120_000);
afterAll(async () => {
  await runtime?.dispose();
});

describe('the calendar range query', () => {
  it('is answered by the span index (organization_id, daterange(check_in, check_out))', async () => {
    // What reaches PostgreSQL (the data layer runs its reads inside its own transactions).
    const captured = await statementsSent((sql) => sql.includes('&& daterange'), async () => {
      const records = await w.as('hotel.front_desk');
      const found = await records.find('hotel.reservation', { overlaps: { start: 'check_in', end: 'check_out', from: day(-60), to: day(-30) }, limit: 1000 });
      expect(found.length).toBeGreaterThan(20);
      expect(found.every((r) => String(r.check_in) < day(-30) && String(r.check_out) > day(-60))).toBe(true);
    });
    expect(captured).toHaveLength(1);
    const [{ 'QUERY PLAN': plan }] = (await runtime.dataSource.query(`EXPLAIN (FORMAT JSON) ${captured[0].sql}`, captured[0].params)) as { 'QUERY PLAN': unknown }[];
    const text = JSON.stringify(plan);
    expect(text).toContain('"Index Name":"IDX_hotel_reservation_span_check_in_check_out"');
    expect(text).not.toContain('"Node Type":"Seq Scan"');
  });

  it('the index exists as migrations:generate made it', async () => {
    const [index]: { indexdef: string }[] = await runtime.dataSource.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'IDX_hotel_reservation_span_check_in_check_out'`);
    expect(index.indexdef).toMatch(/USING gist \(organization_id, daterange\(check_in, check_out, '\[\)'::text\)\)/);
  });
});
