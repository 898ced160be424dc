/**
 * checks: rules across the fields of one record (check_out after check_in,
 * 1 ≤ adults ≤ 4) are CHECK constraints in the table and the same rule before
 * the write, reported on the field the check names with its message. A rule
 * over a missing value does not fail (as in SQL: unknown is not false).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
let room: string;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(bookingManifest()) });
  org = await createFixtureOrg(runtime, 'stays', ['desk']);
  desk = await org.as('desk');
  room = String((await desk.create('stays.room', { number: '7' })).id);
}, 60_000);
afterAll(() => runtime?.dispose());

describe('checks across fields', () => {
  it('check_out on or before check_in is a field error on check_out with the declared message', async () => {
    for (const check_out of ['2029-01-05', '2029-01-04']) {
      const err = await errorOf(desk.create(RESERVATION, { room, check_in: '2029-01-05', check_out }));
      expect((err as RecordValidationError).fieldErrors).toEqual({ check_out: { message: 'must be after the check-in day', type: 'check' } });
    }
  });

  it('both checks report on their own fields at once', async () => {
    const err = await errorOf(desk.create(RESERVATION, { room, check_in: '2029-01-05', check_out: '2029-01-01', adults: 9 }));
    expect(Object.keys((err as RecordValidationError).fieldErrors).sort()).toEqual(['adults', 'check_out']);
  });

  it('an update is checked on the whole record, not only the changed field', async () => {
    const r = await desk.create(RESERVATION, { room, check_in: '2029-02-01', check_out: '2029-02-03' });
    const err = await errorOf(desk.update(RESERVATION, String(r.id), { check_in: '2029-02-03' }));
    expect((err as RecordValidationError).fieldErrors.check_out?.message).toBe('must be after the check-in day');
  });

  it('a missing value does not fail the rule, in memory as in the CHECK', async () => {
    await expect(desk.create(RESERVATION, { room, check_in: '2029-03-01', check_out: '2029-03-02', adults: null })).resolves.toMatchObject({ adults: null });
  });

  it('the table holds the rule as a CHECK: a raw write past the data layer is refused, and the error maps back to the field', async () => {
    const rows: { name: string; def: string }[] = await runtime.dataSource.query(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'stays_reservation'::regclass AND contype = 'c' AND conname LIKE 'CHK_stays_reservation_%' AND conname NOT LIKE '%_status' ORDER BY 1`,
    );
    expect(rows).toEqual([
      { name: 'CHK_stays_reservation_adults_range', def: 'CHECK (((adults >= 1) AND (adults <= 4)))' },
      { name: 'CHK_stays_reservation_check_out_0', def: 'CHECK ((check_out > check_in))' },
    ]);
    const raw = await runtime.dataSource
      .query(`INSERT INTO stays_reservation (organization_id, room_id, check_in, check_out) VALUES ($1, $2, '2029-04-02', '2029-04-01')`, [org.org.id, room])
      .catch((e: unknown) => e);
    expect(raw).toMatchObject({ driverError: { code: '23514', constraint: 'CHK_stays_reservation_check_out_0' } });
    const { mapDatabaseError } = await import('../core/data/db-errors.js');
    const mapped = mapDatabaseError(raw, runtime.registry.entity(RESERVATION)!, runtime.registry, 'create') as RecordValidationError;
    expect(mapped.fieldErrors).toEqual({ check_out: { message: 'must be after the check-in day', type: 'check' } });
  });
});
